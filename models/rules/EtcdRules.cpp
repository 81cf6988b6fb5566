#include "EtcdRules.h"

#include "rules/LeaderChangeRate.h"

#include "rules/EtcdMemberRules.h"
#include "rules/LeaderElections.h"

#include <QMap>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace strata::EtcdRules {

namespace {

QString hostOf(const QString &endpoint)
{
    const QUrl url = QUrl::fromUserInput(endpoint);
    return url.host().isEmpty() ? endpoint : url.host();
}

const MetricValue *metric(const QList<MetricValue> &metrics, const QString &name)
{
    const MetricValue *best = nullptr;
    for (const MetricValue &m : metrics) {
        if (m.name == name && (!best || m.value > best->value))
            best = &m;
    }
    return best;
}

QString number(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return QLocale(QLocale::English, QLocale::UnitedStates).toString(qint64(v));
    return QString::number(v, 'g', 6);
}

QString memberName(const EtcdMemberSummary &m)
{
    if (!m.name.isEmpty())
        return m.name;
    if (!m.endpoint.isEmpty())
        return hostOf(m.endpoint);
    return m.id;
}

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QStringList diskAndNetworkChecks(const QList<MetricValue> &metrics)
{
    QStringList rtts;
    for (const MetricValue &m : metrics) {
        if (m.name == QLatin1String("etcd_network_peer_round_trip_time_seconds")) {
            QString quantile, to;
            for (const auto &[k, v] : m.labels) {
                if (k == QLatin1String("quantile"))
                    quantile = v;
                if (k == QLatin1String("To"))
                    to = v;
            }
            if (!quantile.isEmpty())
                rtts.append(QStringLiteral("%1 ms to %2 (q%3)").arg(m.value * 1000, 0, 'g', 3).arg(to, quantile));
        }
    }
    QString check
        = QStringLiteral("Check etcd disk and network latency behind the elections: WAL fsync and backend commit "
                         "durations (etcd_disk_wal_fsync_duration_seconds p99 should stay under 10 ms), and peer "
                         "round-trip time (etcd_network_peer_round_trip_time_seconds)");
    if (!rtts.isEmpty())
        check += QStringLiteral("; the scrape shows %1").arg(rtts.join(QStringLiteral(", ")));
    return { check + QLatin1Char('.') };
}

} // namespace

QList<EtcdMemberSummary> members(const EtcdctlOutput &etcd)
{
    QList<EtcdMemberSummary> out;
    auto find = [&out](const QString &idHex, const QString &endpoint) -> EtcdMemberSummary * {
        for (EtcdMemberSummary &m : out) {
            if ((!idHex.isEmpty() && m.id == idHex) || (!endpoint.isEmpty() && m.endpoint == endpoint))
                return &m;
        }
        return nullptr;
    };
    for (const EtcdEndpointStatus &s : etcd.statuses) {
        EtcdMemberSummary *m = find(s.memberIdHex, s.endpoint);
        if (!m) {
            out.append(EtcdMemberSummary {});
            m = &out.last();
        }
        m->id = s.memberIdHex;
        m->endpoint = s.endpoint;
        m->version = s.version;
        m->hasStatus = true;
        m->isLeader = s.isLeader;
        m->leaderId = s.leaderId;
        m->isLearner = s.isLearner;
        m->raftTerm = s.raftTerm;
        m->raftIndex = s.raftIndex;
        m->raftAppliedIndex = s.raftAppliedIndex;
        m->dbSizeBytes = s.dbSizeBytes;
        m->dbSizeInUseBytes = s.dbSizeInUseBytes;
        m->revision = s.revision;
        m->errors = s.errors;
        m->location = s.location;
    }
    for (const EtcdMember &mem : etcd.members) {
        EtcdMemberSummary *m = find(mem.idHex, QString());
        if (!m) {
            for (const QString &url : mem.clientUrls) {
                if ((m = find(QString(), url)))
                    break;
            }
        }
        if (!m) {
            out.append(EtcdMemberSummary {});
            m = &out.last();
            m->id = mem.idHex;
            m->endpoint = mem.clientUrls.value(0);
            m->location = mem.location;
            m->isLearner = mem.isLearner;
        }
        m->name = mem.name;
    }
    for (const EtcdEndpointHealth &h : etcd.health) {
        EtcdMemberSummary *m = find(QString(), h.endpoint);
        if (!m) {
            out.append(EtcdMemberSummary {});
            m = &out.last();
            m->endpoint = h.endpoint;
            m->location = h.location;
        }
        m->health = h.healthy ? QStringLiteral("healthy") : QStringLiteral("unhealthy");
        m->healthError = h.error;
    }
    // "Failed to get the status of endpoint X (…)": a row for X even though it said nothing else.
    for (const EtcdctlError &e : etcd.errors) {
        if (e.endpoint.isEmpty())
            continue;
        EtcdMemberSummary *m = find(QString(), e.endpoint);
        if (m && m->hasStatus)
            continue;
        if (!m) {
            out.append(EtcdMemberSummary {});
            m = &out.last();
            m->endpoint = e.endpoint;
            m->location = e.location;
        }
        m->statusError = e.message;
    }
    return out;
}

