// JsonReader: RFC 8259 conformance, exact number text, positions on every node
// and on the first error, limits, streams, real files and throughput.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "formats/JsonReader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cmath>
#include <ctime>

using namespace strata;

class TestJsonReader : public QObject
{
    Q_OBJECT

private:
    static JsonReadResult parse(const QByteArray &text) { return JsonReader::read(text, QStringLiteral("in.json")); }

private Q_SLOTS:
    // One big array handed over element by element (a state's "resources"):
    // only the named array of the top-level object, each element with its
    // own position, and an empty array left in its place.
    void elementStream()
    {
        const QByteArray text = "{\"r\": {\"items\": [9]},\n \"items\": [1, {\"a\": [2]},\n  \"x\"],"
                                " \"n\": [3], \"items\": [4]}";
        QStringList seen;
        int found = 0;
        JsonReader::ElementStream stream;
        stream.key = QStringLiteral("items");
        stream.found = [&] { ++found; };
        stream.element = [&](Value &&v) {
            seen.append(QStringLiteral("%1@%2:%3").arg(v.displayText()).arg(v.line()).arg(v.column()));
        };
        const JsonReadResult r = JsonReader::read(text, QStringLiteral("f.json"), stream);
        QVERIFY(r.ok());
        QCOMPARE(seen,
            QStringList({ QStringLiteral("1@2:12"), QStringLiteral("{\"a\":[2]}@2:15"), QStringLiteral("x@3:3"),
                QStringLiteral("4@3:29") }));
        QCOMPARE(found, 2); // repeated: the caller hears of each, and settles which counts
        QCOMPARE(r.value.find(QStringLiteral("items"))->items().size(), 0);
        // Nested and other keys are kept as they are.
        QCOMPARE(r.value.find({ QStringLiteral("r"), QStringLiteral("items") })->items().size(), 1);
        QCOMPARE(r.value.find(QStringLiteral("n"))->items().size(), 1);
        // The same text read whole gives the same values.
        const JsonReadResult whole = JsonReader::read(text, QStringLiteral("f.json"));
        QCOMPARE(whole.value.find(QStringLiteral("items"))->items().size(), 1);

        // Not an array under the key, or not an object at the top: nothing streamed.
        seen.clear();
        found = 0;
        QVERIFY(JsonReader::read("{\"items\": {\"a\": 1}}", QStringLiteral("f.json"), stream).ok());
        QCOMPARE(found, 1); // heard of, though not an array
        QVERIFY(JsonReader::read("[{\"items\": [1]}]", QStringLiteral("f.json"), stream).ok());
        QVERIFY(seen.isEmpty());
        // An error inside the array stops there, positioned; what came before was handed over.
        const JsonReadResult broken = JsonReader::read("{\"items\": [1, 2, tru]}", QStringLiteral("f.json"), stream);
        QVERIFY(!broken.ok());
        QCOMPARE(broken.diagnostics.first().column, 18);
        QCOMPARE(seen, QStringList({ QStringLiteral("1@1:12"), QStringLiteral("2@1:15") }));
    }

    void scalarsAndContainers()
    {
        const auto r = parse("{\"a\": 1, \"b\": [true, false, null, \"x\"], \"c\": {}, \"d\": [], \"e\": -0.5e+2}");
        QVERIFY(r.ok());
        const Value &v = r.value;
        QCOMPARE(v.type(), Value::Type::Map);
        QCOMPARE(v.entries().size(), 5);
        QCOMPARE(v.entries().at(0).first, QStringLiteral("a")); // order kept
        QCOMPARE(v.find(QStringLiteral("a"))->toNumber(), 1.0);
        const auto &b = v.find(QStringLiteral("b"))->items();
        QCOMPARE(b.size(), 4);
        QCOMPARE(b.at(0).type(), Value::Type::Bool);
        QVERIFY(b.at(0).toBool());
        QVERIFY(!b.at(1).toBool());
        QVERIFY(b.at(2).isNull());
        QCOMPARE(b.at(3).text(), QStringLiteral("x"));
        QCOMPARE(v.find(QStringLiteral("c"))->type(), Value::Type::Map);
        QCOMPARE(v.find(QStringLiteral("d"))->type(), Value::Type::List);
        QCOMPARE(v.find(QStringLiteral("e"))->toNumber(), -50.0);
        QCOMPARE(v.find(QStringLiteral("e"))->text(), QStringLiteral("-0.5e+2"));
    }

