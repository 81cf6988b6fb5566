#pragma once

#include "etcd/EtcdGateway.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class QNetworkAccessManager;

namespace strata {

class JobContext;

// One revision of a key as etcd keeps it (mvccpb.KeyValue).
struct EtcdKeyVersion
{
    qint64 modRevision = 0;
    qint64 createRevision = 0;
    qint64 version = 0; // 1 at creation, +1 per change since
    QByteArray value;
};

// Every revision of one key still in etcd, newest first, read by walking
// mod_revision back: a range read at the newest revision, then at one
// revision before each version's, until the version that created the key,
// the compacted revision, or the limit. Range reads answer on etcd 3.4 and
// 3.5 alike and always end (a watch from an old revision never does).
struct EtcdKeyHistory
{
    enum class Stop {
        Created, // reached the version that created the key: the whole life of this incarnation
        Compacted, // etcd refused an older revision: compacted; older versions are gone
        Limit, // the caller's limit
        Absent, // the key does not exist at the newest revision
        Failed, // an endpoint error (`error`)
        Cancelled,
    };

    QByteArray key;
    QString endpoint;
    qint64 headerRevision = 0; // the store's revision at the first read
    QList<EtcdKeyVersion> versions; // newest first
    Stop stop = Stop::Failed;
    qint64 compactedAt = 0; // Compacted: the revision etcd refused
    QString error;

    // "created at revision 12", "older revisions compacted (revision 40 refused)", …
    QString stopText() const;
};

namespace EtcdKeyHistories {
EtcdKeyHistory walk(const EtcdEndpoint &endpoint, const QByteArray &key, int limit = 100,
    const JobContext *job = nullptr, QNetworkAccessManager *network = nullptr);
// A /v3/kv/range answer: its kvs (none on a miss) and the header's revision.
std::optional<QList<EtcdKeyVersion>> parseRange(const QByteArray &body, qint64 *headerRevision, QString *error);
} // namespace EtcdKeyHistories

} // namespace strata
