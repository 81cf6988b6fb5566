#pragma once

#include "core/SourceLocation.h"
#include "evidence/MetricValue.h"
#include "evidence/TimelineEvent.h"
#include "rules/Finding.h"
#include "rules/LeaderElections.h"

#include <optional>

namespace strata {

// How often the leader changed, where the evidence says over how long:
// "8 changes in 2 minutes" is churn, "2 changes in 30 days" is not.
// The window is the scraped member's uptime (process_start_time_seconds of
// the same scrape, against the scrape's time) for its counter, or the span
// the dated logs cover for elections read from them.
struct LeaderChangeRate
{
    double changes = 0;
    double seconds = 0; // > 0
    QString window; // "since the member started 3 days ago", "in the 2 minutes the dated logs cover"
    std::optional<EvidenceRef> evidence; // process_start_time_seconds, when it is the basis

    double perDay() const { return changes * 86400.0 / seconds; }
    double perHour() const { return changes * 3600.0 / seconds; }

    // `counted`: the counter's changes after the first (counter − 1); used
    // when at least the elections the logs show. Nothing when no window is known.
    static std::optional<LeaderChangeRate> of(const MetricValue *counter, double counted,
        const QList<MetricValue> &metrics, const LeaderElectionCount &elections, const QList<TimelineEvent> &events);
};

// "45 seconds", "2 minutes", "3.5 hours", "30 days".
QString durationInWords(double seconds);

} // namespace strata
