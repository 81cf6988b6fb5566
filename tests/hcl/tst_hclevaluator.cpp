// Static evaluation of HCL expressions: templates, heredocs, for/splat,
// operator precedence, functions and how unknown values propagate.
#include "StrataTestMain.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclParser.h"

using namespace strata;

class TestHclEvaluator : public QObject
{
    Q_OBJECT

private:
    // Evaluates `x = <expr>` with var.name = "web", var.n = 3, var.secret unknown.
    static Value eval(const QString &expr, QList<Diagnostic> *diags = nullptr)
    {
        const HclFile f
            = HclParser::parse(QStringLiteral("x = ") + expr + QStringLiteral("\n"), QStringLiteral("e.tf"));
        if (!f.diagnostics.isEmpty())
            return Value::unknown(QStringLiteral("PARSE: ") + f.diagnostics.first().toString());
        HclEvaluator ev([](const QString &root, const QStringList &names,
                            const SourceLocation &at) -> std::optional<HclEvaluator::Resolved> {
            if (root != QLatin1String("var") || names.isEmpty())
                return std::nullopt;
            if (names.at(0) == QLatin1String("name"))
                return HclEvaluator::Resolved { Value::string(QStringLiteral("web"), at), 1, false };
            if (names.at(0) == QLatin1String("n"))
                return HclEvaluator::Resolved { Value::number(3), 1, false };
            return HclEvaluator::Resolved { Value::unknown(QStringLiteral("secret"), at), 1, false };
        });
        const Value v = ev.evaluate(f.body->attributes.at(0).expression);
        if (diags)
            *diags = ev.diagnostics();
        return v;
    }
    static QString text(const QString &expr) { return eval(expr).displayText(); }

private Q_SLOTS:
    void literalsAndEscapes()
    {
        QCOMPARE(eval(QStringLiteral("\"a\\n\\t\\\"\\\\b\"")).text(), QStringLiteral("a\n\t\"\\b"));
        QCOMPARE(eval(QStringLiteral("\"\\u00e9\\U0001F600\"")).text(), QString::fromUtf8("é😀"));
        QCOMPARE(eval(QStringLiteral("\"$${x} %%{y}\"")).text(), QStringLiteral("${x} %{y}"));
        QCOMPARE(eval(QStringLiteral("1e3")).toNumber(), 1000.0);
        QCOMPARE(eval(QStringLiteral("null")).type(), Value::Type::Null);
        QCOMPARE(eval(QStringLiteral("-2.5")).toNumber(), -2.5);
    }

    void templatesAndDirectives()
    {
        QCOMPARE(text(QStringLiteral("\"hi ${var.name}-${1 + 1}\"")), QStringLiteral("hi web-2"));
        QCOMPARE(text(QStringLiteral("\"%{if var.n > 2}big%{else}small%{endif}\"")), QStringLiteral("big"));
        QCOMPARE(text(QStringLiteral("\"%{for i, s in [\"a\", \"b\"]}${i}${s},%{endfor}\"")), QStringLiteral("0a,1b,"));
        QCOMPARE(text(QStringLiteral("\"a  ${~ \"b\" ~}   c\"")), QStringLiteral("abc"));
        // One interpolation keeps the value's type.
        QCOMPARE(eval(QStringLiteral("\"${[1, 2]}\"")).type(), Value::Type::List);
    }

    void heredocs()
    {
        QCOMPARE(text(QStringLiteral("<<EOT\n  a\n    ${var.name}\n  EOT")), QStringLiteral("  a\n    web\n"));
        QCOMPARE(text(QStringLiteral("<<-EOT\n    a\n      b\n\n    c\n    EOT")), QStringLiteral("a\n  b\n\nc\n"));
        QCOMPARE(text(QStringLiteral("<<-EOT\n  %{ for x in [1,2] ~}\n  ${x}\n  %{ endfor ~}\nEOT")),
            QStringLiteral("1\n2\n"));
    }

