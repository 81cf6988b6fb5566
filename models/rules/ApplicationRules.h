#pragma once

#include "diff/ResourceDiff.h"
#include "evidence/MetricValue.h"
#include "evidence/TimelineEvent.h"
#include "rules/Finding.h"

#include <QSet>

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

// The keys (case-folded) the logs assign and the metrics are named after:
// a diffed data field with one of them as its leaf key can give an
// app-observed-value finding, whatever else holds the object.
QSet<QString> observedKeys(const QList<TimelineEvent> &events, const QList<MetricValue> &metrics);
// Whether evaluate() looks at this field at all (data, not noise or secret) and its leaf key is in `keys`.
bool mayBeObserved(const FieldValue &field, const QSet<QString> &keys);
} // namespace ApplicationRules

} // namespace strata
