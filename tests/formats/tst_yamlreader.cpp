// YamlReader: core-schema scalar typing, positions, multi-document streams
// with errors, limits (depth, alias expansion) and real kubectl output.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "formats/YamlReader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cmath>
#include <ctime>

using namespace strata;

class TestYamlReader : public QObject
{
    Q_OBJECT

private:
    static YamlReadResult parse(const QByteArray &text) { return YamlReader::read(text, QStringLiteral("in.yaml")); }

private Q_SLOTS:
    void scalarTyping_data()
    {
        QTest::addColumn<QByteArray>("scalar");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("text");
        const int str = int(Value::Type::String), num = int(Value::Type::Number), b = int(Value::Type::Bool),
                  nul = int(Value::Type::Null);
        QTest::newRow("quoted true") << QByteArray("\"true\"") << str << QStringLiteral("true");
        QTest::newRow("single quoted 25") << QByteArray("'25'") << str << QStringLiteral("25");
        QTest::newRow("true") << QByteArray("true") << b << QString();
        QTest::newRow("False") << QByteArray("False") << b << QString();
        QTest::newRow("yes is a string") << QByteArray("yes") << str << QStringLiteral("yes");
        QTest::newRow("on is a string") << QByteArray("on") << str << QStringLiteral("on");
        QTest::newRow("null") << QByteArray("null") << nul << QString();
        QTest::newRow("tilde") << QByteArray("~") << nul << QString();
        QTest::newRow("empty") << QByteArray("") << nul << QString();
        QTest::newRow("quoted null") << QByteArray("'null'") << str << QStringLiteral("null");
        QTest::newRow("int") << QByteArray("25") << num << QStringLiteral("25");
        QTest::newRow("negative") << QByteArray("-7") << num << QStringLiteral("-7");
        QTest::newRow("plus") << QByteArray("+7") << num << QStringLiteral("+7");
        QTest::newRow("hex") << QByteArray("0x1F") << num << QStringLiteral("0x1F");
        QTest::newRow("octal") << QByteArray("0o17") << num << QStringLiteral("0o17");
        QTest::newRow("float") << QByteArray("1.5e3") << num << QStringLiteral("1.5e3");
        QTest::newRow("dot float") << QByteArray(".5") << num << QStringLiteral(".5");
        QTest::newRow("inf") << QByteArray(".inf") << num << QStringLiteral(".inf");
        QTest::newRow("-inf") << QByteArray("-.Inf") << num << QStringLiteral("-.Inf");
        QTest::newRow("nan") << QByteArray(".NaN") << num << QStringLiteral(".NaN");
        QTest::newRow("uint64") << QByteArray("18446744073709551615") << num << QStringLiteral("18446744073709551615");
        QTest::newRow("version") << QByteArray("1.2.3") << str << QStringLiteral("1.2.3");
        QTest::newRow("date") << QByteArray("2024-12-14") << str << QStringLiteral("2024-12-14");
        QTest::newRow("memory") << QByteArray("512Mi") << str << QStringLiteral("512Mi");
        QTest::newRow("dash word") << QByteArray("-x") << str << QStringLiteral("-x");
        QTest::newRow("explicit str") << QByteArray("!!str 25") << str << QStringLiteral("25");
        QTest::newRow("explicit int") << QByteArray("!!int 25") << num << QStringLiteral("25");
        QTest::newRow("non-specific tag") << QByteArray("! 25") << str << QStringLiteral("25");
        QTest::newRow("literal block") << QByteArray("|\n  true\n") << str << QStringLiteral("true\n");
    }

