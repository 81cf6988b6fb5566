#pragma once

#include "diff/ResourceDiff.h"
#include "rules/Finding.h"

namespace strata {

// Findings read off the four-column diff alone: live-drift, pending-change,
// revert-risk, stale-replica and missing-resource. Each rule works from what
// the columns say (values, resourceVersions, which columns have evidence),
// never from names.
namespace DriftRules {
QList<Finding> evaluate(const QList<ResourceDiff> &diffs);

// "289102" > "288847" as numbers; nullopt when either is not a number.
std::optional<qint64> revisionDistance(const QString &newer, const QString &older);
} // namespace DriftRules

} // namespace strata
