#include "TimelineChartData.h"

#include <QHash>

#include <algorithm>

namespace strata {

TimelineChartData TimelineChartData::build(
    const QList<TimelineEvent> &events, const QList<EtcdMemberSummary> &members, int bins)
{
    TimelineChartData data;
    bins = std::max(1, bins);
    QHash<QString, qsizetype> laneOf;
    for (const TimelineEvent &e : events) {
        if (!e.time.isValid())
            continue;
        ++data.datedEvents;
        if (!laneOf.contains(e.source)) {
            if (data.lanes.size() < maxLanes - 1) {
                laneOf.insert(e.source, data.lanes.size());
                data.lanes.append(e.source);
            } else {
                if (data.lanes.size() == maxLanes - 1)
                    data.lanes.append(otherSourcesLane());
                laneOf.insert(e.source, maxLanes - 1);
            }
        }
        if (!data.first.isValid() || e.time < data.first)
            data.first = e.time;
        if (!data.last.isValid() || e.time > data.last)
            data.last = e.time;
    }
    if (!data.first.isValid())
        return data;

    const qint64 start = data.first.toMSecsSinceEpoch();
    const qint64 span = std::max<qint64>(1, data.last.toMSecsSinceEpoch() - start + 1);
    data.points.resize(data.lanes.size());
    data.counts.resize(data.lanes.size());
    // Per lane, the bin its last point stands for; events are in time order
    // (the analysis sorts them), so a lane's points are too.
    QList<qint64> lastBin(data.lanes.size(), -1);
    for (const TimelineEvent &e : events) {
        if (!e.time.isValid())
            continue;
        const qsizetype lane = laneOf.value(e.source);
        const qint64 msecs = e.time.toMSecsSinceEpoch();
        const qint64 bin = (msecs - start) * bins / span;
        if (bin == lastBin[lane]) {
            ++data.counts[lane].last();
            continue;
        }
        lastBin[lane] = bin;
        data.points[lane].append(QPointF(double(msecs), double(lane)));
        data.counts[lane].append(1);
    }

    // A raft term holds until the next election: a step wherever it changes.
    bool any = false;
    quint64 current = 0;
    const auto step = [&](qint64 msecs, quint64 term) {
        if (any && term == current)
            return;
        if (any)
            data.termSteps.append(QPointF(double(msecs), double(current)));
        data.termSteps.append(QPointF(double(msecs), double(term)));
        data.minTerm = any ? std::min(data.minTerm, term) : term;
        data.maxTerm = any ? std::max(data.maxTerm, term) : term;
        current = term;
        any = true;
    };
    for (const TimelineEvent &e : events) {
        if (!e.time.isValid() || e.fields.isEmpty())
            continue;
        bool ok = false;
        const quint64 term = e.field(QStringLiteral("term")).toULongLong(&ok);
        if (ok)
            step(e.time.toMSecsSinceEpoch(), term);
    }
    quint64 nowTerm = 0;
    for (const EtcdMemberSummary &m : members)
        nowTerm = std::max(nowTerm, m.raftTerm);
    if (any && nowTerm > 0) {
        // The members' term "now", a little after the last event.
        const qint64 pad = std::max<qint64>(60000, span / 20);
        const qint64 at = data.last.toMSecsSinceEpoch() + pad / 2;
        if (nowTerm == current) {
            data.termSteps.append(QPointF(double(at), double(current)));
        } else {
            step(at, nowTerm);
        }
    }
    return data;
}

} // namespace strata
