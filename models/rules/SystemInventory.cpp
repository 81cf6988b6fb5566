#include "SystemInventory.h"

#include <QSet>
#include <QUrl>

namespace strata::SystemInventory {

namespace {

QString host(const QString &endpoint)
{
    const QUrl url = QUrl::fromUserInput(endpoint);
    return url.host().isEmpty() ? endpoint : url.host();
}

} // namespace

void build(const EvidenceSet &evidence, const QList<EtcdMemberSummary> &members, const QList<ResourceDiff> &diffs,
    const QList<Finding> &findings, QList<Component> &components, QList<Relation> &relations)
{
    QSet<QString> ids;
    auto add = [&](const Component &c) {
        if (!ids.contains(c.id)) {
            ids.insert(c.id);
            components.append(c);
        }
    };

    // etcd
    const QString etcdId = QStringLiteral("etcd");
    QHash<QString, QString> memberByName; // member name / endpoint host → component id
    if (!members.isEmpty()) {
        QStringList details;
        quint64 term = 0;
        QString leader;
        QStringList versions;
        for (const EtcdMemberSummary &m : members) {
            term = std::max(term, m.raftTerm);
            if (m.isLeader)
                leader = m.name.isEmpty() ? host(m.endpoint) : m.name;
            if (!m.version.isEmpty() && !versions.contains(m.version))
                versions.append(m.version);
        }
        details.append(QStringLiteral("%1 members").arg(members.size()));
        if (!versions.isEmpty())
            details.append(QStringLiteral("version %1").arg(versions.join(QStringLiteral(", "))));
        if (term)
            details.append(QStringLiteral("raft term %1").arg(term));
        if (!leader.isEmpty())
            details.append(QStringLiteral("leader %1").arg(leader));
        add({ etcdId, QStringLiteral("etcd-cluster"), QStringLiteral("etcd cluster"), details,
            members.first().location });
        for (const EtcdMemberSummary &m : members) {
            const QString id = QStringLiteral("etcd/") + (m.id.isEmpty() ? m.endpoint : m.id);
            QStringList d;
            if (!m.id.isEmpty())
                d.append(QStringLiteral("id %1").arg(m.id));
            if (!m.endpoint.isEmpty())
                d.append(m.endpoint);
            if (m.hasStatus)
                d.append(QStringLiteral("term %1, index %2, applied %3")
                             .arg(m.raftTerm)
                             .arg(m.raftIndex)
                             .arg(m.raftAppliedIndex));
            if (m.isLeader)
                d.append(QStringLiteral("leader"));
            if (!m.health.isEmpty())
                d.append(m.health);
            const QString name = !m.name.isEmpty() ? m.name : host(m.endpoint);
            add({ id, QStringLiteral("etcd-member"), name, d, m.location });
            relations.append({ id, etcdId, QStringLiteral("member-of"), QStringLiteral("member of"), false });
            memberByName.insert(name.toLower(), id);
            memberByName.insert(host(m.endpoint).toLower(), id);
        }
    }

    // API contexts: one per kubectl column.
    std::array<QString, columnCount> contextIds;
    for (Column c : { Column::Live, Column::Replica }) {
        if (!(evidence.objectColumns & columnBit(c)))
            continue;
        const QString name = evidence.contexts[size_t(columnIndex(c))];
        const QString id = QStringLiteral("api/") + columnName(c);
        contextIds[size_t(columnIndex(c))] = id;
        QStringList d { QStringLiteral("%1 column").arg(columnName(c)) };
        if (!name.isEmpty())
            d.append(QStringLiteral("context %1").arg(name));
        else if (c == Column::Live)
            d.append(QStringLiteral("default context"));
        add({ id, QStringLiteral("api-context"), name.isEmpty() ? QStringLiteral("%1 API").arg(columnTitle(c)) : name,
            d, {} });
        if (!members.isEmpty())
            relations.append({ id, etcdId, QStringLiteral("reads-from"), QStringLiteral("stores objects in"), true });
    }

    // Terraform stack.
    const QString stackId = QStringLiteral("terraform");
    if (evidence.code || evidence.state) {
        QStringList d;
        if (evidence.code) {
            d.append(QStringLiteral("code %1").arg(evidence.codePath));
            if (!evidence.code->requiredVersion.isEmpty())
                d.append(QStringLiteral("terraform %1").arg(evidence.code->requiredVersion));
            for (const TerraformRequiredProvider &p : evidence.code->requiredProviders)
                d.append(
                    QStringLiteral("provider %1 %2").arg(p.source.isEmpty() ? p.name : p.source, p.version).trimmed());
            d.append(QStringLiteral("%1 resources in code").arg(evidence.code->resources.size()));
        }
        if (evidence.state) {
            d.append(QStringLiteral("state serial %1 (Terraform %2)")
                         .arg(evidence.state->serial)
                         .arg(evidence.state->terraformVersion));
            d.append(QStringLiteral("lineage %1").arg(evidence.state->lineage));
        }
        for (const TimelineEvent &n : evidence.notes) {
            if (n.text.contains(QStringLiteral("apply"), Qt::CaseInsensitive))
                d.append(n.text);
        }
        const QString name = evidence.codePath.isEmpty() ? QStringLiteral("Terraform stack")
                                                         : QStringLiteral("Terraform %1").arg(evidence.codePath);
        add({ stackId, QStringLiteral("terraform-stack"), name, d, {} });
    }

    // Objects: under investigation, or anything with a difference.
    for (const ResourceDiff &r : diffs) {
        if (!r.investigated && !r.hasDifferences())
            continue;
        const QString id = QStringLiteral("object/") + r.id.toString();
        QStringList d;
        for (Column c : allColumns) {
            const ColumnIdentity &ci = r.identity(c);
            if (!ci.present)
                continue;
            QString text = columnName(c);
            if (!ci.resourceVersion.isEmpty())
                text += QStringLiteral(" rv %1").arg(ci.resourceVersion);
            if (ci.stateSerial >= 0)
                text += QStringLiteral(" serial %1").arg(ci.stateSerial);
            d.append(text);
        }
        add({ id, QStringLiteral("kubernetes-object"), r.id.toString(), d, r.identity(Column::Live).location });
        if ((r.identity(Column::Code).present || r.identity(Column::State).present) && ids.contains(stackId))
            relations.append({ stackId, id, QStringLiteral("manages"),
                r.identity(Column::State).terraformAddress.isEmpty() ? r.identity(Column::Code).terraformAddress
                                                                     : r.identity(Column::State).terraformAddress,
                false });
        for (Column c : { Column::Live, Column::Replica }) {
            const ColumnIdentity &ci = r.identity(c);
            const QString ctx = contextIds[size_t(columnIndex(c))];
            if (ci.present && !ctx.isEmpty())
                relations.append({ ctx, id, QStringLiteral("serves"),
                    ci.resourceVersion.isEmpty() ? QStringLiteral("serves")
                                                 : QStringLiteral("serves rv %1").arg(ci.resourceVersion),
                    false });
        }
    }

    // Applications and components seen in logs.
    QSet<QString> sources;
    for (const TimelineEvent &e : evidence.events) {
        if (e.source.isEmpty() || e.source == QLatin1String("metrics comment") || sources.contains(e.source))
            continue;
        sources.insert(e.source);
        const QString lower = e.source.toLower();
        if (memberByName.contains(lower))
            continue; // an etcd member's own log
        const bool apiServer = lower.contains(QStringLiteral("api")) && lower.contains(QStringLiteral("server"));
        const QString id = QStringLiteral("app/") + e.source;
        add({ id, apiServer ? QStringLiteral("api-server") : QStringLiteral("application"), e.source,
            { QStringLiteral("seen in %1").arg(e.location.file) }, e.location });
        if (apiServer && !members.isEmpty())
            relations.append({ id, etcdId, QStringLiteral("reads-from"), QStringLiteral("stores objects in"), true });
    }
    for (const Finding &f : findings) {
        if (f.id != QLatin1String("app-observed-value") || f.evidence.isEmpty())
            continue;
        for (const TimelineEvent &e : evidence.events) {
            if (e.location == f.evidence.first().location && !e.source.isEmpty()) {
                const QString from = QStringLiteral("app/") + e.source;
                const QString to = QStringLiteral("object/") + f.resource;
                if (ids.contains(from) && ids.contains(to))
                    relations.append({ from, to, QStringLiteral("uses"),
                        QStringLiteral("runs with %1").arg(f.paths.join(QStringLiteral(", "))), true });
            }
        }
    }
    // Metrics families that name an application. In a scrape that holds
    // etcd_ series, the gRPC, file-descriptor and handler series are etcd's
    // own (what every etcd /metrics serves), not an application's.
    QSet<QString> etcdScrapes;
    for (const MetricValue &m : evidence.metrics) {
        if (m.name.startsWith(QStringLiteral("etcd_")))
            etcdScrapes.insert(m.location.file);
    }
    QSet<QString> families;
    for (const MetricValue &m : evidence.metrics) {
        if (!m.name.startsWith(QStringLiteral("etcd_")) && !m.name.startsWith(QStringLiteral("go_"))
            && !m.name.startsWith(QStringLiteral("process_"))
            && !(etcdScrapes.contains(m.location.file)
                && (m.name.startsWith(QStringLiteral("grpc_")) || m.name.startsWith(QStringLiteral("os_fd_"))
                    || m.name.startsWith(QStringLiteral("promhttp_")))))
            families.insert(m.name);
    }
    if (!families.isEmpty()) {
        QStringList names(families.cbegin(), families.cend());
        names.sort();
        add({ QStringLiteral("metrics/app"), QStringLiteral("application"), QStringLiteral("application metrics"),
            names, {} });
    }
}

} // namespace strata::SystemInventory
