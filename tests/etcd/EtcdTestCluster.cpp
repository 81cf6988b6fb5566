#include "EtcdTestCluster.h"

#include <signal.h>

#include "TestCertificates.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace {

// A port nobody listens on now (taken from the system, then released).
quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

} // namespace

EtcdTestCluster::EtcdTestCluster(int members, Security security, const QStringList &extraFlags)
    : m_members(members)
    , m_security(security)
    , m_extraFlags(extraFlags)
{
}

QStringList EtcdTestCluster::etcdctlFlags() const
{
    if (m_security == Security::Plain)
        return {};
    return { QStringLiteral("--cacert=") + caFile(), QStringLiteral("--cert=") + certFile(),
        QStringLiteral("--key=") + keyFile() };
}

EtcdTestCluster::~EtcdTestCluster()
{
    for (const auto &p : m_processes) {
        p->kill();
        p->waitForFinished(5000);
    }
}

QProcessEnvironment EtcdTestCluster::etcdctlEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    return env;
}

QStringList EtcdTestCluster::statusFields(int member) const
{
    QProcess status;
    status.setProcessEnvironment(etcdctlEnvironment());
    status.start(QStringLiteral("etcdctl"),
        QStringList { QStringLiteral("--endpoints=") + m_clientUrls.at(member), QStringLiteral("endpoint"),
            QStringLiteral("status"), QStringLiteral("-w"), QStringLiteral("simple") }
            + etcdctlFlags());
    if (!status.waitForFinished(10000))
        return {};
    // "url, id, version, db size, is leader, is learner, term, index, applied, errors"
    return QString::fromUtf8(status.readAllStandardOutput()).trimmed().split(QStringLiteral(", "));
}

QString EtcdTestCluster::memberId(int member) const
{
    return statusFields(member).value(1).trimmed();
}

int EtcdTestCluster::leader() const
{
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        for (int i = 0; i < m_clientUrls.size(); ++i) {
            if (statusFields(i).value(4).trimmed() == QLatin1String("true"))
                return i;
        }
        QThread::msleep(100); // polling a condition, not timing anything
    }
    return -1;
}

bool EtcdTestCluster::moveLeader(int member, QString *error) const
{
    const int from = leader();
    const QString target = memberId(member);
    if (from < 0 || target.isEmpty()) {
        *error = QStringLiteral("no leader, or member %1 does not answer").arg(member);
        return false;
    }
    QProcess move;
    move.setProcessEnvironment(etcdctlEnvironment());
    move.start(QStringLiteral("etcdctl"),
        QStringList { QStringLiteral("--endpoints=") + m_clientUrls.at(from), QStringLiteral("move-leader"), target }
            + etcdctlFlags());
    if (!move.waitForFinished(30000) || move.exitCode() != 0) {
        *error = QStringLiteral("etcdctl move-leader: %1").arg(QString::fromUtf8(move.readAllStandardError()));
        return false;
    }
    return true;
}

QString EtcdTestCluster::addUnstartedMember(QString *error) const
{
    QProcess add;
    add.setProcessEnvironment(etcdctlEnvironment());
    add.start(QStringLiteral("etcdctl"),
        QStringList { QStringLiteral("--endpoints=") + m_clientUrls.first(), QStringLiteral("member"),
            QStringLiteral("add"), QStringLiteral("never-started"),
            QStringLiteral("--peer-urls=http://127.0.0.1:%1").arg(freePort()) }
            + etcdctlFlags());
    const QString out = add.waitForFinished(30000) ? QString::fromUtf8(add.readAllStandardOutput()) : QString();
    // "Member 5c4f3d8f1a2b3c4d added to cluster …", the id space-padded to 16 (etcdctl prints %16x)
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Member +([0-9a-f]+) added")).match(out);
    if (add.exitCode() != 0 || !m.hasMatch()) {
        *error = QStringLiteral("etcdctl member add: %1%2").arg(out, QString::fromUtf8(add.readAllStandardError()));
        return {};
    }
    return m.captured(1);
}

int EtcdTestCluster::follower() const
{
    const int lead = leader();
    return lead == m_members - 1 ? 0 : m_members - 1;
}

void EtcdTestCluster::kill(int member)
{
    m_processes.at(member)->kill();
    m_processes.at(member)->waitForFinished(5000);
}

void EtcdTestCluster::freeze(int member)
{
    ::kill(pid_t(m_processes.at(member)->processId()), SIGSTOP);
}

void EtcdTestCluster::resume(int member)
{
    ::kill(pid_t(m_processes.at(member)->processId()), SIGCONT);
}

