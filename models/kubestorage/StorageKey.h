#pragma once

#include "core/ResourceId.h"

#include <QString>

namespace strata {

// Where kube-apiserver keeps an object in etcd: --etcd-prefix (default
// /registry), the resource's storage name, then namespace and name. Most
// built-in resources are stored under their plural, but a few keep old
// names (Services under services/specs, Endpoints under services/endpoints,
// Nodes under minions, ReplicationControllers under controllers, Ingresses
// under ingress); custom and aggregated resources are stored under
// <group>/<plural>. Taken from kubernetes' test/integration/etcd/data.go.
struct StorageKey
{
    QString key; // "/registry/configmaps/platform/feature-flags"
    // The kind is not a built-in one: the key was made from its lower-case
    // plural (and group, when the object's apiVersion names one). Said to the
    // user, who can give the key itself when the resource's plural differs.
    bool guessed = false;
};

namespace StorageKeys {
inline constexpr char defaultPrefix[] = "/registry";
// `apiVersion` ("example.com/v1") names the group of a custom resource.
StorageKey forObject(
    const ResourceId &id, const QString &apiVersion = {}, const QString &prefix = QLatin1String(defaultPrefix));
// The byte after the last of a prefix scan's range (etcdctl --prefix): key + 1 in its last byte.
QByteArray prefixEnd(const QByteArray &key);
} // namespace StorageKeys

} // namespace strata
