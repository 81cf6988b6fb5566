// The live etcd source against a real etcd (Debian's etcd-server) on
// 127.0.0.1: one status round of every endpoint (discovered with
// `cluster: true`), the member list, alarms, /metrics, captured into the case
// folder in etcdctl's shapes and analysed by the same importer and rules as
// pasted etcdctl output — checked against what the real etcdctl prints for the
// same cluster, and against the capture re-opened offline. Then what goes
// wrong: a member killed, TLS with client certificates and the wrong CA, no
// capture offline.

#include "EtcdTestCluster.h"
#include "EtcdTestSupport.h"
#include "StrataTestMain.h"
#include "TestCertificates.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"
#include "plan/CommandPlanner.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;
using namespace EtcdTestSupport;

namespace {

QByteArray yamlList(const QStringList &items)
{
    return "[" + items.join(QStringLiteral(", ")).toUtf8() + "]";
}

AnalysisResult analyze(const CaseFile &c, bool offline = false, const QProcessEnvironment &env = {})
{
    AnalyzeOptions options;
    options.offline = offline;
    options.etcd.environment = env; // the test's own: nothing from the machine's ETCDCTL_*
    return Analyzer::analyze(c, nullptr, {}, options);
}

// Each member as the endpoint table shows it, in id order.
QStringList members(const AnalysisResult &r, bool withIndex)
{
    QStringList out;
    for (const EtcdMemberSummary &m : r.etcdMembers)
        out.append(QStringLiteral("%1 %2 %3 status=%4 leader=%5 term=%6 version=%7%8")
                       .arg(m.id, m.name, m.endpoint)
                       .arg(m.hasStatus)
                       .arg(m.isLeader)
                       .arg(m.raftTerm)
                       .arg(m.version)
                       .arg(withIndex ? QStringLiteral(" index=%1 applied=%2").arg(m.raftIndex).arg(m.raftAppliedIndex)
                                      : QString()));
    out.sort();
    return out;
}

// A plan's command run as an engineer pastes it: by a shell, from the case's
// folder, etcdctl speaking API v3. Its exit code, and what it printed.
int runPasted(const QString &command, const QString &folder, QByteArray *output)
{
    QProcess sh;
    sh.setWorkingDirectory(folder);
    sh.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("ETCDCTL_")) && name != QLatin1String("ETCDCTL_API"))
            env.remove(name); // only what the command says
    }
    sh.setProcessEnvironment(env);
    sh.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), command });
    if (!sh.waitForFinished(60000))
        return -1;
    *output = sh.readAll();
    return sh.exitCode();
}

QStringList findingIds(const AnalysisResult &r)
{
    QStringList out;
    for (const Finding &f : r.findings)
        out.append(f.id);
    out.sort();
    return out;
}

QString problems(const AnalysisResult &r)
{
    QStringList out;
    for (const AnalysisProblem &p : r.completeness.problems)
        out.append(p.source + QStringLiteral(": ") + p.reason);
    return out.join(QLatin1Char('\n'));
}

int captureCount(const CaseFile &c)
{
    return QDir(EtcdCapture::capturesRoot(c)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
}

} // namespace

