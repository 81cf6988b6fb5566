// etcd recordings: the file format on its own (a torn last line, a bad line
// in the middle, hostile text), then the sampler against a real 3-member
// etcd while leadership is moved with `etcdctl move-leader` and a member is
// killed — the term rises in the recording, the change is one timeline
// event, the dead member's errors are recorded while the others keep
// sampling — and `strata record` stopped by SIGTERM with its file whole.

#include "EtcdTestCluster.h"
#include "EtcdTestSupport.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "etcd/EtcdRecording.h"
#include "evidence/RecordingImport.h"
#include "investigation/Analyzer.h"
#include "live/EtcdSampler.h"
#include "logs/LogParser.h"
#include "rules/EtcdRules.h"
#include "rules/LeaderElections.h"

#include <QDir>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

using namespace strata;
using namespace EtcdTestSupport;

namespace {

EtcdRecording::Reading reading(qint64 time, int endpoint, quint64 term, const QString &leader = QStringLiteral("a1"))
{
    EtcdRecording::Reading r;
    r.timeMs = time;
    r.endpoint = endpoint;
    r.memberIdHex = endpoint == 0 ? QStringLiteral("a1") : QStringLiteral("b2");
    r.raftTerm = term;
    r.raftIndex = 100 + quint64(time);
    r.raftAppliedIndex = 99 + quint64(time);
    r.revision = 7;
    r.leaderIdHex = leader;
    r.dbSizeBytes = 20480;
    r.latencyMs = 3;
    return r;
}

QByteArray header()
{
    return "# strata etcd recording 1\n# started 2026-12-04T10:00:00.000Z every 1000 ms\n"
           "E\t0\thttps://e0:2379\nE\t1\thttps://e1:2379\n";
}

// Waits (bounded) until the sampler has written `n` more samples than `from`.
bool waitForSamples(const EtcdSampler &sampler, qint64 n)
{
    const qint64 target = sampler.samplesWritten() + n;
    QDeadlineTimer deadline(30000);
    while (sampler.samplesWritten() < target && !deadline.hasExpired())
        QThread::msleep(20); // polling a condition, not timing anything
    return sampler.samplesWritten() >= target;
}

} // namespace

