#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace strata {

// Names one Kubernetes object across every column: kind (lower-case singular,
// e.g. "configmap"), namespace (empty for cluster-scoped) and name.
// Written "configmap/platform/feature-flags" or "namespace/platform".
struct ResourceId
{
    QString kind;
    QString ns;
    QString name;

    bool isValid() const { return !kind.isEmpty() && !name.isEmpty(); }
    QString toString() const;
    // Accepts kind/namespace/name and kind/name; kinds are matched
    // case-insensitively and plural/short forms are normalised ("ConfigMaps",
    // "cm" → "configmap").
    static std::optional<ResourceId> parse(const QString &text);
    // "ConfigMap" / "configmaps" / "cm" → "configmap"; unknown kinds are lower-cased.
    static QString normaliseKind(const QString &kind);

    bool operator==(const ResourceId &other) const = default;
};

inline size_t qHash(const ResourceId &id, size_t seed = 0)
{
    return qHashMulti(seed, id.kind, id.ns, id.name);
}

} // namespace strata
