#include "Value.h"

#include <atomic>
#include <cmath>
#include <utility>

namespace strata {

static_assert(sizeof(void *) != 8 || sizeof(Value) <= 64, "a Value is one node of every file read: keep it small");

struct Value::Children
{
    mutable std::atomic<int> refs { 1 };
    QList<Value> items;
    QList<Entry> entries;
};

namespace {

void release(const Value::Children *c)
{
    if (c && c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
        delete c;
}

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

Value::Value(const Value &other)
    : m_type(other.m_type)
    , m_bool(other.m_bool)
    , m_number(other.m_number)
    , m_text(other.m_text)
    , m_children(other.m_children)
    , m_location(other.m_location)
{
    if (m_children)
        m_children->refs.fetch_add(1, std::memory_order_relaxed);
}

Value::Value(Value &&other) noexcept
    : m_type(other.m_type)
    , m_bool(other.m_bool)
    , m_number(other.m_number)
    , m_text(std::move(other.m_text))
    , m_children(std::exchange(other.m_children, nullptr))
    , m_location(std::move(other.m_location))
{
    other.m_type = Type::Null;
}

Value &Value::operator=(const Value &other)
{
    if (this != &other)
        *this = Value(other);
    return *this;
}

Value &Value::operator=(Value &&other) noexcept
{
    if (this == &other)
        return *this;
    // `other` may be held inside what this value's children own: take it first.
    Children *old = std::exchange(m_children, std::exchange(other.m_children, nullptr));
    m_type = std::exchange(other.m_type, Type::Null);
    m_bool = other.m_bool;
    m_number = other.m_number;
    m_text = std::move(other.m_text);
    m_location = std::move(other.m_location);
    release(old);
    return *this;
}

Value::~Value()
{
    release(m_children);
}

SourceLocation Value::location() const
{
    return m_location.unpacked();
}

void Value::setLocation(const SourceLocation &location)
{
    m_location = location;
}

Value Value::null(const SourceLocation &location)
{
    Value v;
    v.setLocation(location);
    return v;
}

Value Value::boolean(bool value, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    v.setLocation(location);
    return v;
}

Value Value::number(double value, const QString &text, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Number;
    v.m_number = value;
    v.m_text = text.isEmpty() ? numberText(value) : text;
    v.setLocation(location);
    return v;
}

Value Value::string(const QString &value, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::String;
    v.m_text = value;
    v.setLocation(location);
    return v;
}

Value Value::list(QList<Value> items, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::List;
    v.m_children = new Children;
    if (items.isDetached() && items.capacity() > items.size())
        items.squeeze(); // kept until the diff: no room for growth that never comes
    v.m_children->items = std::move(items);
    v.setLocation(location);
    return v;
}

Value Value::map(QList<Entry> entries, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Map;
    v.m_children = new Children;
    if (entries.isDetached() && entries.capacity() > entries.size())
        entries.squeeze();
    v.m_children->entries = std::move(entries);
    v.setLocation(location);
    return v;
}

Value Value::unknown(const QString &reason, const SourceLocation &location)
{
    Value v;
    v.m_type = Type::Unknown;
    v.m_text = reason;
    v.setLocation(location);
    return v;
}

Value Value::withLocation(const SourceLocation &location) const
{
    Value v = *this;
    v.setLocation(location);
    return v;
}

const QList<Value> &Value::items() const
{
    return m_children && m_type == Type::List ? m_children->items : emptyItems();
}

const QList<Value::Entry> &Value::entries() const
{
    return m_children && m_type == Type::Map ? m_children->entries : emptyEntries();
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
