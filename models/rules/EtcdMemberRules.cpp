#include "EtcdMemberRules.h"

#include <QLocale>
#include <QMap>
#include <QUrl>

#include <algorithm>

namespace strata::EtcdMemberRules {

namespace {

const QString cluster = QStringLiteral("etcd cluster");

QString hostOf(const QString &endpoint)
{
    const QUrl url = QUrl::fromUserInput(endpoint);
    return url.host().isEmpty() ? endpoint : url.host();
}

// The name the System view gives the member's box: a finding about it colours it.
QString componentName(const EtcdMemberSummary &m)
{
    return !m.name.isEmpty() ? m.name : !m.endpoint.isEmpty() ? hostOf(m.endpoint) : m.id;
}

QString bytes(quint64 b)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).formattedDataSize(qint64(b), 1, QLocale::DataSizeSIFormat);
}

QString count(quint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n);
}

const MetricValue *metric(const QList<MetricValue> &metrics, const QString &name)
{
    for (const MetricValue &m : metrics) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

// "memberID:<decimal> alarm:NOSPACE" in a status row's errors.
bool parseAlarm(const QString &error, quint64 *member, QString *type)
{
    const qsizetype id = error.indexOf(QLatin1String("memberID:"));
    const qsizetype alarm = error.indexOf(QLatin1String("alarm:"));
    if (id < 0 || alarm < 0)
        return false;
    bool ok = false;
    *member = error.mid(id + 9, alarm - id - 9).trimmed().toULongLong(&ok);
    *type = error.mid(alarm + 6).trimmed().section(QLatin1Char(' '), 0, 0);
    return ok && !type->isEmpty();
}

QString alarmMeaning(const QString &type)
{
    if (type == QLatin1String("NOSPACE"))
        return QStringLiteral(
            "The database reached its space quota: etcd refuses every write with \"etcdserver: mvcc: database space "
            "exceeded\", so the API server can create, update or delete nothing (reads still work) until space is "
            "freed (compaction, then defragmentation) and the alarm is disarmed.");
    if (type == QLatin1String("CORRUPT"))
        return QStringLiteral(
            "etcd's corruption check found members whose data differ: the cluster refuses writes, and reads from "
            "the corrupt member are wrong, until that member is replaced from a healthy one.");
    return QStringLiteral("etcd raised the %1 alarm.").arg(type);
}

} // namespace

QString label(const EtcdMemberSummary &m)
{
    QStringList inside;
    if (!m.name.isEmpty() && !m.endpoint.isEmpty())
        inside.append(m.endpoint);
    if (!m.id.isEmpty())
        inside.append(m.id);
    const QString head = !m.name.isEmpty() ? m.name : !m.endpoint.isEmpty() ? m.endpoint : m.id;
    return inside.isEmpty() ? head : QStringLiteral("%1 (%2)").arg(head, inside.join(QStringLiteral(", ")));
}

QString reasonInWords(const QString &error)
{
    const QString e = error.toLower();
    if (e.contains(QLatin1String("connection refused")))
        return QStringLiteral("down (connection refused)");
    if (e.contains(QLatin1String("x509")) || e.contains(QLatin1String("certificate"))
        || e.contains(QLatin1String("tls")) || e.contains(QLatin1String("ssl"))
        || e.contains(QLatin1String("handshake")))
        return QStringLiteral("refusing the TLS connection");
    if (e.contains(QLatin1String("deadline exceeded")) || e.contains(QLatin1String("timed out"))
        || e.contains(QLatin1String("timeout")) || e.contains(QLatin1String("no answer within")))
        return QStringLiteral("not answering in time");
    if (e.contains(QLatin1String("no such host")) || e.contains(QLatin1String("not found"))
        || e.contains(QLatin1String("name resolution")))
        return QStringLiteral("unreachable (its name does not resolve)");
    if (e.contains(QLatin1String("no route")) || e.contains(QLatin1String("unreachable")))
        return QStringLiteral("unreachable (no route)");
    if (e.contains(QLatin1String("not an etcd")))
        return QStringLiteral("answering, but not as etcd");
    return QStringLiteral("failing");
}

