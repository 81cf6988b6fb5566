#include "EtcdCaptureManifest.h"

#include "live/CaptureFolder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace strata {

namespace {
void insertIf(QJsonObject &j, const char *key, const QString &value)
{
    if (!value.isEmpty())
        j.insert(QString::fromLatin1(key), value);
}
} // namespace

bool EtcdCaptureManifest::allReachable() const
{
    return error.isEmpty() && !endpoints.isEmpty()
        && std::all_of(endpoints.cbegin(), endpoints.cend(), [](const CapturedEndpoint &e) { return e.reachable; });
}

QByteArray EtcdCaptureManifest::toJson() const
{
    QJsonArray endpointList;
    for (const CapturedEndpoint &e : endpoints) {
        QJsonObject j { { QStringLiteral("url"), e.url }, { QStringLiteral("reachable"), e.reachable },
            { QStringLiteral("latencyMs"), e.latencyMs } };
        insertIf(j, "memberId", e.memberIdHex);
        if (e.discovered)
            j.insert(QStringLiteral("discovered"), true);
        insertIf(j, "error", e.error);
        insertIf(j, "metrics", e.metricsFile);
        insertIf(j, "metricsError", e.metricsError);
        endpointList.append(j);
    }
    QJsonArray fileList;
    for (const CapturedEtcdFile &f : files)
        fileList.append(QJsonObject { { QStringLiteral("file"), f.file }, { QStringLiteral("kind"), f.kind } });
    QJsonObject root { { QStringLiteral("strataEtcdCapture"), formatVersion },
        { QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("configured"), QJsonArray::fromStringList(configured) },
        { QStringLiteral("cluster"), cluster }, { QStringLiteral("endpoints"), endpointList },
        { QStringLiteral("files"), fileList } };
    insertIf(root, "user", user);
    insertIf(root, "error", error);
    insertIf(root, "discoveryError", discoveryError);
    insertIf(root, "membersError", membersError);
    insertIf(root, "alarmsError", alarmsError);
    insertIf(root, "hashNote", hashNote);
    insertIf(root, "hashError", hashError);
    if (hashRevision)
        root.insert(QStringLiteral("hashRevision"), hashRevision);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<EtcdCaptureManifest> EtcdCaptureManifest::read(const QString &folder, QString *error)
{
    const auto root = CaptureFolder::readManifest(folder + QStringLiteral("/manifest.json"),
        QStringLiteral("strataEtcdCapture"), formatVersion, QStringLiteral("a Strata etcd capture manifest"), error);
    if (!root)
        return std::nullopt;
    const auto text
        = [](const QJsonObject &j, const char *key) { return j.value(QString::fromLatin1(key)).toString(); };
    EtcdCaptureManifest m;
    m.folder = folder;
    m.time = QDateTime::fromString(text(*root, "time"), Qt::ISODateWithMs);
    for (const QJsonValue &v : root->value(QStringLiteral("configured")).toArray())
        m.configured.append(v.toString());
    m.cluster = root->value(QStringLiteral("cluster")).toBool();
    m.user = text(*root, "user");
    m.error = text(*root, "error");
    m.discoveryError = text(*root, "discoveryError");
    m.membersError = text(*root, "membersError");
    m.alarmsError = text(*root, "alarmsError");
    m.hashNote = text(*root, "hashNote");
    m.hashError = text(*root, "hashError");
    m.hashRevision = root->value(QStringLiteral("hashRevision")).toInteger();
    for (const QJsonValue &v : root->value(QStringLiteral("endpoints")).toArray()) {
        const QJsonObject j = v.toObject();
        CapturedEndpoint e;
        e.url = text(j, "url");
        e.memberIdHex = text(j, "memberId");
        e.discovered = j.value(QStringLiteral("discovered")).toBool();
        e.reachable = j.value(QStringLiteral("reachable")).toBool();
        e.error = text(j, "error");
        e.latencyMs = j.value(QStringLiteral("latencyMs")).toInteger(-1);
        e.metricsFile = text(j, "metrics");
        e.metricsError = text(j, "metricsError");
        m.endpoints.append(e);
    }
    for (const QJsonValue &v : root->value(QStringLiteral("files")).toArray()) {
        const QJsonObject j = v.toObject();
        m.files.append({ text(j, "file"), text(j, "kind") });
    }
    return m;
}

} // namespace strata
