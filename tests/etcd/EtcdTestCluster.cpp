#include "EtcdTestCluster.h"

#include <QDeadlineTimer>
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

EtcdTestCluster::EtcdTestCluster(int members)
    : m_members(members)
{
}

EtcdTestCluster::~EtcdTestCluster()
{
    for (const auto &p : m_processes) {
        p->kill();
        p->waitForFinished(5000);
    }
}

void EtcdTestCluster::kill(int member)
{
    m_processes.at(member)->kill();
    m_processes.at(member)->waitForFinished(5000);
}

bool EtcdTestCluster::start(QString *error)
{
    const QString etcd = QStandardPaths::findExecutable(QStringLiteral("etcd"));
    if (etcd.isEmpty()) {
        *error = QStringLiteral("etcd is not installed (Debian: etcd-server; scripts/install-deps.sh installs it)");
        return false;
    }
    QStringList names, peers;
    for (int i = 0; i < m_members; ++i) {
        names.append(QStringLiteral("member-%1").arg(i));
        peers.append(QStringLiteral("http://127.0.0.1:%1").arg(freePort()));
        m_clientUrls.append(QStringLiteral("http://127.0.0.1:%1").arg(freePort()));
    }
    QStringList initial;
    for (int i = 0; i < m_members; ++i)
        initial.append(names.at(i) + QLatin1Char('=') + peers.at(i));
    for (int i = 0; i < m_members; ++i) {
        auto p = std::make_shared<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(m_dir.filePath(names.at(i) + QStringLiteral(".log")));
        p->start(etcd,
            { QStringLiteral("--name=") + names.at(i), QStringLiteral("--data-dir=") + m_dir.filePath(names.at(i)),
                QStringLiteral("--listen-client-urls=") + m_clientUrls.at(i),
                QStringLiteral("--advertise-client-urls=") + m_clientUrls.at(i),
                QStringLiteral("--listen-peer-urls=") + peers.at(i),
                QStringLiteral("--initial-advertise-peer-urls=") + peers.at(i),
                QStringLiteral("--initial-cluster=") + initial.join(QLatin1Char(',')),
                QStringLiteral("--initial-cluster-state=new"), QStringLiteral("--initial-cluster-token=strata-test"),
                QStringLiteral("--heartbeat-interval=50"), QStringLiteral("--election-timeout=500") });
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
            { QStringLiteral("--endpoints=") + m_clientUrls.join(QLatin1Char(',')), QStringLiteral("endpoint"),
                QStringLiteral("health") });
        if (health.waitForFinished(10000) && health.exitCode() == 0)
            return true;
        QThread::msleep(100); // polling a condition, not timing anything
    }
    *error = QStringLiteral("the etcd cluster did not become healthy within 60 s");
    return false;
}
