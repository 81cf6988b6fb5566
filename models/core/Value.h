#pragma once

#include "core/SourceLocation.h"

#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace strata {

// A dynamically typed value as evidence holds it: JSON, YAML, HCL, tfstate and
// kubectl output all become Values, so the diff compares them the same way.
// Immutable and cheap to copy (children are shared). Maps keep their order.
// `Unknown` is a value Strata cannot know statically (an HCL reference to a
// computed attribute, a sensitive input): shown as unknown, never guessed.
class Value
{
public:
    enum class Type { Null, Bool, Number, String, List, Map, Unknown };
    using Entry = QPair<QString, Value>;

    Value(); // null
    static Value null(const SourceLocation &location = {});
    static Value boolean(bool value, const SourceLocation &location = {});
    // `text` is the number as written ("25", "1e3"); shown as written when given.
    static Value number(double value, const QString &text = {}, const SourceLocation &location = {});
    static Value string(const QString &value, const SourceLocation &location = {});
    static Value list(const QList<Value> &items, const SourceLocation &location = {});
    static Value map(const QList<Entry> &entries, const SourceLocation &location = {});
    static Value unknown(const QString &reason, const SourceLocation &location = {});

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isUnknown() const { return m_type == Type::Unknown; }
    bool isScalar() const { return m_type != Type::List && m_type != Type::Map; }
    const SourceLocation &location() const { return m_location; }
    Value withLocation(const SourceLocation &location) const;

    bool toBool() const { return m_bool; }
    double toNumber() const { return m_number; }
    // The string of a String, the reason of an Unknown, the text of a Number.
    QString text() const { return m_text; }
    const QList<Value> &items() const;
    const QList<Entry> &entries() const;
    // The value under `key` in a Map, or nullptr.
    const Value *find(const QString &key) const;
    const Value *find(QLatin1String key) const; // a key written in the code: no QString made per lookup
    // A path of map keys, e.g. {"metadata", "name"}; nullptr when absent.
    const Value *find(std::initializer_list<QString> path) const;

    // The value as kubectl would print a scalar: strings as they are, numbers
    // as written, true/false, "null"; lists and maps as compact JSON.
    QString displayText() const;
    // Equality of content (locations ignored). Numbers compare by value.
    bool sameAs(const Value &other) const;

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    QString m_text;
    std::shared_ptr<const QList<Value>> m_items;
    std::shared_ptr<const QList<Entry>> m_entries;
    SourceLocation m_location;
};

} // namespace strata