bool EtcdTestCluster::everyMemberPublished() const
{
    for (const QString &url : m_clientUrls) {
        QProcess list;
        list.setProcessEnvironment(etcdctlEnvironment());
        list.start(QStringLiteral("etcdctl"),
            QStringList { QStringLiteral("--endpoints=") + url, QStringLiteral("member"), QStringLiteral("list"),
                QStringLiteral("-w"), QStringLiteral("json") }
                + etcdctlFlags());
        if (!list.waitForFinished(10000) || list.exitCode() != 0)
            return false;
        const QJsonArray members
            = QJsonDocument::fromJson(list.readAllStandardOutput()).object().value(QStringLiteral("members")).toArray();
        if (members.size() != m_members)
            return false;
        for (const QJsonValue &m : members) {
            if (m.toObject().value(QStringLiteral("clientURLs")).toArray().isEmpty())
                return false;
        }
    }
    return true;
}

bool EtcdTestCluster::start(QString *error)
{
    const QString etcd = QStandardPaths::findExecutable(QStringLiteral("etcd"));
    if (etcd.isEmpty()) {
        *error = QStringLiteral("etcd is not installed (Debian: etcd-server; scripts/install-deps.sh installs it)");
        return false;
    }
    const bool tls = m_security == Security::MutualTls;
    if (tls && !TestCertificates::make(m_dir.path(), error))
        return false;
    QStringList names, peers;
    for (int i = 0; i < m_members; ++i) {
        names.append(QStringLiteral("member-%1").arg(i));
        peers.append(QStringLiteral("http://127.0.0.1:%1").arg(freePort()));
        m_clientUrls.append(QStringLiteral("%1://127.0.0.1:%2")
                                .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                                .arg(freePort()));
    }
    const QStringList tlsFlags = tls
        ? QStringList { QStringLiteral("--cert-file=") + m_dir.filePath(QStringLiteral("server.crt")),
              QStringLiteral("--key-file=") + m_dir.filePath(QStringLiteral("server.key")),
              QStringLiteral("--trusted-ca-file=") + caFile(), QStringLiteral("--client-cert-auth") }
        : QStringList();
    QStringList initial;
    for (int i = 0; i < m_members; ++i)
        initial.append(names.at(i) + QLatin1Char('=') + peers.at(i));
    for (int i = 0; i < m_members; ++i) {
        auto p = std::make_shared<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(m_dir.filePath(names.at(i) + QStringLiteral(".log")));
        p->start(etcd,
            QStringList { QStringLiteral("--name=") + names.at(i),
                QStringLiteral("--data-dir=") + m_dir.filePath(names.at(i)),
                QStringLiteral("--listen-client-urls=") + m_clientUrls.at(i),
                QStringLiteral("--advertise-client-urls=") + m_clientUrls.at(i),
                QStringLiteral("--listen-peer-urls=") + peers.at(i),
                QStringLiteral("--initial-advertise-peer-urls=") + peers.at(i),
                QStringLiteral("--initial-cluster=") + initial.join(QLatin1Char(',')),
                QStringLiteral("--initial-cluster-state=new"), QStringLiteral("--initial-cluster-token=strata-test"),
                QStringLiteral("--heartbeat-interval=50"), QStringLiteral("--election-timeout=500") }
                + tlsFlags + m_extraFlags);
        if (!p->waitForStarted(10000)) {
            *error = QStringLiteral("etcd did not start: %1").arg(p->errorString());
            return false;
        }
        m_processes.append(p);
    }
    // Ready when etcdctl says every endpoint is healthy (a leader exists and
    // a proposal commits); bounded, so a broken etcd fails the test instead of hanging it.
    const QString etcdctl = QStandardPaths::findExecutable(QStringLiteral("etcdctl"));
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        for (int i = 0; i < m_members; ++i) {
            if (m_processes.at(i)->state() == QProcess::NotRunning) {
                *error = QStringLiteral("etcd member %1 exited (see %2)")
                             .arg(i)
                             .arg(m_dir.filePath(names.at(i) + QStringLiteral(".log")));
                return false;
            }
        }
        QProcess health;
        health.setProcessEnvironment([] {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
            return env;
        }());
        health.start(etcdctl.isEmpty() ? QStringLiteral("etcdctl") : etcdctl,
            QStringList { QStringLiteral("--endpoints=") + m_clientUrls.join(QLatin1Char(',')),
                QStringLiteral("endpoint"), QStringLiteral("health") }
                + etcdctlFlags());
        if (health.waitForFinished(10000) && health.exitCode() == 0 && everyMemberPublished())
            return true;
        QThread::msleep(100); // polling a condition, not timing anything
    }
    *error = QStringLiteral("the etcd cluster did not become healthy within 60 s");
    return false;
}
