#pragma once

#include "diff/Column.h"

#include <QtGlobal>

#include <bit>
#include <new>
#include <type_traits>
#include <utility>

namespace strata {

// One T per column that has one, in column order in one allocation; a
// column without one reads as a default T. Most objects come from one or two
// columns — a dump of a whole namespace is live only — and the diff holds a
// row of cells per field of every object and an identity per copy, so a
// column that holds nothing takes no room (16 bytes for none, one
// allocation of exactly the slots held).
template<typename T> class ColumnSlots
{
    // make() moves slots into a new block: a throwing move would leave it half made.
    static_assert(std::is_nothrow_move_constructible_v<T>);
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);

public:
    ColumnSlots() = default;
    ColumnSlots(const ColumnSlots &other)
        : m_columns(other.m_columns)
    {
        const int n = count();
        if (n == 0)
            return;
        m_slots = allocate(n);
        for (int i = 0; i < n; ++i)
            new (m_slots + i) T(other.m_slots[i]);
    }
    ColumnSlots(ColumnSlots &&other) noexcept
        : m_slots(std::exchange(other.m_slots, nullptr))
        , m_columns(std::exchange(other.m_columns, 0))
    {
    }
    ColumnSlots &operator=(const ColumnSlots &other)
    {
        if (this != &other)
            *this = ColumnSlots(other);
        return *this;
    }
    ColumnSlots &operator=(ColumnSlots &&other) noexcept
    {
        if (this != &other)
            reset(std::exchange(other.m_slots, nullptr), std::exchange(other.m_columns, 0));
        return *this;
    }
    ~ColumnSlots() { reset(nullptr, 0); }

    // The column's T; a default one when none is held for it.
    const T &operator[](size_t column) const
    {
        static const T none;
        Q_ASSERT(column < columnCount);
        return has(column) ? m_slots[slot(column)] : none;
    }
    bool has(size_t column) const
    {
        Q_ASSERT(column < columnCount);
        return m_columns & (1u << column);
    }
    // The column's T, added (default) when none is held for it yet.
    T &make(size_t column)
    {
        Q_ASSERT(column < columnCount);
        const int at = slot(column);
        if (has(column))
            return m_slots[at];
        // Grown by one, in place of the old slots (at most four).
        const int n = count();
        T *slots = allocate(n + 1);
        for (int i = 0; i < n; ++i)
            new (slots + (i < at ? i : i + 1)) T(std::move(m_slots[i]));
        new (slots + at) T();
        reset(slots, static_cast<unsigned char>(m_columns | (1u << column)));
        return slots[at];
    }
    // The slots held, in column order.
    const T *begin() const { return m_slots; }
    const T *end() const { return m_slots + count(); }
    int count() const { return std::popcount(unsigned(m_columns)); }

private:
    static T *allocate(int n) { return static_cast<T *>(::operator new(sizeof(T) * size_t(n))); }
    int slot(size_t column) const { return std::popcount(unsigned(m_columns) & ((1u << column) - 1)); }
    void reset(T *slots, unsigned char columns)
    {
        if (m_slots) {
            const int n = count();
            for (int i = 0; i < n; ++i)
                m_slots[i].~T();
            ::operator delete(m_slots);
        }
        m_slots = slots;
        m_columns = columns;
    }

    T *m_slots = nullptr;
    unsigned char m_columns = 0; // bit i: a slot is held for column i
};

} // namespace strata
