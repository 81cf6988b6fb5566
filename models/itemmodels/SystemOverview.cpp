#include "SystemOverview.h"

#include "core/ResourceId.h"

#include <QMap>

namespace strata {

namespace {

const QString objectKind = QStringLiteral("kubernetes-object");

QString plural(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

std::optional<QString> SystemOverview::namespaceOfGroup(const QString &componentId)
{
    const QString prefix = groupId(QString());
    if (!componentId.startsWith(prefix))
        return std::nullopt;
    return componentId.mid(prefix.size());
}

SystemOverview SystemOverview::build(const QList<Component> &components, const QList<Relation> &relations,
    const QList<Finding> &findings, const QSet<QString> &expanded)
{
    SystemOverview out;
    // A finding concerns the component it names ("etcd cluster", "configmap/ns/name").
    QHash<QString, Severity> worstByResource;
    for (const Finding &f : findings) {
        if (f.severity == Severity::Info)
            continue; // information is not a problem to point at
        const auto it = worstByResource.constFind(f.resource);
        if (it == worstByResource.cend() || f.severity < *it)
            worstByResource.insert(f.resource, f.severity);
    }
    const auto severityOf = [&](const Component &c) -> std::optional<Severity> {
        const QString objectPrefix = QStringLiteral("object/");
        auto it = worstByResource.constFind(c.name);
        if (it == worstByResource.cend() && c.id.startsWith(objectPrefix))
            it = worstByResource.constFind(c.id.mid(objectPrefix.size()));
        return it == worstByResource.cend() ? std::nullopt : std::optional<Severity>(*it);
    };

    qsizetype objects = 0;
    for (const Component &c : components)
        objects += c.kind == objectKind;
    const bool fold = objects > foldAbove;

    // Folded objects, per namespace in order of first appearance.
    struct Group
    {
        QString ns;
        QMap<QString, qsizetype> kinds;
        qsizetype objects = 0, withFindings = 0;
        std::optional<Severity> worst;
    };
    QList<Group> groups;
    QHash<QString, qsizetype> groupOfNamespace;
    QHash<QString, QString> shownAs; // a folded object's id → its group's id
    for (const Component &c : components) {
        const std::optional<Severity> severity = severityOf(c);
        if (fold && c.kind == objectKind) {
            const std::optional<ResourceId> id = ResourceId::parse(c.name);
            const QString ns = id ? id->ns : QString();
            if (!expanded.contains(ns)) {
                auto at = groupOfNamespace.constFind(ns);
                if (at == groupOfNamespace.cend()) {
                    at = groupOfNamespace.insert(ns, groups.size());
                    groups.append({ ns, {}, 0, 0, std::nullopt });
                    // The group's box sits where its first object would have.
                    out.components.append({ groupId(ns), objectKind, QString(), {}, {} });
                }
                Group &g = groups[*at];
                ++g.objects;
                ++g.kinds[id ? id->kind : QStringLiteral("object")];
                if (severity) {
                    ++g.withFindings;
                    g.worst = g.worst ? std::min(*g.worst, *severity) : *severity;
                }
                shownAs.insert(c.id, groupId(ns));
                continue;
            }
        }
        out.components.append(c);
        if (severity)
            out.marked.insert(c.id, *severity);
    }
    for (Component &c : out.components) {
        const std::optional<QString> ns = namespaceOfGroup(c.id);
        if (!ns)
            continue;
        const Group &g = groups.at(groupOfNamespace.value(*ns));
        c.name = ns->isEmpty() ? QStringLiteral("cluster-scoped objects") : QStringLiteral("namespace %1").arg(*ns);
        QStringList kinds;
        for (auto it = g.kinds.cbegin(); it != g.kinds.cend(); ++it)
            kinds.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        c.details = { plural(g.objects, QStringLiteral("object"), QStringLiteral("objects")) + QStringLiteral(": ")
                + kinds.join(QStringLiteral(", ")),
            g.withFindings ? QStringLiteral("%1 with findings").arg(g.withFindings) : QStringLiteral("no findings"),
            QStringLiteral("double-click to show them one by one") };
        if (g.worst)
            out.marked.insert(c.id, *g.worst);
    }

    // Relations to folded objects become one per (from, to, kind), counted.
    struct Folded
    {
        Relation relation;
        qsizetype count = 0;
    };
    QList<Folded> folded;
    QHash<QString, qsizetype> foldedAt;
    for (const Relation &r : relations) {
        const QString from = shownAs.value(r.from, r.from);
        const QString to = shownAs.value(r.to, r.to);
        if (from == r.from && to == r.to) {
            out.relations.append(r);
            continue;
        }
        if (from == to)
            continue; // between objects of one folded namespace
        const QString key = from + QLatin1Char('\n') + to + QLatin1Char('\n') + r.kind;
        auto at = foldedAt.constFind(key);
        if (at == foldedAt.cend()) {
            at = foldedAt.insert(key, folded.size());
            folded.append({ { from, to, r.kind, QString(), true }, 0 });
        }
        Folded &f = folded[*at];
        ++f.count;
        f.relation.inferred = f.relation.inferred && r.inferred;
    }
    for (Folded &f : folded) {
        f.relation.label = QStringLiteral("%1 ×%2").arg(f.relation.kind).arg(f.count);
        out.relations.append(f.relation);
    }
    return out;
}

} // namespace strata
