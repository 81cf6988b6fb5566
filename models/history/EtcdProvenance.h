#pragma once

#include "diff/ResourceDiff.h"
#include "evidence/TimelineEvent.h"
#include "history/EtcdObjectHistory.h"
#include "history/EtcdRevisionTimes.h"
#include "rules/Finding.h"

namespace strata {

// Says, on the findings about what the cluster serves, at which etcd
// revision it came about, from the object's history in etcd:
// `live-drift` the revision since which live has held each drifted value
// (the change Terraform did not make); `stale-replica` the revision at which
// the replica's value was last current, and the one that replaced it.
// Only where the history reaches: a value older than the compacted revision
// is said to be "at least since" the oldest version etcd still holds. Where
// a recording saw the store's revision rise past it, a revision is also
// dated (between two samples).
namespace EtcdProvenance {
void annotate(QList<Finding> &findings, const QList<ResourceDiff> &resources, const QList<EtcdObjectHistory> &histories,
    const EtcdRevisionTimes &times = {});
// Each version a recording dates, as a timeline event ("etcd history"
// lane): the object, its resourceVersion and what the version changed.
QList<TimelineEvent> timelineEvents(const QList<EtcdObjectHistory> &histories, const EtcdRevisionTimes &times);
} // namespace EtcdProvenance

} // namespace strata
