// The HCL2 parser against the upstream conformance suite (decoded with a small
// hcldec interpreter), the upstream fuzz seeds, real provider code, and focused
// cases for error positions, recovery and nesting limits.
#include "StrataTestMain.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclParser.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <cmath>

using namespace strata;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QList<Diagnostic> errorsOf(const QList<Diagnostic> &d)
{
    QList<Diagnostic> out;
    for (const Diagnostic &x : d) {
        if (x.severity == Diagnostic::Severity::Error)
            out.append(x);
    }
    return out;
}

QString describe(const QList<Diagnostic> &d)
{
    QStringList s;
    for (const Diagnostic &x : d)
        s.append(x.toString());
    return s.join(QLatin1Char('\n'));
}

// Values compare by content; numbers with a tolerance because the suite
// writes results with more digits than a double holds.
bool similar(const Value &a, const Value &b, QString *why, const QString &path = QStringLiteral("result"))
{
    if (a.type() == Value::Type::Number && b.type() == Value::Type::Number) {
        const double x = a.toNumber(), y = b.toNumber();
        if (std::fabs(x - y) <= 1e-12 * std::max(1.0, std::fabs(y)))
            return true;
        *why = path + QStringLiteral(": %1 != %2").arg(a.displayText(), b.displayText());
        return false;
    }
    if (a.type() != b.type()) {
        *why = path + QStringLiteral(": %1 != %2").arg(a.displayText(), b.displayText());
        return false;
    }
    if (a.type() == Value::Type::List) {
        if (a.items().size() != b.items().size()) {
            *why = path + QStringLiteral(": list sizes differ");
            return false;
        }
        for (qsizetype i = 0; i < a.items().size(); ++i) {
            if (!similar(a.items().at(i), b.items().at(i), why, path + QStringLiteral("[%1]").arg(i)))
                return false;
        }
        return true;
    }
    if (a.type() == Value::Type::Map) {
        if (a.entries().size() != b.entries().size()) {
            *why = path + QStringLiteral(": %1 != %2").arg(a.displayText(), b.displayText());
            return false;
        }
        for (const Value::Entry &e : a.entries()) {
            const Value *o = b.find(e.first);
            if (!o) {
                *why = path + QStringLiteral(": unexpected key %1").arg(e.first);
                return false;
            }
            if (!similar(e.second, *o, why, path + QLatin1Char('.') + e.first))
                return false;
        }
        return true;
    }
    if (!a.sameAs(b)) {
        *why = path + QStringLiteral(": %1 != %2").arg(a.displayText(), b.displayText());
        return false;
    }
    return true;
}

// Enough of hcldec (hashicorp/hcl cmd/hcldec spec format) for the spec suite.
class Hcldec
{
public:
    explicit Hcldec(HclEvaluator &ev)
        : m_ev(ev)
    {
    }
    QList<Diagnostic> errors;

    Value decode(const HclBlock &spec, const HclBody &body)
    {
        const QString &kind = spec.type;
        if (kind == QLatin1String("literal"))
            return m_ev.evaluate(spec.body->attribute(QStringLiteral("value"))->expression);
        if (kind == QLatin1String("object"))
            return decodeObject(*spec.body, body);
        if (kind == QLatin1String("block") || kind == QLatin1String("block_list")
            || kind == QLatin1String("block_map")) {
            QString type = spec.labels.value(0);
            if (const HclAttribute *bt = spec.body->attribute(QStringLiteral("block_type")))
                type = m_ev.evaluate(bt->expression).text();
            const HclBlock &inner = spec.body->blocks.at(0);
            QList<Value> list;
            QList<Value::Entry> map;
            for (const HclBlock &b : body.blocks) {
                if (b.type != type)
                    continue;
                const Value v = decode(inner, *b.body);
                list.append(v);
                if (kind == QLatin1String("block_map"))
                    addNested(map, b.labels.value(0), v);
            }
            if (kind == QLatin1String("block"))
                return list.isEmpty() ? Value::null() : list.first();
            if (kind == QLatin1String("block_list"))
                return Value::list(list);
            return Value::map(map);
        }
        return Value::unknown(QStringLiteral("unsupported spec ") + kind);
    }

private:
    static void addNested(QList<Value::Entry> &map, const QString &key, const Value &v)
    {
        for (Value::Entry &e : map) {
            if (e.first == key) {
                e.second = v;
                return;
            }
        }
        map.append({ key, v });
    }

