#pragma once

#include "kube/KubeClient.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace strata {

// One kind of object an API server serves, as discovery describes it.
struct KubeResourceType
{
    QString group; // "" for the core group
    QString version; // "v1"
    QString resource; // plural: "configmaps"
    QString singular; // "configmap"
    QString kind; // "ConfigMap"
    QStringList shortNames; // "cm"
    bool namespaced = true;

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
    // The REST path of one object: /api/v1/namespaces/ns/configmaps/name or
    // /apis/group/version/…; the namespace is left out for cluster-scoped kinds.
    QString objectPath(const QString &ns, const QString &name) const;
};

// Resolves what a user types for a kind — "ConfigMap", "configmaps", "cm",
// "deploy", "deployment.apps", a custom resource's kind or short name — to
// the REST resource that serves it, as kubectl does: from the server's
// discovery documents (aggregated discovery when the server offers it, else
// /api, /api/v1, /apis and each group's preferred version), read once and
// kept for this object's life. Thread-safe: one instance serves every read
// of one context.
class KubeDiscovery
{
public:
    using Get = std::function<KubeResponse(const QString &path, const QByteArray &accept)>;
    explicit KubeDiscovery(Get get);

    // The resource type for `kind`, or why there is none ("the server has no
    // resource 'widgets'", or the discovery request's failure).
    std::optional<KubeResourceType> resolve(const QString &kind, QString *error);
    // Every type discovery found (loads it when not loaded yet).
    QList<KubeResourceType> types(QString *error);

    // Accept header for aggregated discovery, falling back to the plain documents.
    static QByteArray aggregatedAccept();
    // Parses an APIResourceList (/api/v1, /apis/g/v) — exposed for tests.
    static QList<KubeResourceType> parseResourceList(const QByteArray &json);
    // Parses an APIGroupDiscoveryList (aggregated discovery v2 or v2beta1).
    static QList<KubeResourceType> parseAggregated(const QByteArray &json);

private:
    bool load(QString *error); // under m_mutex
    bool loadGroup(const QString &groupVersion, QString *error);

    Get m_get;
    QMutex m_mutex;
    bool m_loaded = false;
    QString m_loadError;
    QList<KubeResourceType> m_types;
    QStringList m_groupErrors; // groups whose documents did not answer (the rest still resolve)
};

} // namespace strata
