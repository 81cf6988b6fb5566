// etcd's v3 JSON gateway, read as etcdctl would: the answers' shapes (ids as
// exact uint64 strings, fields at their default left out), then a real
// 3-member etcd on 127.0.0.1 — every endpoint's status and the member list
// compared with what the real etcdctl prints for the same cluster, and a
// member that is killed said as what it is while the others still answer.

#include "EtcdTestCluster.h"
#include "StrataTestMain.h"

#include "etcd/EtcdGateway.h"
#include "etcd/EtcdctlParser.h"

#include <QProcess>
#include <QSet>
#include <QStandardPaths>

using namespace strata;

namespace {
EtcdEndpoint plain(const QString &url)
{
    EtcdEndpoint e;
    e.url = url;
    return e;
}
} // namespace

class TestEtcdGateway : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersAreReadExactly()
    {
        // A member id above 2^63 (a double would round it), int64s as strings,
        // isLearner and errors left out at their defaults.
        const QByteArray body
            = R"({"header":{"cluster_id":"324952591200643719","member_id":"10276657743932975437","revision":"5",)"
              R"("raft_term":"3"},"version":"3.4.23","dbSize":"20480","leader":"10276657743932975437",)"
              R"("raftIndex":"9","raftTerm":"3","raftAppliedIndex":"9","dbSizeInUse":"16384"})";
        QString error;
        const auto s = EtcdGateway::parseStatus(body, QStringLiteral("http://e:2379"), &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->memberId, Q_UINT64_C(10276657743932975437));
        QCOMPARE(s->memberIdHex, QStringLiteral("8e9e05c52164694d"));
        QVERIFY(s->isLeader);
        QVERIFY(!s->isLearner);
        QCOMPARE(s->raftTerm, 3u);
        QCOMPARE(s->dbSizeBytes, 20480u);
        QCOMPARE(*s->dbSizeInUseBytes, 16384u);
        QCOMPARE(*s->revision, 5);
        QVERIFY(s->errors.isEmpty());
        QVERIFY(!EtcdGateway::parseStatus("<html>", QStringLiteral("http://e:2379"), &error));
        QVERIFY(error.contains(QLatin1String("not an etcd status answer")));

        const auto members = EtcdGateway::parseMemberList(
            R"({"header":{"cluster_id":"1"},"members":[{"ID":"10276657743932975437","name":"a",)"
            R"("peerURLs":["http://127.0.0.1:2380"],"clientURLs":["http://127.0.0.1:2379"]},{"ID":"7","peerURLs":["x"]}]})",
            &error);
        QVERIFY(members);
        QCOMPARE(members->size(), 2);
        QCOMPARE(members->at(0).idHex, QStringLiteral("8e9e05c52164694d"));
        QCOMPARE(members->at(0).status, QStringLiteral("started"));
        QCOMPARE(members->at(1).status, QStringLiteral("unstarted")); // no name: never started, as etcdctl says
    }

    void aRealClusterAsEtcdctlSeesIt()
    {
        const QString etcdctl = QStandardPaths::findExecutable(QStringLiteral("etcdctl"));
        if (QStandardPaths::findExecutable(QStringLiteral("etcd")).isEmpty() || etcdctl.isEmpty())
            QSKIP("etcd-server or etcd-client is not installed (scripts/install-deps.sh installs them)");
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));

        QList<EtcdEndpointStatus> statuses;
        for (const QString &url : cluster.clientUrls()) {
            statuses.append(EtcdGateway::status(plain(url), &error));
            QVERIFY2(statuses.last().errors.isEmpty(), qPrintable(statuses.last().errors.join(QLatin1Char(';'))));
        }
        const QList<EtcdMember> members = EtcdGateway::memberList(plain(cluster.clientUrls().first()), &error);
        QCOMPARE(members.size(), 3);

        // The oracle: etcdctl endpoint status -w json on the same endpoints, read by Strata's etcdctl parser.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
        p.setProcessEnvironment(env);
        p.start(etcdctl,
            { QStringLiteral("--endpoints=") + cluster.clientUrls().join(QLatin1Char(',')), QStringLiteral("endpoint"),
                QStringLiteral("status"), QStringLiteral("-w"), QStringLiteral("json") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const EtcdctlOutput printed = EtcdctlParser::parse(p.readAllStandardOutput(), QStringLiteral("etcdctl"));
        QCOMPARE(printed.statuses.size(), 3);
        for (const EtcdEndpointStatus &want : printed.statuses) {
            const auto got = std::find_if(statuses.cbegin(), statuses.cend(),
                [&](const EtcdEndpointStatus &s) { return s.endpoint == want.endpoint; });
            QVERIFY2(got != statuses.cend(), qPrintable(want.endpoint));
            QCOMPARE(got->memberIdHex, want.memberIdHex);
            QCOMPARE(got->clusterId, want.clusterId);
            QCOMPARE(got->leaderId, want.leaderId);
            QCOMPARE(got->isLeader, want.isLeader);
            QCOMPARE(got->raftTerm, want.raftTerm); // no election in between: the cluster is idle
            QCOMPARE(got->version, want.version);
        }
        QSet<QString> memberIds, statusIds;
        for (const EtcdMember &m : members)
            memberIds.insert(m.idHex);
        for (const EtcdEndpointStatus &s : statuses)
            statusIds.insert(s.memberIdHex);
        QCOMPARE(memberIds, statusIds);

        // A member killed: its endpoint says why, the others still answer.
        cluster.kill(2);
        const EtcdEndpointStatus down = EtcdGateway::status(plain(cluster.clientUrls().at(2)), &error);
        QVERIFY2(down.errors.join(QLatin1Char(' ')).contains(QLatin1String("connection refused")),
            qPrintable(down.errors.join(QLatin1Char(' '))));
        QVERIFY(EtcdGateway::status(plain(cluster.clientUrls().at(0)), &error).errors.isEmpty());
    }
};

STRATA_TEST_MAIN(TestEtcdGateway)
#include "tst_etcdgateway.moc"