    void bigIntegersKeepTheirText()
    {
        // etcd member ids are uint64 above 2^53: a double would corrupt them.
        const auto r = parse("{\"member_id\": 10276657743932975437, \"n\": 1e400, \"m\": -1e400, \"t\": 1e-400}");
        QVERIFY(r.ok());
        const Value *id = r.value.find(QStringLiteral("member_id"));
        QCOMPARE(id->type(), Value::Type::Number);
        QCOMPARE(id->text(), QStringLiteral("10276657743932975437"));
        QCOMPARE(id->toNumber(), 10276657743932975437.0);
        QVERIFY(std::isinf(r.value.find(QStringLiteral("n"))->toNumber()));
        QVERIFY(r.value.find(QStringLiteral("m"))->toNumber() < 0);
        QCOMPARE(r.value.find(QStringLiteral("t"))->toNumber(), 0.0);
        QCOMPARE(r.value.find(QStringLiteral("n"))->text(), QStringLiteral("1e400"));
    }

    void stringEscapesAndUnicode()
    {
        const auto r
            = parse("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u20AC\", \"\\ud83d\\ude00\", \"caf\xC3\xA9\", "
                    "\"\\u0000\"]");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        const auto &items = r.value.items();
        QCOMPARE(items.at(0).text(), QStringLiteral("a\"b\\c/d\b\f\n\r\t"));
        QCOMPARE(items.at(1).text(), QString::fromUtf8("\xC3\xA9\xE2\x82\xAC"));
        QCOMPARE(items.at(2).text(), QString::fromUtf8("\xF0\x9F\x98\x80"));
        QCOMPARE(items.at(3).text(), QString::fromUtf8("caf\xC3\xA9"));
        QCOMPARE(items.at(4).text().size(), 1);
        QCOMPARE(items.at(4).text().at(0).unicode(), 0);
    }

    void positionsOnEveryNode()
    {
        const auto r = parse("{\n  \"k\": [1,\n    \"two\"],\n  \"\xC3\xA9\": \"\xC3\xA9\", \"z\": 3\n}");
        QVERIFY(r.ok());
        QCOMPARE(r.value.location().file, QStringLiteral("in.json"));
        QCOMPARE(r.value.location().line, 1);
        QCOMPARE(r.value.location().column, 1);
        const Value *k = r.value.find(QStringLiteral("k"));
        QCOMPARE(k->location().line, 2);
        QCOMPARE(k->location().column, 8);
        QCOMPARE(k->items().at(0).location().column, 9);
        QCOMPARE(k->items().at(1).location().line, 3);
        QCOMPARE(k->items().at(1).location().column, 5);
        // Columns count characters: "é" is two bytes but one column.
        const Value *z = r.value.find(QStringLiteral("z"));
        QCOMPARE(z->location().line, 4);
        QCOMPARE(z->location().column, 18);
    }

