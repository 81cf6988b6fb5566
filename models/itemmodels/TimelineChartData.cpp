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
    // Raft indexes, per member and bin: first, min, max, last (in time order).
    {
        bool anyIndex = false;
        for (const auto &r : recordings) {
            for (const EtcdSample &sample : r->samples) {
                if (sample.answered()) {
                    data.indexBase = anyIndex ? std::min(data.indexBase, sample.raftIndex) : sample.raftIndex;
                    anyIndex = true;
                }
            }
        }
        const qint64 begin = data.first.toMSecsSinceEpoch();
        const qint64 width = std::max<qint64>(1, data.last.toMSecsSinceEpoch() - begin + 1);
        struct Bin
        {
            qint64 bin = -1;
            QPointF first, low, high, last;
        };
        QHash<QString, qsizetype> indexOf;
        QList<Bin> open;
        const auto flush = [&data](qsizetype member, const Bin &b) {
            if (b.bin < 0)
                return;
            QList<QPointF> &line = data.memberIndexes[member].steps;
            // The low and the high in the order they happened, between first and last.
            const QPointF &a = b.low.x() <= b.high.x() ? b.low : b.high;
            const QPointF &c = b.low.x() <= b.high.x() ? b.high : b.low;
            for (const QPointF &p : { b.first, a, c, b.last }) {
                if (line.isEmpty() || line.last() != p)
                    line.append(p);
            }
        };
        for (const auto &r : recordings) {
            for (const EtcdSample &sample : r->samples) {
                if (!sample.answered() || sample.member >= r->members.size())
                    continue;
                const QString &id = r->members.at(sample.member);
                qsizetype m = indexOf.value(id, -1);
                if (m < 0) {
                    m = data.memberIndexes.size();
                    indexOf.insert(id, m);
                    data.memberIndexes.append({ id, {} });
                    open.append(Bin {});
                }
                const qint64 bin = (sample.timeMs - begin) * bins / width;
                const QPointF p(double(sample.timeMs), double(sample.raftIndex - data.indexBase));
                data.maxIndexOffset = std::max(data.maxIndexOffset, p.y());
                Bin &b = open[m];
                if (b.bin != bin) {
                    flush(m, b);
                    b = Bin { bin, p, p, p, p };
                    continue;
                }
                if (p.y() < b.low.y())
                    b.low = p;
                if (p.y() > b.high.y())
                    b.high = p;
                b.last = p;
            }
        }
        for (qsizetype m = 0; m < open.size(); ++m)
            flush(m, open[m]);
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
