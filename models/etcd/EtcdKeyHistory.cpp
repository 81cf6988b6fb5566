#include "EtcdKeyHistory.h"

#include "core/JobRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <algorithm>
#include <memory>

namespace strata {

namespace {

// int64 fields arrive as JSON strings; absent means 0 (the gateway leaves defaults out).
qint64 int64Field(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    return v.isString() ? v.toString().toLongLong() : v.toInteger();
}

QByteArray rangeRequest(const QByteArray &key, qint64 revision)
{
    QJsonObject request;
    request[QStringLiteral("key")] = QString::fromLatin1(key.toBase64());
    if (revision > 0)
        request[QStringLiteral("revision")] = QString::number(revision);
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

bool isCompacted(const EtcdGatewayResponse &r)
{
    // HTTP 400, gRPC OUT_OF_RANGE (11), "mvcc: required revision has been compacted".
    return r.status == 400 && QString::fromUtf8(r.body).contains(QLatin1String("compacted"));
}

} // namespace

QString EtcdKeyHistory::stopText() const
{
    switch (stop) {
    case Stop::Created:
        return versions.isEmpty() ? QString()
                                  : QStringLiteral("created at revision %1").arg(versions.constLast().createRevision);
    case Stop::Compacted:
        return QStringLiteral("older revisions are compacted (etcd refused revision %1)").arg(compactedAt);
    case Stop::Limit:
        return QStringLiteral("stopped after %1 versions; older ones not read").arg(versions.size());
    case Stop::Absent:
        return QStringLiteral("the key does not exist at revision %1").arg(headerRevision);
    case Stop::Failed:
        return error;
    case Stop::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<QList<EtcdKeyVersion>> EtcdKeyHistories::parseRange(
    const QByteArray &body, qint64 *headerRevision, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("the range answer is not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    *headerRevision = int64Field(o.value(QStringLiteral("header")).toObject(), "revision");
    QList<EtcdKeyVersion> versions;
    for (const QJsonValue &v : o.value(QStringLiteral("kvs")).toArray()) {
        const QJsonObject kv = v.toObject();
        EtcdKeyVersion version;
        version.modRevision = int64Field(kv, "mod_revision");
        version.createRevision = int64Field(kv, "create_revision");
        version.version = int64Field(kv, "version");
        version.value = QByteArray::fromBase64(kv.value(QStringLiteral("value")).toString().toLatin1());
        if (version.modRevision <= 0) {
            *error = QStringLiteral("a key-value without mod_revision in the range answer");
            return std::nullopt;
        }
        versions.append(std::move(version));
    }
    return versions;
}

EtcdKeyHistory EtcdKeyHistories::walk(const EtcdEndpoint &endpoint, const QByteArray &key, int limit,
    const JobContext *job, QNetworkAccessManager *network)
{
    EtcdKeyHistory history;
    history.key = key;
    history.endpoint = endpoint.url;
    // One connection (and TLS session) for the whole walk, unless the caller lends its own.
    std::unique_ptr<QNetworkAccessManager> own;
    if (!network) {
        own = std::make_unique<QNetworkAccessManager>();
        network = own.get();
    }
    qint64 revision = 0; // 0: the newest
    while (true) {
        if (job && job->isCancelled()) {
            history.stop = EtcdKeyHistory::Stop::Cancelled;
            return history;
        }
        const EtcdGatewayResponse r
            = EtcdGateway::post(endpoint, QStringLiteral("/v3/kv/range"), rangeRequest(key, revision), network);
        if (revision > 0 && isCompacted(r)) {
            history.stop = EtcdKeyHistory::Stop::Compacted;
            history.compactedAt = revision;
            return history;
        }
        if (!r.ok()) {
            history.error = r.failure(endpoint.url);
            return history;
        }
        qint64 header = 0;
        const std::optional<QList<EtcdKeyVersion>> kvs = parseRange(r.body, &header, &history.error);
        if (!kvs) {
            history.error = QStringLiteral("%1: %2").arg(endpoint.url, history.error);
            return history;
        }
        if (revision == 0)
            history.headerRevision = header;
        if (kvs->isEmpty()) {
            // At the newest revision: no such key. Before a version > 1: cannot
            // happen in etcd's MVCC, but is an end all the same.
            history.stop = revision == 0 ? EtcdKeyHistory::Stop::Absent : EtcdKeyHistory::Stop::Created;
            return history;
        }
        const EtcdKeyVersion version = kvs->constFirst();
        history.versions.append(version);
        if (version.version <= 1 || version.modRevision <= 1) {
            history.stop = EtcdKeyHistory::Stop::Created;
            return history;
        }
        if (limit > 0 && history.versions.size() >= limit) {
            history.stop = EtcdKeyHistory::Stop::Limit;
            return history;
        }
        if (job) // `version` comes from the server: bounded before it becomes a progress total
            job->reportProgress(int(history.versions.size()),
                int(std::clamp<qint64>(
                    history.versions.size() + version.version - 1, history.versions.size(), 1 << 30)));
        revision = version.modRevision - 1;
    }
}

} // namespace strata
