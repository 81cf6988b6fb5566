#include "KubeDiscovery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QUrl>

namespace strata {

namespace {

QJsonObject objectOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

// "deployment.apps" → {"deployment", "apps"}; "deployments.v1.apps" → {"deployments", "apps"} with version "v1".
struct KindQuery
{
    QString name;
    QString version;
    QString group;
    bool hasGroup = false;
};

KindQuery query(const QString &kind)
{
    KindQuery q;
    const QString k = kind.trimmed();
    const qsizetype dot = k.indexOf(QLatin1Char('.'));
    q.name = (dot < 0 ? k : k.left(dot));
    if (dot < 0)
        return q;
    q.hasGroup = true;
    q.group = k.mid(dot + 1).toLower();
    static const QRegularExpression version(QStringLiteral("^(v\\d+(?:(?:alpha|beta)\\d+)?)\\.(.+)$"));
    if (const auto m = version.match(q.group); m.hasMatch()) {
        q.version = m.captured(1);
        q.group = m.captured(2);
    }
    return q;
}

bool matches(const KubeResourceType &t, const KindQuery &q)
{
    if (q.hasGroup && t.group.toLower() != q.group)
        return false;
    if (!q.version.isEmpty() && t.version != q.version)
        return false;
    const QString n = q.name.toLower();
    if (t.resource.toLower() == n || t.singular.toLower() == n || t.kind.toLower() == n)
        return true;
    for (const QString &s : t.shortNames) {
        if (s.toLower() == n)
            return true;
    }
    return false;
}

} // namespace

QString KubeResourceType::objectPath(const QString &ns, const QString &name) const
{
    QString path
        = group.isEmpty() ? QStringLiteral("/api/") + version : QStringLiteral("/apis/%1/%2").arg(group, version);
    if (namespaced && !ns.isEmpty())
        path += QStringLiteral("/namespaces/") + QString::fromLatin1(QUrl::toPercentEncoding(ns));
    return path + QLatin1Char('/') + resource + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

KubeDiscovery::KubeDiscovery(Get get)
    : m_get(std::move(get))
{
}

QByteArray KubeDiscovery::aggregatedAccept()
{
    return "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
           "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
}

QList<KubeResourceType> KubeDiscovery::parseResourceList(const QByteArray &json)
{
    QList<KubeResourceType> out;
    const QJsonObject list = objectOf(json);
    const QString groupVersion = list.value(QStringLiteral("groupVersion")).toString();
    const qsizetype slash = groupVersion.indexOf(QLatin1Char('/'));
    for (const QJsonValue &v : list.value(QStringLiteral("resources")).toArray()) {
        const QJsonObject r = v.toObject();
        KubeResourceType t;
        t.resource = r.value(QStringLiteral("name")).toString();
        if (t.resource.isEmpty() || t.resource.contains(QLatin1Char('/')))
            continue; // a subresource (pods/log)
        t.group = slash < 0 ? QString() : groupVersion.left(slash);
        t.version = slash < 0 ? groupVersion : groupVersion.mid(slash + 1);
        t.singular = r.value(QStringLiteral("singularName")).toString();
        t.kind = r.value(QStringLiteral("kind")).toString();
        t.shortNames = strings(r.value(QStringLiteral("shortNames")));
        t.namespaced = r.value(QStringLiteral("namespaced")).toBool();
        if (t.singular.isEmpty())
            t.singular = t.kind.toLower();
        out.append(t);
    }
    return out;
}

QList<KubeResourceType> KubeDiscovery::parseAggregated(const QByteArray &json)
{
    QList<KubeResourceType> out;
    for (const QJsonValue &item : objectOf(json).value(QStringLiteral("items")).toArray()) {
        const QJsonObject group = item.toObject();
        const QString name
            = group.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        // Versions come in the server's order of preference: the first serves the kind.
        const QJsonArray versions = group.value(QStringLiteral("versions")).toArray();
        if (versions.isEmpty())
            continue;
        const QJsonObject preferred = versions.first().toObject();
        for (const QJsonValue &v : preferred.value(QStringLiteral("resources")).toArray()) {
            const QJsonObject r = v.toObject();
            KubeResourceType t;
            t.group = name;
            t.version = preferred.value(QStringLiteral("version")).toString();
            t.resource = r.value(QStringLiteral("resource")).toString();
            t.singular = r.value(QStringLiteral("singularResource")).toString();
            t.kind = r.value(QStringLiteral("responseKind")).toObject().value(QStringLiteral("kind")).toString();
            t.shortNames = strings(r.value(QStringLiteral("shortNames")));
            t.namespaced = r.value(QStringLiteral("scope")).toString() != QLatin1String("Cluster");
            if (t.resource.isEmpty())
                continue;
            if (t.singular.isEmpty())
                t.singular = t.kind.toLower();
            out.append(t);
        }
    }
    return out;
}

bool KubeDiscovery::loadGroup(const QString &groupVersion, QString *error)
{
    const QString path = groupVersion.contains(QLatin1Char('/')) ? QStringLiteral("/apis/") + groupVersion
                                                                 : QStringLiteral("/api/") + groupVersion;
    const KubeResponse r = m_get(path, "application/json");
    if (!r.ok()) {
        // One broken group (an aggregated API that is down, a stale
        // APIService answering 404 or 403) must not hide every other kind:
        // kubectl warns and goes on, and so does this. A context that does
        // not answer at all stops here.
        if (r.failure == KubeResponse::Failure::None && r.status != 401) {
            m_groupErrors.append(QStringLiteral("%1: %2").arg(groupVersion, r.error));
            return true;
        }
        *error = QStringLiteral("discovery of %1: %2").arg(groupVersion, r.error);
        return false;
    }
    m_types += parseResourceList(r.body);
    return true;
}

bool KubeDiscovery::load(QString *error)
{
    if (m_loaded) {
        *error = m_loadError;
        return m_loadError.isEmpty();
    }
    m_loaded = true;
    for (const QString &root : { QStringLiteral("/api"), QStringLiteral("/apis") }) {
        const KubeResponse r = m_get(root, aggregatedAccept());
        if (!r.ok()) {
            m_loadError = QStringLiteral("discovery (%1): %2").arg(root, r.error);
            break;
        }
        const QJsonObject doc = objectOf(r.body);
        const QString kind = doc.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("APIGroupDiscoveryList")) {
            m_types += parseAggregated(r.body);
        } else if (kind == QLatin1String("APIVersions")) {
            // The core group: its newest version is the one every client reads.
            const QStringList versions = strings(doc.value(QStringLiteral("versions")));
            if (!versions.isEmpty() && !loadGroup(versions.last(), &m_loadError))
                break;
        } else if (kind == QLatin1String("APIGroupList")) {
            for (const QJsonValue &g : doc.value(QStringLiteral("groups")).toArray()) {
                const QString preferred = g.toObject()
                                              .value(QStringLiteral("preferredVersion"))
                                              .toObject()
                                              .value(QStringLiteral("groupVersion"))
                                              .toString();
                if (!preferred.isEmpty() && !loadGroup(preferred, &m_loadError))
                    break;
            }
            if (!m_loadError.isEmpty())
                break;
        } else {
            m_loadError = QStringLiteral("discovery (%1): the server did not answer as a Kubernetes API server "
                                         "(no API versions or groups in its answer)")
                              .arg(root);
            break;
        }
    }
    *error = m_loadError;
    return m_loadError.isEmpty();
}

QList<KubeResourceType> KubeDiscovery::types(QString *error)
{
    QMutexLocker lock(&m_mutex);
    load(error);
    return m_types;
}

std::optional<KubeResourceType> KubeDiscovery::resolve(const QString &kind, QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (!load(error))
        return std::nullopt;
    const KindQuery q = query(kind);
    // The core group first, then the groups in discovery's order: kubectl's priority.
    for (bool core : { true, false }) {
        for (const KubeResourceType &t : std::as_const(m_types)) {
            if (t.group.isEmpty() == core && matches(t, q))
                return t;
        }
    }
    *error = QStringLiteral("the server has no resource type '%1'").arg(kind);
    if (!m_groupErrors.isEmpty()) // it may be served by a group that did not answer
        *error += QStringLiteral(" (discovery could not read %1)").arg(m_groupErrors.join(QStringLiteral("; ")));
    return std::nullopt;
}

} // namespace strata
