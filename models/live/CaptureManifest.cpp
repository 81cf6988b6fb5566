#include "CaptureManifest.h"

#include "diff/SecretFingerprint.h"
#include "live/CaptureFolder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace strata {

namespace {

QJsonObject objectJson(const CapturedObject &o)
{
    QJsonObject j { { QStringLiteral("resource"), o.resource }, { QStringLiteral("kind"), o.kind },
        { QStringLiteral("path"), o.path }, { QStringLiteral("status"), o.status },
        { QStringLiteral("latencyMs"), o.latencyMs }, { QStringLiteral("attempts"), o.attempts } };
    if (!o.file.isEmpty())
        j.insert(QStringLiteral("file"), o.file);
    if (!o.error.isEmpty())
        j.insert(QStringLiteral("error"), o.error);
    return j;
}

CapturedObject objectFrom(const QJsonObject &j)
{
    CapturedObject o;
    o.resource = j.value(QStringLiteral("resource")).toString();
    o.kind = j.value(QStringLiteral("kind")).toString();
    o.path = j.value(QStringLiteral("path")).toString();
    o.status = j.value(QStringLiteral("status")).toInt();
    o.latencyMs = j.value(QStringLiteral("latencyMs")).toInteger(-1);
    o.attempts = j.value(QStringLiteral("attempts")).toInt();
    o.file = j.value(QStringLiteral("file")).toString();
    o.error = j.value(QStringLiteral("error")).toString();
    return o;
}
} // namespace

QString CaptureManifest::fingerprintCheckText()
{
    return SecretFingerprint::of("strata capture fingerprint check");
}

const CapturedContext *CaptureManifest::context(EvidenceRole role) const
{
    for (const CapturedContext &c : contexts) {
        if (c.role == role)
            return &c;
    }
    return nullptr;
}

bool CaptureManifest::allReachable() const
{
    return std::all_of(contexts.cbegin(), contexts.cend(), [](const CapturedContext &c) { return c.reachable; });
}

QByteArray CaptureManifest::toJson() const
{
    QJsonArray contextList;
    for (const CapturedContext &c : contexts) {
        QJsonArray objects;
        for (const CapturedObject &o : c.objects)
            objects.append(objectJson(o));
        QJsonObject j { { QStringLiteral("role"), evidenceRoleName(c.role) }, { QStringLiteral("context"), c.context },
            { QStringLiteral("cluster"), c.cluster }, { QStringLiteral("server"), c.server },
            { QStringLiteral("user"), c.user }, { QStringLiteral("auth"), c.authKind },
            { QStringLiteral("serverVersion"), c.serverVersion },
            { QStringLiteral("versionLatencyMs"), c.versionLatencyMs }, { QStringLiteral("reachable"), c.reachable },
            { QStringLiteral("objects"), objects } };
        if (!c.error.isEmpty())
            j.insert(QStringLiteral("error"), c.error);
        if (!c.warning.isEmpty())
            j.insert(QStringLiteral("warning"), c.warning);
        contextList.append(j);
    }
    const QJsonObject root { { QStringLiteral("strataCapture"), formatVersion },
        { QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("secretValues"), QStringLiteral("fingerprints") },
        { QStringLiteral("fingerprintCheck"), fingerprintCheck }, { QStringLiteral("contexts"), contextList } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<CaptureManifest> CaptureManifest::read(const QString &folder, QString *error)
{
    const auto root = CaptureFolder::readManifest(folder + QStringLiteral("/manifest.json"),
        QStringLiteral("strataCapture"), formatVersion, QStringLiteral("a Strata capture manifest"), error);
    if (!root)
        return std::nullopt;
    CaptureManifest m;
    m.folder = folder;
    m.time = QDateTime::fromString(root->value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    m.fingerprintCheck = root->value(QStringLiteral("fingerprintCheck")).toString();
    for (const QJsonValue &v : root->value(QStringLiteral("contexts")).toArray()) {
        const QJsonObject j = v.toObject();
        CapturedContext c;
        c.role = evidenceRoleFromName(j.value(QStringLiteral("role")).toString()).value_or(EvidenceRole::Live);
        c.context = j.value(QStringLiteral("context")).toString();
        c.cluster = j.value(QStringLiteral("cluster")).toString();
        c.server = j.value(QStringLiteral("server")).toString();
        c.user = j.value(QStringLiteral("user")).toString();
        c.authKind = j.value(QStringLiteral("auth")).toString();
        c.serverVersion = j.value(QStringLiteral("serverVersion")).toString();
        c.versionLatencyMs = j.value(QStringLiteral("versionLatencyMs")).toInteger(-1);
        c.reachable = j.value(QStringLiteral("reachable")).toBool();
        c.error = j.value(QStringLiteral("error")).toString();
        c.warning = j.value(QStringLiteral("warning")).toString();
        for (const QJsonValue &o : j.value(QStringLiteral("objects")).toArray())
            c.objects.append(objectFrom(o.toObject()));
        m.contexts.append(c);
    }
    return m;
}

} // namespace strata
