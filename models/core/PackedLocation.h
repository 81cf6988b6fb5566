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
    bool isValid() const { return nameBits() != 0; }
    QString toString() const { return unpacked().toString(); }
    bool operator==(const PackedLocation &other) const; // spare bits aside

    // Three bits for the holder's own use (a Value keeps its type there:
    // 48 bytes a node, not 56). They belong to the holder, not to the
    // location: never copied or moved with it, kept by assignment, 0 in a
    // new location.
    unsigned spare() const { return unsigned(m_file & spareMask); }
    void setSpare(unsigned bits) { m_file = (m_file & ~spareMask) | (quintptr(bits) & spareMask); }

    struct SharedName; // opaque outside PackedLocation.cpp

private:
    static constexpr quintptr spareMask = 7; // a SharedName is aligned to 8 at least
    const SharedName *name() const { return reinterpret_cast<const SharedName *>(m_file & ~spareMask); }
    quintptr nameBits() const { return m_file & ~spareMask; }

    quintptr m_file = 0; // the SharedName (0: no file) and the spare bits
    int m_line = 0;
    int m_column = 0;
};

} // namespace strata

Q_DECLARE_TYPEINFO(strata::PackedLocation, Q_RELOCATABLE_TYPE);