    void syntaxErrorsArePositioned_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("") << 1 << 1 << QStringLiteral("end of input");
        QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
                                       << QStringLiteral("expected ',' or '}'");
        QTest::newRow("trailing comma") << QByteArray("[1,2,]") << 1 << 6 << QStringLiteral("expected a JSON value");
        QTest::newRow("unquoted key") << QByteArray("{a: 1}") << 1 << 2 << QStringLiteral("string key");
        QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3 << QStringLiteral("leading zeros");
        QTest::newRow("bad exponent") << QByteArray("[1e]") << 1 << 4 << QStringLiteral("exponent");
        QTest::newRow("bare dot") << QByteArray("[1.]") << 1 << 4 << QStringLiteral("after '.'");
        QTest::newRow("bad literal") << QByteArray("[tru]") << 1 << 2 << QStringLiteral("'true'");
        QTest::newRow("unterminated") << QByteArray("[\"abc") << 1 << 2 << QStringLiteral("unterminated");
        QTest::newRow("raw newline") << QByteArray("[\"a\nb\"]") << 1 << 4 << QStringLiteral("newline");
        QTest::newRow("raw tab") << QByteArray("[\"a\tb\"]") << 1 << 4 << QStringLiteral("control character");
        QTest::newRow("bad escape") << QByteArray("[\"a\\x\"]") << 1 << 4 << QStringLiteral("invalid escape");
        QTest::newRow("short unicode") << QByteArray("[\"\\u12\"]") << 1 << 3 << QStringLiteral("four hex");
        QTest::newRow("lone high surrogate")
            << QByteArray("[\"\\ud800x\"]") << 1 << 3 << QStringLiteral("without a low surrogate");
        QTest::newRow("lone low surrogate")
            << QByteArray("[\"\\udc00\"]") << 1 << 3 << QStringLiteral("without a high surrogate");
        QTest::newRow("invalid utf8") << QByteArray("[\"a\xFF\"]") << 1 << 4 << QStringLiteral("UTF-8");
        QTest::newRow("overlong utf8") << QByteArray("[\"\xC0\xAF\"]") << 1 << 3 << QStringLiteral("UTF-8");
        QTest::newRow("encoded surrogate") << QByteArray("[\"\xED\xA0\x80\"]") << 1 << 3 << QStringLiteral("UTF-8");
        QTest::newRow("trailing text") << QByteArray("{} x") << 1 << 4 << QStringLiteral("after the JSON value");
        QTest::newRow("unclosed") << QByteArray("{\"a\": [1, 2") << 1 << 12 << QStringLiteral("end of input");
        QTest::newRow("nan") << QByteArray("[NaN]") << 1 << 2 << QStringLiteral("'N'");
        QTest::newRow("comment") << QByteArray("// x\n{}") << 1 << 1 << QStringLiteral("'/'");
    }

    void syntaxErrorsArePositioned()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const auto r = parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        QCOMPARE(d.file, QStringLiteral("in.json"));
        QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, column);
    }

    void depthLimitIsAnErrorNotACrash()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        const auto r = parse(deep);
        QVERIFY(!r.ok());
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("nesting deeper than 512")));
        QCOMPARE(r.diagnostics.first().column, 513);

        const QByteArray ok = QByteArray(512, '[') + QByteArray(512, ']');
        QVERIFY(parse(ok).ok());
        QVERIFY(!JsonReader::read(ok, QStringLiteral("x"), 10).ok());
    }

    void duplicateKeysWarnAndTheLastWins()
    {
        const auto r = parse("{\"a\": 1,\n \"a\": 2}");
        QVERIFY(r.ok());
        QCOMPARE(r.value.entries().size(), 1);
        QCOMPARE(r.value.find(QStringLiteral("a"))->toNumber(), 2.0);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QCOMPARE(r.diagnostics.first().line, 2);
    }

    void byteOrderMarkAndWhitespace()
    {
        const auto r = parse("\xEF\xBB\xBF \r\n\t{\"a\":1}\r\n");
        QVERIFY(r.ok());
        QCOMPARE(r.value.location().line, 2);
        QCOMPARE(r.value.location().column, 2);
    }

    void readOneWalksAConcatenatedStream()
    {
        const QByteArray text("{\"a\":1}\n{\"b\":2} [3]\n\n");
        qsizetype end = 0;
        auto r = JsonReader::readOne(text, 0, &end, QStringLiteral("s.ndjson"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.find(QStringLiteral("a"))->toNumber(), 1.0);
        QCOMPARE(end, 7);
        r = JsonReader::readOne(text, end, &end, QStringLiteral("s.ndjson"));
        QVERIFY(r.ok());
        QCOMPARE(r.value.location().line, 2);
        QCOMPARE(r.value.find(QStringLiteral("b"))->toNumber(), 2.0);
        r = JsonReader::readOne(text, end, &end, QStringLiteral("s.ndjson"));
        QCOMPARE(r.value.items().at(0).toNumber(), 3.0);
        QCOMPARE(r.value.location().column, 9);
        QCOMPARE(JsonReader::skipWhitespace(text, end), text.size());

        const auto s = JsonReader::readStream(text + "{\"c\":", QStringLiteral("s.ndjson"));
        QCOMPARE(s.values.size(), 3);
        QVERIFY(!s.ok());
        QCOMPARE(s.diagnostics.first().line, 4);
        QCOMPARE(s.values.at(2).location().line, 2);
    }

    void realFilesParse_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &dir : { QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage"),
                 QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/auger"),
                 QStringLiteral(STRATA_SHARED_DIR "/testdata/tfstate") }) {
            const QStringList files = QDir(dir).entryList({ QStringLiteral("*.json"), QStringLiteral("*.tfstate") });
            for (const QString &f : files)
                QTest::newRow(qPrintable(f)) << dir + QLatin1Char('/') + f;
        }
    }

    void realFilesParse()
    {
        QFETCH(QString, path);
        const QByteArray text = readFile(path);
        QVERIFY(!text.isEmpty());
        // Some upstream files are git symlinks checked out as their target's name.
        if (!text.trimmed().startsWith('{'))
            QSKIP("not JSON (a symlink stub)");
        const auto r = JsonReader::read(text, path);
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.value.type(), Value::Type::Map);
    }

    void k8sObjectFields()
    {
        const QString path = QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/core.v1.ConfigMap.json");
        const auto r = JsonReader::read(readFile(path), path);
        QVERIFY(r.ok());
        const Value *name = r.value.find({ QStringLiteral("metadata"), QStringLiteral("name") });
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("nameValue"));
        QCOMPARE(name->location().line, 5);
        QCOMPARE(name->location().column, 13);
        QCOMPARE(
            r.value.find({ QStringLiteral("metadata"), QStringLiteral("generation") })->text(), QStringLiteral("7"));
    }

    void throughput()
    {
        // A tfstate-shaped document of ~10 MB; the rate is printed, not asserted
        // (this build has sanitizers).
        QByteArray text("{\"version\": 4, \"resources\": [\n");
        const QByteArray resource(
            "{\"mode\": \"managed\", \"type\": \"kubernetes_config_map\", \"name\": \"flags\",\n"
            "  \"instances\": [{\"schema_version\": 0, \"attributes\": {\"id\": \"platform/flags\", "
            "\"data\": {\"checkout.new_flow\": \"false\",\n  \"escaped\": \"line\\nbreak \\u00e9 "
            "\\\"q\\\"\"}, \"numbers\": [1, 2.5, -3e7, 18446744073709551615], \"ok\": true, "
            "\"none\": null}}]},\n");
        while (text.size() < 10 * 1024 * 1024)
            text += resource;
        text += "{}]}\n";
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock();
        const auto r = JsonReader::read(text, QStringLiteral("big.tfstate"));
        const qint64 ms = qMax<qint64>(1, timer.elapsed());
        const double cpuMs = qMax(1.0, 1000.0 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        QVERIFY(r.ok());
        QVERIFY(r.value.find(QStringLiteral("resources"))->items().size() > 20000);
        qInfo("JSON throughput: %lld MB in %lld ms wall, %.0f ms CPU = %.1f MB/s of CPU", text.size() / (1024 * 1024),
            ms, cpuMs, double(text.size()) / 1048576.0 / (cpuMs / 1000.0));
    }
};

STRATA_TEST_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
