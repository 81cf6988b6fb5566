#pragma once

#include "etcd/EtcdRecording.h"
#include "evidence/TimelineEvent.h"
#include "rules/EtcdMemberSummary.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QStringList>

#include <memory>

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
    // Each recorded member's term as steps where its samples show it change
    // (one point per change, however many samples), to its last sample.
    struct MemberSteps
    {
        QString member; // hex id
        QList<QPointF> steps;
    };
    QList<MemberSteps> memberTerms;
    // Each recorded member's raft index, relative to `indexBase` (the lowest
    // index recorded: millions would lose precision as chart coordinates and
    // hide a lag of a few entries), decimated to the first, lowest, highest
    // and last sample of every bin — so a million samples are a few thousand
    // points and no spike or dip is lost.
    QList<MemberSteps> memberIndexes;
    // Each member's applied index on the same base and bins — only for a
    // member that lagged (applied < index) somewhere in the window; where it
    // never did, the line would lie exactly under its index line.
    QList<MemberSteps> memberApplied;
    quint64 indexBase = 0;
    double maxIndexOffset = 0;
    // The term the members report in a status (etcdctl output, a live read):
    // a fact at `reportedAt` (a live read's time) or undated (pasted output) —
    // never drawn as an election at the chart's edge. 0 when no status.
    // Who led the cluster, interval by interval: from recordings (a sample
    // names its member's leader; a switch needs a higher term, so a member a
    // tick late to hear of an election does not flip the band back) or, with
    // none, from dated elections in the logs (until the next one). An empty
    // leader is an interval with no leader. Drawn as colour bands.
    struct LeaderSpan
    {
        qint64 fromMs = 0, toMs = 0;
        QString leader; // hex id; empty: no leader
        quint64 term = 0; // 0 when the evidence does not say
    };
    QList<LeaderSpan> leaderSpans;
    quint64 reportedTerm = 0;
    QDateTime reportedAt;
    quint64 minTerm = 0, maxTerm = 0;
    qsizetype datedEvents = 0;

    static constexpr int defaultBins = 400; // the view asks for about one per 3 pixels of its width
    static constexpr int maxLanes = 24; // more would not be readable as lanes
    static QString otherSourcesLane() { return QStringLiteral("(other sources)"); }

    static TimelineChartData build(const QList<TimelineEvent> &events, const QList<EtcdMemberSummary> &members,
        int bins = defaultBins, const QList<std::shared_ptr<const EtcdRecordingData>> &recordings = {},
        const QDateTime &reportedAt = {});
    // The same chart for a window of the span (a zoom): the lanes' points and
    // the members' indexes binned again within [fromMs, toMs] from only the
    // events and samples inside it (found by binary search), so a redraw
    // after zooming in costs what the window holds, not the whole recording;
    // the index base is the lowest index in the window. Terms, lanes and the
    // reported term are `whole`'s.
    static TimelineChartData window(const TimelineChartData &whole, const QList<TimelineEvent> &events,
        const QList<std::shared_ptr<const EtcdRecordingData>> &recordings, int bins, qint64 fromMs, qint64 toMs);
    // Every line's value at `ms` (its last point at or before it) — the
    // crosshair's readout: "leader: 8e9e05c52164694d (term 7)",
    // "term · 8e9e05c52164694d: 7", "index · …: 1042", "applied · …: 1040".
    static QStringList readout(const TimelineChartData &data, qint64 ms);
    // What the marker of `lane` at `ms` (its bin's first event) stands for,
    // as its tooltip: each event's time, source, text and file:line — the
    // first `shown` of them, then how many more.
    static QString markerText(
        const TimelineChartData &data, const QList<TimelineEvent> &events, qsizetype lane, qint64 ms, int shown = 5);
};

} // namespace strata
