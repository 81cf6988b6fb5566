#pragma once

#include "core/PackedLocation.h"

#include <QList>
#include <QPair>
#include <QString>

#include <atomic>

namespace strata {

// A dynamically typed value as evidence holds it: JSON, YAML, HCL, tfstate and
// kubectl output all become Values, so the diff compares them the same way.
// Immutable and cheap to copy (children are shared). Maps keep their order.
// `Unknown` is a value Strata cannot know statically (an HCL reference to a
// computed attribute, a sensitive input): shown as unknown, never guessed.
//
// Every node of every evidence file is one, so it is kept small (64 bytes,
// was 104): the children sit behind one counted pointer, and the file name
// is shared by the nodes read from one file.
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

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isUnknown() const { return m_type == Type::Unknown; }
    bool isScalar() const { return m_type != Type::List && m_type != Type::Map; }
    SourceLocation location() const;
    const PackedLocation &packedLocation() const { return m_location; }
    int line() const { return m_location.line(); }
    int column() const { return m_location.column(); }
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

    // Opaque outside Value.cpp.
    struct Children; // a List's items or a Map's entries, counted

private:
    void setLocation(const SourceLocation &location);

    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    QString m_text;
    Children *m_children = nullptr; // shared by copies; immutable
    PackedLocation m_location; // the file's name shared by the nodes of one file
};

} // namespace strata
