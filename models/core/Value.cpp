#include "Value.h"

#include <cmath>

namespace strata {

namespace {
const QList<Value> &emptyItems()
{
    static const QList<Value> empty;
    return empty;
}
const QList<Value::Entry> &emptyEntries()
{
    static const QList<Value::Entry> empty;
    return empty;
}

QString jsonQuoted(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

QString numberText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 17);
}
} // namespace

Value::Value() = default;

Value Value::null(const SourceLocation &location)
{
    Value v;
    v.m_location = location;
    return v;
}

Value Value::boolean(bool value, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    v.m_location = location;
    return v;
}

Value Value::number(double value, const QString &text, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Number;
    v.m_number = value;
    v.m_text = text.isEmpty() ? numberText(value) : text;
    v.m_location = location;
    return v;
}

Value Value::string(const QString &value, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::String;
    v.m_text = value;
    v.m_location = location;
    return v;
}

Value Value::list(const QList<Value> &items, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::List;
    v.m_items = std::make_shared<const QList<Value>>(items);
    v.m_location = location;
    return v;
}

Value Value::map(const QList<Entry> &entries, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Map;
    v.m_entries = std::make_shared<const QList<Entry>>(entries);
    v.m_location = location;
    return v;
}

Value Value::unknown(const QString &reason, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Unknown;
    v.m_text = reason;
    v.m_location = location;
    return v;
}

Value Value::withLocation(const SourceLocation &location) const
{
    Value v = *this;
    v.m_location = location;
    return v;
}

const QList<Value> &Value::items() const
{
    return m_items ? *m_items : emptyItems();
}

const QList<Value::Entry> &Value::entries() const
{
    return m_entries ? *m_entries : emptyEntries();
}

namespace {
template<typename Key> const Value *findEntry(const QList<Value::Entry> &entries, const Key &key)
{
    for (const Value::Entry &e : entries) {
        if (e.first == key)
            return &e.second;
    }
    return nullptr;
}
} // namespace

const Value *Value::find(const QString &key) const
{
    return m_type == Type::Map ? findEntry(entries(), key) : nullptr;
}

const Value *Value::find(QLatin1String key) const
{
    return m_type == Type::Map ? findEntry(entries(), key) : nullptr;
}

const Value *Value::find(std::initializer_list<QString> path) const
{
    const Value *v = this;
    for (const QString &key : path) {
        v = v->find(key);
        if (!v)
            return nullptr;
    }
    return v;
}

QString Value::displayText() const
{
    switch (m_type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return m_bool ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Number:
    case Type::String:
        return m_text;
    case Type::Unknown:
        return QStringLiteral("(unknown)");
    case Type::List: {
        QStringList parts;
        for (const Value &v : items())
            parts.append(v.type() == Type::String ? jsonQuoted(v.text()) : v.displayText());
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Type::Map: {
        QStringList parts;
        for (const Entry &e : entries())
            parts.append(jsonQuoted(e.first) + QLatin1Char(':')
                + (e.second.type() == Type::String ? jsonQuoted(e.second.text()) : e.second.displayText()));
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    }
    return {};
}

bool Value::sameAs(const Value &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::Number:
        return m_number == other.m_number || (std::isnan(m_number) && std::isnan(other.m_number));
    case Type::String:
    case Type::Unknown:
        return m_text == other.m_text;
    case Type::List: {
        const auto &a = items();
        const auto &b = other.items();
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).sameAs(b.at(i)))
                return false;
        }
        return true;
    }
    case Type::Map: {
        const auto &a = entries();
        const auto &b = other.entries();
        if (a.size() != b.size())
            return false;
        for (const Entry &e : a) {
            const Value *o = other.find(e.first);
            if (!o || !e.second.sameAs(*o))
                return false;
        }
        return true;
    }
    }
    return false;
}

} // namespace strata