    Value decodeObject(const HclBody &spec, const HclBody &body)
    {
        QList<Value::Entry> out;
        QStringList attrs, blocks;
        for (const HclBlock &s : spec.blocks) {
            const QString name = s.labels.value(0);
            if (s.type == QLatin1String("attr")) {
                attrs.append(name);
                const HclAttribute *a = body.attribute(name);
                out.append({ name, a ? m_ev.evaluate(a->expression) : Value::null() });
            } else {
                blocks.append(name);
                out.append({ name, decode(s, body) });
            }
        }
        for (const HclAttribute &a : body.attributes) {
            if (!attrs.contains(a.name))
                errors.append(Diagnostic::error(a.location.file, a.location.line, a.location.column,
                    QStringLiteral("unsupported argument \"%1\"").arg(a.name)));
        }
        return Value::map(out);
    }

    HclEvaluator &m_ev;
};

} // namespace

class TestHclParser : public QObject
{
    Q_OBJECT

private:
    static HclFile parse(const char *text) { return HclParser::parse(QByteArray(text), QStringLiteral("t.tf")); }

private Q_SLOTS:
    void specSuite_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(
            QStringLiteral(STRATA_SHARED_DIR "/testdata/hcl/tests"), QDir::Files, QDirIterator::Subdirectories);
        QStringList paths;
        while (it.hasNext()) {
            const QString p = it.next();
            if (p.endsWith(QLatin1String(".hcl")))
                paths.append(p);
        }
        paths.sort();
        QVERIFY(paths.size() >= 15);
        for (const QString &p : paths)
            QTest::newRow(qPrintable(QDir(QStringLiteral(STRATA_SHARED_DIR "/testdata/hcl/tests")).relativeFilePath(p)))
                << p;
    }

    void specSuite()
    {
        QFETCH(QString, path);
        const QString base = path.chopped(4);
        const HclFile file = HclParser::parse(readAll(path), path);
        const HclFile expected = HclParser::parse(readAll(base + QStringLiteral(".t")), base + QStringLiteral(".t"));
        const HclFile spec
            = HclParser::parse(readAll(base + QStringLiteral(".hcldec")), base + QStringLiteral(".hcldec"));
        QVERIFY2(expected.diagnostics.isEmpty(), qPrintable(describe(expected.diagnostics)));
        QVERIFY2(spec.diagnostics.isEmpty(), qPrintable(describe(spec.diagnostics)));

        HclEvaluator ev;
        const HclBlock *specBlock = nullptr;
        for (const HclBlock &b : spec.body->blocks) {
            if (b.type == QLatin1String("variables")) {
                for (const HclAttribute &a : b.body->attributes)
                    ev.setVariable(a.name, ev.evaluate(a.expression));
            } else {
                specBlock = &b;
            }
        }
        QVERIFY(specBlock);
        Hcldec dec(ev);
        const Value result = dec.decode(*specBlock, *file.body);
        QList<Diagnostic> errors = errorsOf(file.diagnostics);
        if (errors.isEmpty())
            errors = dec.errors;

        const HclBlock *diagnostics = nullptr;
        for (const HclBlock &b : expected.body->blocks) {
            if (b.type == QLatin1String("diagnostics"))
                diagnostics = &b;
        }
        if (diagnostics) {
            QVERIFY2(!errors.isEmpty(), "expected an error");
            for (const HclBlock &e : diagnostics->body->blocks) {
                const HclBlock &from = e.body->blocks.at(0);
                const int line = int(ev.evaluate(from.body->attribute(QStringLiteral("line"))->expression).toNumber());
                const int column
                    = int(ev.evaluate(from.body->attribute(QStringLiteral("column"))->expression).toNumber());
                bool found = false;
                for (const Diagnostic &d : errors)
                    found = found || (d.line == line && d.column == column);
                QVERIFY2(found,
                    qPrintable(
                        QStringLiteral("no error at %1:%2; got:\n%3").arg(line).arg(column).arg(describe(errors))));
                QCOMPARE(QFileInfo(errors.first().file).fileName(), QFileInfo(path).fileName());
            }
            return;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        if (const HclAttribute *r = expected.body->attribute(QStringLiteral("result"))) {
            HclEvaluator plain;
            const Value want = plain.evaluate(r->expression);
            QString why;
            QVERIFY2(similar(result, want, &why), qPrintable(why));
        }
    }

    // Upstream fuzz seeds are Go `[]byte("…")` literals; each is valid HCL.
    void fuzzSeedsParse_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(
            QStringLiteral(STRATA_SHARED_DIR "/testdata/hcl/fuzz-seeds"), QDir::Files, QDirIterator::Subdirectories);
        int n = 0;
        while (it.hasNext()) {
            const QString p = it.next();
            QTest::newRow(qPrintable(QFileInfo(p).dir().dirName() + QLatin1Char('/') + QFileInfo(p).fileName())) << p;
            ++n;
        }
        QVERIFY(n >= 25);
    }

    void fuzzSeedsParse()
    {
        QFETCH(QString, path);
        const QByteArray raw = readAll(path);
        const qsizetype start = raw.indexOf("[]byte(");
        QVERIFY(start >= 0);
        // The Go literal is itself an HCL string.
        QList<Diagnostic> d;
        // The Go literal is an HCL string once template sequences are escaped.
        QString go = QString::fromUtf8(raw.mid(start + 7, raw.lastIndexOf(')') - start - 7));
        go.replace(QStringLiteral("${"), QStringLiteral("$${")).replace(QStringLiteral("%{"), QStringLiteral("%%{"));
        const HclExpressionPtr lit = HclParser::parseExpression(go, path, &d);
        HclEvaluator ev;
        const Value text = ev.evaluate(lit);
        QCOMPARE(text.type(), Value::Type::String);
        const QString kind = QFileInfo(path).dir().dirName();
        QList<Diagnostic> diags;
        if (kind == QLatin1String("FuzzParseConfig")) {
            diags = HclParser::parse(text.text(), path).diagnostics;
        } else if (kind == QLatin1String("FuzzParseTemplate")) {
            // A bare template is the content of a heredoc.
            diags = HclParser::parse(QStringLiteral("x = <<EOT\n") + text.text() + QStringLiteral("\nEOT\n"), path)
                        .diagnostics;
        } else if (!text.text().isEmpty() || kind != QLatin1String("FuzzParseExpression")) {
            HclParser::parseExpression(text.text(), path, &diags);
        }
        QVERIFY2(errorsOf(diags).isEmpty(), qPrintable(describe(diags)));
    }

    void providerExamplesParse()
    {
        const QDir dir(QStringLiteral(STRATA_SHARED_DIR "/testdata/terraform-kubernetes"));
        const QStringList files = dir.entryList({ QStringLiteral("*.tf") }, QDir::Files);
        QVERIFY(files.size() >= 6);
        for (const QString &f : files) {
            const HclFile parsed = HclParser::parse(readAll(dir.filePath(f)), f);
            QVERIFY2(parsed.diagnostics.isEmpty(), qPrintable(describe(parsed.diagnostics)));
            QVERIFY2(!parsed.body->blocks.isEmpty(), qPrintable(f));
        }
    }

    void blocksAttributesAndLocations()
    {
        const HclFile f = parse("# c\nresource \"a_b\" web-1 {\n  x = 1 // c\n  /* c */ nested { y = \"z\" }\n}\n");
        QVERIFY2(f.diagnostics.isEmpty(), qPrintable(describe(f.diagnostics)));
        QCOMPARE(f.body->blocks.size(), 1);
        const HclBlock &b = f.body->blocks.at(0);
        QCOMPARE(b.type, QStringLiteral("resource"));
        QCOMPARE(b.labels, (QStringList { QStringLiteral("a_b"), QStringLiteral("web-1") }));
        QCOMPARE(b.location.line, 2);
        QCOMPARE(b.location.column, 1);
        QCOMPARE(b.body->attributes.at(0).expression->location.line, 3);
        QCOMPARE(b.body->attributes.at(0).expression->location.column, 7);
        QCOMPARE(b.body->blocks.at(0).type, QStringLiteral("nested"));
        QCOMPARE(b.body->blocks.at(0).location.column, 11);
    }

    // Deferred bodies (what the Terraform reader uses for resources): left
    // out of the tree, their errors still reported, and read again later as
    // the same body at the same positions.
    void deferredBodiesParseLaterTheSame()
    {
        const QByteArray text = "locals { a = 1 }\nresource \"t\" \"x\" {\n  name = \"héllo-${local.a}\"\n"
                                "  nested {\n    y = [1, 2]\n  }\n}\nresource \"t\" \"one\" { z = 3 }\n"
                                "data \"t\" \"d\" {\n  bad = = 1\n}\n";
        const HclFile whole = HclParser::parse(text, QStringLiteral("t.tf"));
        const HclFile deferred = HclParser::parseDeferring(
            text, QStringLiteral("t.tf"), { QStringLiteral("resource"), QStringLiteral("data") });
        QCOMPARE(describe(deferred.diagnostics), describe(whole.diagnostics));
        QVERIFY(!errorsOf(deferred.diagnostics).isEmpty()); // the data block's error, found without keeping it
        QCOMPARE(deferred.body->blocks.size(), 4);
        QVERIFY(deferred.body->blocks.at(0).body); // locals are kept
        for (qsizetype i = 1; i < 4; ++i) {
            const HclBlock &lazy = deferred.body->blocks.at(i);
            QVERIFY(!lazy.body);
            QCOMPARE(lazy.labels, whole.body->blocks.at(i).labels);
            const std::shared_ptr<const HclBody> later = HclParser::parseDeferredBody(deferred.text, lazy);
            const HclBody &expected = *whole.body->blocks.at(i).body;
            QCOMPARE(later->location, expected.location);
            QCOMPARE(later->attributes.size(), expected.attributes.size());
            for (qsizetype a = 0; a < expected.attributes.size(); ++a) {
                QCOMPARE(later->attributes.at(a).name, expected.attributes.at(a).name);
                QCOMPARE(later->attributes.at(a).location, expected.attributes.at(a).location);
                QCOMPARE(later->attributes.at(a).expression->location, expected.attributes.at(a).expression->location);
                QCOMPARE(HclEvaluator().evaluate(later->attributes.at(a).expression).displayText(),
                    HclEvaluator().evaluate(expected.attributes.at(a).expression).displayText());
            }
            QCOMPARE(later->blocks.size(), expected.blocks.size());
            if (!expected.blocks.isEmpty())
                QCOMPARE(later->blocks.at(0).body->attributes.at(0).expression->location.line, 5);
        }
    }

    void errorsArePositionedAndParsingRecovers()
    {
        const HclFile f = parse("a = 1 +\nb = [1, 2\nc = \"ok\"\nd = \"unterminated\ne = 5\n");
        const QList<Diagnostic> errors = errorsOf(f.diagnostics);
        QVERIFY(errors.size() >= 2);
        QCOMPARE(errors.at(0).line, 1);
        QCOMPARE(errors.at(0).file, QStringLiteral("t.tf"));
        // Later arguments still parse.
        QVERIFY(f.body->attribute(QStringLiteral("e")));
        QCOMPARE(f.body->attribute(QStringLiteral("e"))->expression->literal.toNumber(), 5.0);
        bool unterminated = false;
        for (const Diagnostic &d : errors)
            unterminated = unterminated || (d.line == 4 && d.column == 5);
        QVERIFY2(unterminated, qPrintable(describe(errors)));
    }

    // A literal is read a character at a time; what the evaluated value
    // keeps (one per resource of a large stack) holds no room to grow.
    void literalsKeepNoSpareRoom()
    {
        QList<Diagnostic> d;
        HclEvaluator ev;
        for (const char *source : { "\"value-17-3-lorem-ipsum-dolor\"", "\"tab\\there and a longer tail of text\"",
                 "<<EOT\nfirst line of a heredoc, long enough to grow\nEOT\n" }) {
            const Value v
                = ev.evaluate(HclParser::parseExpression(QString::fromUtf8(source), QStringLiteral("t.tf"), &d));
            QCOMPARE(v.type(), Value::Type::String);
            QVERIFY2(v.text().size() > 20, qPrintable(v.text()));
            QCOMPARE(v.text().capacity(), v.text().size());
        }
        QVERIFY(d.isEmpty());
    }

    void invalidEscapesAndCharacters()
    {
        const HclFile f = parse("a = \"x\\qy\"\nb = @\nc = 1\n");
        const QList<Diagnostic> errors = errorsOf(f.diagnostics);
        QVERIFY(errors.size() >= 2);
        QCOMPARE(errors.at(0).line, 1);
        QCOMPARE(errors.at(0).column, 7);
        QCOMPARE(errors.at(1).line, 2);
        QVERIFY(f.body->attribute(QStringLiteral("c")));
    }

    void deepNestingIsAnErrorNotACrash()
    {
        const QByteArray deep = "a = " + QByteArray(100000, '[') + QByteArray(100000, ']') + "\n";
        const HclFile f = HclParser::parse(deep, QStringLiteral("deep.tf"));
        QVERIFY(!errorsOf(f.diagnostics).isEmpty());
        QVERIFY(errorsOf(f.diagnostics).first().message.contains(QLatin1String("nested too deeply")));

        QByteArray chain = "a = 1";
        for (int i = 0; i < 100000; ++i)
            chain += " + 1";
        const HclFile g = HclParser::parse(chain + "\n", QStringLiteral("chain.tf"));
        QVERIFY(!errorsOf(g.diagnostics).isEmpty());

        QByteArray nestedBlocks;
        for (int i = 0; i < 5000; ++i)
            nestedBlocks += "b {\n";
        const HclFile h = HclParser::parse(nestedBlocks, QStringLiteral("blocks.tf"));
        QVERIFY(!errorsOf(h.diagnostics).isEmpty());
    }

    void largeFileParsesInLinearTime()
    {
        QByteArray big;
        int i = 0;
        while (big.size() < 1024 * 1024) {
            big += "resource \"kubernetes_config_map\" \"m" + QByteArray::number(i++)
                + "\" {\n  metadata {\n    name = \"cm-${var.x}\"\n    labels = { app = \"a\", tier = upper(\"b\") }\n "
                  " }\n"
                  "  data = { k = \"v\", n = 1 + 2 * 3, list = [for s in [\"a\", \"b\"] : s] }\n}\n";
        }
        QElapsedTimer t;
        t.start();
        const HclFile f = HclParser::parse(big, QStringLiteral("big.tf"));
        HclEvaluator ev;
        for (const HclBlock &b : f.body->blocks) {
            for (const HclAttribute &a : b.body->attributes)
                ev.evaluate(a.expression);
        }
        const qint64 ms = t.elapsed();
        QVERIFY(f.diagnostics.isEmpty());
        QCOMPARE(f.body->blocks.size(), i);
        qInfo("1 MB parsed and evaluated in %lld ms", ms);
        // Generous for sanitizer builds; quadratic behaviour would take minutes.
        QVERIFY2(ms < 30000, qPrintable(QString::number(ms)));
    }
};

STRATA_TEST_MAIN(TestHclParser)
#include "tst_hclparser.moc"
