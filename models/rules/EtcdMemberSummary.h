#pragma once

#include "core/SourceLocation.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// An etcd member as the evidence shows it, status and membership merged.
struct EtcdMemberSummary
{
    QString id; // hex, as etcdctl tables print it
    QString name;
    QString endpoint;
    QString version;
    bool hasStatus = false;
    bool isLeader = false;
    std::optional<quint64> leaderId; // the leader it follows (JSON status; 0: none)
    bool isLearner = false;
    quint64 raftTerm = 0;
    quint64 raftIndex = 0;
    quint64 raftAppliedIndex = 0;
    quint64 dbSizeBytes = 0;
    std::optional<quint64> dbSizeInUseBytes;
    std::optional<qint64> revision; // from the status header (JSON and live reads)
    qint64 latencyMs = -1; // of a live status read
    QStringList errors;
    QString health; // "healthy", "unhealthy" or "" when not checked
    QString healthError;
    QString statusError; // why its endpoint gave no status (refused, TLS, timeout …)
    SourceLocation location;
};

} // namespace strata
