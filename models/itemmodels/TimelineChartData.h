#pragma once

#include "evidence/TimelineEvent.h"
#include "rules/EtcdMemberSummary.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QStringList>

namespace strata {

// What the timeline chart draws, computed without a window: one lane per
// source, and per lane at most one point per time bin (a million log lines
// are a few thousand points: QtCharts draws and deletes points one by one,
// and froze the window for minutes). An event is never lost to binning: every
// bin that holds one has a point, with the count in `counts`.
struct TimelineChartData
{
    QDateTime first, last; // the dated events' span; invalid when there are none
    QStringList lanes; // sources in order of first appearance; past maxLanes, the rest share the last
    QList<QList<QPointF>> points; // per lane: x = msecs since the epoch (the bin's first event), y = lane
    QList<QList<int>> counts; // per lane and point: how many events the point stands for
    QList<QPointF> termSteps; // the raft term as steps: x = msecs, y = term; empty when no event names one
    quint64 minTerm = 0, maxTerm = 0;
    qsizetype datedEvents = 0;

    static constexpr int defaultBins = 400; // the view asks for about one per 3 pixels of its width
    static constexpr int maxLanes = 24; // more would not be readable as lanes
    static QString otherSourcesLane() { return QStringLiteral("(other sources)"); }

    static TimelineChartData build(
        const QList<TimelineEvent> &events, const QList<EtcdMemberSummary> &members, int bins = defaultBins);
};

} // namespace strata
