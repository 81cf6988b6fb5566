#pragma once

#include "evidence/TimelineEvent.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata {

// etcd leader elections as the evidence shows them, one per raft term,
// cluster-wide. Every member logs the same election ("X became leader at
// term 5" on the winner, "raft.node: Y elected leader X at term 5" on each
// follower) and a recording sees the term rise once: that is one change, not
// one per line. The cluster's first election is how a cluster starts, not
// churn: the one at term 2 (members start at term 1), or — where the logs
// show the members starting at term 0 or 1 — the lowest term elected if it
// is low (a split vote at bootstrap takes it to term 3 or a little more).
struct LeaderElection
{
    quint64 term = 0; // 0 when no line names it (then the lines are within a few seconds of each other)
    QDateTime time; // the earliest dated line; invalid when none is dated
    QString leader; // hex member id when a line names the winner
    QList<const TimelineEvent *> lines; // every line about it, the deciding one first
    bool first = false;
};

struct LeaderElectionCount
{
    QList<LeaderElection> elections; // in term (then time) order
    // "X lost leader Y at term N" with no election after it in the evidence.
    QList<const TimelineEvent *> unresolvedLosses;
    // Elections after the cluster's first: what churn is counted from.
    qsizetype changes() const;
    quint64 highestTerm() const;
};

namespace LeaderElections {

enum class LineKind {
    None,
    Bootstrap, // a member starting with no history ("became follower at term 1", "newRaft … term: 0") // not about an
               // etcd leader change (also: a transfer starting or skipped, the API server's own leases)
    Elected, // a leader was elected, a term rose, a transfer finished
    Lost, // a member lost its leader (an election follows)
};

// What one line says; `term` and `leader` are filled when it names them.
LineKind classify(const TimelineEvent &event, quint64 *term = nullptr, QString *leader = nullptr);

// The elections in `events` (pointers into it: keep it alive while they are used).
LeaderElectionCount count(const QList<TimelineEvent> &events);

} // namespace LeaderElections

} // namespace strata