class TestEtcdCapture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void liveReadsAgreeWithEtcdctlAndWithTheCaptureOffline()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;

        // One endpoint named; cluster: true finds the other two as etcdctl --cluster does.
        const CaseFile live = caseAt(dir.filePath(QStringLiteral("live.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().first().toUtf8()
                + "]\n    cluster: true\n");
        const AnalysisResult read = analyze(live);
        QVERIFY(read.etcdCapture);
        QCOMPARE(read.etcdCapture->endpoints.size(), 3);
        for (const CapturedEndpoint &e : read.etcdCapture->endpoints) {
            QVERIFY2(e.reachable, qPrintable(e.url + QStringLiteral(": ") + e.error));
            QVERIFY(cluster.clientUrls().contains(e.url));
            QCOMPARE(e.discovered, e.url != cluster.clientUrls().first());
            QVERIFY(!e.metricsFile.isEmpty());
        }
        QVERIFY2(read.completeness.isComplete(), qPrintable(problems(read)));
        const QStringList liveMembers = members(read, false);
        QCOMPARE(liveMembers.size(), 3);
        QCOMPARE(liveMembers.filter(QStringLiteral("leader=1")).size(), 1);
        QCOMPARE(liveMembers.filter(QStringLiteral("status=1")).size(), 3);
        for (const EtcdMemberSummary &m : read.etcdMembers) {
            QVERIFY(m.name.startsWith(QLatin1String("member-"))); // the member list's names joined to the statuses
            QVERIFY(m.latencyMs >= 0);
            QVERIFY(m.revision.has_value());
        }
        // The 3.4 gateway has no HashKV: said as a note, not a failure.
        QVERIFY2(
            read.etcdCapture->hashNote.contains(QStringLiteral("etcd ≥ 3.5")), qPrintable(read.etcdCapture->hashNote));
        // /metrics of every member went through the Prometheus reader.
        int hasLeader = 0;
        for (const MetricValue &m : read.metrics)
            hasLeader += m.name == QLatin1String("etcd_server_has_leader") ? 1 : 0;
        QCOMPARE(hasLeader, 3);
        // What was written is etcdctl's shape.
        const QString folder = read.etcdCapture->folder;
        QVERIFY(readFile(folder + QStringLiteral("/endpoint-status.txt")).contains("\"Endpoint\""));
        QVERIFY(readFile(folder + QStringLiteral("/member-list.json")).contains("\"peerURLs\""));

        // The oracle: what the real etcdctl prints for the same cluster, imported as pasted evidence.
        const QString all = QStringLiteral("--endpoints=") + cluster.clientUrls().join(QLatin1Char(','));
        writeFile(dir.filePath(QStringLiteral("status.json")),
            etcdctl({ all, QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"),
                QStringLiteral("json") }));
        writeFile(dir.filePath(QStringLiteral("members.json")),
            etcdctl({ all, QStringLiteral("member"), QStringLiteral("list"), QStringLiteral("-w"),
                QStringLiteral("json") }));
        const CaseFile pasted = caseAt(dir.filePath(QStringLiteral("pasted.yaml")),
            "strata: 1\nevidence:\n  - path: status.json\n  - path: members.json\n");
        const AnalysisResult fromFiles = analyze(pasted);
        QCOMPARE(members(fromFiles, false), liveMembers);
        QCOMPARE(findingIds(fromFiles), findingIds(read));

        // Offline: the capture just made, nothing read again, the same analysis to the index.
        const int before = captureCount(live);
        const AnalysisResult offline = analyze(live, true);
        QCOMPARE(captureCount(live), before);
        QVERIFY(offline.etcdCapture);
        QCOMPARE(offline.etcdCapture->folder, read.etcdCapture->folder);
        QCOMPARE(members(offline, true), members(read, true));
        QCOMPARE(findingIds(offline), findingIds(read));
        QVERIFY(offline.completeness.isComplete());
    }

    void anUnstartedMemberIsNamedAndTheAnalysisIsIncomplete()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        // Without the strict check etcd takes a new member at once instead of after 5 s of quorum.
        EtcdTestCluster cluster(
            3, EtcdTestCluster::Security::Plain, { QStringLiteral("--strict-reconfig-check=false") });
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        // Three of four members still make a quorum: the cluster works, one member is only a name.
        const QString unstarted = cluster.addUnstartedMember(&error);
        QVERIFY2(!unstarted.isEmpty(), qPrintable(error));
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().first().toUtf8()
                + "]\n    cluster: true\n    timeout: 2s\n");
        const AnalysisResult r = analyze(c);
        QVERIFY(r.etcdCapture);
        QCOMPARE(r.etcdCapture->endpoints.size(), 3); // the three that publish client URLs
        // Never a smaller, healthy-looking cluster: the fourth member is named and the read incomplete.
        QVERIFY(!r.completeness.isComplete());
        QVERIFY2(problems(r).contains(unstarted) && problems(r).contains(QLatin1String("not started")),
            qPrintable(problems(r)));
        // Offline the same capture says the same.
        const AnalysisResult offline = analyze(c, true);
        QVERIFY(!offline.completeness.isComplete());
        QVERIFY2(problems(offline).contains(unstarted), qPrintable(problems(offline)));
    }

    void aKilledMemberIsItsOwnRowAndTheAnalysisIsIncomplete()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: " + yamlList(cluster.clientUrls()) + "\n    timeout: 2s\n");
        QVERIFY(analyze(c).completeness.isComplete()); // a healthy read first: it must not hide the later one
        cluster.kill(2);
        const QString down = cluster.clientUrls().at(2);
        const AnalysisResult r = analyze(c);
        QVERIFY(r.etcdCapture);
        QCOMPARE(r.etcdCapture->endpoints.size(), 3);
        const CapturedEndpoint &killed = r.etcdCapture->endpoints.at(2);
        QVERIFY(!killed.reachable);
        QVERIFY2(killed.error.contains(QLatin1String("refused")), qPrintable(killed.error));
        QVERIFY(r.etcdCapture->endpoints.at(0).reachable && r.etcdCapture->endpoints.at(1).reachable);
        // Never a false all-clear: incomplete, and the endpoint named.
        QVERIFY(!r.completeness.isComplete());
        QVERIFY2(problems(r).contains(down), qPrintable(problems(r)));
        // etcdctl's own line for it went through the parser to the rules: the member is unhealthy.
        const QByteArray failedLine = "Failed to get the status of endpoint " + down.toUtf8();
        QVERIFY(readFile(r.etcdCapture->folder + QStringLiteral("/endpoint-status.txt")).contains(failedLine));
        QVERIFY(findingIds(r).contains(QStringLiteral("member-unhealthy")));
        QVERIFY(!findingIds(r).contains(QStringLiteral("etcd-consistent")));
        // One finding, for that member only, named by its endpoint and hex id, and why.
        QStringList unhealthy;
        for (const Finding &f : r.findings) {
            if (f.id == QLatin1String("member-unhealthy"))
                unhealthy.append(f.title);
        }
        QCOMPARE(unhealthy.size(), 1);
        QVERIFY2(
            unhealthy.first().contains(down) && unhealthy.first().contains(QStringLiteral("down (connection refused)")),
            qPrintable(unhealthy.first()));
        // The member list still names all three; two of them answered.
        QCOMPARE(r.etcdMembers.size(), 3);
        int answered = 0;
        for (const EtcdMemberSummary &m : r.etcdMembers)
            answered += m.hasStatus ? 1 : 0;
        QCOMPARE(answered, 2);
        // Offline, the newest read is the failed one: still incomplete, the healthy older one not used.
        const AnalysisResult offline = analyze(c, true);
        QVERIFY(!offline.completeness.isComplete());
        QCOMPARE(offline.etcdCapture->folder, r.etcdCapture->folder);
    }

    // A member frozen (SIGSTOP) while the others take writes: its status read
    // times out, and that is one finding naming it, nothing pinned on the
    // others; resumed (SIGCONT), it catches up and the members agree again.
    void aFrozenMemberTimesOutAndCatchesUpWhenResumed()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        const int frozen = cluster.follower();
        const QString frozenUrl = cluster.clientUrls().at(frozen);
        const QString frozenId = cluster.memberId(frozen);
        QVERIFY(!frozenId.isEmpty());
        cluster.freeze(frozen);
        const QString writer = cluster.clientUrls().at(frozen == 0 ? 1 : 0);
        for (int i = 0; i < 200; ++i)
            put(writer, "/frozen-test/" + QByteArray::number(i), "v");
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: " + yamlList(cluster.clientUrls()) + "\n    timeout: 1s\n");
        const AnalysisResult r = analyze(c);
        QVERIFY(!r.completeness.isComplete());
        QList<const Finding *> unhealthy;
        for (const Finding &f : r.findings) {
            if (f.id == QLatin1String("member-unhealthy"))
                unhealthy.append(&f);
            QVERIFY2(f.id != QLatin1String("etcd-consistent"), qPrintable(f.title));
        }
        QCOMPARE(unhealthy.size(), 1);
        const Finding *f = unhealthy.first();
        QVERIFY2(f->title.contains(frozenUrl) && f->title.contains(frozenId)
                && f->title.contains(QStringLiteral("not answering in time")),
            qPrintable(f->title));
        for (const QString &url : cluster.clientUrls()) {
            if (url == frozenUrl)
                continue;
            QVERIFY2(!f->title.contains(url), qPrintable(f->title));
            for (const EvidenceRef &e : f->evidence)
                QVERIFY2(!e.quote.contains(url), qPrintable(e.quote));
        }
        QCOMPARE(f->endpoints, QStringList { frozenUrl });

        // What the real etcdctl prints meanwhile (tables and JSON, its errors
        // included), pasted as evidence: the same one member, by endpoint and id.
        const QStringList endpoints { QStringLiteral("--endpoints=") + cluster.clientUrls().join(QLatin1Char(',')),
            QStringLiteral("--dial-timeout=1s"), QStringLiteral("--command-timeout=2s") };
        QByteArray evidence;
        int n = 0;
        for (const QStringList &command : { QStringList { QStringLiteral("endpoint"), QStringLiteral("status"),
                                                QStringLiteral("-w"), QStringLiteral("table") },
                 QStringList { QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"),
                     QStringLiteral("json") },
                 QStringList { QStringLiteral("endpoint"), QStringLiteral("health"), QStringLiteral("-w"),
                     QStringLiteral("table") },
                 QStringList { QStringLiteral("member"), QStringLiteral("list"), QStringLiteral("-w"),
                     QStringLiteral("table") } }) {
            const QString file = QStringLiteral("etcdctl-%1.txt").arg(++n);
            writeFile(dir.filePath(file),
                "$ etcdctl " + (endpoints + command).join(QLatin1Char(' ')).toUtf8() + "\n"
                    + etcdctl(endpoints + command, true));
            evidence += "  - path: " + file.toUtf8() + "\n";
        }
        const CaseFile pasted
            = caseAt(dir.filePath(QStringLiteral("pasted.yaml")), "strata: 1\nevidence:\n" + evidence);
        const AnalysisResult fromEtcdctl = analyze(pasted, true);
        QStringList pastedUnhealthy;
        for (const Finding &g : fromEtcdctl.findings) {
            if (g.id == QLatin1String("member-unhealthy"))
                pastedUnhealthy.append(g.title);
        }
        QCOMPARE(pastedUnhealthy.size(), 1);
        QVERIFY2(pastedUnhealthy.first().contains(frozenUrl) && pastedUnhealthy.first().contains(frozenId),
            qPrintable(pastedUnhealthy.first()));

        cluster.resume(frozen);
        QTRY_VERIFY_WITH_TIMEOUT(findingIds(analyze(c)).contains(QStringLiteral("etcd-consistent")), 30000);
    }

    // A real NOSPACE: a small quota filled through the gateway. The alarm is
    // one finding for its type, naming the members that raised it by
    // endpoint and hex id, and saying what it means for writes.
    void aNospaceAlarmIsOneFindingNamingItsMembers()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(
            3, EtcdTestCluster::Security::Plain, { QStringLiteral("--quota-backend-bytes=262144") });
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        EtcdEndpoint endpoint;
        endpoint.url = cluster.clientUrls().first();
        const QByteArray value(4096, 'x');
        bool full = false;
        for (int i = 0; i < 2000 && !full; ++i) {
            const QByteArray body = "{\"key\":\"" + QByteArray("/fill/" + QByteArray::number(i)).toBase64()
                + "\",\"value\":\"" + value.toBase64() + "\"}";
            const EtcdGatewayResponse r = EtcdGateway::post(endpoint, QStringLiteral("/v3/kv/put"), body);
            full = !r.ok() && r.failure(endpoint.url).contains(QStringLiteral("space exceeded"));
        }
        QVERIFY2(full, "the quota was never reached");
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().first().toUtf8()
                + "]\n    cluster: true\n");
        const AnalysisResult r = analyze(c);
        QStringList alarms;
        const Finding *alarm = nullptr;
        for (const Finding &f : r.findings) {
            if (f.id == QLatin1String("etcd-alarm")) {
                alarms.append(f.title);
                alarm = &f;
            }
            QVERIFY2(f.id != QLatin1String("etcd-consistent"), qPrintable(f.title));
        }
        QCOMPARE(alarms.size(), 1);
        QCOMPARE(alarm->severity, Severity::Critical);
        QVERIFY2(alarm->title.startsWith(QStringLiteral("etcd alarm NOSPACE raised by ")), qPrintable(alarm->title));
        // Every member named in it is a member of this cluster, by its hex id.
        int named = 0;
        for (int member = 0; member < 3; ++member)
            named += alarm->title.contains(cluster.memberId(member)) ? 1 : 0;
        QVERIFY2(named >= 1, qPrintable(alarm->title));
        QVERIFY(alarm->detail.contains(QStringLiteral("database space exceeded")));

        // The plan's commands, run for real in their order: the checks show the
        // alarm; compact, defragment and disarm clear it.
        QList<PlanCommand> commands;
        for (const Proposal &p : r.proposals) {
            if (p.findings.contains(QStringLiteral("etcd-alarm:etcd cluster")))
                commands += p.commands;
        }
        QStringList verbs;
        for (const PlanCommand &step : std::as_const(commands)) {
            QVERIFY2(step.command.startsWith(QStringLiteral("etcdctl --endpoints=")), qPrintable(step.command));
            QVERIFY2(!step.command.contains(QLatin1Char('<')), qPrintable(step.command)); // nothing left to fill in
            QByteArray out;
            QCOMPARE(runPasted(step.command, dir.path(), &out), 0);
            if (step.command.endsWith(QStringLiteral(" alarm list")))
                QVERIFY2(out.contains("alarm:NOSPACE"), out.constData());
            verbs.append(step.command.section(QLatin1Char(' '), 2, 2));
        }
        QVERIFY2(verbs.contains(QStringLiteral("compact")) && verbs.contains(QStringLiteral("defrag"))
                && verbs.last() == QStringLiteral("alarm"),
            qPrintable(verbs.join(QLatin1Char(' '))));
        QCOMPARE(etcdctl({ QStringLiteral("--endpoints=") + cluster.clientUrls().join(QLatin1Char(',')),
                             QStringLiteral("alarm"), QStringLiteral("list") })
                     .trimmed(),
            QByteArray());
    }

    void mutualTlsWithTheRightAndTheWrongCertificates()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3, EtcdTestCluster::Security::MutualTls);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QByteArray endpoints = yamlList(cluster.clientUrls());
        const CaseFile good = caseAt(dir.filePath(QStringLiteral("good.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: " + endpoints + "\n    cacert: " + cluster.caFile().toUtf8()
                + "\n    cert: " + cluster.certFile().toUtf8() + "\n    key: " + cluster.keyFile().toUtf8() + "\n");
        const AnalysisResult ok = analyze(good);
        QVERIFY2(ok.completeness.isComplete(), qPrintable(problems(ok)));
        QCOMPARE(members(ok, false).filter(QStringLiteral("status=1")).size(), 3);
        // A plan for this cluster names its TLS files: the real etcdctl reads every member with them.
        QList<Finding> asked(1);
        asked[0].id = QStringLiteral("no-leader");
        asked[0].resource = QStringLiteral("etcd cluster");
        asked[0].checks = { QStringLiteral("check") };
        CommandPlanner::annotate(asked, {}, ok.etcdMembers, CommandContext::from(good, {}, ok.etcdMembers));
        QVERIFY(!asked[0].checkCommands.isEmpty());
        for (const PlanCommand &c : std::as_const(asked[0].checkCommands)) {
            QVERIFY2(c.command.contains(QStringLiteral("--cacert=") + cluster.caFile()), qPrintable(c.command));
            QByteArray out;
            QCOMPARE(runPasted(c.command, dir.path(), &out), 0);
            for (const QString &url : cluster.clientUrls())
                QVERIFY2(out.contains(url.toUtf8()), out.constData());
        }

        // Another CA: the servers' certificates are not trusted — said per endpoint, never read anyway.
        QTemporaryDir other;
        QVERIFY2(TestCertificates::make(other.path(), &error), qPrintable(error));
        const CaseFile wrongCa = caseAt(dir.filePath(QStringLiteral("wrong-ca.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: " + endpoints
                + "\n    cacert: " + other.filePath(QStringLiteral("ca.crt")).toUtf8()
                + "\n    cert: " + cluster.certFile().toUtf8() + "\n    key: " + cluster.keyFile().toUtf8() + "\n");
        const AnalysisResult untrusted = analyze(wrongCa);
        QVERIFY(!untrusted.completeness.isComplete());
        for (const CapturedEndpoint &e : untrusted.etcdCapture->endpoints) {
            QVERIFY(!e.reachable);
            QVERIFY2(e.error.contains(QLatin1String("TLS")) || e.error.contains(QLatin1String("certificate")),
                qPrintable(e.error));
        }
        QVERIFY(untrusted.etcdMembers.isEmpty() || !untrusted.etcdMembers.first().hasStatus);

        // No client certificate: the server refuses the handshake.
        const CaseFile anonymous = caseAt(dir.filePath(QStringLiteral("anonymous.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: " + endpoints + "\n    cacert: " + cluster.caFile().toUtf8()
                + "\n");
        const AnalysisResult refused = analyze(anonymous);
        QVERIFY(!refused.completeness.isComplete());
        for (const CapturedEndpoint &e : refused.etcdCapture->endpoints)
            QVERIFY2(!e.reachable && !e.error.isEmpty(), qPrintable(e.url));
    }

    void etcdctlsEnvironmentFillsWhatTheCaseLeavesOut()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(1);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")), "strata: 1\nsources:\n  etcd:\n");
        QProcessEnvironment env;
        // Without a scheme, as etcdctl takes it: http without TLS files.
        env.insert(QStringLiteral("ETCDCTL_ENDPOINTS"), cluster.clientUrls().first().section(QStringLiteral("://"), 1));
        const AnalysisResult r = analyze(c, false, env);
        QVERIFY(r.etcdCapture);
        QCOMPARE(r.etcdCapture->configured, cluster.clientUrls());
        QVERIFY2(r.completeness.isComplete(), qPrintable(problems(r)));
        QCOMPARE(r.etcdMembers.size(), 1);
        QVERIFY(r.etcdMembers.first().isLeader);
        // Neither the case nor the environment: nothing to read, said.
        const AnalysisResult none = analyze(c, false, QProcessEnvironment());
        QVERIFY(!none.completeness.isComplete());
        QVERIFY2(problems(none).contains(QLatin1String("ETCDCTL_ENDPOINTS")), qPrintable(problems(none)));
    }

    void offlineWithoutACaptureIsIncompleteAndReadsNothing()
    {
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd: {endpoints: [http://127.0.0.1:9]}\n");
        const AnalysisResult r = analyze(c, true);
        QVERIFY(!r.etcdCapture);
        QCOMPARE(captureCount(c), 0);
        QVERIFY(!r.completeness.isComplete());
        QVERIFY2(problems(r).contains(QLatin1String("without --offline")), qPrintable(problems(r)));
    }
};

STRATA_TEST_MAIN(TestEtcdCapture)
#include "tst_etcdcapture.moc"
