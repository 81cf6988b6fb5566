#pragma once

#include "diff/ResourceDiff.h"

#include <functional>

namespace strata {

// Lines up every column's copy of every object field by field and gives each
// row its statuses (same, drift, pending, stale, missing). Pure: the same
// input always gives the same output, whichever source a column came from.
// Used by the analysis (CLI and GUI alike).
namespace DiffEngine {
// Resources named in `investigated` come first, in that order, then the rest
// by id. Cancellation is checked between resources when `cancelled` is given.
QList<ResourceDiff> diff(const QList<ColumnObject> &objects, const QList<ResourceId> &investigated,
    const std::function<bool()> &cancelled = {});
} // namespace DiffEngine

} // namespace strata