    void scalarTyping()
    {
        QFETCH(QByteArray, scalar);
        QFETCH(int, type);
        QFETCH(QString, text);
        const auto r = parse("v: " + scalar + "\n");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.documents.size(), 1);
        const Value *v = r.documents.first().find(QStringLiteral("v"));
        QVERIFY(v);
        QCOMPARE(int(v->type()), type);
        if (!text.isEmpty())
            QCOMPARE(v->text(), text);
    }

    void numberValues()
    {
        const auto r = parse("a: 0x1F\nb: 0o17\nc: -1.5e3\nd: -.inf\ne: .nan\nf: 1e999\n");
        QVERIFY(r.ok());
        const Value &d = r.documents.first();
        QCOMPARE(d.find(QStringLiteral("a"))->toNumber(), 31.0);
        QCOMPARE(d.find(QStringLiteral("b"))->toNumber(), 15.0);
        QCOMPARE(d.find(QStringLiteral("c"))->toNumber(), -1500.0);
        QVERIFY(std::isinf(d.find(QStringLiteral("d"))->toNumber()));
        QVERIFY(d.find(QStringLiteral("d"))->toNumber() < 0);
        QVERIFY(std::isnan(d.find(QStringLiteral("e"))->toNumber()));
        QVERIFY(std::isinf(d.find(QStringLiteral("f"))->toNumber()));
    }

    void keysAreStringsAsWritten()
    {
        const auto r = parse("1: one\ntrue: yes\n~: nothing\n0x10: hex\n");
        QVERIFY(r.ok());
        const auto &e = r.documents.first().entries();
        QCOMPARE(e.size(), 4);
        QCOMPARE(e.at(0).first, QStringLiteral("1"));
        QCOMPARE(e.at(1).first, QStringLiteral("true"));
        QCOMPARE(e.at(3).first, QStringLiteral("0x10"));
    }

    void positionsOnEveryNode()
    {
        const auto r = parse("# comment\napiVersion: v1\nmetadata:\n  name: flags\n  labels: {a: b, c: d}\nlist:\n"
                             "- one\n-   two\n");
        QVERIFY(r.ok());
        const Value &d = r.documents.first();
        QCOMPARE(d.location().file, QStringLiteral("in.yaml"));
        QCOMPARE(d.location().line, 2);
        QCOMPARE(d.location().column, 1);
        const Value *name = d.find({ QStringLiteral("metadata"), QStringLiteral("name") });
        QCOMPARE(name->location().line, 4);
        QCOMPARE(name->location().column, 9);
        const Value *c = d.find({ QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("c") });
        QCOMPARE(c->location().line, 5);
        QCOMPARE(c->location().column, 21);
        const auto &list = d.find(QStringLiteral("list"))->items();
        QCOMPARE(list.at(1).location().line, 8);
        QCOMPARE(list.at(1).location().column, 5);
    }

    void multipleDocumentsAndEmptyOnes()
    {
        const auto r = parse("---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n...\n---\n- c\n");
        QVERIFY(r.ok());
        QCOMPARE(r.documents.size(), 3);
        QCOMPARE(r.documents.at(0).find(QStringLiteral("a"))->location().line, 2);
        QCOMPARE(r.documents.at(1).find(QStringLiteral("b"))->location().line, 7);
        QCOMPARE(r.documents.at(2).items().first().location().line, 10);
    }

    void aBadDocumentDoesNotHideTheOthers()
    {
        const auto r = parse("a: 1\n---\nb: [unclosed\nc: 2\n---\nd: 4\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.documents.size(), 2);
        QVERIFY(r.documents.at(0).find(QStringLiteral("a")));
        QVERIFY(r.documents.at(1).find(QStringLiteral("d")));
        QCOMPARE(r.documents.at(1).find(QStringLiteral("d"))->location().line, 6);
        const auto errors = r.diagnostics;
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().severity, Diagnostic::Severity::Error);
        QVERIFY2(errors.first().line >= 3 && errors.first().line <= 5, qPrintable(errors.first().toString()));
        QVERIFY(errors.first().column > 0);
    }

    void syntaxErrorIsPositioned()
    {
        const auto r = parse("a: 1\nb:\n  - x\n  y: z\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics.first().file, QStringLiteral("in.yaml"));
        QVERIFY2(r.diagnostics.first().line >= 3, qPrintable(r.diagnostics.first().toString()));
    }

    void duplicateKeysWarn()
    {
        const auto r = parse("a: 1\nb: 2\na: 3\n");
        QVERIFY(r.ok());
        QCOMPARE(r.documents.first().entries().size(), 2);
        QCOMPARE(r.documents.first().find(QStringLiteral("a"))->toNumber(), 3.0);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QCOMPARE(r.diagnostics.first().line, 3);
    }

    void nullKeysAreOneKey()
    {
        const auto r = parse("~: 1\nnull: 2\n");
        QCOMPARE(r.documents.first().entries().size(), 1);
        QCOMPARE(r.documents.first().find(QStringLiteral("null"))->toNumber(), 2.0);
        QCOMPARE(r.diagnostics.size(), 1); // the duplicate, at line 2
        QCOMPARE(r.diagnostics.first().line, 2);
    }

    // Bytes YAML forbids (NUL, ESC, DEL, a C1 control) or that are not UTF-8
    // do not lose the file: each becomes U+FFFD where it was, and positions
    // after it stay right.
    void forbiddenBytesDoNotLoseTheFile()
    {
        const auto r = parse(QByteArray("a: x\0y\nb: \x1b[31mred\nc: caf\xe9\nd: \x7f\xc2\x9f\ne: [1, 2]\n", 44));
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        const Value &doc = r.documents.first();
        QCOMPARE(doc.find(QStringLiteral("a"))->text(), QStringLiteral("x\uFFFDy"));
        QCOMPARE(doc.find(QStringLiteral("b"))->text(), QStringLiteral("\uFFFD[31mred"));
        QCOMPARE(doc.find(QStringLiteral("c"))->text(), QStringLiteral("caf\uFFFD"));
        QCOMPARE(doc.find(QStringLiteral("d"))->text(), QStringLiteral("\uFFFD\uFFFD"));
        QCOMPARE(doc.find(QStringLiteral("e"))->location().line, 5);
        QCOMPARE(doc.find(QStringLiteral("e"))->location().column, 4);
    }

    void anchorsAndAliases()
    {
        const auto r = parse("base: &b {x: 1, y: [2, 3]}\ncopy: *b\nscalar: &s hello\nagain: *s\n");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        const Value &d = r.documents.first();
        QVERIFY(d.find(QStringLiteral("copy"))->sameAs(*d.find(QStringLiteral("base"))));
        QCOMPARE(d.find(QStringLiteral("copy"))->location().line, 2);
        QCOMPARE(d.find(QStringLiteral("again"))->text(), QStringLiteral("hello"));
    }

    void billionLaughsIsStopped()
    {
        QByteArray text("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; ++c) {
            text += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 10; ++i)
                text += (i ? ", *" : "*") + QByteArray(1, prev);
            text += "]\n";
            prev = c;
        }
        const auto r = parse(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.diagnostics.first().message.contains(QStringLiteral("too many nodes")),
            qPrintable(r.diagnostics.first().toString()));
    }

    void deepNestingIsAnErrorNotACrash_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("flow sequences") << QByteArray(200000, '[');
        QTest::newRow("flow maps") << QByteArray(200000, '{');
        QByteArray compact;
        for (int i = 0; i < 50000; ++i)
            compact += "- ";
        QTest::newRow("compact sequences") << compact + "x\n";
        QByteArray block;
        for (int i = 0; i < 400; ++i)
            block += QByteArray(i, ' ') + "k:\n";
        QTest::newRow("block maps") << block;
    }

    void deepNestingIsAnErrorNotACrash()
    {
        QFETCH(QByteArray, text);
        const auto r = parse(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.diagnostics.first().message.contains(QStringLiteral("nesting deeper than 256")),
            qPrintable(r.diagnostics.first().toString()));
    }

    void realFilesParse_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &dir : { QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage"),
                 QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/auger"),
                 QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts") }) {
            for (const QString &f : QDir(dir).entryList({ QStringLiteral("*.yaml") }))
                QTest::newRow(qPrintable(f)) << dir + QLatin1Char('/') + f;
        }
        QTest::newRow("case.yaml") << QStringLiteral(STRATA_SHARED_DIR "/reference-case/case.yaml");
    }

    void realFilesParse()
    {
        QFETCH(QString, path);
        const auto r = YamlReader::read(readFile(path), path);
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.documents.size(), 1);
        QCOMPARE(r.documents.first().type(), Value::Type::Map);
    }

    void kubectlOutputKeepsTypes()
    {
        const QString path = QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/core.v1.ConfigMap.yaml");
        const auto r = YamlReader::read(readFile(path), path);
        QVERIFY(r.ok());
        const Value &d = r.documents.first();
        QCOMPARE(d.find(QStringLiteral("immutable"))->type(), Value::Type::Bool);
        const Value *ts = d.find({ QStringLiteral("metadata"), QStringLiteral("creationTimestamp") });
        QCOMPARE(ts->type(), Value::Type::String);
        QCOMPARE(ts->text(), QStringLiteral("2008-01-01T01:01:01Z"));
        QCOMPARE(d.find({ QStringLiteral("metadata"), QStringLiteral("generation") })->type(), Value::Type::Number);
        QCOMPARE(d.find({ QStringLiteral("data"), QStringLiteral("dataKey") })->location().line, 5);
    }

    void throughput()
    {
        // kubectl get cm -A -o yaml of a few thousand objects; printed, not asserted.
        QByteArray text("apiVersion: v1\nkind: List\nitems:\n");
        int n = 0;
        while (text.size() < 1024 * 1024) {
            ++n;
            text += "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-" + QByteArray::number(n)
                + "\n    namespace: platform\n    resourceVersion: \"" + QByteArray::number(n * 7)
                + "\"\n    labels: {app: web, tier: \"1\"}\n  data:\n    enabled: \"true\"\n    limit: \"50\"\n"
                  "    script: |\n      echo hello\n      exit 0\n";
        }
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock();
        const auto r = YamlReader::read(text, QStringLiteral("big.yaml"));
        const double cpuMs = qMax(1.0, 1000.0 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        QVERIFY(r.ok());
        QCOMPARE(r.documents.first().find(QStringLiteral("items"))->items().size(), n);
        qInfo("YAML throughput: %lld KB in %lld ms wall, %.0f ms CPU = %.1f MB/s of CPU", text.size() / 1024,
            timer.elapsed(), cpuMs, double(text.size()) / 1048576.0 / (cpuMs / 1000.0));
    }

    void garbageNeverThrows()
    {
        for (const char *text : { "\t- x", "a: b: c", "[", "]", "{a", "&a *a", "*x", "!<tag> x", "%YAML 9.9\n---\nx",
                 "\"unterminated", "? [a]\n: b", "a: |\n x\n  y", "\xFF\xFE" }) {
            const auto r = parse(QByteArray(text));
            for (const Diagnostic &d : r.diagnostics)
                QVERIFY(d.line >= 1);
        }
    }
};

STRATA_TEST_MAIN(TestYamlReader)
#include "tst_yamlreader.moc"
