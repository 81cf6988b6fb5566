#pragma once

#include "diff/ResourceDiff.h"
#include "evidence/MetricValue.h"
#include "evidence/TimelineEvent.h"
#include "rules/Finding.h"

namespace strata {

// app-observed-value: which value of a diffed key the application is actually
// running with, read from log lines ("flag 'x' = true", "x=50") and metrics
// named after the key, and which column (code, state, live, replica) that
// value matches. Metrics whose name and labels share the key's words and are
// active (value 1) are quoted as corroboration, never as proof on their own.
namespace ApplicationRules {
QList<Finding> evaluate(
    const QList<ResourceDiff> &diffs, const QList<TimelineEvent> &events, const QList<MetricValue> &metrics);

// The last path segment as a plain key: data["app.mode"] → app.mode, data.x → x.
QString leafKey(const QString &path);
} // namespace ApplicationRules

} // namespace strata