    void operatorPrecedence()
    {
        QCOMPARE(eval(QStringLiteral("1 + 2 * 3")).toNumber(), 7.0);
        QCOMPARE(eval(QStringLiteral("(1 + 2) * 3")).toNumber(), 9.0);
        QCOMPARE(eval(QStringLiteral("10 - 4 - 3")).toNumber(), 3.0);
        QCOMPARE(eval(QStringLiteral("7 % 4 * 2")).toNumber(), 6.0);
        QCOMPARE(eval(QStringLiteral("1 < 2 == true")).toBool(), true);
        QCOMPARE(eval(QStringLiteral("false || true && false")).toBool(), false);
        QCOMPARE(eval(QStringLiteral("!false && 2 >= 2")).toBool(), true);
        QCOMPARE(text(QStringLiteral("var.n > 2 ? \"a\" : \"b\"")), QStringLiteral("a"));
        QCOMPARE(eval(QStringLiteral("-var.n + 1")).toNumber(), -2.0);
        QCOMPARE(eval(QStringLiteral("\"5\" + 1")).toNumber(), 6.0);
        QCOMPARE(eval(QStringLiteral("\"1\" == 1")).toBool(), false);
        QCOMPARE(eval(QStringLiteral("{a = [1]} == {a = [1]}")).toBool(), true);
    }

    void collectionsForAndSplat()
    {
        QCOMPARE(text(QStringLiteral("[for s in [\"a\", \"b\", \"c\"] : upper(s) if s != \"b\"]")),
            QStringLiteral("[\"A\",\"C\"]"));
        QCOMPARE(
            text(QStringLiteral("{for k, v in {a = 1, b = 2} : v => k}")), QStringLiteral("{\"1\":\"a\",\"2\":\"b\"}"));
        QCOMPARE(text(QStringLiteral("{for s in [\"a\", \"b\", \"a\"] : s => s...}")),
            QStringLiteral("{\"a\":[\"a\",\"a\"],\"b\":[\"b\"]}"));
        QCOMPARE(text(QStringLiteral("[{n = 1}, {n = 2}][*].n")), QStringLiteral("[1,2]"));
        QCOMPARE(text(QStringLiteral("[{n = {m = 1}}, {n = {m = 2}}].*.n.m")), QStringLiteral("[1,2]"));
        QCOMPARE(text(QStringLiteral("[[1, 2], [3]][*][0]")), QStringLiteral("[1,3]"));
        QCOMPARE(text(QStringLiteral("{n = 5}[*].n")), QStringLiteral("[5]"));
        QCOMPARE(text(QStringLiteral("[[1, 2], [3, 4]].1.0")), QStringLiteral("3"));
        QCOMPARE(
            text(QStringLiteral("{\"k\": 1, (var.name) = 2, x = 3}")), QStringLiteral("{\"k\":1,\"web\":2,\"x\":3}"));
        QCOMPARE(text(QStringLiteral("{\n a = 1\n b = 2\n}[\"b\"]")), QStringLiteral("2"));
    }

