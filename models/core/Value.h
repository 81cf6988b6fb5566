#pragma once

#include "core/PackedLocation.h"

#include <QList>
#include <QPair>
#include <QString>

namespace strata {

// A dynamically typed value as evidence holds it: JSON, YAML, HCL, tfstate and
// kubectl output all become Values, so the diff compares them the same way.
// Immutable and cheap to copy (children are shared). Maps keep their order.
// `Unknown` is a value Strata cannot know statically (an HCL reference to a
// computed attribute, a sensitive input): shown as unknown, never guessed.
//
// Every node of every evidence file is one, so it is kept small (48 bytes,
// was 104, then 64): a node holds either its text or its children, never
// both, and the children are Qt's own implicitly shared list (no box of
// their own: one allocation less per map and list); the file name is shared
// by the nodes read from one file, and the type sits in its pointer's spare bits.
class Value
{
public:
    enum class Type : unsigned char { Null, Bool, Number, String, List, Map, Unknown };
    using Entry = QPair<QString, Value>;

    Value(); // null
    Value(const Value &other);
    Value(Value &&other) noexcept;
    Value &operator=(const Value &other);
    Value &operator=(Value &&other) noexcept;
    ~Value();

    static Value null(const SourceLocation &location = {});
    static Value boolean(bool value, const SourceLocation &location = {});
    // `text` is the number as written ("25", "1e3"); shown as written when given.
    static Value number(double value, const QString &text = {}, const SourceLocation &location = {});
    static Value string(const QString &value, const SourceLocation &location = {});
    static Value list(QList<Value> items, const SourceLocation &location = {});
    static Value map(QList<Entry> entries, const SourceLocation &location = {});
    static Value unknown(const QString &reason, const SourceLocation &location = {});

    Type type() const { return Type(m_location.spare()); }
    bool isNull() const { return type() == Type::Null; }
    bool isUnknown() const { return type() == Type::Unknown; }
    bool isScalar() const { return type() != Type::List && type() != Type::Map; }
    SourceLocation location() const;
    const PackedLocation &packedLocation() const { return m_location; }
    int line() const { return m_location.line(); }
    int column() const { return m_location.column(); }
    Value withLocation(const SourceLocation &location) const;

    bool toBool() const { return type() == Type::Bool && m_bool; }
    double toNumber() const { return type() == Type::Number ? m_number : 0; }
    // The string of a String, the reason of an Unknown, the text of a Number.
    QString text() const { return isScalar() ? m_text : QString(); }
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
    void setLocation(const SourceLocation &location);
    void setType(Type t) { m_location.setSpare(unsigned(t)); }
    void destroyPayload() noexcept;
    void copyScalar(const Value &other) noexcept;
    void take(Value &from) noexcept;

    // What the type says is there: a List's items, a Map's entries, every
    // other type's text (empty for null and booleans).
    union {
        QString m_text; // made by the constructors (a moved one takes whichever the other held), replaced by the
                        // children for a List or Map
        QList<Value> m_items;
        QList<Entry> m_entries;
    };
    union {
        double m_number = 0;
        bool m_bool;
    };
    PackedLocation m_location; // the file's name shared by the nodes of one file; the type in its spare bits
};

} // namespace strata
