#pragma once

#include "diff/ResourceDiff.h"

#include <functional>
#include <optional>

namespace strata {

// Lines up every column's copy of every object field by field and gives each
// row its statuses (same, drift, pending, stale, missing). Pure: the same
// input always gives the same output, whichever source a column came from.
// Used by the analysis (CLI and GUI alike).
namespace DiffEngine {
// Resources named in `investigated` come first, in that order, then the rest
// by id. Cancellation is checked between resources when `cancelled` is given.
// `coverage` says what the case holds for each column; without it a column
// counts as read when it holds any object.
//
// When `investigated` names resources, an object it does not name that only
// the live or only the replica column holds (read or asked for) is left out:
// it has nothing to differ from (a pasted `kubectl get -A` of 65,000 objects
// next to one object under investigation). `leftOut`, when given, counts
// them per column, each object once. Objects only in code or only in state
// stay: they are what "the next apply would create/delete it" is about. So
// does one for which `stillWanted` is true of its fields: a rule can still
// speak of it (a log line stating one of its data keys).
//
// `threads`: how many threads share the work (see diffReleasing). The
// result is the same whatever the number; `cancelled` and `stillWanted` are
// then called from each of them.
QList<ResourceDiff> diff(const QList<ColumnObject> &objects, const QList<ResourceId> &investigated,
    const std::function<bool()> &cancelled = {}, std::optional<ColumnCoverage> coverage = std::nullopt,
    std::array<qsizetype, columnCount> *leftOut = nullptr,
    const std::function<bool(const QList<FieldValue> &)> &stillWanted = {}, int threads = 1);
// The same, emptying each object's trees (`object`, `identity.managedFields`) as soon
// as they are read, so a whole cluster's parsed evidence is not held next to
// its diff; ids, columns and identities stay for the caller. Given as many
// threads as read the objects (EvidenceSet::objectHeaps), the rows reuse
// every reading thread's freed heap, not only this thread's.
QList<ResourceDiff> diffReleasing(QList<ColumnObject> &objects, const QList<ResourceId> &investigated,
    const std::function<bool()> &cancelled = {}, std::optional<ColumnCoverage> coverage = std::nullopt,
    std::array<qsizetype, columnCount> *leftOut = nullptr,
    const std::function<bool(const QList<FieldValue> &)> &stillWanted = {}, int threads = 1);
} // namespace DiffEngine

} // namespace strata