    void functions()
    {
        QCOMPARE(text(QStringLiteral("format(\"%s-%03d %v %q %.1f %%\", \"a\", 7, true, \"q\", 2.26)")),
            QStringLiteral("a-007 true \"q\" 2.3 %"));
        QCOMPARE(
            text(QStringLiteral("formatlist(\"%s=%d\", [\"a\", \"b\"], [1, 2])")), QStringLiteral("[\"a=1\",\"b=2\"]"));
        QCOMPARE(text(QStringLiteral("join(\",\", split(\"-\", \"a-b-c\"))")), QStringLiteral("a,b,c"));
        QCOMPARE(text(QStringLiteral("replace(title(lower(\"HELLO world\")), \"World\", \"There\")")),
            QStringLiteral("Hello There"));
        QCOMPARE(text(QStringLiteral("trimspace(trimprefix(trimsuffix(\"  ab.tf\", \".tf\"), \" \"))")),
            QStringLiteral("ab"));
        QCOMPARE(text(QStringLiteral("substr(\"hello\", 1, 3)")), QStringLiteral("ell"));
        QCOMPARE(text(QStringLiteral("length(merge({a = 1}, {b = 2}, {a = 3}))")), QStringLiteral("2"));
        QCOMPARE(text(QStringLiteral("merge({a = 1}, {a = 3}).a")), QStringLiteral("3"));
        QCOMPARE(text(QStringLiteral("lookup({a = 1}, \"b\", 9)")), QStringLiteral("9"));
        QCOMPARE(text(QStringLiteral("keys({b = 1, a = 2})")), QStringLiteral("[\"a\",\"b\"]"));
        QCOMPARE(text(QStringLiteral("values({b = 1, a = 2})")), QStringLiteral("[2,1]"));
        QCOMPARE(text(QStringLiteral("concat([1], [2, 3])")), QStringLiteral("[1,2,3]"));
        QCOMPARE(text(QStringLiteral("flatten([[1, [2]], 3])")), QStringLiteral("[1,2,3]"));
        QCOMPARE(text(QStringLiteral("distinct([1, 2, 1])")), QStringLiteral("[1,2]"));
        QCOMPARE(text(QStringLiteral("toset([\"b\", \"a\", \"b\"])")), QStringLiteral("[\"a\",\"b\"]"));
        QCOMPARE(text(QStringLiteral("compact([\"a\", \"\", null])")), QStringLiteral("[\"a\"]"));
        QCOMPARE(text(QStringLiteral("coalesce(\"\", \"x\")")), QStringLiteral("x"));
        QCOMPARE(text(QStringLiteral("element([1, 2], 3)")), QStringLiteral("2"));
        QCOMPARE(text(QStringLiteral("index([\"a\", \"b\"], \"b\")")), QStringLiteral("1"));
        QCOMPARE(text(QStringLiteral("contains([\"a\"], \"a\")")), QStringLiteral("true"));
        QCOMPARE(text(QStringLiteral("jsonencode({b = [1, \"<\"], a = null})")),
            QStringLiteral("{\"a\":null,\"b\":[1,\"\\u003c\"]}"));
        QCOMPARE(text(QStringLiteral("jsondecode(\"{\\\"a\\\": [1, true]}\").a[1]")), QStringLiteral("true"));
        QCOMPARE(text(QStringLiteral("yamlencode({a = \"b\", c = [1, 2]})")),
            QStringLiteral("\"a\": \"b\"\n\"c\":\n- 1\n- 2\n"));
        QCOMPARE(text(QStringLiteral("base64decode(base64encode(\"héllo\"))")), QString::fromUtf8("héllo"));
        QCOMPARE(text(QStringLiteral("[abs(-2), min(3, 1), max(3, 1), ceil(1.2), floor(1.8)]")),
            QStringLiteral("[2,1,3,2,1]"));
        QCOMPARE(text(QStringLiteral("range(1, 7, 2)")), QStringLiteral("[1,3,5]"));
        QCOMPARE(text(QStringLiteral("zipmap([\"a\", \"b\"], [1, 2])")), QStringLiteral("{\"a\":1,\"b\":2}"));
        QCOMPARE(
            text(QStringLiteral("[tostring(5), tonumber(\"5\"), tobool(\"true\")]")), QStringLiteral("[\"5\",5,true]"));
        QCOMPARE(text(QStringLiteral("max([4, 9]...)")), QStringLiteral("9"));
        QCOMPARE(text(QStringLiteral("try({a = 1}.b, \"fallback\")")), QStringLiteral("fallback"));
        QCOMPARE(text(QStringLiteral("[can([1][5]), can([1][0])]")), QStringLiteral("[false,true]"));
        QCOMPARE(text(QStringLiteral("tolist(tomap({a = 1}).*)")), QStringLiteral("[{\"a\":1}]"));
    }