QList<Finding> evaluate(const EtcdctlOutput &etcd, const QList<EtcdMemberSummary> &ms,
    const QList<MetricValue> &metrics, const QList<TimelineEvent> &events, const Thresholds &thresholds)
{
    QList<Finding> findings;
    const QString cluster = QStringLiteral("etcd cluster");
    QList<const EtcdMemberSummary *> withStatus;
    for (const EtcdMemberSummary &m : ms) {
        if (m.hasStatus)
            withStatus.append(&m);
    }
    quint64 currentTerm = 0;
    for (const EtcdMemberSummary *m : withStatus)
        currentTerm = std::max(currentTerm, m->raftTerm);

    // leader-churn: elections counted once per term, cluster-wide (every
    // member logs the same one), the cluster's first not counted; the
    // counter counts the first leader a member saw after it started, too.
    {
        const MetricValue *changes = metric(metrics, QStringLiteral("etcd_server_leader_changes_seen_total"));
        const LeaderElectionCount elections = LeaderElections::count(events);
        const double counted = changes ? std::max(0.0, changes->value - 1) : 0;
        const double seen = std::max(counted, double(elections.changes()));
        // Churn is a rate: where the evidence says over how long, a slow one
        // (a few restarts in a month) is not a finding.
        const std::optional<LeaderChangeRate> rate = LeaderChangeRate::of(changes, counted, metrics, elections, events);
        if (seen >= thresholds.leaderChanges && (!rate || rate->perDay() >= thresholds.leaderChangesPerDay)) {
            Finding f;
            f.id = QStringLiteral("leader-churn");
            f.resource = cluster;
            f.severity
                = (rate ? rate->perHour() >= thresholds.leaderChangesPerHourHigh : seen >= thresholds.leaderChangesHigh)
                ? Severity::High
                : Severity::Medium;
            f.title = changes && counted >= double(elections.changes())
                ? QStringLiteral("etcd has seen %1 leader changes").arg(number(changes->value))
                : QStringLiteral("etcd changed leader %1 times").arg(elections.changes());
            // With a window, the title is the rate's own count: the changes after the first leader.
            if (rate)
                f.title = QStringLiteral("etcd changed leader %1 times in %2")
                              .arg(number(rate->changes), durationInWords(rate->seconds));
            QStringList detail;
            if (rate) {
                detail.append(QStringLiteral("%1 changes after the first leader %2: %3.")
                                  .arg(number(rate->changes), rate->window,
                                      rate->perHour() >= 1
                                          ? QStringLiteral("%1 an hour").arg(QString::number(rate->perHour(), 'f', 1))
                                          : QStringLiteral("%1 a day").arg(QString::number(rate->perDay(), 'f', 1))));
            }
            if (changes) {
                detail.append(QStringLiteral("The member scraped has seen %1 leader changes since it started "
                                             "(etcd_server_leader_changes_seen_total, its first leader included).")
                                  .arg(number(changes->value)));
                f.evidence.append({ changes->location,
                    QStringLiteral("%1%2 %3").arg(changes->name, changes->labelText(), number(changes->value)) });
            }
            if (rate && rate->evidence)
                f.evidence.append(*rate->evidence);
            QStringList terms;
            qsizetype lines = 0;
            for (const LeaderElection &e : elections.elections) {
                if (e.first)
                    continue;
                lines += e.lines.size();
                if (e.term != 0)
                    terms.append(QString::number(e.term));
            }
            if (elections.changes() > 0) {
                const auto firstElection = std::find_if(elections.elections.cbegin(), elections.elections.cend(),
                    [](const LeaderElection &e) { return e.first; });
                detail.append(
                    QStringLiteral("The logs and recordings show %1 leader election%2%3, counted once per "
                                   "term from %4 line%5%6.")
                        .arg(elections.changes())
                        .arg(elections.changes() == 1 ? QString() : QStringLiteral("s"))
                        .arg(terms.isEmpty() ? QString()
                                             : QStringLiteral(" (term %1)").arg(terms.join(QStringLiteral(", "))))
                        .arg(lines)
                        .arg(lines == 1 ? QString() : QStringLiteral("s"))
                        .arg(firstElection == elections.elections.cend()
                                ? QString()
                                : QStringLiteral("; the cluster's first election (term %1) is not counted")
                                      .arg(firstElection->term)));
            }
            constexpr qsizetype shownElections = 10;
            qsizetype shown = 0;
            for (const LeaderElection &e : elections.elections) {
                if (e.first)
                    continue;
                if (shown++ == shownElections) {
                    detail.append(QStringLiteral("Evidence lists the first %1 elections.").arg(shownElections));
                    break;
                }
                f.evidence.append({ e.lines.first()->location, e.lines.first()->text });
            }
            const LeaderElection *lastWithTerm = nullptr;
            for (const LeaderElection &e : elections.elections) {
                if (e.term != 0 && !e.first && (!lastWithTerm || e.term >= lastWithTerm->term))
                    lastWithTerm = &e;
            }
            if (lastWithTerm) {
                const QString when = lastWithTerm->time.isValid() ? utcText(lastWithTerm->time)
                                                                  : lastWithTerm->lines.first()->location.toString();
                detail.append(QStringLiteral("The last leadership change the evidence dates is at term %1 (%2).")
                                  .arg(lastWithTerm->term)
                                  .arg(when));
                if (currentTerm > lastWithTerm->term) {
                    detail.append(QStringLiteral(
                        "The members now report term %1, so at least %2 more election%3 happened after %4 "
                        "that the logs collected do not show.")
                                      .arg(currentTerm)
                                      .arg(currentTerm - lastWithTerm->term)
                                      .arg(currentTerm - lastWithTerm->term == 1 ? QString() : QStringLiteral("s"))
                                      .arg(when));
                    for (const EtcdMemberSummary *m : std::as_const(withStatus)) {
                        if (m->raftTerm == currentTerm) {
                            f.evidence.append({ m->location,
                                QStringLiteral("%1 reports raft term %2").arg(memberName(*m)).arg(currentTerm) });
                            break;
                        }
                    }
                }
            }
            detail.append(
                QStringLiteral("Every election stalls writes for the election timeout, and API servers may serve "
                               "stale reads while they re-establish their watches."));
            f.detail = detail.join(QLatin1Char(' '));
            f.recommend(diskAndNetworkChecks(metrics),
                { QStringLiteral("If disk or network latency is the cause, move etcd to dedicated low-latency storage "
                                 "and set heartbeat-interval/election-timeout to the measured round-trip time.") });
            findings.append(f);
        }
    }

    // failed-proposals
    if (const MetricValue *failed = metric(metrics, QStringLiteral("etcd_server_proposals_failed_total"));
        failed && failed->value > 0) {
        const MetricValue *committed = metric(metrics, QStringLiteral("etcd_server_proposals_committed_total"));
        double committedValue = committed ? committed->value : 0;
        if (!committed) {
            for (const EtcdMemberSummary *m : std::as_const(withStatus))
                committedValue = std::max(committedValue, double(m->raftIndex));
        }
        Finding f;
        f.id = QStringLiteral("failed-proposals");
        f.resource = cluster;
        const double ratio = committedValue > 0 ? failed->value / committedValue : 0;
        f.severity = ratio >= 0.01 ? Severity::High : (failed->value >= 10 ? Severity::Medium : Severity::Low);
        f.title = QStringLiteral("%1 failed raft proposals").arg(number(failed->value));
        f.detail = committedValue > 0
            ? QStringLiteral("%1 proposals failed against %2 committed (%3%). Failed proposals are writes that "
                             "were lost to leader elections or a loss of quorum; clients saw errors or retried.")
                  .arg(number(failed->value), number(committedValue))
                  .arg(ratio * 100, 0, 'f', ratio * 100 < 0.1 ? 3 : 2)
            : QStringLiteral("%1 proposals failed. Failed proposals are writes lost to leader elections or a loss "
                             "of quorum.")
                  .arg(number(failed->value));
        f.evidence.append({ failed->location, QStringLiteral("%1 %2").arg(failed->name, number(failed->value)) });
        if (committed)
            f.evidence.append(
                { committed->location, QStringLiteral("%1 %2").arg(committed->name, number(committed->value)) });
        f.recommend(
            { QStringLiteral("Compare the failed-proposal count over time with leader changes: if they rise together, "
                             "the elections are the cause.") },
            {});
        findings.append(f);
    }

    // raft-divergence
    bool divergence = false;
    if (withStatus.size() >= 2) {
        // The leader's term (else the highest): a member at another term is cut off, not behind.
        quint64 maxTerm = 0, leaderTerm = 0, minIndex = UINT64_MAX, maxIndex = 0;
        QStringList versions;
        for (const EtcdMemberSummary *m : std::as_const(withStatus)) {
            maxTerm = std::max(maxTerm, m->raftTerm);
            if (m->isLeader)
                leaderTerm = std::max(leaderTerm, m->raftTerm);
            minIndex = std::min(minIndex, m->raftIndex);
            maxIndex = std::max(maxIndex, m->raftIndex);
            if (!m->version.isEmpty() && !versions.contains(m->version))
                versions.append(m->version);
        }
        maxTerm = leaderTerm > 0 ? leaderTerm : maxTerm;
        // A member at an older term is cut off (member-cut-off); here what
        // differs among members that follow one leader: behind, catching up.
        QStringList problems;
        Severity severity = Severity::Low;
        if (maxIndex - minIndex > thresholds.indexSpread) {
            for (const EtcdMemberSummary *m : std::as_const(withStatus)) {
                if (maxIndex - m->raftIndex > thresholds.indexSpread && m->raftTerm == maxTerm)
                    problems.append(QStringLiteral("%1 is %2 entries behind the highest raft index (%3 against %4)")
                                        .arg(EtcdMemberRules::label(*m), number(double(maxIndex - m->raftIndex)))
                                        .arg(m->raftIndex)
                                        .arg(maxIndex));
            }
            severity = std::min(severity, Severity::Medium);
        }
        for (const EtcdMemberSummary *m : std::as_const(withStatus)) {
            if (m->raftIndex > m->raftAppliedIndex && m->raftIndex - m->raftAppliedIndex > thresholds.applyLag) {
                problems.append(QStringLiteral("%1 has applied %2 entries fewer than it has committed (apply lag: "
                                               "behind, catching up)")
                                    .arg(EtcdMemberRules::label(*m))
                                    .arg(m->raftIndex - m->raftAppliedIndex));
                severity = std::min(severity, Severity::Medium);
            }
        }
        if (versions.size() > 1)
            problems.append(
                QStringLiteral("members run different versions (%1)").arg(versions.join(QStringLiteral(", "))));
        if (!problems.isEmpty()) {
            divergence = true;
            Finding f;
            f.id = QStringLiteral("raft-divergence");
            f.resource = cluster;
            f.severity = severity;
            f.title = QStringLiteral("etcd members disagree");
            f.detail = problems.join(QStringLiteral("; ")) + QLatin1Char('.');
            for (const EtcdMemberSummary *m : std::as_const(withStatus))
                f.evidence.append({ m->location,
                    QStringLiteral("%1: version %2, term %3, index %4, applied %5")
                        .arg(memberName(*m), m->version)
                        .arg(m->raftTerm)
                        .arg(m->raftIndex)
                        .arg(m->raftAppliedIndex) });
            f.recommend({ QStringLiteral(
                            "Re-run etcdctl endpoint status --cluster to see whether the gap closes, and check the "
                            "lagging member's disk latency and logs.") },
                { QStringLiteral("If a member stays behind, remove and re-add it from a healthy snapshot.") });
            findings.append(f);
        }
    }

    // One problem per finding, each naming its member: down or unhealthy,
    // cut off from its peers, an alarm, no single leader.
    const QList<Finding> memberFindings = EtcdMemberRules::evaluate(etcd, ms, metrics);
    findings += memberFindings;

    // kv-hash-mismatch: members that hash the same revision differently hold different data.
    bool hashMismatch = false;
    {
        QMap<qint64, QList<const EtcdEndpointHash *>> byRevision; // -1: the output does not say
        for (const EtcdEndpointHash &h : etcd.hashes)
            byRevision[h.hashRevision.value_or(-1)].append(&h);
        for (auto it = byRevision.cbegin(); it != byRevision.cend(); ++it) {
            const QList<const EtcdEndpointHash *> &hashes = it.value();
            QMap<quint32, QList<const EtcdEndpointHash *>> byHash;
            for (const EtcdEndpointHash *h : hashes)
                byHash[h->hash].append(h);
            if (byHash.size() < 2)
                continue;
            hashMismatch = true;
            QSet<qint64> compactions;
            for (const EtcdEndpointHash *h : hashes)
                compactions.insert(h->compactRevision.value_or(-2));
            // A hash covers the history from the compaction to its revision:
            // only hashes at one revision over one compaction compare the data.
            const bool revisionKnown = it.key() >= 0 && compactions.size() == 1;
            auto describe = [&ms](const EtcdEndpointHash *h) {
                for (const EtcdMemberSummary &m : ms) {
                    if (m.endpoint == h->endpoint && !m.id.isEmpty())
                        return QStringLiteral("%1 (%2, %3)").arg(memberName(m), h->endpoint, m.id);
                }
                return h->endpoint;
            };
            QStringList groups;
            qsizetype largest = 0, largestCount = 0;
            for (const auto &group : byHash) {
                largestCount = group.size() > largest ? 1 : (group.size() == largest ? largestCount + 1 : largestCount);
                largest = std::max(largest, group.size());
            }
            QStringList odd;
            for (auto g = byHash.cbegin(); g != byHash.cend(); ++g) {
                QStringList who;
                for (const EtcdEndpointHash *h : g.value()) {
                    who.append(describe(h));
                    if (largestCount == 1 && g.value().size() < largest)
                        odd.append(describe(h));
                }
                groups.append(QStringLiteral("hash %1 on %2").arg(g.key()).arg(who.join(QStringLiteral(", "))));
            }
            Finding f;
            f.id = QStringLiteral("kv-hash-mismatch");
            f.resource = cluster;
            QStringList detail;
            if (revisionKnown) {
                f.severity = Severity::Critical;
                f.title = QStringLiteral("etcd members hold different data at revision %1").arg(it.key());
                detail.append(
                    QStringLiteral("At revision %1: %2.").arg(it.key()).arg(groups.join(QStringLiteral("; "))));
                detail.append(QStringLiteral(
                    "Members that hash one revision differently hold different keys or values: one has diverged "
                    "or is corrupt (etcd raises the CORRUPT alarm when its own check sees this), and reads answered "
                    "by it are wrong."));
                detail.append(odd.isEmpty()
                        ? QStringLiteral("No majority agrees, so the evidence cannot say which member is wrong.")
                        : QStringLiteral("The odd one out: %1.").arg(odd.join(QStringLiteral(", "))));
            } else if (it.key() >= 0) {
                f.severity = Severity::Medium;
                f.title = QStringLiteral("etcd members report different KV hashes at revision %1").arg(it.key());
                detail.append(
                    QStringLiteral("At revision %1: %2.").arg(it.key()).arg(groups.join(QStringLiteral("; "))));
                detail.append(QStringLiteral(
                    "The members report different compact revisions, and a hash covers only the history after its "
                    "compaction: these hashes cannot show whether the data differs. Hash again at a revision above "
                    "the newest compaction."));
            } else {
                f.severity = Severity::Medium;
                f.title = QStringLiteral("etcd members report different KV hashes");
                detail.append(groups.join(QStringLiteral("; ")) + QLatin1Char('.'));
                detail.append(QStringLiteral(
                    "The output does not say at which revision each member hashed: without --rev, `etcdctl endpoint "
                    "hashkv` hashes each member's newest revision, and those differ while the cluster takes writes. "
                    "Only hashes at one revision show whether the data differs."));
            }
            f.detail = detail.join(QLatin1Char(' '));
            for (const EtcdEndpointHash *h : hashes)
                f.evidence.append({ h->location, QStringLiteral("%1 hash %2").arg(h->endpoint).arg(h->hash) });
            f.recommend(
                { revisionKnown ? QStringLiteral("Compare the odd member's keys with a healthy member's at revision %1 "
                                                 "(etcdctl get --rev=%1 --prefix --keys-only against each endpoint).")
                                      .arg(it.key())
                                : QStringLiteral("Re-run etcdctl endpoint hashkv --cluster --rev=REVISION -w json with "
                                                 "one revision every member has (the lowest in endpoint status).") },
                { QStringLiteral("Replace a member whose data differs from a snapshot of a healthy member (member "
                                 "remove, then add it back empty).") });
            findings.append(f);
        }
    }

    if (!withStatus.isEmpty() && !divergence && !hashMismatch && memberFindings.isEmpty()) {
        Finding f;
        f.id = QStringLiteral("etcd-consistent");
        f.resource = cluster;
        f.severity = Severity::Info;
        const EtcdMemberSummary *first = withStatus.first();
        f.title = QStringLiteral("etcd members agree and report no errors");
        f.detail = QStringLiteral(
            "%1 member%2 report term %3, raft index %4 and applied index %5, with no errors or alarms. "
            "Whatever disagrees sits above etcd: in the API servers' view of it or in what was applied.")
                       .arg(withStatus.size())
                       .arg(withStatus.size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(first->raftTerm)
                       .arg(first->raftIndex)
                       .arg(first->raftAppliedIndex);
        for (const EtcdMemberSummary *m : std::as_const(withStatus))
            f.evidence.append({ m->location,
                QStringLiteral("%1: term %2, index %3, applied %4%5")
                    .arg(memberName(*m))
                    .arg(m->raftTerm)
                    .arg(m->raftIndex)
                    .arg(m->raftAppliedIndex)
                    .arg(m->isLeader ? QStringLiteral(", leader") : QString()) });
        findings.append(f);
    }
    return findings;
}

} // namespace strata::EtcdRules
