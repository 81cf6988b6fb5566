#include "Value.h"

#include <cmath>
#include <cstring>
#include <new>
#include <utility>

namespace strata {

static_assert(int(Value::Type::Unknown) < 8, "the type fits in a location's three spare bits");
static_assert(sizeof(void *) != 8 || sizeof(Value) <= 48, "a Value is one node of every file read: keep it small");

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

Value::Value()
    : m_text()
{
}

Value::Value(const Value &other)
    : m_location(other.m_location)
{
    const Type t = other.type();
    setType(t);
    copyScalar(other); // the number or the boolean: they share their bytes
    switch (t) {
    case Type::List:
        new (&m_items) QList<Value>(other.m_items);
        break;
    case Type::Map:
        new (&m_entries) QList<Entry>(other.m_entries);
        break;
    default:
        new (&m_text) QString(other.m_text);
    }
}

Value::Value(Value &&other) noexcept
{
    take(other);
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
    // `other` may be held inside what this value's children own: take it out
    // first, then let go of what this value held.
    Value taken(std::move(other));
    destroyPayload();
    take(taken);
    return *this;
}

// Moves `from`'s payload, scalar and type into this value, whose payload is
// not made (a constructor's) or already destroyed; `from` is left a null
// (what a moved-from value always was).
void Value::take(Value &from) noexcept
{
    const Type t = from.type();
    copyScalar(from);
    switch (t) {
    case Type::List:
        new (&m_items) QList<Value>(std::move(from.m_items));
        break;
    case Type::Map:
        new (&m_entries) QList<Entry>(std::move(from.m_entries));
        break;
    default:
        new (&m_text) QString(std::move(from.m_text));
    }
    from.destroyPayload();
    new (&from.m_text) QString();
    m_location = std::move(from.m_location); // keeps this value's spare bits: set below
    setType(t);
    from.setType(Type::Null);
    from.m_number = 0;
}

Value::~Value()
{
    destroyPayload();
}

void Value::copyScalar(const Value &other) noexcept
{
    // Bytes, not a member: the other's may hold the boolean, and reading the
    // number then would read the member it does not hold.
    std::memcpy(&m_number, &other.m_number, sizeof m_number);
}

void Value::destroyPayload() noexcept
{
    switch (type()) {
    case Type::List:
        m_items.~QList();
        break;
    case Type::Map:
        m_entries.~QList();
        break;
    default:
        m_text.~QString();
    }
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
    v.setType(Type::Bool);
    v.m_bool = value;
    v.setLocation(location);
    return v;
}

Value Value::number(double value, const QString &text, const SourceLocation &location)
{
    Value v;
    v.setType(Type::Number);
    v.m_number = value;
    v.m_text = text.isEmpty() ? numberText(value) : text;
    v.setLocation(location);
    return v;
}

Value Value::string(const QString &value, const SourceLocation &location)
{
    Value v;
    v.setType(Type::String);
    v.m_text = value;
    v.setLocation(location);
    return v;
}

Value Value::list(QList<Value> items, const SourceLocation &location)
{
    Value v;
    v.m_text.~QString();
    v.setType(Type::List);
    if (items.isDetached() && items.capacity() > items.size())
        items.squeeze(); // kept until the diff: no room for growth that never comes
    new (&v.m_items) QList<Value>(std::move(items));
    v.setLocation(location);
    return v;
}

Value Value::map(QList<Entry> entries, const SourceLocation &location)
{
    Value v;
    v.m_text.~QString();
    v.setType(Type::Map);
    if (entries.isDetached() && entries.capacity() > entries.size())
        entries.squeeze();
    new (&v.m_entries) QList<Entry>(std::move(entries));
    v.setLocation(location);
    return v;
}

Value Value::unknown(const QString &reason, const SourceLocation &location)
{
    Value v;
    v.setType(Type::Unknown);
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
    return type() == Type::List ? m_items : emptyItems();
}

const QList<Value::Entry> &Value::entries() const
{
    return type() == Type::Map ? m_entries : emptyEntries();
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
    return type() == Type::Map ? findEntry(entries(), key) : nullptr;
}

const Value *Value::find(QLatin1String key) const
{
    return type() == Type::Map ? findEntry(entries(), key) : nullptr;
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
    switch (type()) {
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
    if (type() != other.type())
        return false;
    switch (type()) {
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
