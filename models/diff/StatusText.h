#pragma once

#include "diff/ResourceDiff.h"

#include <QList>
#include <QPair>

namespace strata {

// The diff's statuses in words, for the Status column, its tooltips, the
// legend under the diff and the written reports. One place, so the window and
// every output explain a row the same way.
namespace StatusText {
// "drift, stale", "same", "no live evidence", "drift · not in replica evidence".
QString field(const ResourceDiff &resource, const FieldDiff &field);
// One sentence per status: what it compares and what it means.
QString fieldExplanation(const ResourceDiff &resource, const FieldDiff &field);
// "2 differing", "same", "2 differing, 5 not compared", "not in any evidence".
QString resource(const ResourceDiff &resource);
// The resource row's status in sentences: the counts, which columns are unknown and why, who holds it.
QString resourceExplanation(const ResourceDiff &resource);
// Why one column has nothing for this object ("the live evidence could not be read completely", …).
QString noEvidenceReason(const ResourceDiff &resource, Column column);
// Each status with what it compares, in the order the legend shows them.
QList<QPair<QString, QString>> legend();
} // namespace StatusText

} // namespace strata