class TestEtcdRecording : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aTornLastLineLosesNothingBeforeIt()
    {
        QByteArray bytes = header();
        for (int i = 0; i < 4; ++i)
            bytes += EtcdRecording::line(reading(i, i % 2, 2));
        const QByteArray whole = bytes;
        bytes += EtcdRecording::line(reading(9, 0, 2)).left(20); // the writer died here
        const EtcdRecordingData torn = EtcdRecording::parse(bytes, QStringLiteral("r.tsv"));
        QCOMPARE(torn.samples.size(), size_t(4));
        QCOMPARE(torn.skippedLines, 1);
        QVERIFY(torn.firstSkipped.startsWith(QLatin1String("r.tsv:9: an unfinished last line")));
        QCOMPARE(torn.endpoints.size(), 2);
        QCOMPARE(torn.members, (QStringList { QStringLiteral("a1"), QStringLiteral("b2") }));
        QCOMPARE(torn.samples[3].raftIndex, 103u);
        QCOMPARE(torn.samples[3].applyLag, 1u);
        QCOMPARE(torn.samples[3].dbSizeKiB, 20u);
        QCOMPARE(torn.lines[0], 5);
        QCOMPARE(torn.intervalMs, 1000);
        QCOMPARE(torn.started, QDateTime(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC));
        QCOMPARE(EtcdRecording::parse(whole, QStringLiteral("r.tsv")).skippedLines, 0);

        // A line that is not a sample, in the middle: skipped with its line, the rest read.
        const EtcdRecordingData bad = EtcdRecording::parse(header() + EtcdRecording::line(reading(1, 0, 2))
                + "S\t1\tx\n" + "S\t2\t7\ta1\t2\t1\t1\t1\ta1\t1\t1\t\n" + EtcdRecording::line(reading(2, 1, 2)),
            QStringLiteral("r.tsv"));
        QCOMPARE(bad.samples.size(), size_t(2));
        QCOMPARE(bad.skippedLines, 2); // the short line, and endpoint 7 that the header never named
        // Endpoint lines must number 0, 1, 2 … in order: a file cannot re-point samples at another endpoint.
        const EtcdRecordingData renumbered
            = EtcdRecording::parse("# strata etcd recording 1\n\nE\t1\thttps://evil:2379\nE\t0\thttps://e0:2379\n"
                    + EtcdRecording::line(reading(1, 0, 2)),
                QStringLiteral("r.tsv"));
        QCOMPARE(renumbered.endpoints, QStringList { QStringLiteral("https://e0:2379") });
        QCOMPARE(renumbered.skippedLines, 1);
        QVERIFY2(bad.firstSkipped.startsWith(QLatin1String("r.tsv:6:")), qPrintable(bad.firstSkipped));
    }

    void hostileTextStaysOnOneLine()
    {
        EtcdRecording::Reading r = reading(1, 0, 2);
        r.error = QStringLiteral("refused\n\tS\t9\t0\ta1\t99\r\x1b[31m");
        const QByteArray line = EtcdRecording::line(r);
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(line.endsWith('\n'));
        QVERIFY(!line.contains('\x1b') && !line.contains('\r'));
        const EtcdRecordingData d = EtcdRecording::parse(header() + line, QStringLiteral("r.tsv"));
        QCOMPARE(d.samples.size(), size_t(1));
        QVERIFY(!d.samples[0].answered());
        QVERIFY(d.errors.first().startsWith(QLatin1String("refused")));
    }

    void termChangesAreOneEventPerTermClusterWide()
    {
        QByteArray bytes = header();
        bytes += EtcdRecording::line(reading(1000, 0, 5)); // where the recording starts: not an election
        bytes += EtcdRecording::line(reading(1000, 1, 5));
        bytes += EtcdRecording::line(reading(2000, 0, 6, QStringLiteral("b2"))); // both members see term 6:
        bytes += EtcdRecording::line(reading(2000, 1, 6, QStringLiteral("b2"))); // one change
        EtcdRecording::Reading down = reading(3000, 1, 0);
        down.error = QStringLiteral("connection refused");
        bytes += EtcdRecording::line(down);
        bytes += EtcdRecording::line(reading(3000, 0, 7, QString())); // no leader yet in term 7
        const EtcdRecordingData d = EtcdRecording::parse(bytes, QStringLiteral("r.tsv"));
        const QList<TimelineEvent> events = RecordingImport::events(d, QStringLiteral("r.tsv"));
        QStringList texts;
        for (const TimelineEvent &e : events)
            texts.append(e.text);
        QCOMPARE(texts.size(), 4);
        QCOMPARE(
            texts.at(0), QStringLiteral("raft term 5 → 6: leader b2 (first reported by member a1 at https://e0:2379)"));
        QCOMPARE(events.at(0).field(QStringLiteral("term")), QStringLiteral("6"));
        QCOMPARE(events.at(0).location.line, 7);
        QCOMPARE(events.at(0).time, QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC));
        QCOMPARE(texts.at(1), QStringLiteral("https://e1:2379 stopped answering: connection refused"));
        QVERIFY2(texts.at(2).startsWith(QStringLiteral("raft term 6 → 7: leader none yet")), qPrintable(texts.at(2)));
        QCOMPARE(texts.at(3), QStringLiteral("member a1 at https://e0:2379 has no leader (term 7)"));

        // Two pollers of one tick wrote out of order: the event is at the earlier sample, who saw it first.
        const QByteArray swapped = header() + EtcdRecording::line(reading(1000, 0, 5))
            + EtcdRecording::line(reading(2001, 1, 6, QStringLiteral("b2")))
            + EtcdRecording::line(reading(2000, 0, 6, QStringLiteral("b2")));
        const EtcdRecordingData o = EtcdRecording::parse(swapped, QStringLiteral("r.tsv"));
        QCOMPARE(o.firstMs, 1000);
        QCOMPARE(o.lastMs, 2001);
        const QList<TimelineEvent> first = RecordingImport::events(o, QStringLiteral("r.tsv"));
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.first().time, QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC));
        QVERIFY(first.first().text.contains(QLatin1String("member a1")));
    }

    void samplingARealClusterWhileLeadershipMovesAndAMemberDies()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().first().toUtf8()
                + "]\n    cluster: true\n    sample-every: 250ms\n");
        EtcdSampler sampler(c);
        QVERIFY2(sampler.start(&error), qPrintable(error));
        QCOMPARE(sampler.endpoints().size(), 3); // cluster: true found every member
        QVERIFY(sampler.recordingPath().startsWith(dir.filePath(QStringLiteral("recordings/etcd-"))));
        QVERIFY(waitForSamples(sampler, 6));

        // Leadership moved to a follower: the term goes up by one.
        const int before = cluster.leader();
        const int target = before == 0 ? 1 : 0;
        QVERIFY2(cluster.moveLeader(target, &error), qPrintable(error));
        QVERIFY(waitForSamples(sampler, 9));
        // A member that does not lead now dies mid-sampling; the others keep being sampled.
        const int victim = (target + 1) % 3;
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        cluster.kill(victim);
        QVERIFY(waitForSamples(sampler, 12));
        sampler.stop();
        QVERIFY(sampler.writeError().isEmpty());

        QString readError;
        const auto d = EtcdRecording::read(sampler.recordingPath(), &readError);
        QVERIFY2(d, qPrintable(readError));
        QCOMPARE(d->skippedLines, 0);
        QCOMPARE(d->endpoints.size(), 3);
        QCOMPARE(qint64(d->samples.size()), sampler.samplesWritten());
        // The recording numbers endpoints in member-list order, not the cluster's.
        const qsizetype dead = d->endpoints.indexOf(cluster.clientUrls().at(victim));
        QVERIFY(dead >= 0);
        quint64 firstTerm = 0, lastTerm = 0;
        int victimErrors = 0, othersAfterKill = 0;
        for (const EtcdSample &s : d->samples) {
            if (s.answered()) {
                firstTerm = firstTerm ? firstTerm : s.raftTerm;
                lastTerm = std::max(lastTerm, s.raftTerm);
            }
            if (s.endpoint == dead && !s.answered())
                ++victimErrors;
            if (s.endpoint != dead && s.timeMs > killedAt + 500 && s.answered())
                ++othersAfterKill;
        }
        QCOMPARE(lastTerm, firstTerm + 1);
        QVERIFY(victimErrors >= 2);
        QVERIFY(othersAfterKill >= 2);

        // The analysis reads the recording with the case: one term change, and the dead endpoint said.
        AnalyzeOptions offline;
        offline.offline = true;
        offline.readWhenNoCapture = true; // the one status round the case's sources.etcd asks for
        const AnalysisResult r = Analyzer::analyze(c, nullptr, {}, offline);
        QCOMPARE(r.recordings.size(), 1);
        int termEvents = 0, stopped = 0;
        for (const TimelineEvent &e : r.timeline) {
            termEvents += e.text.startsWith(QLatin1String("raft term ")) ? 1 : 0;
            stopped += e.text.contains(cluster.clientUrls().at(victim) + QStringLiteral(" stopped answering")) ? 1 : 0;
        }
        QCOMPARE(termEvents, 1);
        QCOMPARE(stopped, 1);

        // The members' own logs with the recording: the move is one change
        // however many members logged it, the cluster's first election none,
        // and one change is not churn.
        QList<TimelineEvent> events = r.timeline;
        for (int member = 0; member < 3; ++member) {
            const LogParseResult logged = LogParser::parse(readFile(cluster.logFile(member)), cluster.logFile(member));
            for (const LogEvent &l : logged.events)
                events.append(TimelineEvent { l.time, l.source, l.level, l.message, l.fields, l.location });
        }
        const LeaderElectionCount elections = LeaderElections::count(events);
        QCOMPARE(elections.changes(), 1);
        const LeaderElection &moved = elections.elections.last();
        QCOMPARE(moved.term, lastTerm);
        QSet<QString> files;
        for (const TimelineEvent *line : moved.lines)
            files.insert(line->location.file);
        QVERIFY2(files.size() >= 3, "the new leader, a follower and the recording all said it");
        QVERIFY(elections.elections.first().first);
        for (const Finding &f : EtcdRules::evaluate({}, {}, {}, events))
            QVERIFY2(f.id != QLatin1String("leader-churn"), qPrintable(f.title));
    }

    // Faults of their own: a web server that is not etcd on one endpoint, and
    // a member removed from the cluster mid-sampling (etcd stops it). Each is
    // its endpoint's error, line after line; the other members keep being
    // sampled and nothing recorded is lost.
    void aNonEtcdServerAndAMemberRemovedMidSampling()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(3);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        // The web server answers on its own thread: the test thread blocks in
        // etcdctl below, and a server on it would then look like a timeout.
        QThread webThread;
        webThread.start();
        QTcpServer *web = new QTcpServer;
        web->moveToThread(&webThread);
        bool listening = false;
        QMetaObject::invokeMethod(
            web,
            [web, &listening] {
                listening = web->listen(QHostAddress::LocalHost);
                QObject::connect(web, &QTcpServer::newConnection, web, [web] {
                    while (QTcpSocket *socket = web->nextPendingConnection()) {
                        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                            socket->readAll();
                            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n"
                                          "Connection: close\r\n\r\n<html>a blog</html>\n");
                            socket->disconnectFromHost();
                        });
                        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    }
                });
            },
            Qt::BlockingQueuedConnection);
        const auto stopWeb = qScopeGuard([web, &webThread] {
            QMetaObject::invokeMethod(
                web, [web] { delete web; }, Qt::BlockingQueuedConnection);
            webThread.quit();
            webThread.wait();
        });
        QVERIFY(listening);
        const QString webUrl = QStringLiteral("http://127.0.0.1:%1").arg(web->serverPort());
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [" + cluster.clientUrls().join(QLatin1Char(',')).toUtf8()
                + "," + webUrl.toUtf8() + "]\n    sample-every: 250ms\n");
        EtcdSampler sampler(c);
        QVERIFY2(sampler.start(&error), qPrintable(error));
        QCOMPARE(sampler.endpoints().size(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(sampler.samplesWritten() >= 12, 30000);

        const int removed = cluster.follower();
        const QString removedId = cluster.memberId(removed);
        QVERIFY(!removedId.isEmpty());
        // etcd refuses a reconfiguration until its leader has heard from a
        // quorum for a few seconds ("unhealthy cluster"): asked again until it takes.
        const QString leaderUrl = cluster.clientUrls().at(cluster.leader());
        QString said;
        for (QDeadlineTimer until(30000);
             !said.contains(QStringLiteral("removed from cluster")) && !until.hasExpired();) {
            said = QString::fromUtf8(etcdctl({ QStringLiteral("--endpoints=") + leaderUrl, QStringLiteral("member"),
                                                 QStringLiteral("remove"), removedId },
                true));
            if (!said.contains(QStringLiteral("removed from cluster")))
                QTest::qWait(250);
        }
        QVERIFY2(said.contains(QStringLiteral("removed from cluster")), qPrintable(said));
        const qint64 removedAt = QDateTime::currentMSecsSinceEpoch();
        const qint64 afterRemove = sampler.samplesWritten();
        QTRY_VERIFY_WITH_TIMEOUT(sampler.samplesWritten() >= afterRemove + 64, 30000);
        sampler.stop();
        QVERIFY(sampler.writeError().isEmpty());

        QString readError;
        const auto d = EtcdRecording::read(sampler.recordingPath(), &readError);
        QVERIFY2(d, qPrintable(readError));
        QCOMPARE(d->skippedLines, 0);
        QCOMPARE(qint64(d->samples.size()), sampler.samplesWritten());
        const qsizetype webIndex = d->endpoints.indexOf(webUrl);
        const qsizetype removedIndex = d->endpoints.indexOf(cluster.clientUrls().at(removed));
        QVERIFY(webIndex >= 0 && removedIndex >= 0);
        int webSamples = 0, removedErrors = 0, othersAfter = 0;
        for (const EtcdSample &s : d->samples) {
            if (s.endpoint == webIndex) {
                ++webSamples;
                QVERIFY(!s.answered());
                QVERIFY2(d->errors.at(s.error - 1).contains(QStringLiteral("not an etcd")),
                    qPrintable(d->errors.at(s.error - 1)));
            } else if (s.endpoint == removedIndex && s.timeMs > removedAt + 1500) {
                removedErrors += s.answered() ? 0 : 1;
            } else if (s.endpoint != removedIndex && s.timeMs > removedAt + 1500) {
                othersAfter += s.answered() ? 1 : 0;
            }
        }
        QVERIFY(webSamples >= 6);
        QVERIFY2(removedErrors >= 2, qPrintable(d->errors.join(QLatin1Char('|'))));
        QVERIFY(othersAfter >= 4);
    }

    void strataRecordStopsCleanlyOnSigterm()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        EtcdTestCluster cluster(1);
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.yaml"));
        writeFile(
            casePath, "strata: 1\nsources:\n  etcd: {endpoints: [" + cluster.clientUrls().first().toUtf8() + "]}\n");
        QProcess record;
        record.start(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("record"), casePath, QStringLiteral("--every"), QStringLiteral("250ms") });
        QVERIFY(record.waitForStarted());
        // Running once a few samples are in the file.
        const QString folder = dir.filePath(QStringLiteral("recordings"));
        QDeadlineTimer deadline(60000);
        QString file;
        while (!deadline.hasExpired()) {
            const QStringList files = QDir(folder).entryList({ QStringLiteral("etcd-*.tsv") });
            file = files.isEmpty() ? QString() : QDir(folder).filePath(files.first());
            if (!file.isEmpty() && readFile(file).count("\nS\t") >= 3)
                break;
            QThread::msleep(50); // polling a condition, not timing anything
        }
        QVERIFY(!file.isEmpty());
        record.terminate(); // SIGTERM
        QVERIFY(record.waitForFinished(30000));
        QCOMPARE(record.exitStatus(), QProcess::NormalExit);
        QCOMPARE(record.exitCode(), 0); // every sample answered
        const QByteArray out = record.readAllStandardOutput();
        QVERIFY2(out.contains(" samples of 1 endpoints in "), out.constData());
        const QByteArray bytes = readFile(file);
        QVERIFY(bytes.endsWith('\n')); // whole to its last line
        QCOMPARE(EtcdRecording::parse(bytes, file).skippedLines, 0);
    }
};

STRATA_TEST_MAIN(TestEtcdRecording)
#include "tst_etcdrecording.moc"
