// What the evidence viewer and the findings detail pane are given: bounded,
// regular-file-only text with Secret values masked, the quoted value's span,
// and a finding as escaped HTML whose evidence links resolve.
#include "StrataTestMain.h"

#include "evidence/EvidenceText.h"
#include "output/FindingDetail.h"

#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace strata;

class TestEvidenceText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valueSpans_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("value");
        QTest::newRow("yaml scalar") << QStringLiteral("  enable: true") << 11 << QStringLiteral("true");
        QTest::newRow("yaml quoted") << QStringLiteral("  max: \"50\"  # raised") << 8 << QStringLiteral("\"50\"");
        QTest::newRow("escaped quote") << QStringLiteral("k: \"a\\\"b\" x") << 4 << QStringLiteral("\"a\\\"b\"");
        QTest::newRow("json in object") << QStringLiteral("{\"a\": 25, \"b\": 3}") << 7 << QStringLiteral("25");
        QTest::newRow("comment") << QStringLiteral("x: 3 # three") << 4 << QStringLiteral("3");
        QTest::newRow("hash in value") << QStringLiteral("x: a#b") << 4 << QStringLiteral("a#b");
        QTest::newRow("past the end") << QStringLiteral("short") << 40 << QStringLiteral("short");
    }
    void valueSpans()
    {
        QFETCH(QString, line);
        QFETCH(int, column);
        QFETCH(QString, value);
        const TextSpan span = valueSpanAt(line, column);
        QCOMPARE(line.mid(span.start, span.length), value);
    }

    void maskingKeepsPositionsAndHidesOnlyTheValue()
    {
        const QString text = QStringLiteral("kind: Secret\ndata:\n  api_key: c2VjcmV0\n  other: plain\n");
        const QString masked = maskValues(text, { SourceLocation { QStringLiteral("s.yaml"), 3, 12 } });
        QCOMPARE(masked.size(), text.size());
        QVERIFY(!masked.contains(QStringLiteral("c2VjcmV0")));
        QVERIFY(masked.contains(QStringLiteral("  api_key: ••••••••\n")));
        QVERIFY(masked.contains(QStringLiteral("other: plain")));
        // A location without a column hides its whole line; one past the end changes nothing.
        QVERIFY(!maskValues(text, { SourceLocation { QStringLiteral("s.yaml"), 3, 0 } })
                     .contains(QStringLiteral("api_key")));
        QCOMPARE(maskValues(text, { SourceLocation { QStringLiteral("s.yaml"), 99, 1 } }), text);
    }

    void onlyRegularFilesAndBounded()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const EvidenceText fromFifo = readEvidenceText(fifo); // must return, not block
        QVERIFY(fromFifo.error.contains(QStringLiteral("not a regular file")));
        QVERIFY(readEvidenceText(dir.path()).error.contains(QStringLiteral("not a regular file")));
        QVERIFY(readEvidenceText(dir.filePath(QStringLiteral("nope"))).error.contains(QStringLiteral("not found")));

        const QString big = dir.filePath(QStringLiteral("big.log"));
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, 'x'));
        f.close();
        const EvidenceText cut = readEvidenceText(big, 100);
        QVERIFY(cut.error.isEmpty());
        QVERIFY(cut.truncated);
        QCOMPARE(cut.text.size(), 100);
        QVERIFY(!readEvidenceText(big, 1000).truncated);
    }

    void findingDetailIsEscapedAndLinksItsEvidence()
    {
        Finding f;
        f.id = QStringLiteral("live-drift");
        f.severity = Severity::High;
        f.title = QStringLiteral("Live <b>differs</b> from state");
        f.resource = QStringLiteral("configmap/ns/flags");
        f.paths = { QStringLiteral("data.a"), QStringLiteral("data.b") };
        f.detail = QStringLiteral("A value with <script>alert(1)</script> in it.");
        f.evidence = { { { QStringLiteral("live.yaml"), 9, 24 }, QStringLiteral("data.b (live): \"true\"") },
            { {}, QStringLiteral("no location") } };
        f.recommend({ QStringLiteral("Run terraform plan against the live context (not the replica)") },
            { QStringLiteral("Apply & reconcile") });
        const QString html = findingDetailHtml(f);
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;")));
        QVERIFY(html.contains(QStringLiteral("Live &lt;b&gt;differs&lt;/b&gt; from state")));
        QVERIFY(html.contains(QStringLiteral("<a href=\"evidence:0\">live.yaml:9:24</a>")));
        QVERIFY(!html.contains(QStringLiteral("evidence:1"))); // nothing to open
        QVERIFY(html.contains(QStringLiteral("(not the replica)"))); // whole, never cut
        QVERIFY(html.contains(QStringLiteral("Apply &amp; reconcile")));
        QCOMPARE(evidenceIndexFromLink(QStringLiteral("evidence:0")), 0);
        QCOMPARE(evidenceIndexFromLink(QStringLiteral("https://example.com")), -1);
        QCOMPARE(evidenceIndexFromLink(QStringLiteral("evidence:-3")), -1);
        QCOMPARE(evidenceFieldPath(f, f.evidence.at(0)), QStringLiteral("data.b"));
        QCOMPARE(evidenceFieldPath(f, f.evidence.at(1)), QStringLiteral("data.a"));
    }
};

STRATA_TEST_MAIN(TestEvidenceText)
#include "tst_evidencetext.moc"