    void unknownPropagatesAndIsNeverGuessed()
    {
        QVERIFY(eval(QStringLiteral("var.secret")).isUnknown());
        QVERIFY(eval(QStringLiteral("\"x-${var.secret}\"")).isUnknown());
        QVERIFY(eval(QStringLiteral("upper(var.secret)")).isUnknown());
        QVERIFY(eval(QStringLiteral("var.secret + 1")).isUnknown());
        QVERIFY(eval(QStringLiteral("var.secret ? 1 : 2")).isUnknown());
        QVERIFY(eval(QStringLiteral("[for x in var.secret : x]")).isUnknown());
        QVERIFY(eval(QStringLiteral("join(\",\", [\"a\", var.secret])")).isUnknown());
        QCOMPARE(eval(QStringLiteral("length([var.secret, 1])")).toNumber(), 2.0);
        QCOMPARE(eval(QStringLiteral("false && var.secret")).toBool(), false);
        QVERIFY(eval(QStringLiteral("[var.secret, 1]")).items().at(0).isUnknown());
        QVERIFY(eval(QStringLiteral("timestamp()")).isUnknown());
        QVERIFY(eval(QStringLiteral("file(\"x\")")).text().contains(QLatin1String("reads files")));
        QVERIFY(eval(QStringLiteral("replace(\"a\", \"/a/\", \"b\")")).isUnknown());
        QVERIFY(eval(QStringLiteral("nosuchfunction(1)")).isUnknown());
        QVERIFY(eval(QStringLiteral("sensitive(\"pw\")")).isUnknown());
        QVERIFY(eval(QStringLiteral("aws_instance.web.id")).isUnknown());
    }

    void errorsBecomeUnknownWithAWarning()
    {
        QList<Diagnostic> d;
        const Value v = eval(QStringLiteral("[1, 2][5]"), &d);
        QVERIFY(v.isUnknown());
        QCOMPARE(d.size(), 1);
        QCOMPARE(d.at(0).severity, Diagnostic::Severity::Warning);
        QCOMPARE(d.at(0).line, 1);
        QVERIFY(eval(QStringLiteral("1 / 0")).isUnknown());
        QVERIFY(eval(QStringLiteral("\"a\" * 2")).isUnknown());
    }

    void valuesKeepTheirLocation()
    {
        const HclFile f
            = HclParser::parse(QByteArray("x = {\n  a = \"1\"\n  b = [\n    true]\n}\n"), QStringLiteral("l.tf"));
        HclEvaluator ev;
        const Value v = ev.evaluate(f.body->attributes.at(0).expression);
        QCOMPARE(v.find(QStringLiteral("a"))->location().line, 2);
        QCOMPARE(v.find(QStringLiteral("a"))->location().column, 7);
        QCOMPARE(v.find(QStringLiteral("b"))->items().at(0).location().line, 4);
        QCOMPARE(v.find(QStringLiteral("b"))->items().at(0).location().file, QStringLiteral("l.tf"));
    }

    void runawayEvaluationIsBounded()
    {
        QString src
            = QStringLiteral("x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]\n");
        const HclFile f = HclParser::parse(src, QStringLiteral("r.tf"));
        HclEvaluator ev;
        ev.setBudget(200000);
        const Value v = ev.evaluate(f.body->attributes.at(0).expression);
        QVERIFY(stoppedByBudget(v));
    }

private:
    static bool stoppedByBudget(const Value &v)
    {
        // Somewhere inside, the budget stopped evaluation with an unknown.
        if (v.isUnknown())
            return v.text().contains(QLatin1String("limit"));
        for (const Value &i : v.items()) {
            if (stoppedByBudget(i))
                return true;
        }
        return false;
    }
};

STRATA_TEST_MAIN(TestHclEvaluator)
#include "tst_hclevaluator.moc"
