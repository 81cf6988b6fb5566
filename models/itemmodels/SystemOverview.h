#pragma once

#include "rules/Finding.h"
#include "rules/SystemGraph.h"

#include <QHash>
#include <QSet>

namespace strata {

// What the System view draws: the analysis' components and relations, with
// the Kubernetes objects of a namespace folded into one box once there are
// more than a few dozen (a whole cluster is thousands of boxes nobody can
// read, and seconds of layout on the GUI thread). A folded box says how many
// objects it holds and carries the worst severity among them; relations to its
// objects become one relation each way, labelled with their count. The
// namespaces in `expanded` are shown object by object.
struct SystemOverview
{
    QList<Component> components;
    QList<Relation> relations;
    QHash<QString, Severity> marked; // component id → the most severe finding on it (none for info)

    static constexpr int foldAbove = 40; // Kubernetes objects shown one by one up to this many
    static QString groupId(const QString &ns) { return QStringLiteral("namespace/") + ns; }
    // The namespace a folded box stands for, or nothing for any other id.
    static std::optional<QString> namespaceOfGroup(const QString &componentId);

    static SystemOverview build(const QList<Component> &components, const QList<Relation> &relations,
        const QList<Finding> &findings, const QSet<QString> &expanded = {});
};

} // namespace strata
