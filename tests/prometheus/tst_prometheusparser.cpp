// PrometheusParser: the text exposition format 0.0.4 against prometheus/common's
// test vectors (valid and invalid), the reference case's scrape and etcd output.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "prometheus/PrometheusParser.h"

#include <QDir>
#include <QFile>

#include <cmath>

using namespace strata;

namespace {
QString corpus(const char *name)
{
    return QStringLiteral(STRATA_SHARED_DIR "/testdata/prometheus/fuzz-corpus/") + QLatin1String(name);
}

MetricLabels labels(std::initializer_list<QPair<QString, QString>> l)
{
    return MetricLabels(l);
}

// Everything a scrape holds, one line each, for comparing two readings.
QStringList dump(const PrometheusScrape &s)
{
    QStringList out;
    for (const MetricFamily &f : s.families) {
        out.append(
            QStringLiteral("family %1 %2 %3 %4").arg(f.name, metricTypeName(f.type), f.help, f.location.toString()));
        for (const MetricSample &m : f.samples)
            out.append(
                QStringLiteral("  %1%2 %3 %4 %5")
                    .arg(m.name, m.labelText(), QString::number(m.value, 'g', 17),
                        m.timestampMs ? QString::number(*m.timestampMs) : QStringLiteral("-"), m.location.toString()));
    }
    for (const PrometheusComment &c : s.comments)
        out.append(QStringLiteral("comment %1 %2").arg(c.text, c.location.toString()));
    for (const Diagnostic &d : s.diagnostics)
        out.append(d.toString());
    return out;
}
} // namespace

class TestPrometheusParser : public QObject
{
    Q_OBJECT

private:
    static PrometheusScrape parse(const QByteArray &text)
    {
        return PrometheusParser::parse(text, QStringLiteral("m.prom"));
    }

private Q_SLOTS:
    void referenceCaseScrape()
    {
        const QString path = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/metrics.prom");
        const auto s = PrometheusParser::parse(readFile(path), path);
        QVERIFY2(s.diagnostics.isEmpty(), qPrintable(s.diagnostics.value(0).toString()));
        QCOMPARE(s.families.size(), 6);
        QCOMPARE(s.family(QStringLiteral("etcd_server_leader_changes_seen_total"))->type, MetricType::Counter);
        QCOMPARE(s.family(QStringLiteral("etcd_server_proposals_committed_total"))->type, MetricType::Gauge);
        QCOMPARE(s.value(QStringLiteral("etcd_server_has_leader")), std::optional<double>(1));
        const MetricSample *rtt = s.find(QStringLiteral("etcd_network_peer_round_trip_time_seconds"),
            labels({ { QStringLiteral("To"), QStringLiteral("etcd-2") } }));
        QVERIFY(rtt);
        QCOMPARE(rtt->value, 0.011);
        QCOMPARE(rtt->label(QStringLiteral("quantile")), QStringLiteral("0.99"));
        QCOMPARE(rtt->location.line, 8);
        QCOMPARE(rtt->location.file, path);
        const MetricFamily *flow = s.family(QStringLiteral("checkout_flow_version"));
        QCOMPARE(flow->samples.size(), 2);
        QCOMPARE(flow->samples.at(1).labels.first(), qMakePair(QStringLiteral("version"), QStringLiteral("v1_legacy")));
        // Free comments are evidence too.
        QStringList comments;
        for (const auto &c : s.comments)
            comments.append(c.text);
        QVERIFY(comments.contains(QStringLiteral("Last successful apply: 2024-12-14T22:15:03Z")));
        QVERIFY(comments.contains(QStringLiteral("Resources managed: 47")));
        QCOMPARE(s.comments.last().location.line, 20);
        QVERIFY(!s.value(QStringLiteral("no_such_metric")));
    }

