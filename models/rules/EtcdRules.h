#pragma once

#include "etcd/EtcdctlOutput.h"
#include "evidence/MetricValue.h"
#include "evidence/TimelineEvent.h"
#include "rules/EtcdMemberSummary.h"
#include "rules/Finding.h"

namespace strata {

// Findings about the etcd cluster from etcdctl output, metrics and logs:
// leader-churn, failed-proposals, raft-divergence (members behind or
// catching up), kv-hash-mismatch, the per-member findings of
// EtcdMemberRules (member-unhealthy, member-cut-off, etcd-alarm, no-leader),
// and an info finding (etcd-consistent) when the members agree and report
// no errors — saying so tells the investigator to look above etcd.
namespace EtcdRules {

struct Thresholds
{
    double leaderChanges
        = 3; // leader changes after the first (counter − 1, or elections once per term) worth a finding
    double leaderChangesHigh = 10; // ... and worth "high" (where no window is known)
    // Where the evidence says over how long (uptime, the logs' span): a rate
    // below this is not churn (restarts and upgrades elect too) ...
    double leaderChangesPerDay = 1;
    double leaderChangesPerHourHigh = 1; // ... and at this rate it is "high"
    quint64 applyLag = 100; // raft index − applied index on one member
    quint64 indexSpread = 1000; // highest − lowest raft index across members
};

// Members merged from status rows, member list and health checks, by id or endpoint.
QList<EtcdMemberSummary> members(const EtcdctlOutput &etcd);

QList<Finding> evaluate(const EtcdctlOutput &etcd, const QList<EtcdMemberSummary> &members,
    const QList<MetricValue> &metrics, const QList<TimelineEvent> &events, const Thresholds &thresholds = {});

} // namespace EtcdRules

} // namespace strata
