#include "EtcdHistoryCapture.h"

#include "core/JobRunner.h"
#include "etcd/EtcdKeyHistory.h"
#include "kubestorage/StorageKey.h"
#include "kubestorage/StoredObject.h"
#include "live/CaptureFolder.h"
#include "live/CaptureManifest.h"
#include "live/EtcdConnection.h"
#include "live/KubeCapture.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace strata {

namespace {

const QString marker = QStringLiteral("strataEtcdHistory");

// The first endpoint that answers a range read serves the walk (any member
// answers a linearizable read); each endpoint's failure is kept for the message.
struct Reader
{
    EtcdEndpoint endpoint;
    QString error;
};

Reader readerFor(const EtcdConnection &connection, const QByteArray &probeKey)
{
    QStringList failures;
    for (EtcdEndpoint endpoint : connection.endpoints) {
        QString error;
        if (!connection.user.isEmpty()) {
            endpoint.token = EtcdGateway::authenticate(endpoint, connection.user, connection.password, &error);
            if (endpoint.token.isEmpty()) {
                failures.append(error);
                continue;
            }
        }
        const EtcdKeyHistory probe = EtcdKeyHistories::walk(endpoint, probeKey, 1);
        if (probe.error.isEmpty())
            return { endpoint, {} };
        failures.append(probe.error);
    }
    return { {}, failures.isEmpty() ? connection.error : failures.join(QStringLiteral("; ")) };
}

QJsonObject versionJson(const CapturedKeyHistory::Version &v)
{
    QJsonObject o { { QStringLiteral("modRevision"), QString::number(v.modRevision) },
        { QStringLiteral("createRevision"), QString::number(v.createRevision) },
        { QStringLiteral("version"), QString::number(v.version) }, { QStringLiteral("encoding"), v.encoding },
        { QStringLiteral("kept"), v.kept } };
    if (!v.error.isEmpty())
        o[QStringLiteral("error")] = v.error;
    return o;
}

// Decodes every version and writes the kubectl List; the manifest entry says what each one was.
void keepVersions(const EtcdKeyHistory &walked, const QString &folder, int index, CapturedKeyHistory *out)
{
    QJsonArray items;
    for (const EtcdKeyVersion &kv : walked.versions) {
        CapturedKeyHistory::Version v;
        v.modRevision = kv.modRevision;
        v.createRevision = kv.createRevision;
        v.version = kv.version;
        const StoredObject decoded = StoredObjects::decode(kv.value, kv.modRevision);
        v.encoding = decoded.encodingText();
        v.error = decoded.error;
        if (decoded.decoded()) {
            const QString name = QJsonDocument::fromJson(decoded.json)
                                     .object()
                                     .value(QStringLiteral("metadata"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString();
            // Secret values become this machine's fingerprints before anything is written.
            const KubeCapture::CapturedBody body = KubeCapture::capturedBody(decoded.json, decoded.kind, name);
            if (body.error.isEmpty()) {
                items.append(QJsonDocument::fromJson(body.bytes).object());
                v.kept = true;
            } else {
                v.error = body.error;
            }
        }
        out->versions.append(v);
    }
    if (items.isEmpty())
        return;
    const QJsonObject list { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
        { QStringLiteral("kind"), QStringLiteral("List") }, { QStringLiteral("items"), items } };
    const QString file = QString::number(index + 1).rightJustified(2, QLatin1Char('0')) + QLatin1Char('-')
        + CaptureFolder::safeFileName(QString(out->object).replace(QLatin1Char('/'), QLatin1Char('.')))
        + QStringLiteral(".json");
    if (const QString e = CaptureFolder::writeFile(folder + QLatin1Char('/') + file, QJsonDocument(list).toJson());
        !e.isEmpty()) {
        out->error = QStringLiteral("the history could not be written: ") + e;
        return;
    }
    out->file = file;
}

} // namespace

QString EtcdHistoryTarget::label() const
{
    return id.isValid() ? id.toString() : key;
}

QByteArray EtcdHistoryManifest::toJson() const
{
    QJsonArray list;
    for (const CapturedKeyHistory &k : keys) {
        QJsonArray versions;
        for (const CapturedKeyHistory::Version &v : k.versions)
            versions.append(versionJson(v));
        QJsonObject o { { QStringLiteral("object"), k.object }, { QStringLiteral("key"), k.key },
            { QStringLiteral("keyGuessed"), k.keyGuessed }, { QStringLiteral("endpoint"), k.endpoint },
            { QStringLiteral("headerRevision"), QString::number(k.headerRevision) },
            { QStringLiteral("versions"), versions }, { QStringLiteral("stop"), k.stop },
            { QStringLiteral("complete"), k.complete }, { QStringLiteral("file"), k.file } };
        if (!k.error.isEmpty())
            o[QStringLiteral("error")] = k.error;
        list.append(o);
    }
    QJsonObject root { { marker, formatVersion }, { QStringLiteral("time"), time.toString(Qt::ISODate) },
        { QStringLiteral("fingerprintCheck"), fingerprintCheck }, { QStringLiteral("keys"), list } };
    if (!error.isEmpty())
        root[QStringLiteral("error")] = error;
    return QJsonDocument(root).toJson();
}

std::optional<EtcdHistoryManifest> EtcdHistoryManifest::read(const QString &folder, QString *error)
{
    const std::optional<QJsonObject> root = CaptureFolder::readManifest(folder + QStringLiteral("/manifest.json"),
        marker, formatVersion, QStringLiteral("etcd history capture"), error);
    if (!root)
        return std::nullopt;
    EtcdHistoryManifest m;
    m.folder = folder;
    m.time = QDateTime::fromString(root->value(QStringLiteral("time")).toString(), Qt::ISODate);
    m.fingerprintCheck = root->value(QStringLiteral("fingerprintCheck")).toString();
    m.error = root->value(QStringLiteral("error")).toString();
    for (const QJsonValue &kv : root->value(QStringLiteral("keys")).toArray()) {
        const QJsonObject o = kv.toObject();
        CapturedKeyHistory k;
        k.object = o.value(QStringLiteral("object")).toString();
        k.key = o.value(QStringLiteral("key")).toString();
        k.keyGuessed = o.value(QStringLiteral("keyGuessed")).toBool();
        k.endpoint = o.value(QStringLiteral("endpoint")).toString();
        k.headerRevision = o.value(QStringLiteral("headerRevision")).toString().toLongLong();
        k.stop = o.value(QStringLiteral("stop")).toString();
        k.complete = o.value(QStringLiteral("complete")).toBool();
        k.error = o.value(QStringLiteral("error")).toString();
        k.file = o.value(QStringLiteral("file")).toString();
        if (!k.file.isEmpty() && !CaptureFolder::isInside(k.file)) {
            *error = QStringLiteral("%1/manifest.json: the file '%2' is outside the capture").arg(folder, k.file);
            return std::nullopt;
        }
        for (const QJsonValue &vv : o.value(QStringLiteral("versions")).toArray()) {
            const QJsonObject vo = vv.toObject();
            CapturedKeyHistory::Version v;
            v.modRevision = vo.value(QStringLiteral("modRevision")).toString().toLongLong();
            v.createRevision = vo.value(QStringLiteral("createRevision")).toString().toLongLong();
            v.version = vo.value(QStringLiteral("version")).toString().toLongLong();
            v.encoding = vo.value(QStringLiteral("encoding")).toString();
            v.error = vo.value(QStringLiteral("error")).toString();
            v.kept = vo.value(QStringLiteral("kept")).toBool();
            k.versions.append(v);
        }
        m.keys.append(k);
    }
    return m;
}

QString EtcdHistoryCapture::capturesRoot(const CaseFile &caseFile)
{
    return caseFile.capturesFolder() + QStringLiteral("/etcd-history");
}

EtcdHistoryManifest EtcdHistoryCapture::capture(const CaseFile &caseFile, const QList<EtcdHistoryTarget> &targets,
    int limit, const QProcessEnvironment &environment, const JobContext *job)
{
    EtcdHistoryManifest manifest;
    manifest.time = QDateTime::currentDateTimeUtc();
    manifest.fingerprintCheck = CaptureManifest::fingerprintCheckText();
    const EtcdConnection connection = EtcdConnections::forCase(caseFile, environment);
    if (connection.endpoints.isEmpty()) {
        manifest.error
            = connection.error.isEmpty() ? QStringLiteral("the case names no etcd endpoint") : connection.error;
        return manifest;
    }
    QList<QPair<EtcdHistoryTarget, StorageKey>> keys;
    for (const EtcdHistoryTarget &t : targets)
        keys.append({ t, t.key.isEmpty() ? StorageKeys::forObject(t.id, t.apiVersion) : StorageKey { t.key, false } });
    const Reader reader
        = readerFor(connection, keys.isEmpty() ? QByteArray("/") : keys.constFirst().second.key.toUtf8());
    if (!reader.error.isEmpty()) {
        manifest.error = reader.error;
        return manifest;
    }
    QString error;
    manifest.folder = CaptureFolder::create(capturesRoot(caseFile), manifest.time, &error);
    if (!error.isEmpty()) {
        manifest.error = error;
        return manifest;
    }
    for (int i = 0; i < keys.size(); ++i) {
        CapturedKeyHistory k;
        k.object = keys.at(i).first.label();
        k.key = keys.at(i).second.key;
        k.keyGuessed = keys.at(i).second.guessed;
        k.endpoint = reader.endpoint.url;
        const EtcdKeyHistory walked = EtcdKeyHistories::walk(reader.endpoint, k.key.toUtf8(), limit, job);
        if (walked.stop == EtcdKeyHistory::Stop::Cancelled || (job && job->isCancelled())) {
            QDir(manifest.folder).removeRecursively(); // a cancelled read leaves nothing behind
            manifest.cancelled = true;
            manifest.folder.clear();
            return manifest;
        }
        k.headerRevision = walked.headerRevision;
        k.stop = walked.stopText();
        k.complete = walked.stop == EtcdKeyHistory::Stop::Created;
        k.error = walked.error;
        keepVersions(walked, manifest.folder, i, &k);
        manifest.keys.append(k);
        if (job)
            job->reportProgress(i + 1, int(keys.size()));
    }
    if (const QString e
        = CaptureFolder::writeFile(manifest.folder + QStringLiteral("/manifest.json"), manifest.toJson());
        !e.isEmpty())
        manifest.error = QStringLiteral("the history capture could not be written: ") + e;
    return manifest;
}

} // namespace strata
