#include "TimelineChartData.h"

#include "rules/LeaderElections.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace strata {

namespace {

// Events are in time order (the analysis sorts them, undated last): the
// first at or after `ms`.
QList<TimelineEvent>::const_iterator firstEventFrom(const QList<TimelineEvent> &events, qint64 ms)
{
    return std::lower_bound(events.cbegin(), events.cend(), ms,
        [](const TimelineEvent &e, qint64 t) { return e.time.isValid() && e.time.toMSecsSinceEpoch() < t; });
}

// Samples are appended at their tick, nearly in time order: none is more
// than the recording's maxDisorderMs earlier than one before it. A binary
// search for `ms − disorder` then returns a position whose predecessor (if
// any) it found earlier than that, so nothing at or after `ms` lies before
// it; the callers still check each sample's time.
std::vector<EtcdSample>::const_iterator firstSampleFrom(const EtcdRecordingData &r, qint64 ms)
{
    const qint64 key = ms - r.maxDisorderMs;
    return std::lower_bound(
        r.samples.cbegin(), r.samples.cend(), key, [](const EtcdSample &s, qint64 t) { return s.timeMs < t; });
}

// Per lane at most one point per bin of [from, to]: the bin's first event, with the count it stands for.
void binLanes(TimelineChartData &data, const QHash<QString, qsizetype> &laneOf,
    QList<TimelineEvent>::const_iterator begin, QList<TimelineEvent>::const_iterator end, int bins, qint64 from,
    qint64 to)
{
    const qint64 span = std::max<qint64>(1, to - from + 1);
    // Per lane, the bin its last point stands for; events are in time order, so a lane's points are too.
    QList<qint64> lastBin(data.lanes.size(), -1);
    for (auto it = begin; it != end; ++it) {
        const TimelineEvent &e = *it;
        if (!e.time.isValid())
            continue;
        const qint64 msecs = e.time.toMSecsSinceEpoch();
        if (msecs < from || msecs > to)
            continue;
        const qsizetype lane = laneOf.value(e.source, data.lanes.size() - 1);
        const qint64 bin = (msecs - from) * bins / span;
        if (bin == lastBin[lane]) {
            ++data.counts[lane].last();
            continue;
        }
        lastBin[lane] = bin;
        data.points[lane].append(QPointF(double(msecs), double(lane)));
        data.counts[lane].append(1);
    }
}

// Each member's raft index in [from, to], relative to the lowest index there,
// decimated per bin to its first, lowest, highest and last sample.
void binIndexes(TimelineChartData &data, const QList<std::shared_ptr<const EtcdRecordingData>> &recordings, int bins,
    qint64 from, qint64 to)
{
    const qint64 width = std::max<qint64>(1, to - from + 1);
    struct Bin
    {
        qint64 bin = -1;
        QPointF first, low, high, last;
        void add(qint64 at, const QPointF &p, QList<QPointF> &line)
        {
            if (bin != at) {
                flush(line);
                *this = Bin { at, p, p, p, p };
                return;
            }
            if (p.y() < low.y())
                low = p;
            if (p.y() > high.y())
                high = p;
            last = p;
        }
        void flush(QList<QPointF> &line) const
        {
            if (bin < 0)
                return;
            // The low and the high in the order they happened, between first and last.
            const QPointF &a = low.x() <= high.x() ? low : high;
            const QPointF &c = low.x() <= high.x() ? high : low;
            for (const QPointF &p : { first, a, c, last }) {
                if (line.isEmpty() || line.last() != p)
                    line.append(p);
            }
        }
    };
    // One pass: values relative to the first index seen, shifted to the
    // lowest at the end (the output is a few points per bin, the samples millions).
    bool any = false;
    quint64 base = 0, lowest = 0;
    QHash<QString, qsizetype> slotOf; // per member id, its lines
    std::vector<Bin> open, openApplied;
    std::vector<bool> lagged;
    for (const auto &r : recordings) {
        // The end: a position the search found later than to + disorder, so nothing after it is in the window.
        const auto first = firstSampleFrom(*r, from), last = firstSampleFrom(*r, to + 1 + 2 * r->maxDisorderMs);
        std::vector<qsizetype> slot(size_t(r->members.size()), -1); // the recording's member index → its lines
        for (auto it = first; it != last; ++it) {
            const EtcdSample &sample = *it;
            if (!sample.answered() || sample.member >= r->members.size() || sample.timeMs < from || sample.timeMs > to)
                continue;
            qsizetype &m = slot[sample.member];
            if (m < 0) {
                const QString &id = r->members.at(sample.member);
                m = slotOf.value(id, -1);
                if (m < 0) {
                    m = data.memberIndexes.size();
                    slotOf.insert(id, m);
                    data.memberIndexes.append({ id, {} });
                    data.memberApplied.append({ id, {} });
                    open.emplace_back();
                    openApplied.emplace_back();
                    lagged.push_back(false);
                }
            }
            // The base is the lowest value either line reaches, so the applied line is not cut off below it.
            const quint64 applied = sample.raftIndex - std::min<quint64>(sample.applyLag, sample.raftIndex);
            if (!any) {
                base = lowest = applied;
                any = true;
            }
            lowest = std::min(lowest, applied);
            const qint64 bin = (sample.timeMs - from) * bins / width;
            const double offset = double(qint64(sample.raftIndex - base));
            open[size_t(m)].add(bin, QPointF(double(sample.timeMs), offset), data.memberIndexes[m].steps);
            openApplied[size_t(m)].add(
                bin, QPointF(double(sample.timeMs), offset - double(sample.applyLag)), data.memberApplied[m].steps);
            if (sample.applyLag > 0)
                lagged[size_t(m)] = true;
        }
    }
    const double shift = double(qint64(lowest - base));
    data.indexBase = lowest;
    for (qsizetype m = 0; m < data.memberIndexes.size(); ++m) {
        open[size_t(m)].flush(data.memberIndexes[m].steps);
        openApplied[size_t(m)].flush(data.memberApplied[m].steps);
        for (QList<QPointF> *line : { &data.memberIndexes[m].steps, &data.memberApplied[m].steps }) {
            for (QPointF &p : *line)
                p.ry() -= shift;
        }
        for (const QPointF &p : std::as_const(data.memberIndexes[m].steps))
            data.maxIndexOffset = std::max(data.maxIndexOffset, p.y());
    }
    // Applied lines only where they say something: a member that lagged.
    for (qsizetype m = data.memberApplied.size() - 1; m >= 0; --m) {
        if (!lagged[size_t(m)])
            data.memberApplied.removeAt(m);
    }
}

// Who led, interval by interval, from the recordings' samples. A sample at a
// lower term than the open interval's is a member that has not heard of the
// election yet: ignored. A follower that lost its leader within a term while
// the others still see it is that member's event, not the cluster's; the
// leader itself reporting none is the end of its interval.
void leaderSpansFromRecordings(
    TimelineChartData &data, const QList<std::shared_ptr<const EtcdRecordingData>> &recordings)
{
    // Member indexes while walking the samples (millions); ids only for the intervals (few).
    constexpr int none = EtcdSample::none;
    for (const auto &r : recordings) {
        bool open = false;
        int spanLeader = none; // the open interval's leader (none: no leader)
        quint64 spanTerm = 0;
        int steppedDown = -1; // stepped down in the open interval's term: not its leader again
        const int members = int(r->members.size());
        for (const EtcdSample &sample : r->samples) {
            if (!sample.answered() || sample.member >= members)
                continue;
            const int leader = sample.leader < members ? sample.leader : none;
            if (open && sample.raftTerm < spanTerm)
                continue;
            const bool sameTerm = open && sample.raftTerm == spanTerm;
            // Within a term only the leader stepping down (it reports no leader) ends its interval.
            const bool stepsDown = sameTerm && leader == none && spanLeader != none && sample.member == spanLeader;
            if (sameTerm && (leader == spanLeader || (leader == none && !stepsDown))) {
                data.leaderSpans.last().toMs = std::max(data.leaderSpans.last().toMs, sample.timeMs);
                continue;
            }
            if (sameTerm && leader != none && leader == steppedDown)
                continue; // a follower that has not heard it stepped down
            steppedDown = stepsDown ? spanLeader : sameTerm ? steppedDown : -1;
            if (open)
                data.leaderSpans.last().toMs = std::max(data.leaderSpans.last().toMs, sample.timeMs);
            data.leaderSpans.append(
                { sample.timeMs, sample.timeMs, leader == none ? QString() : r->members.at(leader), sample.raftTerm });
            spanLeader = leader;
            spanTerm = sample.raftTerm;
            open = true;
        }
    }
}

// With no recording: each dated election the logs show leads until the next.
void leaderSpansFromElections(TimelineChartData &data, const QList<TimelineEvent> &events)
{
    const LeaderElectionCount count = LeaderElections::count(events);
    QList<const LeaderElection *> dated;
    for (const LeaderElection &e : count.elections) {
        if (e.time.isValid() && !e.leader.isEmpty())
            dated.append(&e);
    }
    std::sort(
        dated.begin(), dated.end(), [](const LeaderElection *a, const LeaderElection *b) { return a->time < b->time; });
    for (qsizetype i = 0; i < dated.size(); ++i) {
        const qint64 from = dated.at(i)->time.toMSecsSinceEpoch();
        const qint64 to
            = i + 1 < dated.size() ? dated.at(i + 1)->time.toMSecsSinceEpoch() : data.last.toMSecsSinceEpoch();
        data.leaderSpans.append({ from, std::max(from, to), dated.at(i)->leader, dated.at(i)->term });
    }
}

// The value of a step or index line at `x`: its last point at or before it.
std::optional<double> valueAt(const QList<QPointF> &line, double x)
{
    const auto it
        = std::upper_bound(line.cbegin(), line.cend(), x, [](double t, const QPointF &p) { return t < p.x(); });
    if (it == line.cbegin())
        return std::nullopt;
    return std::prev(it)->y();
}

} // namespace

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

    data.points.resize(data.lanes.size());
    data.counts.resize(data.lanes.size());
    binLanes(data, laneOf, events.cbegin(), events.cend(), bins, data.first.toMSecsSinceEpoch(),
        data.last.toMSecsSinceEpoch());

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
        std::vector<qsizetype> slot(size_t(r->members.size()), -1); // the recording's member index → its line
        for (const EtcdSample &sample : r->samples) {
            if (!sample.answered() || sample.member == EtcdSample::none || sample.member >= r->members.size())
                continue;
            qsizetype &index = slot[sample.member];
            if (index < 0) {
                const QString &id = r->members.at(sample.member);
                index = memberOf.value(id, -1);
                if (index < 0) {
                    index = data.memberTerms.size();
                    memberOf.insert(id, index);
                    data.memberTerms.append({ id, {} });
                }
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
    binIndexes(data, recordings, bins, data.first.toMSecsSinceEpoch(), data.last.toMSecsSinceEpoch());
    leaderSpansFromRecordings(data, recordings);
    if (data.leaderSpans.isEmpty())
        leaderSpansFromElections(data, events);

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

TimelineChartData TimelineChartData::window(const TimelineChartData &whole, const QList<TimelineEvent> &events,
    const QList<std::shared_ptr<const EtcdRecordingData>> &recordings, int bins, qint64 fromMs, qint64 toMs)
{
    TimelineChartData data = whole;
    bins = std::max(1, bins);
    data.points = QList<QList<QPointF>>(whole.lanes.size());
    data.counts = QList<QList<int>>(whole.lanes.size());
    QHash<QString, qsizetype> laneOf;
    for (qsizetype lane = 0; lane < whole.lanes.size(); ++lane)
        laneOf.insert(whole.lanes.at(lane), lane);
    binLanes(data, laneOf, firstEventFrom(events, fromMs), firstEventFrom(events, toMs + 1), bins, fromMs, toMs);
    data.memberIndexes.clear();
    data.memberApplied.clear();
    data.indexBase = 0;
    data.maxIndexOffset = 0;
    binIndexes(data, recordings, bins, fromMs, toMs);
    return data;
}

QStringList TimelineChartData::readout(const TimelineChartData &data, qint64 ms)
{
    QStringList lines;
    const double x = double(ms);
    const auto span = std::find_if(data.leaderSpans.cbegin(), data.leaderSpans.cend(),
        [ms](const LeaderSpan &s) { return s.fromMs <= ms && ms <= s.toMs; });
    if (span != data.leaderSpans.cend())
        lines.append(span->leader.isEmpty() ? QStringLiteral("no leader (term %1)").arg(span->term)
                : span->term == 0           ? QStringLiteral("leader: %1").arg(span->leader)
                                            : QStringLiteral("leader: %1 (term %2)").arg(span->leader).arg(span->term));
    if (const auto term = valueAt(data.termSteps, x))
        lines.append(QStringLiteral("raft term (events): %1").arg(qint64(*term)));
    for (const MemberSteps &m : data.memberTerms) {
        if (const auto term = valueAt(m.steps, x))
            lines.append(QStringLiteral("term · %1: %2").arg(m.member).arg(qint64(*term)));
    }
    for (const MemberSteps &m : data.memberIndexes) {
        if (const auto index = valueAt(m.steps, x))
            lines.append(QStringLiteral("index · %1: %2").arg(m.member).arg(data.indexBase + quint64(*index)));
    }
    for (const MemberSteps &m : data.memberApplied) {
        if (const auto applied = valueAt(m.steps, x))
            lines.append(
                QStringLiteral("applied · %1: %2").arg(m.member).arg(qint64(data.indexBase) + qint64(*applied)));
    }
    return lines;
}

QString TimelineChartData::markerText(
    const TimelineChartData &data, const QList<TimelineEvent> &events, qsizetype lane, qint64 ms, int shown)
{
    if (lane < 0 || lane >= data.lanes.size())
        return {};
    const QList<QPointF> &points = data.points.value(lane);
    const auto point = std::lower_bound(
        points.cbegin(), points.cend(), double(ms), [](const QPointF &p, double x) { return p.x() < x; });
    const int count = point != points.cend() && qint64(point->x()) == ms
        ? data.counts.value(lane).value(point - points.cbegin(), 1)
        : 1;
    const bool lastLane = lane == data.lanes.size() - 1;
    QStringList lines;
    int found = 0;
    for (auto it = firstEventFrom(events, ms); it != events.cend() && found < count && it->time.isValid(); ++it) {
        const qsizetype eventLane = data.lanes.indexOf(it->source);
        if (eventLane != lane && !(eventLane < 0 && lastLane))
            continue;
        if (found++ < shown) {
            QString text = it->text.section(QLatin1Char('\n'), 0, 0);
            if (text.size() > 200)
                text = text.left(200) + QStringLiteral("…");
            lines.append(QStringLiteral("%1  %2: %3 (%4)")
                             .arg(it->time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                                 it->source.isEmpty() ? QStringLiteral("(no source)") : it->source, text,
                                 it->location.toString()));
        }
    }
    if (count > shown)
        lines.append(QStringLiteral("and %1 more in this marker's time bin").arg(count - shown));
    return lines.join(QLatin1Char('\n'));
}

} // namespace strata
