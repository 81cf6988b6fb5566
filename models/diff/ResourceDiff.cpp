#include "ResourceDiff.h"

#include <QStringList>

namespace strata {

static_assert(sizeof(void *) != 8 || sizeof(FieldDiff) <= 64, "one per field of every object compared: keep it small");

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
