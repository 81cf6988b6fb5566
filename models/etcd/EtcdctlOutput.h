#pragma once

#include "core/Diagnostic.h"
#include "core/SourceLocation.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// What `etcdctl` printed, as plain values: the evidence an SRE pastes from a
// ticket. Produced by EtcdctlParser; read by the investigation's etcd findings
// (leader churn, raft divergence, unhealthy members, alarms). Every record's
// location is the file:line of its table row, JSON element or text line.

// One row of `etcdctl endpoint status` (3.3 to 3.6 columns). Fields the output
// did not show keep their defaults; the optionals say whether they were shown.
struct EtcdEndpointStatus
{
    QString endpoint;
    quint64 memberId = 0;
    QString memberIdHex; // "%x", as etcdctl prints it in tables
    QString version;
    QString storageVersion; // 3.6+
    quint64 dbSizeBytes = 0;
    QString dbSizeText; // as written: "4.1 MB" is rounded, JSON gives bytes
    std::optional<quint64> dbSizeInUseBytes;
    std::optional<quint64> dbSizeQuotaBytes; // 3.6+
    bool isLeader = false;
    bool isLearner = false;
    quint64 raftTerm = 0;
    quint64 raftIndex = 0;
    quint64 raftAppliedIndex = 0;
    QStringList errors; // e.g. "memberID:3319814642761637952 alarm:NOSPACE"
    std::optional<quint64> clusterId; // JSON only
    std::optional<quint64> leaderId; // JSON only
    std::optional<qint64> revision; // JSON only
    QString downgradeTargetVersion; // 3.6+
    bool downgradeEnabled = false; // 3.6+
    SourceLocation location;
};

// One member from `etcdctl member list`.
struct EtcdMember
{
    quint64 id = 0;
    QString idHex;
    QString name; // empty for an unstarted member
    QString status; // "started" or "unstarted"
    QStringList peerUrls;
    QStringList clientUrls;
    bool isLearner = false;
    SourceLocation location;
};

// One endpoint from `etcdctl endpoint health`.
struct EtcdEndpointHealth
{
    QString endpoint;
    bool healthy = false;
    QString took; // Go duration as printed, e.g. "4.691586ms"
    std::optional<double> tookSeconds;
    QString error; // why it is unhealthy, e.g. "failed to commit proposal: context deadline exceeded"
    SourceLocation location;
};

// One endpoint from `etcdctl endpoint hashkv`.
struct EtcdEndpointHash
{
    QString endpoint;
    quint32 hash = 0;
    std::optional<qint64> compactRevision; // JSON only; -1 when nothing was compacted
    std::optional<qint64> hashRevision; // 3.6+
    SourceLocation location;
};

// One active alarm from `etcdctl alarm list` ("memberID:<decimal> alarm:NOSPACE").
struct EtcdAlarm
{
    quint64 memberId = 0;
    QString memberIdHex;
    QString type; // NOSPACE, CORRUPT
    SourceLocation location;
};

// A failure etcdctl printed instead of (or besides) a record: "Error: unhealthy
// cluster", "Failed to get the status of endpoint X (context deadline exceeded)".
struct EtcdctlError
{
    QString endpoint; // when the message names one
    QString message;
    SourceLocation location;
};

struct EtcdctlOutput
{
    QList<EtcdEndpointStatus> statuses;
    QList<EtcdMember> members;
    QList<EtcdEndpointHealth> health;
    QList<EtcdEndpointHash> hashes;
    QList<EtcdAlarm> alarms;
    QList<EtcdctlError> errors;
    // Errors for rows that could not be read, notes for lines that were skipped.
    QList<Diagnostic> diagnostics;
    // The TLS files the pasted command line named (--cacert, --cert, --key),
    // as written; empty when it named none.
    QString caFile;
    QString certFile;
    QString keyFile;

    bool isEmpty() const
    {
        return statuses.isEmpty() && members.isEmpty() && health.isEmpty() && hashes.isEmpty() && alarms.isEmpty()
            && errors.isEmpty();
    }
};

} // namespace strata
