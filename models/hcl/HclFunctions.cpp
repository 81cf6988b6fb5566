#include "HclFunctions.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclValues.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

namespace strata::HclFunctions {

namespace {

struct Call
{
    const QList<Value> &args;
    const SourceLocation &at;
    HclEvaluator &ev;
    const QString &name;

    Value fail(const QString &message) const { return ev.fail(at, name + QStringLiteral("(): ") + message); }
    Value str(const QString &s) const
    {
        ev.charge(s.size() / 16);
        return ev.bounded(Value::string(s, at), at);
    }
    // Functions that concatenate check the size first: a result past the
    // evaluator's limit is refused before it is built.
    bool fits(qint64 length) const { return length <= HclEvaluator::maxStringLength; }
    Value tooLong(qint64 length) const { return ev.stringTooLong(at, length); }
    Value num(double d) const { return HclValues::number(d, at); }
    Value boolean(bool b) const { return Value::boolean(b, at); }
    Value list(const QList<Value> &items) const
    {
        ev.charge(items.size());
        return Value::list(items, at);
    }
    Value map(const QList<Value::Entry> &entries) const
    {
        ev.charge(entries.size());
        return Value::map(entries, at);
    }
};

using Fn = std::function<Value(const Call &)>;

struct Spec
{
    int minArgs;
    int maxArgs; // -1: variadic
    bool structural; // only top-level unknowns make the result unknown
    Fn fn;
};

std::optional<QString> sArg(const Call &c, int i, Value *error)
{
    const std::optional<QString> s = HclValues::toString(c.args.at(i));
    if (!s)
        *error = c.fail(
            QStringLiteral("argument %1 must be a string, not %2").arg(i + 1).arg(HclValues::typeName(c.args.at(i))));
    return s;
}

std::optional<double> nArg(const Call &c, int i, Value *error)
{
    const std::optional<double> n = HclValues::toNumber(c.args.at(i));
    if (!n)
        *error = c.fail(
            QStringLiteral("argument %1 must be a number, not %2").arg(i + 1).arg(HclValues::typeName(c.args.at(i))));
    return n;
}

const QList<Value> *lArg(const Call &c, int i, Value *error)
{
    if (c.args.at(i).type() != Value::Type::List) {
        *error = c.fail(
            QStringLiteral("argument %1 must be a list, not %2").arg(i + 1).arg(HclValues::typeName(c.args.at(i))));
        return nullptr;
    }
    return &c.args.at(i).items();
}

const QList<Value::Entry> *mArg(const Call &c, int i, Value *error)
{
    if (c.args.at(i).type() != Value::Type::Map) {
        *error = c.fail(QStringLiteral("argument %1 must be a map or object, not %2")
                            .arg(i + 1)
                            .arg(HclValues::typeName(c.args.at(i))));
        return nullptr;
    }
    return &c.args.at(i).entries();
}

#define S(var, i)                                                                                                      \
    Value err_##var;                                                                                                   \
    const std::optional<QString> var = sArg(c, i, &err_##var);                                                         \
    if (!var)                                                                                                          \
        return err_##var;
#define N(var, i)                                                                                                      \
    Value err_##var;                                                                                                   \
    const std::optional<double> var = nArg(c, i, &err_##var);                                                          \
    if (!var)                                                                                                          \
        return err_##var;
#define L(var, i)                                                                                                      \
    Value err_##var;                                                                                                   \
    const QList<Value> *var = lArg(c, i, &err_##var);                                                                  \
    if (!var)                                                                                                          \
        return err_##var;
#define M(var, i)                                                                                                      \
    Value err_##var;                                                                                                   \
    const QList<Value::Entry> *var = mArg(c, i, &err_##var);                                                           \
    if (!var)                                                                                                          \
        return err_##var;

QString jsonString(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar ch : s) {
        switch (ch.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '<':
        case '>':
        case '&':
            // As Go's encoding/json (and so Terraform) writes them.
            out += QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
            break;
        default:
            if (ch.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += ch;
        }
    }
    return out + QLatin1Char('"');
}

QList<Value::Entry> sortedEntries(const Value &v)
{
    QList<Value::Entry> e = v.entries();
    std::stable_sort(
        e.begin(), e.end(), [](const Value::Entry &a, const Value::Entry &b) { return a.first < b.first; });
    return e;
}

void jsonEncode(const Value &v, QString &out)
{
    if (out.size() > HclEvaluator::maxStringLength)
        return; // shared children can stand for an enormous text: the caller refuses it
    switch (v.type()) {
    case Value::Type::Null:
    case Value::Type::Unknown:
        out += QStringLiteral("null");
        break;
    case Value::Type::Bool:
        out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case Value::Type::Number:
        out += HclValues::numberToString(v.toNumber());
        break;
    case Value::Type::String:
        out += jsonString(v.text());
        break;
    case Value::Type::List: {
        out += QLatin1Char('[');
        bool first = true;
        for (const Value &i : v.items()) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            jsonEncode(i, out);
        }
        out += QLatin1Char(']');
        break;
    }
    case Value::Type::Map: {
        out += QLatin1Char('{');
        bool first = true;
        for (const Value::Entry &e : sortedEntries(v)) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            out += jsonString(e.first) + QLatin1Char(':');
            jsonEncode(e.second, out);
        }
        out += QLatin1Char('}');
        break;
    }
    }
}

void yamlScalar(const Value &v, QString &out)
{
    switch (v.type()) {
    case Value::Type::Bool:
        out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case Value::Type::Number:
        out += HclValues::numberToString(v.toNumber());
        break;
    case Value::Type::String:
        out += jsonString(v.text())
                   .replace(QStringLiteral("\\u003c"), QStringLiteral("<"))
                   .replace(QStringLiteral("\\u003e"), QStringLiteral(">"))
                   .replace(QStringLiteral("\\u0026"), QStringLiteral("&"));
        break;
    default:
        out += QStringLiteral("null");
    }
}

// Block-style YAML like Terraform's yamlencode: quoted strings, sorted keys.
void yamlEncode(const Value &v, QString &out, int indent)
{
    if (out.size() > HclEvaluator::maxStringLength)
        return; // as in jsonEncode

    const QString pad(indent, QLatin1Char(' '));
    if (v.type() == Value::Type::List && !v.items().isEmpty()) {
        for (const Value &i : v.items()) {
            out += pad + QStringLiteral("- ");
            if ((i.type() == Value::Type::List && !i.items().isEmpty())
                || (i.type() == Value::Type::Map && !i.entries().isEmpty())) {
                QString inner;
                yamlEncode(i, inner, indent + 2);
                out += inner.mid(indent + 2);
            } else {
                yamlEncode(i, out, 0);
            }
        }
        return;
    }
    if (v.type() == Value::Type::Map && !v.entries().isEmpty()) {
        for (const Value::Entry &e : sortedEntries(v)) {
            out += pad + jsonString(e.first) + QLatin1Char(':');
            const Value &c = e.second;
            if (c.type() == Value::Type::Map && !c.entries().isEmpty()) {
                out += QLatin1Char('\n');
                yamlEncode(c, out, indent + 2);
            } else if (c.type() == Value::Type::List && !c.items().isEmpty()) {
                out += QLatin1Char('\n');
                yamlEncode(c, out, indent);
            } else {
                out += QLatin1Char(' ');
                yamlEncode(c, out, 0);
            }
        }
        return;
    }
    if (v.type() == Value::Type::List)
        out += QStringLiteral("[]");
    else if (v.type() == Value::Type::Map)
        out += QStringLiteral("{}");
    else
        yamlScalar(v, out);
    out += QLatin1Char('\n');
}

Value fromJson(const QJsonValue &j, const SourceLocation &at, int depth, bool *tooDeep)
{
    if (depth > 200) {
        *tooDeep = true;
        return Value::null(at);
    }
    switch (j.type()) {
    case QJsonValue::Bool:
        return Value::boolean(j.toBool(), at);
    case QJsonValue::Double:
        return HclValues::number(j.toDouble(), at);
    case QJsonValue::String:
        return Value::string(j.toString(), at);
    case QJsonValue::Array: {
        QList<Value> items;
        const QJsonArray a = j.toArray();
        for (const QJsonValue &i : a)
            items.append(fromJson(i, at, depth + 1, tooDeep));
        return Value::list(items, at);
    }
    case QJsonValue::Object: {
        QList<Value::Entry> entries;
        const QJsonObject o = j.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            entries.append({ it.key(), fromJson(it.value(), at, depth + 1, tooDeep) });
        return Value::map(entries, at);
    }
    default:
        return Value::null(at);
    }
}

QString formatValue(const Value &v)
{
    if (v.isScalar() && !v.isNull()) {
        if (const std::optional<QString> s = HclValues::toString(v))
            return *s;
    }
    QString out;
    jsonEncode(v, out);
    return out;
}

// Go-style verbs Terraform's format() accepts: %s %d %f %t %v %q %x %X %o %b %e %g %%, with flags, width, precision.
Value format(const Call &c, const QString &fmt, const QList<Value> &args)
{
    QString out;
    qsizetype argi = 0;
    for (qsizetype i = 0; i < fmt.size(); ++i) {
        const QChar ch = fmt.at(i);
        if (ch != QLatin1Char('%')) {
            out += ch;
            continue;
        }
        if (++i >= fmt.size())
            return c.fail(QStringLiteral("format string ends with a lone %"));
        if (fmt.at(i) == QLatin1Char('%')) {
            out += QLatin1Char('%');
            continue;
        }
        bool left = false, plus = false, zero = false, space = false;
        for (; i < fmt.size(); ++i) {
            const QChar f = fmt.at(i);
            if (f == QLatin1Char('-'))
                left = true;
            else if (f == QLatin1Char('+'))
                plus = true;
            else if (f == QLatin1Char('0'))
                zero = true;
            else if (f == QLatin1Char(' '))
                space = true;
            else if (f != QLatin1Char('#'))
                break;
        }
        int width = -1, precision = -1;
        while (i < fmt.size() && fmt.at(i).isDigit() && width < 10000)
            width = std::max(width, 0) * 10 + fmt.at(i++).digitValue();
        if (i < fmt.size() && fmt.at(i) == QLatin1Char('.')) {
            ++i;
            precision = 0;
            while (i < fmt.size() && fmt.at(i).isDigit() && precision < 1000)
                precision = precision * 10 + fmt.at(i++).digitValue();
        }
        if (i >= fmt.size())
            return c.fail(QStringLiteral("incomplete format verb"));
        const QChar verb = fmt.at(i);
        if (argi >= args.size())
            return c.fail(QStringLiteral("not enough arguments for the format string"));
        const Value &a = args.at(argi++);
        QString piece;
        switch (verb.unicode()) {
        case 's':
        case 'v': {
            if (verb == QLatin1Char('s') && !a.isScalar())
                return c.fail(QStringLiteral("%s needs a string, not %1").arg(HclValues::typeName(a)));
            piece = formatValue(a);
            if (precision >= 0)
                piece = piece.left(precision);
            break;
        }
        case 'q': {
            const std::optional<QString> s = HclValues::toString(a);
            if (!s)
                return c.fail(QStringLiteral("%q needs a string"));
            piece = jsonString(*s);
            break;
        }
        case 't': {
            const std::optional<bool> b = HclValues::toBool(a);
            if (!b)
                return c.fail(QStringLiteral("%t needs a bool"));
            piece = *b ? QStringLiteral("true") : QStringLiteral("false");
            break;
        }
        case 'd':
        case 'x':
        case 'X':
        case 'o':
        case 'b': {
            const std::optional<double> n = HclValues::toNumber(a);
            if (!n || *n != std::floor(*n) || std::fabs(*n) > 9e18)
                return c.fail(QStringLiteral("%%%1 needs a whole number").arg(verb));
            const qint64 v = qint64(*n);
            const int base = verb == QLatin1Char('d') ? 10
                : verb == QLatin1Char('o')            ? 8
                : verb == QLatin1Char('b')            ? 2
                                                      : 16;
            piece = QString::number(v < 0 ? -v : v, base);
            if (verb == QLatin1Char('X'))
                piece = piece.toUpper();
            if (v < 0)
                piece.prepend(QLatin1Char('-'));
            else if (plus)
                piece.prepend(QLatin1Char('+'));
            else if (space)
                piece.prepend(QLatin1Char(' '));
            break;
        }
        case 'f':
        case 'e':
        case 'g': {
            const std::optional<double> n = HclValues::toNumber(a);
            if (!n)
                return c.fail(QStringLiteral("%%%1 needs a number").arg(verb));
            piece = QString::number(
                *n, char(verb.unicode()), precision >= 0 ? precision : (verb == QLatin1Char('g') ? -128 : 6));
            if (*n >= 0 && plus)
                piece.prepend(QLatin1Char('+'));
            break;
        }
        default:
            return c.fail(QStringLiteral("unsupported format verb %%%1").arg(verb));
        }
        if (width > piece.size()) {
            const QString fill(width - piece.size(), zero && !left ? QLatin1Char('0') : QLatin1Char(' '));
            piece = left ? piece + QString(width - piece.size(), QLatin1Char(' ')) : fill + piece;
        }
        out += piece;
        if (!c.ev.charge(piece.size() / 16))
            return Value::unknown(QStringLiteral("evaluation limit reached"), c.at);
    }
    if (argi < args.size())
        return c.fail(QStringLiteral("too many arguments for the format string"));
    return c.str(out);
}

QList<Value> distinctItems(const QList<Value> &items)
{
    QList<Value> out;
    QSet<QString> seen; // JSON text identifies a value here
    for (const Value &i : items) {
        QString key;
        jsonEncode(i, key);
        key.prepend(HclValues::typeName(i));
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(i);
        }
    }
    return out;
}

// False when a nested list is unknown; stops at the evaluator's element
// limit (the caller's bounded() then says so).
bool flattenInto(const Value &v, QList<Value> &out, const Call &c)
{
    for (const Value &i : v.items()) {
        if (i.isUnknown())
            return false;
        if (out.size() > HclEvaluator::maxValueElements)
            return true;
        if (i.type() == Value::Type::List) {
            if (!flattenInto(i, out, c))
                return false;
        } else {
            out.append(i);
        }
    }
    return true;
}

Value notEvaluated(const Call &c, const QString &why)
{
    return Value::unknown(QStringLiteral("%1(): %2").arg(c.name, why), c.at);
}

const QHash<QString, Spec> &table()
{
    static const QHash<QString, Spec> t = [] {
        QHash<QString, Spec> h;
        h.insert(QStringLiteral("lower"), { 1, 1, false, [](const Call &c) { S(s, 0) return c.str(s->toLower()); } });
        h.insert(QStringLiteral("upper"), { 1, 1, false, [](const Call &c) { S(s, 0) return c.str(s->toUpper()); } });
        h.insert(QStringLiteral("title"), { 1, 1, false, [](const Call &c) {
                                               S(s, 0) QString out = *s;
                                               // Go's strings.Title, which Terraform uses: a word
                                               // goes on through letters, digits and '_'; ASCII
                                               // punctuation and any space end it.
                                               const auto separator = [](QChar ch) {
                                                   if (ch.unicode() <= 0x7f)
                                                       return !(ch.isLetterOrNumber() || ch == QLatin1Char('_'));
                                                   return !ch.isLetterOrNumber() && ch.isSpace();
                                               };
                                               bool start = true;
                                               for (QChar &ch : out) {
                                                   if (start && ch.isLetter())
                                                       ch = ch.toUpper();
                                                   start = separator(ch);
                                               }
                                               return c.str(out);
                                           } });
        h.insert(QStringLiteral("strrev"),
            { 1, 1, false, [](const Call &c) {
                 S(s, 0) QList<uint> u = s->toUcs4();
                 std::reverse(u.begin(), u.end());
                 return c.str(QString::fromUcs4(reinterpret_cast<const char32_t *>(u.constData()), u.size()));
             } });
        h.insert(QStringLiteral("format"), { 1, -1, false, [](const Call &c) {
                                                S(f, 0)
                                                return format(c, *f, c.args.mid(1));
                                            } });
        h.insert(QStringLiteral("formatlist"),
            { 1, -1, false, [](const Call &c) {
                 S(f, 0) qsizetype n = -1;
                 for (qsizetype i = 1; i < c.args.size(); ++i) {
                     if (c.args.at(i).type() == Value::Type::List) {
                         if (n >= 0 && n != c.args.at(i).items().size())
                             return c.fail(QStringLiteral("all lists must have the same length"));
                         n = c.args.at(i).items().size();
                     }
                 }
                 if (n < 0)
                     n = 1;
                 QList<Value> out;
                 for (qsizetype k = 0; k < n; ++k) {
                     QList<Value> row;
                     for (qsizetype i = 1; i < c.args.size(); ++i)
                         row.append(
                             c.args.at(i).type() == Value::Type::List ? c.args.at(i).items().at(k) : c.args.at(i));
                     const Value v = format(c, *f, row);
                     if (v.isUnknown())
                         return v;
                     out.append(v);
                 }
                 return c.list(out);
             } });
        h.insert(QStringLiteral("join"), { 2, -1, false, [](const Call &c) {
                                              S(sep, 0) QStringList parts;
                                              qint64 length = 0;
                                              for (qsizetype i = 1; i < c.args.size(); ++i) {
                                                  L(l, int(i)) for (const Value &v : *l)
                                                  {
                                                      const std::optional<QString> s = HclValues::toString(v);
                                                      if (!s)
                                                          return c.fail(QStringLiteral("join needs a list of strings"));
                                                      length += s->size() + sep->size();
                                                      if (!c.fits(length))
                                                          return c.tooLong(length);
                                                      parts.append(*s);
                                                  }
                                              }
                                              return c.str(parts.join(*sep));
                                          } });
        h.insert(QStringLiteral("split"), { 2, 2, false, [](const Call &c) {
                                               S(sep, 0) S(s, 1) QList<Value> out;
                                               const QStringList parts
                                                   = sep->isEmpty() ? QStringList() : s->split(*sep);
                                               if (sep->isEmpty()) {
                                                   for (const QChar ch : *s)
                                                       out.append(c.str(QString(ch)));
                                               }
                                               for (const QString &p : parts)
                                                   out.append(c.str(p));
                                               return c.list(out);
                                           } });
        h.insert(QStringLiteral("replace"),
            { 3, 3, false, [](const Call &c) {
                 S(s, 0)
                 S(sub, 1)
                 S(rep, 2)
                 if (sub->size() >= 2 && sub->startsWith(QLatin1Char('/')) && sub->endsWith(QLatin1Char('/')))
                     return notEvaluated(
                         c, QStringLiteral("regular expression replacement is not evaluated statically"));
                 if (sub->isEmpty())
                     return c.str(*s);
                 const qint64 length = s->size() + qint64(s->count(*sub)) * (rep->size() - sub->size());
                 if (!c.fits(length))
                     return c.tooLong(length);
                 QString out = *s;
                 return c.str(out.replace(*sub, *rep));
             } });
        h.insert(QStringLiteral("trimspace"), { 1, 1, false, [](const Call &c) {
                                                   S(s, 0)
                                                   return c.str(s->trimmed());
                                               } });
        h.insert(QStringLiteral("chomp"), { 1, 1, false, [](const Call &c) {
                                               S(s, 0) QString out = *s;
                                               while (
                                                   out.endsWith(QLatin1Char('\n')) || out.endsWith(QLatin1Char('\r')))
                                                   out.chop(1);
                                               return c.str(out);
                                           } });
        h.insert(QStringLiteral("trim"), { 2, 2, false, [](const Call &c) {
                                              S(s, 0) S(cut, 1) qsizetype b = 0, e = s->size();
                                              while (b < e && cut->contains(s->at(b)))
                                                  ++b;
                                              while (e > b && cut->contains(s->at(e - 1)))
                                                  --e;
                                              return c.str(s->mid(b, e - b));
                                          } });
        h.insert(QStringLiteral("trimprefix"), { 2, 2, false, [](const Call &c) {
                                                    S(s, 0)
                                                    S(p, 1) return c.str(s->startsWith(*p) ? s->mid(p->size()) : *s);
                                                } });
        h.insert(QStringLiteral("trimsuffix"),
            { 2, 2, false, [](const Call &c) {
                 S(s, 0) S(p, 1) return c.str(s->endsWith(*p) ? s->left(s->size() - p->size()) : *s);
             } });
        h.insert(QStringLiteral("startswith"), { 2, 2, false, [](const Call &c) {
                                                    S(s, 0)
                                                    S(p, 1) return c.boolean(s->startsWith(*p));
                                                } });
        h.insert(QStringLiteral("endswith"), { 2, 2, false, [](const Call &c) {
                                                  S(s, 0)
                                                  S(p, 1) return c.boolean(s->endsWith(*p));
                                              } });
        h.insert(QStringLiteral("strcontains"), { 2, 2, false, [](const Call &c) {
                                                     S(s, 0)
                                                     S(p, 1) return c.boolean(s->contains(*p));
                                                 } });
        h.insert(QStringLiteral("substr"),
            { 3, 3, false, [](const Call &c) {
                 S(s, 0) N(off, 1) N(len, 2) const QList<uint> u = s->toUcs4();
                 qint64 o = qint64(*off);
                 const qint64 size = u.size();
                 if (o < 0)
                     o = std::max<qint64>(0, size + o);
                 if (o > size)
                     return c.fail(QStringLiteral("offset beyond the end of the string"));
                 qint64 l = qint64(*len);
                 if (l < 0 || o + l > size)
                     l = size - o;
                 return c.str(QString::fromUcs4(reinterpret_cast<const char32_t *>(u.constData() + o), l));
             } });
        h.insert(QStringLiteral("indent"),
            { 2, 2, false, [](const Call &c) {
                 N(n, 0) S(s, 1) if (*n < 0 || *n > 1000) return c.fail(QStringLiteral("unreasonable indent"));
                 QString out = *s;
                 return c.str(
                     out.replace(QStringLiteral("\n"), QStringLiteral("\n") + QString(int(*n), QLatin1Char(' '))));
             } });
        h.insert(QStringLiteral("length"), { 1, 1, true, [](const Call &c) {
                                                const Value &v = c.args.at(0);
                                                if (v.type() == Value::Type::List)
                                                    return c.num(double(v.items().size()));
                                                if (v.type() == Value::Type::Map)
                                                    return c.num(double(v.entries().size()));
                                                if (v.type() == Value::Type::String)
                                                    return c.num(double(v.text().toUcs4().size()));
                                                return c.fail(QStringLiteral("needs a string or collection"));
                                            } });
        h.insert(QStringLiteral("concat"),
            { 0, -1, true, [](const Call &c) {
                 QList<Value> out;
                 for (qsizetype i = 0; i < c.args.size(); ++i) {
                     L(l, int(i))
                     if (out.size() + l->size() > HclEvaluator::maxValueElements)
                         return c.fail(
                             QStringLiteral("the result would hold more than %1 elements, past Strata's limit")
                                 .arg(HclEvaluator::maxValueElements));
                     out.append(*l);
                 }
                 return c.list(out);
             } });
        h.insert(QStringLiteral("merge"), { 0, -1, true, [](const Call &c) {
                                               QList<Value::Entry> out;
                                               QHash<QString, qsizetype> seen;
                                               for (qsizetype i = 0; i < c.args.size(); ++i) {
                                                   if (c.args.at(i).isNull())
                                                       continue;
                                                   M(m, int(i)) for (const Value::Entry &e : *m)
                                                   {
                                                       const auto it = seen.constFind(e.first);
                                                       if (it != seen.constEnd()) {
                                                           out[*it].second = e.second;
                                                       } else {
                                                           seen.insert(e.first, out.size());
                                                           out.append(e);
                                                       }
                                                   }
                                               }
                                               return c.map(out);
                                           } });
        h.insert(QStringLiteral("lookup"),
            { 2, 3, true, [](const Call &c) {
                 M(m, 0) if (c.args.at(1).isUnknown()) return Value::unknown(c.args.at(1).text(), c.at);
                 S(k, 1) for (const Value::Entry &e : *m)
                 {
                     if (e.first == *k)
                         return e.second;
                 }
                 if (c.args.size() == 3)
                     return c.args.at(2);
                 return c.fail(QStringLiteral("no key \"%1\" and no default").arg(*k));
             } });
        h.insert(QStringLiteral("keys"), { 1, 1, true, [](const Call &c) {
                                              M(m, 0) QList<Value> out;
                                              for (const Value::Entry &e : sortedEntries(c.args.at(0)))
                                                  out.append(Value::string(e.first, c.at));
                                              Q_UNUSED(m);
                                              return c.list(out);
                                          } });
        h.insert(QStringLiteral("values"), { 1, 1, true, [](const Call &c) {
                                                M(m, 0) QList<Value> out;
                                                for (const Value::Entry &e : sortedEntries(c.args.at(0)))
                                                    out.append(e.second);
                                                Q_UNUSED(m);
                                                return c.list(out);
                                            } });
        h.insert(QStringLiteral("contains"), { 2, 2, false, [](const Call &c) {
                                                  L(l, 0) for (const Value &v : *l)
                                                  {
                                                      if (HclValues::equals(v, c.args.at(1)))
                                                          return c.boolean(true);
                                                  }
                                                  return c.boolean(false);
                                              } });
        h.insert(QStringLiteral("element"),
            { 2, 2, true, [](const Call &c) {
                 L(l, 0) if (c.args.at(1).isUnknown()) return Value::unknown(c.args.at(1).text(), c.at);
                 N(i, 1) if (l->isEmpty()) return c.fail(QStringLiteral("cannot use element() with an empty list"));
                 if (*i < 0 || *i != std::floor(*i))
                     return c.fail(QStringLiteral("the index must be a non-negative whole number"));
                 return l->at(qsizetype(std::fmod(*i, double(l->size()))));
             } });
        h.insert(QStringLiteral("index"), { 2, 2, false, [](const Call &c) {
                                               L(l, 0) for (qsizetype i = 0; i < l->size(); ++i)
                                               {
                                                   if (HclValues::equals(l->at(i), c.args.at(1)))
                                                       return c.num(double(i));
                                               }
                                               return c.fail(QStringLiteral("the value is not in the list"));
                                           } });
        h.insert(QStringLiteral("flatten"), { 1, 1, true, [](const Call &c) {
                                                 L(l, 0) QList<Value> out;
                                                 Q_UNUSED(l);
                                                 if (!flattenInto(c.args.at(0), out, c))
                                                     return Value::unknown(
                                                         QStringLiteral("flatten(): a nested list is unknown"), c.at);
                                                 return c.list(out);
                                             } });
        h.insert(QStringLiteral("distinct"), { 1, 1, false, [](const Call &c) {
                                                  L(l, 0)
                                                  return c.list(distinctItems(*l));
                                              } });
        h.insert(QStringLiteral("compact"),
            { 1, 1, false, [](const Call &c) {
                 L(l, 0) QList<Value> out;
                 for (const Value &v : *l) {
                     if (!v.isNull() && !(v.type() == Value::Type::String && v.text().isEmpty()))
                         out.append(v);
                 }
                 return c.list(out);
             } });
        h.insert(QStringLiteral("coalesce"),
            { 1, -1, false, [](const Call &c) {
                 for (const Value &v : c.args) {
                     if (!v.isNull() && !(v.type() == Value::Type::String && v.text().isEmpty()))
                         return v;
                 }
                 return c.fail(QStringLiteral("no non-null, non-empty argument"));
             } });
        h.insert(QStringLiteral("coalescelist"), { 1, -1, true, [](const Call &c) {
                                                      for (qsizetype i = 0; i < c.args.size(); ++i) {
                                                          L(l, int(i)) if (!l->isEmpty()) return c.args.at(i);
                                                      }
                                                      return c.fail(QStringLiteral("no non-empty list"));
                                                  } });
        h.insert(QStringLiteral("reverse"), { 1, 1, true, [](const Call &c) {
                                                 L(l, 0) QList<Value> out = *l;
                                                 std::reverse(out.begin(), out.end());
                                                 return c.list(out);
                                             } });
        h.insert(QStringLiteral("slice"), { 3, 3, true, [](const Call &c) {
                                               L(l, 0)
                                               N(a, 1)
                                               N(b, 2)
                                               if (*a < 0 || *b > double(l->size()) || *a > *b)
                                                   return c.fail(QStringLiteral("indexes out of range"));
                                               return c.list(l->mid(qsizetype(*a), qsizetype(*b) - qsizetype(*a)));
                                           } });
        h.insert(QStringLiteral("toset"),
            { 1, 1, false, [](const Call &c) {
                 L(l, 0) QList<Value> out = distinctItems(*l);
                 // cty orders sets of strings lexically and of numbers numerically.
                 const bool strings = std::all_of(
                     out.begin(), out.end(), [](const Value &v) { return v.type() == Value::Type::String; });
                 const bool numbers = std::all_of(
                     out.begin(), out.end(), [](const Value &v) { return v.type() == Value::Type::Number; });
                 if (strings)
                     std::sort(
                         out.begin(), out.end(), [](const Value &a, const Value &b) { return a.text() < b.text(); });
                 else if (numbers)
                     std::sort(out.begin(), out.end(),
                         [](const Value &a, const Value &b) { return a.toNumber() < b.toNumber(); });
                 return c.list(out);
             } });
        h.insert(QStringLiteral("tolist"), { 1, 1, true, [](const Call &c) { L(l, 0) return c.list(*l); } });
        h.insert(QStringLiteral("tomap"), { 1, 1, true, [](const Call &c) { M(m, 0) return c.map(*m); } });
        h.insert(QStringLiteral("tostring"), { 1, 1, false, [](const Call &c) {
                                                  if (c.args.at(0).isNull())
                                                      return c.args.at(0);
                                                  S(s, 0) return c.str(*s);
                                              } });
        h.insert(QStringLiteral("tonumber"), { 1, 1, false, [](const Call &c) {
                                                  if (c.args.at(0).isNull())
                                                      return c.args.at(0);
                                                  N(n, 0) return c.num(*n);
                                              } });
        h.insert(QStringLiteral("tobool"), { 1, 1, false, [](const Call &c) {
                                                if (c.args.at(0).isNull())
                                                    return c.args.at(0);
                                                const std::optional<bool> b = HclValues::toBool(c.args.at(0));
                                                if (!b)
                                                    return c.fail(QStringLiteral("cannot convert to bool"));
                                                return c.boolean(*b);
                                            } });
        h.insert(QStringLiteral("jsonencode"), { 1, 1, false, [](const Call &c) {
                                                    QString out;
                                                    jsonEncode(c.args.at(0), out);
                                                    return c.str(out);
                                                } });
        h.insert(QStringLiteral("jsondecode"),
            { 1, 1, false, [](const Call &c) {
                 S(s, 0) QJsonParseError err;
                 const QJsonDocument doc
                     = QJsonDocument::fromJson(QByteArray("[") + s->toUtf8() + QByteArray("]"), &err);
                 if (err.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
                     return c.fail(QStringLiteral("invalid JSON"));
                 bool tooDeep = false;
                 const Value v = fromJson(doc.array().at(0), c.at, 0, &tooDeep);
                 if (tooDeep)
                     return c.fail(QStringLiteral("JSON nested too deeply"));
                 return v;
             } });
        h.insert(QStringLiteral("yamlencode"), { 1, 1, false, [](const Call &c) {
                                                    QString out;
                                                    yamlEncode(c.args.at(0), out, 0);
                                                    return c.str(out);
                                                } });
        h.insert(QStringLiteral("base64encode"), { 1, 1, false, [](const Call &c) {
                                                      S(s, 0)
                                                      return c.str(QString::fromLatin1(s->toUtf8().toBase64()));
                                                  } });
        h.insert(QStringLiteral("base64decode"), { 1, 1, false, [](const Call &c) {
                                                      S(s, 0)
                                                      const auto r = QByteArray::fromBase64Encoding(
                                                          s->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                                                      if (!r)
                                                          return c.fail(QStringLiteral("invalid base64"));
                                                      return c.str(QString::fromUtf8(*r));
                                                  } });
        h.insert(QStringLiteral("md5"),
            { 1, 1, false, [](const Call &c) {
                 S(s, 0)
                 return c.str(
                     QString::fromLatin1(QCryptographicHash::hash(s->toUtf8(), QCryptographicHash::Md5).toHex()));
             } });
        h.insert(QStringLiteral("sha1"),
            { 1, 1, false, [](const Call &c) {
                 S(s, 0)
                 return c.str(
                     QString::fromLatin1(QCryptographicHash::hash(s->toUtf8(), QCryptographicHash::Sha1).toHex()));
             } });
        h.insert(QStringLiteral("sha256"),
            { 1, 1, false, [](const Call &c) {
                 S(s, 0)
                 return c.str(
                     QString::fromLatin1(QCryptographicHash::hash(s->toUtf8(), QCryptographicHash::Sha256).toHex()));
             } });
        h.insert(QStringLiteral("abs"), { 1, 1, false, [](const Call &c) { N(n, 0) return c.num(std::fabs(*n)); } });
        h.insert(QStringLiteral("ceil"), { 1, 1, false, [](const Call &c) { N(n, 0) return c.num(std::ceil(*n)); } });
        h.insert(QStringLiteral("floor"), { 1, 1, false, [](const Call &c) { N(n, 0) return c.num(std::floor(*n)); } });
        h.insert(QStringLiteral("signum"), { 1, 1, false, [](const Call &c) {
                                                N(n, 0) return c.num(*n > 0 ? 1 : *n < 0 ? -1 : 0);
                                            } });
        h.insert(QStringLiteral("pow"), { 2, 2, false, [](const Call &c) {
                                             N(a, 0)
                                             N(b, 1) return c.num(std::pow(*a, *b));
                                         } });
        h.insert(QStringLiteral("min"), { 1, -1, false, [](const Call &c) {
                                             double m = 0;
                                             for (qsizetype i = 0; i < c.args.size(); ++i) {
                                                 N(n, int(i)) m = i == 0 ? *n : std::min(m, *n);
                                             }
                                             return c.num(m);
                                         } });
        h.insert(QStringLiteral("max"), { 1, -1, false, [](const Call &c) {
                                             double m = 0;
                                             for (qsizetype i = 0; i < c.args.size(); ++i) {
                                                 N(n, int(i)) m = i == 0 ? *n : std::max(m, *n);
                                             }
                                             return c.num(m);
                                         } });
        h.insert(QStringLiteral("sum"), { 1, 1, false, [](const Call &c) {
                                             L(l, 0) double s = 0;
                                             for (const Value &v : *l) {
                                                 const std::optional<double> n = HclValues::toNumber(v);
                                                 if (!n)
                                                     return c.fail(QStringLiteral("needs a list of numbers"));
                                                 s += *n;
                                             }
                                             return c.num(s);
                                         } });
        h.insert(QStringLiteral("range"), { 1, 3, false, [](const Call &c) {
                                               double start = 0, limit = 0, step = 1;
                                               if (c.args.size() == 1) {
                                                   N(l, 0) limit = *l;
                                               } else {
                                                   N(s, 0) N(l, 1) start = *s;
                                                   limit = *l;
                                                   if (c.args.size() == 3) {
                                                       N(st, 2) step = *st;
                                                   }
                                               }
                                               if (step == 0 || std::isnan(step))
                                                   return c.fail(QStringLiteral("step must not be zero"));
                                               const double count = std::ceil((limit - start) / step);
                                               if (count > 1024 * 1024)
                                                   return c.fail(QStringLiteral("more than 1048576 elements"));
                                               QList<Value> out;
                                               for (qint64 i = 0; i < qint64(count); ++i)
                                                   out.append(c.num(start + double(i) * step));
                                               return c.list(out);
                                           } });
        h.insert(QStringLiteral("zipmap"),
            { 2, 2, true, [](const Call &c) {
                 L(k, 0)
                 L(v, 1) if (k->size() != v->size()) return c.fail(QStringLiteral("keys and values differ in length"));
                 QList<Value::Entry> out;
                 QHash<QString, qsizetype> seen;
                 for (qsizetype i = 0; i < k->size(); ++i) {
                     if (k->at(i).isUnknown())
                         return Value::unknown(k->at(i).text(), c.at);
                     const std::optional<QString> key = HclValues::toString(k->at(i));
                     if (!key)
                         return c.fail(QStringLiteral("keys must be strings"));
                     const auto it = seen.constFind(*key);
                     if (it != seen.constEnd()) {
                         out[*it].second = v->at(i);
                     } else {
                         seen.insert(*key, out.size());
                         out.append({ *key, v->at(i) });
                     }
                 }
                 return c.map(out);
             } });
        h.insert(QStringLiteral("one"), { 1, 1, true, [](const Call &c) {
                                             L(l, 0) if (l->isEmpty()) return Value::null(c.at);
                                             if (l->size() > 1)
                                                 return c.fail(QStringLiteral("more than one element"));
                                             return l->at(0);
                                         } });
        h.insert(QStringLiteral("alltrue"), { 1, 1, false, [](const Call &c) {
                                                 L(l, 0)
                                                 for (const Value &v : *l)
                                                     if (HclValues::toBool(v) != std::optional<bool>(true))
                                                         return c.boolean(false);
                                                 return c.boolean(true);
                                             } });
        h.insert(QStringLiteral("anytrue"), { 1, 1, false, [](const Call &c) {
                                                 L(l, 0)
                                                 for (const Value &v : *l)
                                                     if (HclValues::toBool(v) == std::optional<bool>(true))
                                                         return c.boolean(true);
                                                 return c.boolean(false);
                                             } });
        // Sensitive values must never be shown, and Value has no marks: hide it.
        h.insert(QStringLiteral("sensitive"),
            { 1, 1, true, [](const Call &c) { return Value::unknown(QStringLiteral("sensitive value"), c.at); } });
        h.insert(QStringLiteral("nonsensitive"), { 1, 1, true, [](const Call &c) { return c.args.at(0); } });
        return h;
    }();
    return t;
}

bool readsOutsideCode(const QString &name)
{
    return name.startsWith(QLatin1String("file")) || name == QLatin1String("templatefile")
        || name == QLatin1String("abspath") || name == QLatin1String("pathexpand");
}

bool notDeterministic(const QString &name)
{
    static const QSet<QString> names { QStringLiteral("timestamp"), QStringLiteral("uuid"), QStringLiteral("uuidv5"),
        QStringLiteral("bcrypt"), QStringLiteral("plantimestamp"), QStringLiteral("rsadecrypt") };
    return names.contains(name);
}

} // namespace

bool isSupported(const QString &name)
{
    return table().contains(name) || name == QLatin1String("try") || name == QLatin1String("can");
}

Value call(const QString &name, const QList<Value> &args, const SourceLocation &at, HclEvaluator &evaluator)
{
    const Call c { args, at, evaluator, name };
    if (readsOutsideCode(name))
        return notEvaluated(c, QStringLiteral("reads files when Terraform runs; not evaluated statically"));
    if (notDeterministic(name))
        return notEvaluated(c, QStringLiteral("gives a different value on each run"));
    const auto it = table().constFind(name);
    if (it == table().constEnd()) {
        if (name.contains(QLatin1String("regex")))
            return notEvaluated(c, QStringLiteral("regular expressions are not evaluated statically"));
        return notEvaluated(c, QStringLiteral("not evaluated statically"));
    }
    const Spec &spec = *it;
    if (args.size() < spec.minArgs || (spec.maxArgs >= 0 && args.size() > spec.maxArgs))
        return c.fail(QStringLiteral("wrong number of arguments (%1)").arg(args.size()));
    for (const Value &a : args) {
        const Value *u = spec.structural ? (a.isUnknown() ? &a : nullptr) : HclValues::findUnknown(a);
        if (u)
            return Value::unknown(u->text(), at);
    }
    return spec.fn(c);
}

} // namespace strata::HclFunctions
