#include "PackedLocation.h"

#include <QHash>

#include <atomic>
#include <mutex>
#include <utility>

namespace strata {

static_assert(sizeof(void *) != 8 || sizeof(PackedLocation) == 16, "held by every value and diff cell: keep it small");

// The name of a file, shared by everything read from it. The first 65,536
// names a process sees are kept for its life and never counted (a copy then
// touches no counter); past those — a long session re-reading live contexts
// names a new capture file per object every time — names are counted and
// freed with their last holder.
struct alignas(8) PackedLocation::SharedName // its address leaves three bits spare
{
    QString name;
    bool permanent = false;
    mutable std::atomic<int> refs { 1 };
};

namespace {

using SharedName = PackedLocation::SharedName;

constexpr qsizetype maxPermanentNames = 65536;

void retain(const SharedName *f)
{
    if (f && !f->permanent)
        f->refs.fetch_add(1, std::memory_order_relaxed);
}

void release(const SharedName *f)
{
    if (f && !f->permanent && f->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
        delete f;
}

// A reader gives every node the same QString: the last name this thread
// used is kept (its data pinned, so the same data pointer is the same name).
struct LastName
{
    QString name;
    const SharedName *file = nullptr;
    ~LastName() { release(file); }
};

// One reference to the shared name for `file`, for the caller to release.
const SharedName *acquire(const QString &file)
{
    if (file.isEmpty())
        return nullptr;
    thread_local LastName last;
    if (last.file && file.constData() == last.name.constData() && file.size() == last.name.size()) {
        retain(last.file);
        return last.file;
    }
    static std::mutex mutex;
    // Never destroyed: locations may outlive static destruction, and the
    // names stay reachable from here (leak checkers agree).
    static auto *const table = new QHash<QString, const SharedName *>;
    const SharedName *found = nullptr;
    {
        std::lock_guard lock(mutex);
        const auto it = table->constFind(file);
        if (it != table->cend()) {
            found = *it;
        } else if (table->size() < maxPermanentNames) {
            auto *f = new SharedName { file, true };
            table->insert(file, f);
            found = f;
        }
    }
    if (!found)
        found = new SharedName { file, false }; // the caller's reference
    else
        retain(found); // (permanent: nothing)
    release(last.file);
    last.name = file;
    last.file = found;
    retain(found); // the cache's own
    return found;
}

} // namespace

static_assert(alignof(PackedLocation::SharedName) >= 8, "its address leaves three bits spare");

PackedLocation::PackedLocation(const SourceLocation &location)
    : m_file(reinterpret_cast<quintptr>(acquire(location.file)))
    , m_line(location.line)
    , m_column(location.column)
{
}

PackedLocation::PackedLocation(const PackedLocation &other)
    : m_file(other.nameBits())
    , m_line(other.m_line)
    , m_column(other.m_column)
{
    retain(name());
}

PackedLocation::PackedLocation(PackedLocation &&other) noexcept
    : m_file(other.nameBits())
    , m_line(other.m_line)
    , m_column(other.m_column)
{
    other.m_file &= spareMask;
}

PackedLocation &PackedLocation::operator=(const PackedLocation &other)
{
    retain(other.name()); // before the release: `other` may be this
    release(name());
    m_file = other.nameBits() | (m_file & spareMask);
    m_line = other.m_line;
    m_column = other.m_column;
    return *this;
}

PackedLocation &PackedLocation::operator=(PackedLocation &&other) noexcept
{
    if (this != &other) {
        release(name());
        m_file = other.nameBits() | (m_file & spareMask);
        other.m_file &= spareMask;
        m_line = other.m_line;
        m_column = other.m_column;
    }
    return *this;
}

PackedLocation::~PackedLocation()
{
    release(name());
}

SourceLocation PackedLocation::unpacked() const
{
    SourceLocation l;
    if (const SharedName *f = name())
        l.file = f->name;
    l.line = m_line;
    l.column = m_column;
    return l;
}

QString PackedLocation::file() const
{
    const SharedName *f = name();
    return f ? f->name : QString();
}

bool PackedLocation::operator==(const PackedLocation &other) const
{
    return m_line == other.m_line && m_column == other.m_column
        && (nameBits() == other.nameBits() || file() == other.file());
}

} // namespace strata
