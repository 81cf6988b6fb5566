#include "ResourceDiff.h"

#include <QStringList>

#include <bit>
#include <new>
#include <utility>

namespace strata {

static_assert(sizeof(void *) != 8 || sizeof(FieldDiff) <= 64, "one per field of every object compared: keep it small");

namespace {

DiffCell *allocateCells(int n)
{
    return static_cast<DiffCell *>(::operator new(sizeof(DiffCell) * size_t(n)));
}

void destroyCells(DiffCell *cells, int n)
{
    for (int i = 0; i < n; ++i)
        cells[i].~DiffCell();
    ::operator delete(cells);
}

} // namespace

FieldCells::FieldCells(const FieldCells &other)
    : m_columns(other.m_columns)
{
    const int n = count();
    if (n == 0)
        return;
    m_cells = allocateCells(n);
    for (int i = 0; i < n; ++i)
        new (m_cells + i) DiffCell(other.m_cells[i]);
}

FieldCells::FieldCells(FieldCells &&other) noexcept
    : m_cells(std::exchange(other.m_cells, nullptr))
    , m_columns(std::exchange(other.m_columns, 0))
{
}

FieldCells &FieldCells::operator=(const FieldCells &other)
{
    if (this != &other)
        *this = FieldCells(other);
    return *this;
}

FieldCells &FieldCells::operator=(FieldCells &&other) noexcept
{
    if (this != &other) {
        reset(std::exchange(other.m_cells, nullptr), std::exchange(other.m_columns, 0));
    }
    return *this;
}

FieldCells::~FieldCells()
{
    reset(nullptr, 0);
}

void FieldCells::reset(DiffCell *cells, unsigned char columns)
{
    if (m_cells)
        destroyCells(m_cells, count());
    m_cells = cells;
    m_columns = columns;
}

int FieldCells::count() const
{
    return std::popcount(unsigned(m_columns));
}

int FieldCells::slot(size_t column) const
{
    return std::popcount(unsigned(m_columns) & ((1u << column) - 1));
}

const DiffCell &FieldCells::operator[](size_t column) const
{
    static const DiffCell none;
    Q_ASSERT(column < columnCount);
    return m_columns & (1u << column) ? m_cells[slot(column)] : none;
}

DiffCell &FieldCells::make(size_t column)
{
    Q_ASSERT(column < columnCount);
    const int at = slot(column);
    if (m_columns & (1u << column))
        return m_cells[at];
    // Grown by one, in place of the old cells (a field gains at most four).
    const int n = count();
    DiffCell *cells = allocateCells(n + 1);
    for (int i = 0; i < n; ++i)
        new (cells + (i < at ? i : i + 1)) DiffCell(std::move(m_cells[i]));
    new (cells + at) DiffCell();
    reset(cells, m_columns | (1u << column));
    return cells[at];
}

QString fieldStatusName(FieldStatus s)
{
    switch (s) {
    case FieldStatus::Same:
        return QStringLiteral("same");
    case FieldStatus::Drift:
        return QStringLiteral("drift");
    case FieldStatus::Pending:
        return QStringLiteral("pending");
    case FieldStatus::Stale:
        return QStringLiteral("stale");
    case FieldStatus::Missing:
        return QStringLiteral("missing");
    case FieldStatus::NoEvidence:
        return QStringLiteral("no-evidence");
    }
    return {};
}

QStringList FieldDiff::statusNames() const
{
    QStringList names;
    for (FieldStatus s : { FieldStatus::Same, FieldStatus::Drift, FieldStatus::Pending, FieldStatus::Stale,
             FieldStatus::Missing, FieldStatus::NoEvidence }) {
        if (has(s))
            names.append(fieldStatusName(s));
    }
    return names;
}

bool ResourceDiff::hasDifferences(bool includeNoise) const
{
    for (const FieldDiff &f : fields) {
        if (f.isDifference() && (includeNoise || !f.noise))
            return true;
    }
    return false;
}

bool ResourceDiff::hasUnknowns() const
{
    for (const FieldDiff &f : fields) {
        if (f.isUnknown() && !f.noise)
            return true;
    }
    return false;
}

} // namespace strata
