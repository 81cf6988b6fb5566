#include "ResourceId.h"

#include <QStringList>

namespace strata {

QString ResourceId::toString() const
{
    if (ns.isEmpty())
        return kind + QLatin1Char('/') + name;
    return kind + QLatin1Char('/') + ns + QLatin1Char('/') + name;
}

QString ResourceId::normaliseKind(const QString &kind)
{
    const QString k = kind.trimmed().toLower();
    // kubectl's short names and plurals for the kinds Strata compares.
    static const QHash<QString, QString> aliases = {
        { QStringLiteral("cm"), QStringLiteral("configmap") },
        { QStringLiteral("configmaps"), QStringLiteral("configmap") },
        { QStringLiteral("secrets"), QStringLiteral("secret") },
        { QStringLiteral("ns"), QStringLiteral("namespace") },
        { QStringLiteral("namespaces"), QStringLiteral("namespace") },
        { QStringLiteral("deploy"), QStringLiteral("deployment") },
        { QStringLiteral("deployments"), QStringLiteral("deployment") },
        { QStringLiteral("svc"), QStringLiteral("service") },
        { QStringLiteral("services"), QStringLiteral("service") },
        { QStringLiteral("po"), QStringLiteral("pod") },
        { QStringLiteral("pods"), QStringLiteral("pod") },
        { QStringLiteral("sa"), QStringLiteral("serviceaccount") },
        { QStringLiteral("serviceaccounts"), QStringLiteral("serviceaccount") },
    };
    return aliases.value(k, k);
}

std::optional<ResourceId> ResourceId::parse(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('/'));
    for (const QString &p : parts) {
        if (p.isEmpty() || p != p.trimmed())
            return std::nullopt;
    }
    if (parts.size() == 2)
        return ResourceId { normaliseKind(parts.at(0)), QString(), parts.at(1) };
    if (parts.size() == 3)
        return ResourceId { normaliseKind(parts.at(0)), parts.at(1), parts.at(2) };
    return std::nullopt;
}

} // namespace strata
