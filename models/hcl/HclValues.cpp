#include "HclValues.h"

#include <QLocale>

#include <cmath>

namespace strata::HclValues {

const Value *findUnknown(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Unknown:
        return &v;
    case Value::Type::List:
        for (const Value &i : v.items()) {
            if (const Value *u = findUnknown(i))
                return u;
        }
        return nullptr;
    case Value::Type::Map:
        for (const Value::Entry &e : v.entries()) {
            if (const Value *u = findUnknown(e.second))
                return u;
        }
        return nullptr;
    default:
        return nullptr;
    }
}

QString typeName(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Bool:
        return QStringLiteral("bool");
    case Value::Type::Number:
        return QStringLiteral("number");
    case Value::Type::String:
        return QStringLiteral("string");
    case Value::Type::List:
        return QStringLiteral("list");
    case Value::Type::Map:
        return QStringLiteral("object");
    case Value::Type::Unknown:
        return QStringLiteral("unknown");
    }
    return QString();
}

QString numberToString(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(qint64(v));
    // Terraform computes with arbitrary precision and prints the nearest
    // double: 0.1 + 0.2 is 0.3 there, 0.30000000000000004 in doubles. A
    // result within two units in the last place of a 15-digit decimal is
    // that decimal plus binary noise; anything farther (1/3) is shown whole.
    const QString shortest = QString::number(v, 'g', QLocale::FloatingPointShortest);
    const QString rounded = QString::number(v, 'g', 15);
    if (rounded.size() >= shortest.size())
        return shortest;
    double near = rounded.toDouble();
    for (int ulps = 0; ulps <= 2; ++ulps) {
        if (near == v)
            return QString::number(rounded.toDouble(), 'g', QLocale::FloatingPointShortest);
        near = std::nextafter(near, v);
    }
    return shortest;
}

Value number(double v, const SourceLocation &at)
{
    return Value::number(v, numberToString(v), at);
}

std::optional<QString> toString(const Value &v)
{
    switch (v.type()) {
    case Value::Type::String:
        return v.text();
    case Value::Type::Number:
        return numberToString(v.toNumber());
    case Value::Type::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return std::nullopt;
    }
}

std::optional<double> toNumber(const Value &v)
{
    if (v.type() == Value::Type::Number)
        return v.toNumber();
    if (v.type() == Value::Type::String) {
        bool ok = false;
        const double d = v.text().trimmed().toDouble(&ok);
        if (ok && !v.text().trimmed().isEmpty())
            return d;
    }
    return std::nullopt;
}

std::optional<bool> toBool(const Value &v)
{
    if (v.type() == Value::Type::Bool)
        return v.toBool();
    if (v.type() == Value::Type::String) {
        if (v.text() == QLatin1String("true"))
            return true;
        if (v.text() == QLatin1String("false"))
            return false;
    }
    return std::nullopt;
}

bool equals(const Value &a, const Value &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Value::Type::Null:
        return true;
    case Value::Type::Bool:
        return a.toBool() == b.toBool();
    case Value::Type::Number:
        return a.toNumber() == b.toNumber();
    case Value::Type::String:
    case Value::Type::Unknown:
        return a.text() == b.text();
    case Value::Type::List: {
        const QList<Value> &x = a.items();
        const QList<Value> &y = b.items();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!equals(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case Value::Type::Map: {
        const QList<Value::Entry> &x = a.entries();
        const QList<Value::Entry> &y = b.entries();
        if (x.size() != y.size())
            return false;
        for (const Value::Entry &e : x) {
            const Value *o = b.find(e.first);
            if (!o || !equals(e.second, *o))
                return false;
        }
        return true;
    }
    }
    return false;
}

bool exceeds(const Value &v, qint64 maxElements, qint64 maxCharacters, ValueSize &size)
{
    ++size.steps;
    switch (v.type()) {
    case Value::Type::String:
    case Value::Type::Number:
    case Value::Type::Unknown:
        size.characters += v.text().size();
        break;
    case Value::Type::List:
        size.elements += v.items().size();
        if (size.elements > maxElements)
            return true;
        for (const Value &i : v.items()) {
            if (exceeds(i, maxElements, maxCharacters, size))
                return true;
        }
        break;
    case Value::Type::Map:
        size.elements += v.entries().size();
        if (size.elements > maxElements)
            return true;
        for (const Value::Entry &e : v.entries()) {
            size.characters += e.first.size();
            if (exceeds(e.second, maxElements, maxCharacters, size))
                return true;
        }
        break;
    case Value::Type::Null:
    case Value::Type::Bool:
        break;
    }
    return size.elements > maxElements || size.characters > maxCharacters;
}

} // namespace strata::HclValues
