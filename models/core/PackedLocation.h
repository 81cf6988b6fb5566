#pragma once

#include "core/SourceLocation.h"

namespace strata {

// A SourceLocation in 16 bytes, for what is held by the million: every
// node of a file read (Value) and every cell of the diff. The file's name is
// shared by everything read from that file, so each holds a pointer instead
// of a string. Converts both ways with SourceLocation: it is the same thing.
class PackedLocation
{
public:
    PackedLocation() = default;
    PackedLocation(const SourceLocation &location); // NOLINT(google-explicit-constructor): the same thing, packed
    PackedLocation(const PackedLocation &other);
    PackedLocation(PackedLocation &&other) noexcept;
    PackedLocation &operator=(const PackedLocation &other);
    PackedLocation &operator=(PackedLocation &&other) noexcept;
    ~PackedLocation();

    operator SourceLocation() const { return unpacked(); } // NOLINT(google-explicit-constructor)
    SourceLocation unpacked() const;

    QString file() const;
    int line() const { return m_line; }
    int column() const { return m_column; }
    bool isValid() const { return m_file != nullptr; }
    QString toString() const { return unpacked().toString(); }
    bool operator==(const PackedLocation &other) const;

    struct SharedName; // opaque outside PackedLocation.cpp

private:
    const SharedName *m_file = nullptr; // null: no file
    int m_line = 0;
    int m_column = 0;
};

} // namespace strata

Q_DECLARE_TYPEINFO(strata::PackedLocation, Q_RELOCATABLE_TYPE);