QList<Finding> evaluate(
    const EtcdctlOutput &etcd, const QList<EtcdMemberSummary> &members, const QList<MetricValue> &metrics)
{
    QList<Finding> findings;
    qsizetype withStatus = 0, voters = 0;
    // The leader's term is the cluster's: without pre-vote an isolated member's
    // term climbs above it, and that member is the one cut off, not the others.
    quint64 leaderTerm = 0, maxIndex = 0;
    for (const EtcdMemberSummary &m : members) {
        voters += m.isLearner ? 0 : 1;
        if (m.hasStatus) {
            ++withStatus;
            if (m.isLeader)
                leaderTerm = std::max(leaderTerm, m.raftTerm);
            maxIndex = std::max(maxIndex, m.raftIndex);
        }
    }
    const quint64 maxTerm = leaderTerm;
    // A member's own status errors that are not alarms ("etcdserver: no leader").
    const auto noLeaderError = [](const EtcdMemberSummary &m) {
        return std::any_of(m.errors.cbegin(), m.errors.cend(),
            [](const QString &e) { return e.contains(QLatin1String("no leader"), Qt::CaseInsensitive); });
    };

    // member-unhealthy: one per member that does not answer or says it is unhealthy.
    QList<EvidenceRef> clusterErrors; // "Error: unhealthy cluster": etcdctl's verdict, no member named
    for (const EtcdctlError &e : etcd.errors) {
        if (e.endpoint.isEmpty())
            clusterErrors.append({ e.location, e.message });
    }
    qsizetype down = 0;
    for (const EtcdMemberSummary &m : members) {
        QStringList said;
        QList<EvidenceRef> evidence;
        QString reason;
        if (!m.statusError.isEmpty()) {
            reason = reasonInWords(m.statusError);
            said.append(QStringLiteral("its status read failed: %1").arg(m.statusError));
            for (const EtcdctlError &e : etcd.errors) {
                if (e.endpoint == m.endpoint)
                    evidence.append({ e.location, e.message });
            }
        }
        // etcdctl calls every member unhealthy while an alarm is active: etcd-alarm says that.
        const bool alarmOnly = m.healthError.contains(QLatin1String("alarm"), Qt::CaseInsensitive);
        if (m.health == QLatin1String("unhealthy") && !alarmOnly) {
            reason = reason.isEmpty() ? reasonInWords(m.healthError) : reason;
            said.append(QStringLiteral("endpoint health says unhealthy%1")
                            .arg(m.healthError.isEmpty() ? QString() : QStringLiteral(": ") + m.healthError));
            for (const EtcdEndpointHealth &h : etcd.health) {
                if (h.endpoint == m.endpoint)
                    evidence.append({ h.location, h.error.isEmpty() ? QStringLiteral("unhealthy") : h.error });
            }
        }
        // In the member list, and no status in the evidence while others have
        // one: perhaps not asked (a status of one endpoint), so unknown, not down.
        bool unknown = false;
        if (said.isEmpty() && !m.hasStatus && withStatus > 0 && m.health.isEmpty()) {
            unknown = true;
            reason = QStringLiteral("not in the status output");
            said.append(QStringLiteral("the member list names it, and the evidence has no status for it (not asked, or "
                                       "it did not answer)"));
            evidence.append({ m.location, QStringLiteral("member %1").arg(label(m)) });
        }
        if (said.isEmpty())
            continue;
        if (!unknown && !m.isLearner)
            ++down;
        Finding f;
        f.id = QStringLiteral("member-unhealthy");
        f.resource = componentName(m);
        f.severity = unknown ? Severity::Medium : Severity::High;
        f.title = QStringLiteral("etcd member %1 is %2").arg(label(m), reason);
        f.detail = QStringLiteral("%1: %2.").arg(label(m), said.join(QStringLiteral("; ")));
        f.evidence = evidence + clusterErrors;
        if (!m.endpoint.isEmpty())
            f.endpoints = { m.endpoint };
        f.recommend({ QStringLiteral("Check that member: etcdctl endpoint health and endpoint status against %1, then "
                                     "its process and logs on its host.")
                            .arg(m.endpoint.isEmpty() ? QStringLiteral("its endpoint") : m.endpoint) },
            { QStringLiteral("Restart it if its process is gone; if its data is lost, remove it from the member "
                             "list and add it back empty.") });
        findings.append(f);
    }
    // Losing a majority stops every write: the members that are down say so.
    if (down > 0 && down * 2 >= voters) {
        for (Finding &f : findings) {
            if (f.severity != Severity::High)
                continue; // an unknown member is not counted as down
            f.severity = Severity::Critical;
            f.detail += QStringLiteral(" %1 of %2 voting members are down: the cluster has no quorum, and no write "
                                       "commits.")
                            .arg(down)
                            .arg(voters);
        }
    }

    // member-cut-off: without a leader, or at an older term than the others.
    for (const EtcdMemberSummary &m : members) {
        if (!m.hasStatus)
            continue;
        const bool noLeader = (m.leaderId && *m.leaderId == 0) || noLeaderError(m);
        const bool olderTerm = maxTerm > 0 && m.raftTerm < maxTerm;
        if (!noLeader && !olderTerm)
            continue;
        Finding f;
        f.id = QStringLiteral("member-cut-off");
        f.resource = componentName(m);
        f.severity = Severity::High;
        QStringList said;
        if (noLeader)
            said.append(QStringLiteral("it has no leader"));
        if (olderTerm)
            said.append(QStringLiteral("it is at raft term %1 while the leader is at %2 (%3 election%4 behind)")
                            .arg(m.raftTerm)
                            .arg(maxTerm)
                            .arg(maxTerm - m.raftTerm)
                            .arg(maxTerm - m.raftTerm == 1 ? QString() : QStringLiteral("s")));
        if (m.raftIndex < maxIndex)
            said.append(QStringLiteral("its raft index %1 is %2 entries behind the highest (%3)")
                            .arg(m.raftIndex)
                            .arg(count(maxIndex - m.raftIndex))
                            .arg(maxIndex));
        f.title = QStringLiteral("etcd member %1 is cut off from its peers").arg(label(m));
        f.detail = QStringLiteral("%1: %2. A member that missed an election and has no leader is partitioned from "
                                  "the others: it serves no linearizable read and commits nothing, and a client "
                                  "pinned to it sees old data.")
                       .arg(label(m), said.join(QStringLiteral("; ")));
        f.evidence.append({ m.location,
            QStringLiteral("%1: term %2, index %3%4")
                .arg(label(m))
                .arg(m.raftTerm)
                .arg(m.raftIndex)
                .arg(noLeader ? QStringLiteral(", no leader") : QString()) });
        for (const EtcdMemberSummary &other : members) {
            if (other.hasStatus && other.raftTerm == maxTerm && other.isLeader)
                f.evidence.append({ other.location,
                    QStringLiteral("%1 leads at term %2, index %3")
                        .arg(label(other))
                        .arg(other.raftTerm)
                        .arg(other.raftIndex) });
        }
        if (!m.endpoint.isEmpty())
            f.endpoints = { m.endpoint };
        f.recommend({ QStringLiteral("Check the network between %1 and its peers (peer port 2380) and its "
                                     "etcd_network_peer_round_trip_time_seconds.")
                            .arg(label(m)) },
            { QStringLiteral("If it does not rejoin once the network is restored, restart it.") });
        findings.append(f);
    }

    // etcd-alarm: one per alarm type, every member that raised it.
    QMap<QString, QList<QPair<quint64, SourceLocation>>> alarms;
    for (const EtcdAlarm &a : etcd.alarms)
        alarms[a.type].append({ a.memberId, a.location });
    for (const EtcdMemberSummary &m : members) {
        for (const QString &e : m.errors) {
            quint64 id = 0;
            QString type;
            if (parseAlarm(e, &id, &type))
                alarms[type].append({ id, m.location });
        }
    }
    for (auto it = alarms.cbegin(); it != alarms.cend(); ++it) {
        QStringList raisers;
        QList<EvidenceRef> evidence;
        QList<quint64> seen;
        QStringList raiserEndpoints;
        quint64 dbSize = 0;
        for (const auto &[id, location] : it.value()) {
            evidence.append({ location, QStringLiteral("memberID:%1 alarm:%2").arg(id).arg(it.key()) });
            if (seen.contains(id))
                continue;
            seen.append(id);
            const QString hex = QString::number(id, 16);
            const auto member = std::find_if(
                members.cbegin(), members.cend(), [&hex](const EtcdMemberSummary &m) { return m.id == hex; });
            raisers.append(member != members.cend() ? label(*member) : hex);
            if (member != members.cend())
                dbSize = std::max(dbSize, member->dbSizeBytes);
            if (member != members.cend() && !member->endpoint.isEmpty() && !raiserEndpoints.contains(member->endpoint))
                raiserEndpoints.append(member->endpoint);
        }
        Finding f;
        f.id = QStringLiteral("etcd-alarm");
        f.endpoints = raiserEndpoints;
        f.resource = cluster;
        f.paths = { it.key() };
        f.severity = Severity::Critical;
        f.title = QStringLiteral("etcd alarm %1 raised by %2").arg(it.key(), raisers.join(QStringLiteral(", ")));
        QString size;
        if (dbSize > 0) {
            const MetricValue *quota = metric(metrics, QStringLiteral("etcd_server_quota_backend_bytes"));
            size = quota && quota->value > 0
                ? QStringLiteral(" The database is %1 of its %2 quota (%3%).")
                      .arg(bytes(dbSize), bytes(quint64(quota->value)))
                      .arg(double(dbSize) * 100 / quota->value, 0, 'f', 0)
                : QStringLiteral(" The database is %1 (its quota is not in the evidence: 2 GB unless "
                                 "--quota-backend-bytes says otherwise).")
                      .arg(bytes(dbSize));
            if (quota)
                evidence.append(
                    { quota->location, QStringLiteral("%1 %2").arg(quota->name).arg(quota->value, 0, 'f', 0) });
        }
        f.detail = alarmMeaning(it.key()) + size;
        f.evidence = evidence;
        f.recommend({ QStringLiteral("etcdctl alarm list and etcdctl endpoint status -w table against every endpoint "
                                     "(DB SIZE and, on 3.6, QUOTA).") },
            it.key() == QLatin1String("NOSPACE")
                ? QStringList { QStringLiteral(
                    "Compact to the current revision, defragment each member (one at a time), raise "
                    "--quota-backend-bytes if the data needs it, then etcdctl alarm disarm.") }
                : QStringList { QStringLiteral("Replace the member whose data differs from a snapshot of a healthy "
                                               "member, then etcdctl alarm disarm.") });
        findings.append(f);
    }

    // no-leader: across the members that answered, none or several lead; or a scrape says none.
    QStringList leadership;
    QList<EvidenceRef> leadershipEvidence;
    if (withStatus >= 2) {
        QStringList leaders;
        for (const EtcdMemberSummary &m : members) {
            if (m.hasStatus && m.isLeader)
                leaders.append(label(m));
        }
        if (leaders.isEmpty())
            leadership.append(
                QStringLiteral("none of the %1 members that answered reports being the leader").arg(withStatus));
        else if (leaders.size() > 1)
            leadership.append(QStringLiteral("%1 members report being the leader: %2")
                                  .arg(leaders.size())
                                  .arg(leaders.join(QStringLiteral(", "))));
        if (!leadership.isEmpty()) {
            for (const EtcdMemberSummary &m : members) {
                if (m.hasStatus)
                    leadershipEvidence.append({ m.location,
                        QStringLiteral("%1: term %2%3")
                            .arg(label(m))
                            .arg(m.raftTerm)
                            .arg(m.isLeader ? QStringLiteral(", leader") : QString()) });
            }
        }
    }
    for (const MetricValue &m : metrics) {
        if (m.name == QLatin1String("etcd_server_has_leader") && m.value == 0) {
            leadership.append(QStringLiteral("the member scraped in %1 has no leader").arg(m.location.file));
            leadershipEvidence.append({ m.location, QStringLiteral("etcd_server_has_leader 0") });
        }
    }
    if (!leadership.isEmpty()) {
        Finding f;
        f.id = QStringLiteral("no-leader");
        f.resource = cluster;
        f.severity = Severity::Critical;
        f.title = QStringLiteral("etcd has no single leader");
        f.detail = leadership.join(QStringLiteral("; "))
            + QStringLiteral(
                ". Without one leader nothing commits: every write through the API server waits and fails.");
        f.evidence = leadershipEvidence;
        f.recommend({ QStringLiteral("etcdctl endpoint status --cluster -w table: which members answer, and at which "
                                     "term.") },
            { QStringLiteral("Restore the network or the members until a majority answers; a cluster that cannot "
                             "elect a leader for long is restored from a snapshot.") });
        findings.append(f);
    }
    return findings;
}

} // namespace strata::EtcdMemberRules
