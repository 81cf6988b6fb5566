#include "LeaderElections.h"

#include <QRegularExpression>

#include <algorithm>

namespace strata {

namespace {

// Lines of one election without a term are within this of each other (every
// member logs it within an election timeout, a few seconds at most).
constexpr qint64 sameElectionMs = 10'000;

quint64 termIn(const TimelineEvent &e, const QString &lower)
{
    bool ok = false;
    const quint64 fromField = e.field(QStringLiteral("term")).toULongLong(&ok);
    if (ok)
        return fromField;
    static const QRegularExpression termWord(QStringLiteral("\\bterm:? ?(\\d{1,19})\\b"));
    const QRegularExpressionMatch m = termWord.match(lower);
    return m.hasMatch() ? m.captured(1).toULongLong() : 0;
}

bool aboutEtcd(const TimelineEvent &e, const QString &lower)
{
    const QString source = e.source.toLower();
    return source.contains(QLatin1String("etcd")) || source.contains(QLatin1String("raft"))
        || lower.contains(QLatin1String("etcd")) || lower.contains(QLatin1String("raft"))
        || !e.field(QStringLiteral("term")).isEmpty();
}

} // namespace

qsizetype LeaderElectionCount::changes() const
{
    return std::count_if(elections.cbegin(), elections.cend(), [](const LeaderElection &e) { return !e.first; });
}

quint64 LeaderElectionCount::highestTerm() const
{
    quint64 highest = 0;
    for (const LeaderElection &e : elections)
        highest = std::max(highest, e.term);
    return highest;
}

namespace LeaderElections {

LineKind classify(const TimelineEvent &event, quint64 *term, QString *leader)
{
    quint64 ignoredTerm = 0;
    QString ignoredLeader;
    term = term ? term : &ignoredTerm;
    leader = leader ? leader : &ignoredLeader;
    *term = 0;
    leader->clear();
    // Every event of the timeline passes here (a million log lines, also on
    // the chart's build): only a line that names one of these words is
    // lower-cased and matched.
    const QString &text = event.text;
    if (!text.contains(QLatin1String("leader"), Qt::CaseInsensitive)
        && !text.contains(QLatin1String("follower"), Qt::CaseInsensitive)
        && !text.contains(QLatin1String("newraft"), Qt::CaseInsensitive)
        && !text.startsWith(QLatin1String("raft term "), Qt::CaseInsensitive))
        return LineKind::None;
    const QString t = text.toLower();
    static const QRegularExpression bootstrap(
        QStringLiteral("\\bbecame follower at term [01]\\b|\\bnewraft [0-9a-f]{1,16} \\[peers: .*\\bterm: 0\\b"));
    if ((t.contains(QLatin1String("follower")) || t.contains(QLatin1String("newraft")))
        && bootstrap.match(t).hasMatch())
        return LineKind::Bootstrap;
    if (!t.contains(QLatin1String("leader")) && !t.startsWith(QLatin1String("raft term ")))
        return LineKind::None;
    // A transfer that starts, fails or is skipped changes nothing by itself;
    // "etcdserver: leader changed" is the error a client got (every API
    // server logs it during an election); a lease is another program's
    // leader election (client-go's leaderelection).
    for (const char *notAChange : { "skipped leadership transfer", "starts to transfer", "transfer starting",
             "transfer failed", "failed to transfer", "starts leadership transfer", "etcdserver: leader changed",
             "leaderelection", "lease" }) {
        if (t.contains(QLatin1String(notAChange)))
            return LineKind::None;
    }
    static const QRegularExpression became(QStringLiteral("\\b([0-9a-f]{1,16}) became leader at term (\\d{1,19})\\b"));
    static const QRegularExpression elected(
        QStringLiteral("\\belected leader ([0-9a-f]{1,16}) at term (\\d{1,19})\\b"));
    static const QRegularExpression changed(
        QStringLiteral("\\bchanged leader from ([0-9a-f]{1,16}) to ([0-9a-f]{1,16}) at term (\\d{1,19})\\b"));
    static const QRegularExpression lost(QStringLiteral("\\blost leader ([0-9a-f]{1,16}) at term (\\d{1,19})\\b"));
    static const QRegularExpression recorded(QStringLiteral("^raft term (\\d{1,19}) \u2192 (\\d{1,19})"));
    QRegularExpressionMatch m;
    if ((m = became.match(t)).hasMatch() || (m = elected.match(t)).hasMatch()) {
        *leader = m.captured(1);
        *term = m.captured(2).toULongLong();
        return LineKind::Elected;
    }
    if ((m = changed.match(t)).hasMatch()) {
        *leader = m.captured(2);
        *term = m.captured(3).toULongLong();
        return LineKind::Elected;
    }
    if ((m = lost.match(t)).hasMatch()) {
        *term = m.captured(2).toULongLong();
        return LineKind::Lost;
    }
    if ((m = recorded.match(t)).hasMatch()) { // a recording saw the term rise
        *term = m.captured(2).toULongLong();
        return LineKind::Elected;
    }
    if (!aboutEtcd(event, t))
        return LineKind::None; // e.g. an API server or controller taking its lease
    const bool transferred = t.contains(QLatin1String("leadership transferred"))
        || (t.contains(QLatin1String("leadership transfer"))
            && (t.contains(QLatin1String("finished")) || t.contains(QLatin1String("completed"))
                || t.contains(QLatin1String("succeeded"))));
    const bool elect = t.contains(QLatin1String("new leader")) || t.contains(QLatin1String("leader changed"))
        || t.contains(QLatin1String("elected"));
    if (!transferred && !elect)
        return LineKind::None;
    *term = termIn(event, t);
    for (const char *key : { "to", "new-leader-member-id", "leader" }) {
        const QString v = event.field(QString::fromLatin1(key));
        if (!v.isEmpty()) {
            *leader = v;
            break;
        }
    }
    return LineKind::Elected;
}

LeaderElectionCount count(const QList<TimelineEvent> &events)
{
    LeaderElectionCount out;
    QList<QPair<const TimelineEvent *, QString>> termless; // with the leader the line names
    QList<const TimelineEvent *> losses;
    QList<quint64> lossTerms;
    bool bootstrapSeen = false;
    auto addLine = [](LeaderElection &e, const TimelineEvent *line, const QString &leader) {
        e.lines.append(line);
        if (line->time.isValid() && (!e.time.isValid() || line->time < e.time))
            e.time = line->time;
        if (e.leader.isEmpty())
            e.leader = leader;
    };
    for (const TimelineEvent &event : events) {
        quint64 term = 0;
        QString leader;
        switch (classify(event, &term, &leader)) {
        case LineKind::None:
            break;
        case LineKind::Bootstrap:
            bootstrapSeen = true;
            break;
        case LineKind::Lost:
            losses.append(&event);
            lossTerms.append(term);
            break;
        case LineKind::Elected:
            if (term == 0) {
                termless.append({ &event, leader });
                break;
            }
            auto it = std::find_if(
                out.elections.begin(), out.elections.end(), [term](const LeaderElection &e) { return e.term == term; });
            if (it == out.elections.end()) {
                out.elections.append(LeaderElection { term, {}, {}, {} });
                it = out.elections.end() - 1;
            }
            addLine(*it, &event, leader);
            break;
        }
    }
    // A line that names no term belongs to the election logged within a few
    // seconds of it, or starts one of its own.
    for (const auto &[line, leader] : std::as_const(termless)) {
        LeaderElection *near = nullptr;
        if (line->time.isValid()) {
            for (LeaderElection &e : out.elections) {
                if (e.time.isValid() && std::abs(e.time.msecsTo(line->time)) <= sameElectionMs) {
                    near = &e;
                    break;
                }
            }
        }
        if (!near) {
            out.elections.append(LeaderElection {});
            near = &out.elections.last();
        }
        addLine(*near, line, leader);
    }
    // A lost leader is followed by the next election: at its term (a
    // follower that heard the vote first logs the new term) or a higher one,
    // and not before it.
    for (qsizetype i = 0; i < losses.size(); ++i) {
        const QDateTime lostAt = losses.at(i)->time;
        LeaderElection *next = nullptr;
        for (LeaderElection &e : out.elections) {
            const bool before = lostAt.isValid() && e.time.isValid() && e.time < lostAt;
            if (e.term != 0 && e.term >= lossTerms.at(i) && !before && (!next || e.term < next->term))
                next = &e;
        }
        if (next)
            next->lines.append(losses.at(i));
        else
            out.unresolvedLosses.append(losses.at(i));
    }
    std::stable_sort(out.elections.begin(), out.elections.end(), [](const LeaderElection &a, const LeaderElection &b) {
        // Elections with a term in term order, then those without one in time order (undated last).
        if ((a.term != 0) != (b.term != 0))
            return a.term != 0;
        if (a.term != 0)
            return a.term < b.term;
        if (a.time.isValid() != b.time.isValid())
            return a.time.isValid();
        return a.time.isValid() && a.time < b.time;
    });
    const auto lowest
        = std::find_if(out.elections.begin(), out.elections.end(), [](const LeaderElection &e) { return e.term != 0; });
    // A member joining a running cluster logs term 0 too: only a low term
    // (a few split votes) is the bootstrap's election.
    constexpr quint64 bootstrapTerms = 5;
    const LeaderElection *bootstrapElection
        = bootstrapSeen && lowest != out.elections.end() && lowest->term <= bootstrapTerms ? &*lowest : nullptr;
    for (LeaderElection &e : out.elections)
        e.first = e.term != 0 && (e.term <= 2 || &e == bootstrapElection);
    return out;
}

} // namespace LeaderElections

} // namespace strata