    void upstreamValidInputs_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *f : { "from_test_parse_0", "from_test_parse_1", "from_test_parse_2", "from_test_parse_3",
                 "from_test_parse_4", "minimal" })
            QTest::newRow(f) << corpus(f);
        QTest::newRow("text") << QStringLiteral(STRATA_SHARED_DIR "/testdata/prometheus/text");
    }

    void upstreamValidInputs()
    {
        QFETCH(QString, path);
        const auto s = PrometheusParser::parse(readFile(path), path);
        QVERIFY2(s.ok(), qPrintable(s.diagnostics.value(s.diagnostics.size() - 1).toString()));
    }

    void upstreamInvalidInputs_data()
    {
        QTest::addColumn<QString>("path");
        for (int i = 0; i < 20; ++i) {
            const QByteArray name = "from_test_parse_error_" + QByteArray::number(i);
            QTest::newRow(name.constData()) << corpus(name.constData());
        }
    }

    void upstreamInvalidInputs()
    {
        QFETCH(QString, path);
        const QByteArray text = readFile(path);
        QVERIFY(!text.isEmpty());
        const auto s = PrometheusParser::parse(text, path);
        QVERIFY(!s.ok());
        for (const Diagnostic &d : s.diagnostics) {
            QVERIFY(d.line >= 1);
            QVERIFY(d.column >= 1);
        }
    }

    // A large scrape file is read in pieces (its text never held whole):
    // wherever the pieces are cut, in a line, in a UTF-8 character, between
    // \r and \n, the reading is the one of the whole text.
    void piecesCutAnywhereReadAsTheWhole()
    {
        QStringList files { QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/metrics.prom") };
        for (const QString &dir : { QStringLiteral(STRATA_SHARED_DIR "/testdata/prometheus/text"),
                 QStringLiteral(STRATA_SHARED_DIR "/testdata/prometheus/fuzz-corpus") }) {
            for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files))
                files.append(f.filePath());
        }
        QCOMPARE_GT(files.size(), 20);
        QList<QByteArray> texts;
        for (const QString &f : files)
            texts.append(readFile(f));
        // The odd ones out: no final newline, CRLF, multi-byte text, an empty file.
        texts.append("# HELP x \xc3\xa9t\xc3\xa9\r\nx{a=\"\xe2\x82\xac\"} 1\r\nx{a=\"b\"} 2");
        texts.append("");
        texts.append("\n\n# TYPE y gauge\ny 1\ny{a=\"1\"} 2 1700000000000\nbroken{\n");
        for (const QByteArray &text : std::as_const(texts)) {
            const QStringList whole = dump(PrometheusParser::parse(text, QStringLiteral("m.prom")));
            for (qsizetype size : { 1, 2, 3, 7, 64, 4096 }) {
                PrometheusParser::PieceParser pieces(QStringLiteral("m.prom"));
                for (qsizetype at = 0; at < text.size(); at += size)
                    pieces.add(QByteArrayView(text).sliced(at, std::min(size, text.size() - at)));
                const QStringList inPieces = dump(pieces.finish());
                if (inPieces != whole)
                    QFAIL(qPrintable(QStringLiteral("pieces of %1 bytes read differently:\n%2\n--- whole:\n%3")
                                         .arg(size)
                                         .arg(inPieces.join(QLatin1Char('\n')), whole.join(QLatin1Char('\n')))));
            }
        }
    }

    void escapesSpacingSpecialValuesAndTimestamps()
    {
        const auto s = PrometheusParser::parse(readFile(corpus("from_test_parse_2")), QStringLiteral("p2"));
        QVERIFY(s.ok());
        const MetricFamily *name = s.family(QStringLiteral("name"));
        QCOMPARE(name->type, MetricType::Counter);
        QCOMPARE(name->help, QStringLiteral("two-line\n doc  str\\ing"));
        QCOMPARE(name->samples.size(), 2);
        QVERIFY(std::isnan(name->samples.at(0).value));
        QCOMPARE(name->samples.at(1).label(QStringLiteral("basename")), QStringLiteral("base\"v\\al\nue"));
        QCOMPARE(name->samples.at(1).timestampMs, std::optional<qint64>(1234567890));
        QCOMPARE(name->samples.at(1).value, 0.23);
        const MetricFamily *name2 = s.family(QStringLiteral("name2"));
        QCOMPARE(name2->type, MetricType::Gauge);
        QCOMPARE(name2->help, QStringLiteral("doc str\"ing 2"));
        QCOMPARE(name2->samples.size(), 2);
        QVERIFY(std::isinf(name2->samples.at(0).value) && name2->samples.at(0).value > 0);
        QCOMPARE(name2->samples.at(0).label(QStringLiteral("basename")), QStringLiteral("basevalue2"));
        QVERIFY(std::isinf(name2->samples.at(1).value) && name2->samples.at(1).value < 0);
        QCOMPARE(name2->samples.at(1).labels.size(), 1); // trailing comma
        QCOMPARE(name2->samples.at(1).location.line, 12);
        QCOMPARE(name2->samples.at(1).location.column, 1);
    }

    void histogramsAndSummariesGroupTheirSeries()
    {
        const auto h = PrometheusParser::parse(readFile(corpus("from_test_parse_4")), QStringLiteral("p4"));
        QVERIFY(h.ok());
        QCOMPARE(h.families.size(), 1);
        const MetricFamily &f = h.families.first();
        QCOMPARE(f.type, MetricType::Histogram);
        QCOMPARE(f.samples.size(), 7);
        QCOMPARE(h.value(QStringLiteral("request_duration_microseconds_bucket"),
                     labels({ { QStringLiteral("le"), QStringLiteral("+Inf") } })),
            std::optional<double>(2693));
        QCOMPARE(h.value(QStringLiteral("request_duration_microseconds_sum")), std::optional<double>(1.7560473e+06));
        QCOMPARE(h.findAll(QStringLiteral("request_duration_microseconds_bucket")).size(), 5);

        const auto s = PrometheusParser::parse(readFile(corpus("from_test_parse_3")), QStringLiteral("p3"));
        QVERIFY(s.ok());
        const MetricFamily *summary = s.family(QStringLiteral("my_summary"));
        QCOMPARE(summary->type, MetricType::Summary);
        QVERIFY(s.family(QStringLiteral("fake_sum"))); // not a summary's series
        QVERIFY(!s.family(QStringLiteral("my_summary_count")));
        QCOMPARE(
            s.value(QStringLiteral("my_summary_sum"), labels({ { QStringLiteral("n1"), QStringLiteral("val2") } })),
            std::optional<double>(8));
        // my_summary comes back after another_summary: merged, with one warning.
        int warnings = 0;
        for (const Diagnostic &d : s.diagnostics)
            warnings += d.severity == Diagnostic::Severity::Warning && d.message.contains(QStringLiteral("my_summary"));
        QCOMPARE(warnings, 1);
        QCOMPARE(summary->samples.size(), 8);
    }

    void badLinesArePositionedAndSkipped_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad value") << QByteArray("metric{label=\"bla\"} blubb") << 21
                                   << QStringLiteral("invalid value");
        QTest::newRow("float timestamp") << QByteArray("metric 3.14 2.72") << 13 << QStringLiteral("timestamp");
        QTest::newRow("extra token") << QByteArray("metric 3.14 2 3") << 15 << QStringLiteral("after the timestamp");
        QTest::newRow("bad escape") << QByteArray("metric{label=\"\\t\"} 1") << 15 << QStringLiteral("escape");
        QTest::newRow("unquoted") << QByteArray("metric{label=bla} 1") << 14 << QStringLiteral("'\"'");
        QTest::newRow("reserved") << QByteArray("metric{__name__=\"x\"} 1") << 8 << QStringLiteral("reserved");
        QTest::newRow("dup label") << QByteArray("metric{a=\"1\",a=\"2\"} 1") << 14 << QStringLiteral("duplicate");
        QTest::newRow("no name") << QByteArray("{label=\"bla\"} 3.14") << 1 << QStringLiteral("metric name");
        QTest::newRow("bad name") << QByteArray("  @metric 1") << 3 << QStringLiteral("metric name");
        QTest::newRow("dash in name") << QByteArray("met-ric 1") << 4 << QStringLiteral("metric name");
        QTest::newRow("unterminated") << QByteArray("metric{a=\"x") << 10 << QStringLiteral("unterminated");
        QTest::newRow("no value") << QByteArray("metric{a=\"x\"}") << 14 << QStringLiteral("expected a value");
        QTest::newRow("unknown type") << QByteArray("# TYPE m bla") << 10 << QStringLiteral("unknown metric type");
        QTest::newRow("utf8 column") << QByteArray("m{a=\"\xC3\xA9\xC3\xA9\",b=x} 1") << 12 << QStringLiteral("'\"'");
    }

    void badLinesArePositionedAndSkipped()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const auto s = parse("ok_before 1\n" + line + "\nok_after{x=\"y\"} 2\n");
        QCOMPARE(s.diagnostics.size(), 1);
        const Diagnostic &d = s.diagnostics.first();
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        QCOMPARE(d.file, QStringLiteral("m.prom"));
        QCOMPARE(d.line, 2);
        QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
        QCOMPARE(d.column, column);
        QCOMPARE(s.value(QStringLiteral("ok_before")), std::optional<double>(1));
        QCOMPARE(s.value(QStringLiteral("ok_after")), std::optional<double>(2));
    }

    void typeAndHelpRules()
    {
        auto s = parse("m 1\n# TYPE m counter\n");
        QVERIFY(!s.ok());
        QVERIFY(s.diagnostics.first().message.contains(QStringLiteral("after its samples")));
        s = parse("# TYPE m counter\n# TYPE m gauge\n");
        QVERIFY(!s.ok());
        QCOMPARE(s.diagnostics.first().line, 2);
        s = parse("# HELP m one\n# HELP m two\n");
        QVERIFY(!s.ok());
        QCOMPARE(s.family(QStringLiteral("m"))->help, QStringLiteral("one"));
        s = parse("# TYPE h histogram\nh_bucket{le=\"bla\"} 1\n");
        QVERIFY(!s.ok());
        s = parse("# TYPE q summary\nq{quantile=\"bla\"} 1\n");
        QVERIFY(!s.ok());
        s = parse("m 1\n# HELP m late help is fine\n");
        QVERIFY(s.ok());
        QCOMPARE(s.family(QStringLiteral("m"))->help, QStringLiteral("late help is fine"));
    }

    void missingFinalNewlineIsReportedButKept()
    {
        const auto s = parse("a 1\nb 2");
        QVERIFY(!s.ok());
        QCOMPARE(s.diagnostics.first().line, 2);
        QCOMPARE(s.value(QStringLiteral("b")), std::optional<double>(2));
    }

    void crlfAndBlankLines()
    {
        const auto s = parse("\r\n# TYPE a gauge\r\na{x=\"1\"} 5 -7\r\n\r\n   \t\n");
        QVERIFY2(s.ok(), qPrintable(s.diagnostics.value(0).toString()));
        QCOMPARE(s.value(QStringLiteral("a")), std::optional<double>(5));
        QCOMPARE(s.find(QStringLiteral("a"))->timestampMs, std::optional<qint64>(-7));
    }

    void etcdMetrics()
    {
        // The /metrics section of a captured etcdctl session, cut out of the file.
        const QByteArray all = readFile(QStringLiteral(STRATA_SHARED_DIR "/testdata/etcd/etcd-3.4.23-outputs.txt"));
        if (all.isEmpty())
            QSKIP("etcd outputs not present");
        const qsizetype start = all.indexOf("## /metrics");
        QVERIFY(start >= 0);
        const qsizetype from = all.indexOf('\n', start) + 1;
        qsizetype to = all.indexOf("\n## ", from);
        to = to < 0 ? all.size() : to + 1;
        const auto s = parse(all.mid(from, to - from));
        QVERIFY2(s.ok(), qPrintable(s.diagnostics.value(0).toString()));
        QCOMPARE(s.value(QStringLiteral("etcd_server_quota_backend_bytes")), std::optional<double>(2147483648.0));
        QCOMPARE(s.find(QStringLiteral("etcd_server_id"))->label(QStringLiteral("server_id")),
            QStringLiteral("2e1259d415f2a040"));
        QCOMPARE(s.value(QStringLiteral("etcd_disk_wal_fsync_duration_seconds_count")), std::optional<double>(35));
    }
};

STRATA_TEST_MAIN(TestPrometheusParser)
#include "tst_prometheusparser.moc"
