#include "TimelineChartData.h"

#include <QHash>

#include <algorithm>

namespace strata {

TimelineChartData TimelineChartData::build(const QList<TimelineEvent> &events, const QList<EtcdMemberSummary> &members,
    int bins, const QList<std::shared_ptr<const EtcdRecordingData>> &recordings, const QDateTime &reportedAt)
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
    // Recorded samples are dated too: the chart spans them.
    for (const auto &r : recordings) {
        if (r->samples.empty())
            continue;
        const QDateTime a = QDateTime::fromMSecsSinceEpoch(r->firstMs, Qt::UTC);
        const QDateTime b = QDateTime::fromMSecsSinceEpoch(r->lastMs, Qt::UTC);
        if (!data.first.isValid() || a < data.first)
            data.first = a;
        if (!data.last.isValid() || b > data.last)
            data.last = b;
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
    // Per recorded member: a point where its term changed, and its last sample.
    QHash<QString, qsizetype> memberOf;
    for (const auto &r : recordings) {
        QList<quint64> memberTerm(r->members.size(), 0);
        QList<qint64> lastSeen(r->members.size(), -1);
        for (const EtcdSample &sample : r->samples) {
            if (!sample.answered() || sample.member == EtcdSample::none || sample.member >= r->members.size())
                continue;
            const QString &id = r->members.at(sample.member);
            qsizetype index = memberOf.value(id, -1);
            if (index < 0) {
                index = data.memberTerms.size();
                memberOf.insert(id, index);
                data.memberTerms.append({ id, {} });
            }
            QList<QPointF> &steps = data.memberTerms[index].steps;
            quint64 &term = memberTerm[sample.member];
            if (term != sample.raftTerm) {
                if (term != 0)
                    steps.append(QPointF(double(sample.timeMs), double(term)));
                steps.append(QPointF(double(sample.timeMs), double(sample.raftTerm)));
                term = sample.raftTerm;
                data.minTerm = any ? std::min(data.minTerm, term) : term;
                data.maxTerm = std::max(data.maxTerm, term);
                any = true;
            }
            lastSeen[sample.member] = sample.timeMs;
        }
        for (qsizetype m = 0; m < r->members.size(); ++m) {
            if (lastSeen[m] >= 0 && memberTerm[m] != 0)
                data.memberTerms[memberOf.value(r->members.at(m))].steps.append(
                    QPointF(double(lastSeen[m]), double(memberTerm[m])));
        }
    }
    // What a status says now: a fact of its own, not a step at the chart's edge.
    for (const EtcdMemberSummary &m : members)
        data.reportedTerm = std::max(data.reportedTerm, m.raftTerm);
    if (data.reportedTerm > 0) {
        data.reportedAt = reportedAt;
        data.minTerm = any ? std::min(data.minTerm, data.reportedTerm) : data.reportedTerm;
        data.maxTerm = std::max(data.maxTerm, data.reportedTerm);
    }
    return data;
}

} // namespace strata
