// Log lines: the reference case's wrapper with etcd JSON and klog inside,
// each plain format, year inference for klog, continuation lines, binary and
// huge lines, and the assignment extractor behind app-observed-value.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "logs/Assignment.h"
#include "logs/LogParser.h"
#include "logs/LogTimestamp.h"

#include <QElapsedTimer>
#include <QFile>

using namespace strata;

namespace {

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

} // namespace

class TestLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceCase()
    {
        const QString path = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/events.log");
        const auto result = LogParser::parse(readFile(path), path);
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        QCOMPARE(result.events.size(), 3);

        const LogEvent &etcd = result.events.at(0);
        QCOMPARE(etcd.time, utc("2024-12-15T03:22:14Z"));
        QCOMPARE(etcd.time.timeSpec(), Qt::UTC);
        QVERIFY(!etcd.yearInferred);
        QCOMPARE(etcd.source, QStringLiteral("etcd-1"));
        QCOMPARE(etcd.level, QStringLiteral("warning"));
        QCOMPARE(etcd.message, QStringLiteral("leadership transferred"));
        QCOMPARE(etcd.field(QStringLiteral("term")), QStringLiteral("46"));
        QCOMPARE(etcd.field(QStringLiteral("from")), QStringLiteral("8e9e05c52164694d"));
        QCOMPARE(etcd.field(QStringLiteral("to")), QStringLiteral("3a57933972cb8131"));
        QCOMPARE(etcd.fields.first().first, QStringLiteral("from")); // written order kept
        QCOMPARE(etcd.location, (SourceLocation { path, 1, 1 }));

        const LogEvent &api = result.events.at(1);
        QCOMPARE(api.time, utc("2024-12-15T03:22:18Z")); // the wrapper's time, not klog's
        QVERIFY(!api.yearInferred);
        QCOMPARE(api.source, QStringLiteral("api-server"));
        QCOMPARE(api.level, QStringLiteral("warning"));
        QCOMPARE(api.message, QStringLiteral("Server is becoming the leader, discarding stale reads"));
        QCOMPARE(api.field(QStringLiteral("caller")), QStringLiteral("event.go:364"));
        QCOMPARE(api.location.line, 2);

        const LogEvent &platform = result.events.at(2);
        QCOMPARE(platform.time, utc("2024-12-15T09:45:02Z"));
        QCOMPARE(platform.source, QStringLiteral("platform"));
        QCOMPARE(platform.level, QStringLiteral("info"));
        QVERIFY(platform.message.startsWith(QLatin1String("Feature flag 'enable_new_checkout' = true")));
        const auto assignments = extractAssignments(platform.message);
        QCOMPARE(assignments.size(), 1);
        QCOMPARE(assignments.at(0).key, QStringLiteral("enable_new_checkout"));
        QCOMPARE(assignments.at(0).value, QStringLiteral("true"));
        QVERIFY(assignments.at(0).keyQuoted);
        QCOMPARE(assignments.at(0).offset, platform.message.indexOf(QLatin1Char('\'')));
    }

    // A caller that reads only some fields keeps only those; the rest of the
    // event (time, level, message) is the same.
    void onlyTheFieldsAskedForAreKept()
    {
        const QByteArray line = R"({"level":"warn","ts":"2024-12-15T03:22:14Z","msg":"leadership transferred",)"
                                R"("from":"8e9e","to":"3a57","term":46})"
                                "\n";
        const QSet<QString> keep { QStringLiteral("term") };
        const auto all = LogParser::parse(line, QStringLiteral("l"));
        const auto some = LogParser::parse(line, QStringLiteral("l"), {}, &keep);
        QCOMPARE(all.events.size(), 1);
        QCOMPARE(some.events.size(), 1);
        QCOMPARE(all.events.first().fields.size(), 3);
        QCOMPARE(some.events.first().fields,
            (QList<QPair<QString, QString>> { { QStringLiteral("term"), QStringLiteral("46") } }));
        QCOMPARE(some.events.first().message, all.events.first().message);
        QCOMPARE(some.events.first().time, all.events.first().time);
        QCOMPARE(some.events.first().level, all.events.first().level);
    }

    // A credential in a log line never leaves the parser: the name stays, the value does not.
    // A continuation-looking line that is nothing but a byte-order mark (the
    // fuzzer found it) is an empty line, not a crash; the lines around it stay.
    void aLineOfOnlyAByteOrderMarkIsSkipped()
    {
        const auto r = LogParser::parse(
            "2025-01-01T00:00:05Z level=info msg=one\n\xef\xbb\xbf\n  at frame\n\xef\xbb\xbf", QStringLiteral("l"));
        QCOMPARE(r.events.size(), 1);
        QVERIFY2(r.events.first().message.contains(QLatin1String("at frame")), qPrintable(r.events.first().message));
    }

    void credentialsInLinesAreHidden()
    {
        const QByteArray text = "2024-12-15T03:22:20Z proxy GET /api Authorization: Bearer eyJhbGciOi.payload.sig ok\n"
                                "2024-12-15T03:22:21Z app connecting with password=hunter2 user=ana\n"
                                R"({"ts":"2024-12-15T03:22:22Z","msg":"login","client_secret":"s3cr3t","user":"ana"})"
                                "\n"
                                "2024-12-15T03:22:23Z app token: \"abc def\" and api_key='k-1' then done\n"
                                "2024-12-15T03:22:24Z etcd leadership transferred (term 46)\n"
                                "2024-12-15T03:22:25Z vault wrote -----BEGIN RSA PRIVATE KEY-----\n"
                                "MIIEpAIBAAKCAQEAplanted\n"
                                "-----END RSA PRIVATE KEY-----\n"
                                "2024-12-15T03:22:26Z app Authorization: Basic dXNlcjpwbGFudGVk ok\n";
        const auto result = LogParser::parse(text, QStringLiteral("app.log"));
        QCOMPARE(result.events.size(), 7);
        QString all;
        for (const auto &e : result.events) {
            all += e.message + QLatin1Char('\n');
            for (const auto &[key, value] : e.fields)
                all += key + QLatin1Char('=') + value + QLatin1Char('\n');
        }
        for (const char *secret :
            { "eyJhbGciOi", "hunter2", "s3cr3t", "abc def", "k-1", "MIIEpAIBAAKCAQEAplanted", "dXNlcjpwbGFudGVk" })
            QVERIFY2(!all.contains(QLatin1String(secret)), secret);
        QVERIFY(result.events.at(0).message.contains(QStringLiteral("Authorization: Bearer <redacted> ok")));
        QVERIFY(result.events.at(1).message.contains(QStringLiteral("password=<redacted> user=ana")));
        QVERIFY(result.events.at(3).message.contains(QStringLiteral("then done")));
        QCOMPARE(result.events.at(4).message, QStringLiteral("etcd leadership transferred (term 46)"));
    }

    void eachFormat()
    {
        const auto result = LogParser::parse(
            readFile(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/mixed.log")), QStringLiteral("mixed.log"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        QCOMPARE(result.events.size(), 8);
        const auto &e = result.events;
        // RFC 3339 with an offset, no level
        QCOMPARE(e.at(0).time, utc("2024-03-02T10:04:21.512Z"));
        QCOMPARE(e.at(0).message, QStringLiteral("controller started"));
        QVERIFY(e.at(0).level.isEmpty());
        // ISO with a space, no zone (UTC), upper-case level
        QCOMPARE(e.at(1).time, utc("2024-03-02T10:05:00.250Z"));
        QCOMPARE(e.at(1).level, QStringLiteral("warning"));
        QCOMPARE(e.at(1).message, QStringLiteral("[reconciler] queue is backing up depth=812"));
        // zap JSON with an epoch ts
        QCOMPARE(e.at(2).time, utc("2024-03-02T10:06:40.500Z"));
        QCOMPARE(e.at(2).level, QStringLiteral("error"));
        QCOMPARE(e.at(2).message, QStringLiteral("failed to send out heartbeat on time"));
        QCOMPARE(e.at(2).field(QStringLiteral("caller")), QStringLiteral("etcdserver/raft.go:412"));
        QCOMPARE(e.at(2).field(QStringLiteral("to")), QStringLiteral("7b8e0c9d1a2f3e45"));
        // klog with a thread id: the year comes from the neighbouring lines
        QCOMPARE(e.at(3).time, utc("2024-03-02T10:06:41.000Z"));
        QVERIFY(e.at(3).yearInferred);
        QCOMPARE(e.at(3).level, QStringLiteral("error"));
        QCOMPARE(e.at(3).field(QStringLiteral("caller")), QStringLiteral("reflector.go:138"));
        QCOMPARE(e.at(3).field(QStringLiteral("thread")), QStringLiteral("4711"));
        QVERIFY(e.at(3).message.startsWith(QLatin1String("Failed to watch *v1.ConfigMap")));
        // logfmt
        QCOMPARE(e.at(4).time, utc("2024-03-02T10:07:00Z"));
        QCOMPARE(e.at(4).level, QStringLiteral("info"));
        QCOMPARE(e.at(4).message, QStringLiteral("applied config"));
        QCOMPARE(e.at(4).source, QStringLiteral("checkout"));
        QCOMPARE(e.at(4).field(QStringLiteral("max_cart_items")), QStringLiteral("50"));
        // no timestamp; the indented lines continue it
        QVERIFY(!e.at(5).time.isValid());
        QCOMPARE(e.at(5).location.line, 6);
        QVERIFY(e.at(5).message.startsWith(QLatin1String("panic: runtime error")));
        QVERIFY(e.at(5).message.endsWith(QLatin1String("\nmain.main()\n/src/main.go:12 +0x1d")));
        QCOMPARE(e.at(5).message.count(QLatin1Char('\n')), 3);
        QCOMPARE(e.at(6).message, QStringLiteral("plain line without any timestamp"));
        QCOMPARE(e.at(6).location.line, 10);
        // klog after a line without a time: the year comes from the last full timestamp
        QCOMPARE(e.at(7).time, utc("2024-01-01T00:00:01Z"));
        QVERIFY(e.at(7).yearInferred);
    }

    // etcd 3.4's default loggers, as a real member wrote them: capnslog
    // ("date time L | package: message") and raft's Go log with its prefix
    // glued to the date ("raft2026/12/04 21:27:07 INFO: …").
    void etcdCapnslogAndRaftLines()
    {
        const auto result = LogParser::parse(
            readFile(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/etcd-3.4-capnslog.log")), QStringLiteral("etcd.log"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        const auto &e = result.events;
        QCOMPARE(e.size(), 8);
        QCOMPARE(e.at(0).time, utc("2026-12-04T21:27:07.101Z"));
        QCOMPARE(e.at(0).level, QStringLiteral("info"));
        QCOMPARE(e.at(0).source, QStringLiteral("etcdserver"));
        QCOMPARE(e.at(0).message, QStringLiteral("starting member 2943212f5e2cf73 in cluster 7a0d1e1b2f3c4d5e"));
        QCOMPARE(e.at(2).time, utc("2026-12-04T21:27:07Z"));
        QCOMPARE(e.at(2).source, QStringLiteral("raft"));
        QCOMPARE(e.at(2).level, QStringLiteral("info"));
        QCOMPARE(e.at(2).message, QStringLiteral("2943212f5e2cf73 became leader at term 2"));
        QCOMPARE(e.at(4).source, QStringLiteral("pkg/osutil"));
        QCOMPARE(e.at(4).level, QStringLiteral("info")); // N(otice)
        QCOMPARE(e.at(6).time, utc("2026-12-04T21:27:15Z"));
        QCOMPARE(e.at(7).level, QStringLiteral("warning"));
        QVERIFY(e.at(7).message.startsWith(QLatin1String("2943212f5e2cf73 failed to transfer leadership")));
    }

    void klogYearAcrossNewYear()
    {
        // A klog line from Dec 31 next to a full timestamp on Jan 1 belongs to the year before.
        const auto result = LogParser::parse(
            "2025-01-01T00:00:05Z rotated\nI1231 23:59:58.000000 main.go:1] last of the year\n", QStringLiteral("x"));
        QCOMPARE(result.events.size(), 2);
        QCOMPARE(result.events.at(1).time, utc("2024-12-31T23:59:58Z"));
        QVERIFY(result.events.at(1).yearInferred);
        // The context date wins and places the line near it.
        const auto withContext
            = LogParser::parse("W0315 08:00:00.000000 x.go:9] hi\n", QStringLiteral("x"), QDate(2023, 3, 20));
        QCOMPARE(withContext.events.at(0).time, utc("2023-03-15T08:00:00Z"));
        QVERIFY(withContext.events.at(0).yearInferred);
        // Nothing to take a year from: unknown time, and a note says why.
        const auto alone = LogParser::parse("W0315 08:00:00.000000 x.go:9] hi\n", QStringLiteral("x"));
        QVERIFY(!alone.events.at(0).time.isValid());
        QVERIFY(!alone.events.at(0).yearInferred);
        QCOMPARE(alone.events.at(0).level, QStringLiteral("warning"));
        QCOMPARE(alone.diagnostics.size(), 1);
        QCOMPARE(alone.diagnostics.at(0).severity, Diagnostic::Severity::Note);
        // Not klog: an impossible date.
        const auto notKlog = LogParser::parse("W1345 08:00:00.000000 x.go:9] hi\n", QStringLiteral("x"));
        QVERIFY(notKlog.events.at(0).level.isEmpty());
    }

    void wrapperWithoutComponentAndLevels()
    {
        const auto result = LogParser::parse("[2024-12-15T03:22:14.250+02:00] [error] disk full\n"
                                             "[not a time] ERROR: boom\n"
                                             "error connecting is a sentence\n"
                                             "WARNING: low disk\n",
            QStringLiteral("x"));
        QCOMPARE(result.events.size(), 4);
        QCOMPARE(result.events.at(0).time, utc("2024-12-15T01:22:14.250Z"));
        QCOMPARE(result.events.at(0).level, QStringLiteral("error"));
        QCOMPARE(result.events.at(0).message, QStringLiteral("disk full"));
        QVERIFY(result.events.at(0).source.isEmpty());
        QVERIFY(!result.events.at(1).time.isValid());
        QCOMPARE(result.events.at(1).message, QStringLiteral("[not a time] ERROR: boom"));
        QVERIFY(result.events.at(2).level.isEmpty());
        QCOMPARE(result.events.at(3).level, QStringLiteral("warning"));
        QCOMPARE(result.events.at(3).message, QStringLiteral("low disk"));
    }

    void jsonTimestampsAndOddJson()
    {
        const auto result
            = LogParser::parse("{\"level\":\"info\",\"ts\":\"2024-12-15T03:22:14.123456Z\",\"logger\":\"raft\",\"msg\":"
                               "\"x\",\"nested\":{\"a\":[1,2]}}\n"
                               "{\"level\":\"info\",\"msg\":\"unterminated\"\n"
                               "{\"time\":1734232934123,\"message\":\"ms epoch\",\"severity\":\"CRITICAL\"}\n",
                QStringLiteral("j"));
        QCOMPARE(result.events.size(), 3);
        QCOMPARE(result.events.at(0).time, utc("2024-12-15T03:22:14.123Z"));
        QCOMPARE(result.events.at(0).source, QStringLiteral("raft"));
        QCOMPARE(result.events.at(0).field(QStringLiteral("nested")), QStringLiteral("{\"a\":[1,2]}"));
        QVERIFY(!result.events.at(1).time.isValid()); // kept as text
        QCOMPARE(result.events.at(1).message, QStringLiteral("{\"level\":\"info\",\"msg\":\"unterminated\""));
        QCOMPARE(result.events.at(2).time, QDateTime::fromMSecsSinceEpoch(1734232934123, Qt::UTC));
        QCOMPARE(result.events.at(2).level, QStringLiteral("fatal"));
    }

    void malformedBinaryAndLongLines()
    {
        QByteArray text("ok line\n");
        text += QByteArray("\x00\x01\xff\xfe garbage\n", 13);
        text += "2024-12-15T03:22:14Z " + QByteArray(LogParser::maxLineLength + 10, 'a') + "\n";
        text += QByteArray("{").repeated(100000) + "\n";
        text += "\r\n   \n";
        const auto result = LogParser::parse(text, QStringLiteral("bin"));
        QCOMPARE(result.events.size(), 4);
        QVERIFY(result.events.at(1).message.contains(QChar(0xfffd)));
        QCOMPARE(result.events.at(2).time, utc("2024-12-15T03:22:14Z"));
        QVERIFY(result.events.at(2).message.size() <= LogParser::maxLineLength);
        QCOMPARE(result.diagnostics.size(), 2);
        QCOMPARE(result.diagnostics.at(0).line, 2);
        QCOMPARE(result.diagnostics.at(1).line, 3);
        QVERIFY(LogParser::parse(QByteArray(), QStringLiteral("e")).events.isEmpty());
    }

    void windowsLineEndings()
    {
        QByteArray text = readFile(QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/events.log"));
        text.replace("\n", "\r\n");
        const auto result = LogParser::parse(text, QStringLiteral("crlf"));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        QCOMPARE(result.events.size(), 3);
        QVERIFY(!result.events.at(2).message.endsWith(QLatin1Char('\r')));
        QCOMPARE(result.events.at(0).field(QStringLiteral("term")), QStringLiteral("46"));
    }

    void hundredThousandLines()
    {
        QByteArray text;
        const QByteArray lines[] = {
            "[2024-12-15T03:22:14Z] etcd-1 | {\"level\":\"warn\",\"msg\":\"slow fdatasync\",\"took\":\"1.2s\"}\n",
            "I1215 03:22:18.847291 12 event.go:364] Event occurred\n",
            "time=2024-12-15T03:22:19Z level=debug msg=\"tick\" n=1\n",
            "    continuation\n",
        };
        for (int i = 0; i < 100000; ++i)
            text += lines[i % 4];
        QElapsedTimer timer;
        timer.start();
        const auto result = LogParser::parse(text, QStringLiteral("big"));
        QCOMPARE(result.events.size(), 75000);
        QVERIFY(result.events.at(1).yearInferred);
        QCOMPARE(result.events.at(1).time.date(), QDate(2024, 12, 15));
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    }

    void assignments_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("expected"); // "key=value" each

        QTest::newRow("quoted key, spaced =") << QStringLiteral("Feature flag 'enable_new_checkout' = true — serving")
                                              << QStringList { QStringLiteral("enable_new_checkout=true") };
        QTest::newRow("bare k=v") << QStringLiteral("starting with enable_new_checkout=true, retries=3.")
                                  << QStringList { QStringLiteral("enable_new_checkout=true"),
                                         QStringLiteral("retries=3") };
        QTest::newRow("yaml colon") << QStringLiteral("config max_cart_items: 50")
                                    << QStringList { QStringLiteral("max_cart_items=50") };
        QTest::newRow("json pairs") << QStringLiteral("{\"key\": \"value\", \"n\":7}")
                                    << QStringList { QStringLiteral("key=value"), QStringLiteral("n=7") };
        QTest::newRow("quoted value with spaces")
            << QStringLiteral("msg=\"hello world\" mode = 'dark mode'")
            << QStringList { QStringLiteral("msg=hello world"), QStringLiteral("mode=dark mode") };
        QTest::newRow("set to") << QStringLiteral("operator set max_cart_items to 50")
                                << QStringList { QStringLiteral("max_cart_items=50") };
        QTest::newRow("prose colon") << QStringLiteral("Error: connection refused") << QStringList {};
        QTest::newRow("url") << QStringLiteral("dial https://etcd-0:2379 failed") << QStringList {};
        QTest::newRow("times") << QStringLiteral("at 03:22:18 the leader changed") << QStringList {};
        QTest::newRow("comparison") << QStringLiteral("if a == b then") << QStringList {};
        QTest::newRow("prose equals") << QStringLiteral("then x = the thing") << QStringList {};
        QTest::newRow("prose with number")
            << QStringLiteral("replicas: 3 and Timeout: 5s")
            << QStringList { QStringLiteral("replicas=3"), QStringLiteral("Timeout=5s") };
        QTest::newRow("proto text") << QStringLiteral("memberID:123 alarm:NOSPACE") << QStringList {};
        QTest::newRow("camelCase") << QStringLiteral("dbSizeInUse: big")
                                   << QStringList { QStringLiteral("dbSizeInUse=big") };
        QTest::newRow("empty") << QString() << QStringList {};
    }

    void assignments()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, expected);
        QStringList actual;
        for (const Assignment &a : extractAssignments(message))
            actual.append(a.key + QLatin1Char('=') + a.value);
        QCOMPARE(actual, expected);
    }

    void assignmentsAreLinear()
    {
        const QString hostile = QStringLiteral("a = \"b ").repeated(20000);
        QElapsedTimer timer;
        timer.start();
        extractAssignments(hostile);
        extractAssignments(QStringLiteral("k=").repeated(100000));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void timestamps()
    {
        qsizetype consumed = 0;
        QCOMPARE(LogTimestamp::parseIso(u"2024/12/15 03:22:14 x", &consumed), utc("2024-12-15T03:22:14Z"));
        QCOMPARE(consumed, 19);
        QCOMPARE(LogTimestamp::parseIso(u"2024-12-15T03:22:14.123456789-0530"), utc("2024-12-15T08:52:14.123Z"));
        QVERIFY(!LogTimestamp::parseIso(u"2024-13-15T03:22:14Z"));
        QVERIFY(!LogTimestamp::parseIso(u"2024-12-15"));
        QCOMPARE(LogTimestamp::fromEpoch(1734232934.5), utc("2024-12-15T03:22:14.500Z"));
        QVERIFY(!LogTimestamp::fromEpoch(-1));
        QCOMPARE(LogTimestamp::normaliseLevel(u"WARN"), QStringLiteral("warning"));
        QCOMPARE(LogTimestamp::normaliseLevel(u"dpanic"), QStringLiteral("fatal"));
        QVERIFY(LogTimestamp::normaliseLevel(u"hello").isEmpty());
    }
};

STRATA_TEST_MAIN(TestLogs)
#include "tst_logs.moc"
