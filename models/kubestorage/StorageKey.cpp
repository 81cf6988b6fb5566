#include "StorageKey.h"

#include <QHash>

namespace strata {

namespace {

// Built-in kinds (ResourceId's lower-case singular) → their storage name.
const QHash<QString, QString> &builtInStorage()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> t;
        // Stored under their plural.
        for (const char *plural : { "configmaps", "secrets", "namespaces", "pods", "podtemplates", "events",
                 "limitranges", "resourcequotas", "serviceaccounts", "persistentvolumes", "persistentvolumeclaims",
                 "deployments", "statefulsets", "daemonsets", "replicasets", "controllerrevisions", "jobs", "cronjobs",
                 "horizontalpodautoscalers", "poddisruptionbudgets", "roles", "rolebindings", "clusterroles",
                 "clusterrolebindings", "networkpolicies", "ingressclasses", "leases", "endpointslices",
                 "priorityclasses", "storageclasses", "csidrivers", "csinodes", "csistoragecapacities",
                 "volumeattachments", "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
                 "validatingadmissionpolicies", "validatingadmissionpolicybindings", "certificatesigningrequests",
                 "flowschemas", "prioritylevelconfigurations", "runtimeclasses" }) {
            const QString p = QString::fromLatin1(plural);
            QString singular = p.chopped(1);
            if (p.endsWith(QLatin1String("ies")))
                singular = p.chopped(3) + QLatin1Char('y');
            else if (p.endsWith(QLatin1String("sses")))
                singular = p.chopped(2);
            t.insert(singular, p);
        }
        // The old names kube-apiserver still stores under.
        t.insert(QStringLiteral("service"), QStringLiteral("services/specs"));
        t.insert(QStringLiteral("endpoints"), QStringLiteral("services/endpoints"));
        t.insert(QStringLiteral("node"), QStringLiteral("minions"));
        t.insert(QStringLiteral("replicationcontroller"), QStringLiteral("controllers"));
        t.insert(QStringLiteral("ingress"), QStringLiteral("ingress"));
        // Served by the apiextensions and aggregator servers: stored under their group.
        t.insert(QStringLiteral("customresourcedefinition"),
            QStringLiteral("apiextensions.k8s.io/customresourcedefinitions"));
        t.insert(QStringLiteral("apiservice"), QStringLiteral("apiregistration.k8s.io/apiservices"));
        return t;
    }();
    return table;
}

// What kubectl's RESTMapper guesses for a kind it has not discovered.
QString guessedPlural(const QString &singular)
{
    if (singular.endsWith(QLatin1Char('s')) || singular.endsWith(QLatin1Char('x'))
        || singular.endsWith(QLatin1String("ch")) || singular.endsWith(QLatin1String("sh")))
        return singular + QLatin1String("es");
    if (singular.endsWith(QLatin1Char('y')) && singular.size() > 1
        && !QStringLiteral("aeiou").contains(singular.at(singular.size() - 2)))
        return singular.chopped(1) + QLatin1String("ies");
    return singular + QLatin1Char('s');
}

} // namespace

StorageKey StorageKeys::forObject(const ResourceId &id, const QString &apiVersion, const QString &prefix)
{
    StorageKey out;
    QString kind = id.kind.toLower();
    QString storage = builtInStorage().value(kind);
    if (storage.isEmpty()) {
        // A plural typed where the singular was expected ("deployments").
        for (auto it = builtInStorage().cbegin(); it != builtInStorage().cend() && storage.isEmpty(); ++it) {
            if (it.value().endsWith(kind) && it.value().section(QLatin1Char('/'), -1) == kind)
                storage = it.value();
        }
    }
    if (storage.isEmpty()) {
        out.guessed = true;
        const int slash = apiVersion.indexOf(QLatin1Char('/'));
        const QString group = slash > 0 ? apiVersion.left(slash) : QString();
        storage = group.isEmpty() ? guessedPlural(kind) : group + QLatin1Char('/') + guessedPlural(kind);
    }
    QString base = prefix;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    out.key = base + QLatin1Char('/') + storage + QLatin1Char('/');
    if (!id.ns.isEmpty())
        out.key += id.ns + QLatin1Char('/');
    out.key += id.name;
    return out;
}

QByteArray StorageKeys::prefixEnd(const QByteArray &key)
{
    QByteArray end = key;
    while (!end.isEmpty()) {
        if (static_cast<unsigned char>(end.back()) < 0xff) {
            end.back() = char(static_cast<unsigned char>(end.back()) + 1);
            return end;
        }
        end.chop(1);
    }
    return QByteArray(1, '\0'); // every key
}

} // namespace strata
