#include "CommandPlanner.h"

#include "core/FieldPath.h"
#include "plan/ShellWords.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace strata::CommandPlanner {

namespace {

using Commands = QList<PlanCommand>;

// Adds a command unless one of its words cannot be pasted (a control character).
void add(Commands &into, const QStringList &words, bool readOnly, const QString &why)
{
    if (const std::optional<QString> line = ShellWords::join(words))
        into.append({ *line, readOnly, why });
}

// `(set -C; command > file)`: writes a local file, never over an existing
// one, and changes nothing remote.
void addRedirect(Commands &into, const QStringList &words, const QString &quotedFile, const QString &why)
{
    if (const std::optional<QString> line = ShellWords::join(words))
        into.append({ QStringLiteral("(set -C; %1 > %2)").arg(*line, quotedFile), true, why });
}

// "configmap.platform.feature-flags.before-apply.yaml": kind, namespace and
// name, so two objects never share a copy; only characters safe in a file name.
QString backupFile(const ResourceId &id)
{
    QString name = id.kind + QLatin1Char('.') + (id.ns.isEmpty() ? QString() : id.ns + QLatin1Char('.')) + id.name;
    for (QChar &c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = c == QLatin1Char('.') ? c : QLatin1Char('_');
    }
    name.replace(QStringLiteral(".."), QStringLiteral("__"));
    return name + QStringLiteral(".before-apply.yaml");
}

struct Planner
{
    const CommandContext &ctx;
    QHash<QString, const ResourceDiff *> byResource;
    QHash<QString, const EtcdMemberSummary *> byEndpoint;

    QString contextNote(Column column) const
    {
        const CommandContext::Kubectl &k = ctx.kube[size_t(columnIndex(column))];
        if (k.contextKnown)
            return {};
        return QStringLiteral(" It uses your current kubectl context, as the %1 evidence names none: check "
                              "`kubectl config current-context` is the %1 cluster first.")
            .arg(columnName(column));
    }

    QStringList get(Column column, const ResourceId &id) const
    {
        QStringList w = ctx.kubectl(column);
        if (!id.ns.isEmpty())
            w << QStringLiteral("-n") << id.ns;
        w << QStringLiteral("get") << id.kind << id.name;
        return w;
    }

    QString address(const ResourceDiff &d) const
    {
        const QString code = d.identity(Column::Code).terraformAddress;
        return code.isEmpty() ? d.identity(Column::State).terraformAddress : code;
    }

    // terraform plan/apply for one address, against the live cluster where
    // the provider lets KUBE_CTX choose it.
    QStringList terraform(const QString &verb, const QString &addr) const
    {
        QStringList w;
        const CommandContext::Kubectl &live = ctx.kube[size_t(columnIndex(Column::Live))];
        if (ctx.providerTakesKubeCtx && live.contextKnown) {
            // Provider v2 reads no kubeconfig unless its block or KUBE_CONFIG_PATH names one.
            if (ctx.providerTakesKubeConfigPath && !live.kubeconfigs.isEmpty())
                w << QStringLiteral("KUBE_CONFIG_PATH=") + QStringList(live.kubeconfigs).join(QLatin1Char(':'));
            w << QStringLiteral("KUBE_CTX=") + live.context;
        }
        w << QStringLiteral("terraform") << QStringLiteral("-chdir=") + ctx.shellPath(ctx.terraformFolder) << verb;
        if (!addr.isEmpty())
            w << QStringLiteral("-target=") + addr;
        return w;
    }

    QString terraformNote() const
    {
        QString note = QStringLiteral(" Run `terraform init` in that folder first if it has not been.");
        if (ctx.terraformFolderUnknown)
            note += QStringLiteral(" The repository is read from a URL: run it in your own checkout.");
        if (!ctx.terraformStateFile.isEmpty())
            note += QStringLiteral(" The case's state file (%1) is not in that folder: the plan reads the state its "
                                   "backend names.")
                        .arg(ctx.shellPath(ctx.terraformStateFile));
        const CommandContext::Kubectl &live = ctx.kube[size_t(columnIndex(Column::Live))];
        if (!ctx.providerTakesKubeCtx)
            note += QStringLiteral(" The kubernetes provider names its own config_context: make sure it is the live "
                                   "cluster's, not the replica's.");
        else if (!live.contextKnown)
            note += QStringLiteral(" It plans against the kubeconfig's current context unless KUBE_CTX names "
                                   "another: make sure that is the live cluster, not the replica.");
        return note;
    }

    void gitLog(Commands &into, const ResourceDiff &d) const
    {
        const QString file = ctx.codeFileInRepository(d);
        if (file.isEmpty())
            return;
        add(into,
            { QStringLiteral("git"), QStringLiteral("-C"), ctx.shellPath(ctx.gitRepository), QStringLiteral("log"),
                QStringLiteral("-p"), QStringLiteral("--follow"), QStringLiteral("--"), file },
            true,
            QStringLiteral("Who changed the code of %1 and when, with each change: was a new value meant to be "
                           "written into the code?")
                .arg(d.id.toString()));
    }

    // `-o jsonpath` for simple field paths ("data.x"), else the whole object.
    QStringList output(const QStringList &paths) const
    {
        static const QRegularExpression simple(QStringLiteral("^[A-Za-z0-9_-]+$"));
        QStringList parts;
        for (const QString &p : paths) {
            const QStringList keys = FieldPath::keys(p);
            bool ok = !keys.isEmpty();
            for (const QString &k : keys)
                ok = ok && simple.match(k).hasMatch();
            if (!ok)
                return { QStringLiteral("-o"), QStringLiteral("yaml") };
            parts.append(QStringLiteral("%1={.%2}").arg(keys.last(), keys.join(QLatin1Char('.'))));
        }
        if (parts.isEmpty())
            return { QStringLiteral("-o"), QStringLiteral("yaml") };
        return { QStringLiteral("-o"),
            QStringLiteral("jsonpath=") + parts.join(QStringLiteral("{\"\\n\"}")) + QStringLiteral("{\"\\n\"}") };
    }

    void resourceFinding(Finding &f, const ResourceDiff &d) const
    {
        // A name from the evidence that starts with '-' would be read as an option.
        if (!ShellWords::isSafeArgument(d.id.kind) || !ShellWords::isSafeArgument(d.id.name)
            || (!d.id.ns.isEmpty() && !ShellWords::isSafeArgument(d.id.ns)))
            return;
        // A Secret's data is never printed or written by a command Strata offers.
        const bool secret = d.id.kind == QLatin1String("secret");
        const QString addr = address(d);
        const bool tf = !ctx.terraformFolder.isEmpty();
        const QString fields = f.paths.isEmpty() ? QStringLiteral("the fields") : f.paths.join(QStringLiteral(", "));
        if (f.id == QLatin1String("live-drift")) {
            add(f.checkCommands,
                get(Column::Live, d.id)
                    << QStringLiteral("-o")
                    << (secret ? QStringList { QStringLiteral("jsonpath={.metadata.managedFields}") }
                               : QStringList { QStringLiteral("yaml"), QStringLiteral("--show-managed-fields") }),
                true,
                QStringLiteral("Who wrote the live object: metadata.managedFields names each writer (manager, "
                               "operation, time); the one owning %1 changed it outside Terraform.%2")
                    .arg(fields, contextNote(Column::Live)));
            gitLog(f.checkCommands, d);
            if (tf && !addr.isEmpty()) {
                add(f.changeCommands, terraform(QStringLiteral("plan"), addr), true,
                    QStringLiteral("Verify first: the plan must change only %1 of %2.%3")
                        .arg(fields, addr, terraformNote()));
                add(f.changeCommands, terraform(QStringLiteral("apply"), addr), false,
                    QStringLiteral("Changes the cluster back to the code's values. Only once they are the intended "
                                   "ones: to keep the live values, write them into the code instead, and the plan "
                                   "shows no change."));
            }
        } else if (f.id == QLatin1String("revert-risk")) {
            if (tf && !addr.isEmpty())
                add(f.checkCommands, terraform(QStringLiteral("plan"), addr), true,
                    QStringLiteral("Should list %1: what a routine apply would revert.%2")
                        .arg(fields, terraformNote()));
            // A copy of the live object before anything changes it: among the
            // checks, so it is taken before any step's apply. Never over an
            // earlier copy (set -C), never a Secret's data on disk.
            if (!secret) {
                if (const std::optional<QString> backup = ShellWords::quote(backupFile(d.id)))
                    addRedirect(f.checkCommands,
                        get(Column::Live, d.id) << QStringLiteral("-o") << QStringLiteral("yaml"), *backup,
                        QStringLiteral("Keeps a copy of the live object, to restore from, before anything changes "
                                       "it (never over an earlier copy).%1")
                            .arg(contextNote(Column::Live)));
            }
            if (tf && !addr.isEmpty())
                add(f.changeCommands, terraform(QStringLiteral("apply"), addr), false,
                    QStringLiteral("Changes the live values to the code's. Only deliberately, with the owners of "
                                   "what reads %1 informed, after the plan above shows exactly these changes.")
                        .arg(d.id.toString()));
        } else if (f.id == QLatin1String("stale-replica")) {
            for (const Column column : { Column::Live, Column::Replica })
                add(f.checkCommands,
                    get(column, d.id) << QStringLiteral("-o")
                                      << QStringLiteral("jsonpath={.metadata.resourceVersion}{\"\\n\"}"),
                    true,
                    QStringLiteral("A fresh read through the %1 context: the replica's resourceVersion should equal "
                                   "live's once it has caught up.%2")
                        .arg(columnName(column), contextNote(column)));
            add(f.checkCommands,
                ctx.kubectl(Column::Replica) << QStringLiteral("get") << QStringLiteral("--raw=/readyz?verbose"), true,
                QStringLiteral("The replica API server's own health checks, its etcd connection included.%1")
                    .arg(contextNote(Column::Replica)));
        } else if (f.id == QLatin1String("pending-change")) {
            if (tf && !addr.isEmpty())
                add(f.checkCommands, terraform(QStringLiteral("plan"), addr), true,
                    QStringLiteral("The unapplied change, as Terraform would make it.%1").arg(terraformNote()));
            gitLog(f.checkCommands, d);
            if (tf && !addr.isEmpty())
                add(f.changeCommands, terraform(QStringLiteral("apply"), addr), false,
                    QStringLiteral("Applies the code's change to the cluster: only after its plan shows what was "
                                   "meant."));
        } else if (f.id == QLatin1String("missing-resource")) {
            for (const Column column : { Column::Live, Column::Replica })
                add(f.checkCommands, get(column, d.id), true,
                    QStringLiteral("Is it there through the %1 context?%2")
                        .arg(columnName(column), contextNote(column)));
            if (tf)
                add(f.checkCommands,
                    { QStringLiteral("terraform"), QStringLiteral("-chdir=") + ctx.shellPath(ctx.terraformFolder),
                        QStringLiteral("state"), QStringLiteral("list") },
                    true, QStringLiteral("What Terraform state manages.%1").arg(terraformNote()));
        } else if (f.id == QLatin1String("app-observed-value") && !secret) {
            add(f.checkCommands, get(Column::Live, d.id) << output(f.paths), true,
                QStringLiteral("The value the application reads, live now.%1").arg(contextNote(Column::Live)));
        }
    }

    void contextFinding(Finding &f) const
    {
        // "context prod": the context's name after the word.
        const QString context = f.resource.section(QLatin1Char(' '), 1);
        if (context.isEmpty())
            return;
        QStringList base { QStringLiteral("kubectl"), QStringLiteral("--context=") + context };
        for (Column column : { Column::Live, Column::Replica }) {
            const CommandContext::Kubectl &k = ctx.kube[size_t(columnIndex(column))];
            if (k.context == context)
                base = ctx.kubectl(column);
        }
        add(f.checkCommands,
            QStringList(base) << QStringLiteral("config") << QStringLiteral("view") << QStringLiteral("--minify"), true,
            QStringLiteral("Which server and user the context names (kubectl shows credentials as REDACTED)."));
        add(f.checkCommands, QStringList(base) << QStringLiteral("get") << QStringLiteral("--raw=/readyz?verbose"),
            true, QStringLiteral("Whether the server answers this user at all, and what it says."));
    }

    // A member's client URL, its hex id and name from the evidence.
    void etcdFinding(Finding &f) const
    {
        const QStringList all = ctx.etcdEndpoints;
        const QString tlsNote = ctx.etcdTlsUnknown()
            ? QStringLiteral(" The case does not name etcd's client certificates: replace the quoted <ca.pem>, "
                             "<client.pem> and <client-key.pem> (on a kubeadm control plane: "
                             "/etc/kubernetes/pki/etcd/ca.crt, healthcheck-client.crt and .key).")
            : QString();
        const auto etcdctl
            = [this](const QStringList &endpoints, const QStringList &args) { return ctx.etcdctl(endpoints) + args; };
        const QStringList table { QStringLiteral("-w"), QStringLiteral("table") };
        const QStringList status = QStringList { QStringLiteral("endpoint"), QStringLiteral("status") } + table;
        const QStringList health = QStringList { QStringLiteral("endpoint"), QStringLiteral("health") } + table;
        const QStringList memberList = QStringList { QStringLiteral("member"), QStringLiteral("list") } + table;
        if (f.id == QLatin1String("member-unhealthy") || f.id == QLatin1String("member-cut-off")) {
            const QStringList own = f.endpoints;
            if (!own.isEmpty()) {
                add(f.checkCommands, etcdctl(own, health), true,
                    QStringLiteral("Does %1 answer now, and how fast?%2").arg(own.join(QStringLiteral(", ")), tlsNote));
                add(f.checkCommands, etcdctl(own, status), true,
                    QStringLiteral("Its raft term and index against the others', and its errors."));
            }
            add(f.checkCommands, etcdctl(all, status), true,
                QStringLiteral("Every member's term, index and leader: who leads, and who is behind."));
            add(f.checkCommands, etcdctl(all, memberList), true,
                QStringLiteral("The members the cluster counts, with their peer URLs (port 2380)."));
            // Replacing a member whose data is gone: only its id is certain.
            const EtcdMemberSummary *m = own.isEmpty() ? nullptr : byEndpoint.value(own.first());
            if (f.id == QLatin1String("member-unhealthy") && m && !m->id.isEmpty()) {
                QStringList others = all;
                others.removeAll(own.first());
                // Without another member to ask (an empty list means every member), nothing to offer.
                if (others.isEmpty() || !ShellWords::isSafeArgument(m->id))
                    return;
                add(f.changeCommands, etcdctl(others, health), true,
                    QStringLiteral("Verify first: the other members are healthy (a quorum without %1).")
                        .arg(own.first()));
                add(f.changeCommands, etcdctl(others, { QStringLiteral("member"), QStringLiteral("remove"), m->id }),
                    false,
                    QStringLiteral("Removes %1 from the cluster. Only if its data is lost and it cannot be restarted: "
                                   "take a snapshot of a healthy member first (etcdctl snapshot save), then add it "
                                   "back empty with etcdctl member add and --initial-cluster-state=existing.")
                        .arg(m->name.isEmpty() ? m->id : m->name));
            }
        } else if (f.id == QLatin1String("etcd-alarm")) {
            add(f.checkCommands, etcdctl(all, { QStringLiteral("alarm"), QStringLiteral("list") }), true,
                QStringLiteral("Which alarms are active, raised by which member (ids in decimal).%1").arg(tlsNote));
            add(f.checkCommands, etcdctl(all, status), true,
                QStringLiteral("Each member's DB SIZE against the quota (--quota-backend-bytes, 2 GB by default)."));
            if (f.paths.contains(QLatin1String("NOSPACE"))) {
                const QString rev = ctx.etcdRevision ? QString::number(*ctx.etcdRevision)
                                                     : ShellWords::placeholder(QStringLiteral("revision"));
                add(f.changeCommands,
                    etcdctl(all,
                        { QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"),
                            QStringLiteral("json") }),
                    true,
                    QStringLiteral("Verify first: the current revision (header.revision) to compact to%1.")
                        .arg(ctx.etcdRevision ? QStringLiteral("; the evidence shows %1").arg(*ctx.etcdRevision)
                                              : QStringLiteral("; the case does not know it, so the next command "
                                                               "holds <revision>")));
                add(f.changeCommands, etcdctl(all, { QStringLiteral("compact"), rev }), false,
                    QStringLiteral("Drops the history before that revision (watchers behind it must re-list); frees "
                                   "space for defragmentation."));
                // One member at a time, the leader last (its defragmentation stalls every write).
                QStringList order = all;
                std::stable_partition(order.begin(), order.end(), [this](const QString &e) {
                    const EtcdMemberSummary *member = byEndpoint.value(e);
                    return !member || !member->isLeader;
                });
                for (const QString &e : std::as_const(order))
                    add(f.changeCommands, etcdctl({ e }, { QStringLiteral("defrag") }), false,
                        QStringLiteral("Returns %1's free pages to the disk. Blocks that member while it runs: one "
                                       "member at a time, the leader last.")
                            .arg(e));
                add(f.changeCommands, etcdctl(all, { QStringLiteral("alarm"), QStringLiteral("disarm") }), false,
                    QStringLiteral("Lets writes in again. Only once every DB SIZE is well under the quota, or the "
                                   "alarm comes straight back."));
            } else {
                add(f.checkCommands,
                    etcdctl(all,
                        { QStringLiteral("endpoint"), QStringLiteral("hashkv"), QStringLiteral("-w"),
                            QStringLiteral("table") }),
                    true, QStringLiteral("Which member's data differs: its hash is the odd one."));
            }
        } else if (f.id == QLatin1String("no-leader") || f.id == QLatin1String("raft-divergence")) {
            add(f.checkCommands, etcdctl(all, status), true,
                QStringLiteral("Every member's term, index, applied index and leader; run it twice a few seconds "
                               "apart: a gap that closes is catching up, one that stays is stuck.%1")
                    .arg(tlsNote));
            add(f.checkCommands, etcdctl(all, health), true, QStringLiteral("Which members answer at all."));
        } else if (f.id == QLatin1String("kv-hash-mismatch")) {
            const QString rev = ctx.hashRevision ? QString::number(*ctx.hashRevision)
                : ctx.etcdRevision               ? QString::number(*ctx.etcdRevision)
                                                 : ShellWords::placeholder(QStringLiteral("revision"));
            add(f.checkCommands,
                etcdctl(all,
                    { QStringLiteral("endpoint"), QStringLiteral("hashkv"), QStringLiteral("--rev=") + rev,
                        QStringLiteral("-w"), QStringLiteral("table") }),
                true,
                QStringLiteral("Every member's hash at one revision: equal hashes mean equal data.%1").arg(tlsNote));
        } else if (f.id == QLatin1String("leader-churn") || f.id == QLatin1String("failed-proposals")) {
            add(f.checkCommands, etcdctl(all, status), true,
                QStringLiteral("Who leads now, at which term: run it again later; a higher term means more "
                               "elections.%1")
                    .arg(tlsNote));
            const QString metrics = f.id == QLatin1String("leader-churn")
                ? QStringLiteral("^etcd_(server_leader_changes_seen_total|disk_wal_fsync_duration_seconds|disk_backend_"
                                 "commit_duration_seconds|network_peer_round_trip_time_seconds)")
                : QStringLiteral("^etcd_server_(proposals_failed_total|proposals_committed_total|leader_changes_seen_"
                                 "total)");
            // One loop over the members rather than a curl per member.
            const std::optional<QString> endpoints = ShellWords::join(all);
            const std::optional<QString> curl = ShellWords::join(ctx.curl());
            const std::optional<QString> pattern = ShellWords::quote(metrics);
            if (!all.isEmpty() && endpoints && curl && pattern)
                f.checkCommands.append(
                    { QStringLiteral("for ep in %1; do echo \"== $ep\"; %2 \"$ep/metrics\" | grep -E %3; done")
                            .arg(*endpoints, *curl, *pattern),
                        true,
                        f.id == QLatin1String("leader-churn")
                            ? QStringLiteral("Each member's fsync, backend commit and peer round-trip histograms: p99 "
                                             "fsync above 10 ms, or round trips near the heartbeat interval, cause "
                                             "elections.%1")
                                  .arg(tlsNote)
                            : QStringLiteral("Each member's failed against committed proposals, beside its leader "
                                             "changes.%1")
                                  .arg(tlsNote) });
        }
    }
};

} // namespace

void annotate(QList<Finding> &findings, const QList<ResourceDiff> &resources, const QList<EtcdMemberSummary> &members,
    const CommandContext &context)
{
    Planner p { context, {}, {} };
    for (const ResourceDiff &d : resources)
        p.byResource.insert(d.id.toString(), &d);
    for (const EtcdMemberSummary &m : members) {
        if (!m.endpoint.isEmpty())
            p.byEndpoint.insert(m.endpoint, &m);
    }
    for (Finding &f : findings) {
        f.checkCommands.clear();
        f.changeCommands.clear();
        if (const ResourceDiff *d = p.byResource.value(f.resource))
            p.resourceFinding(f, *d);
        else if (f.id == QLatin1String("context-unreachable"))
            p.contextFinding(f);
        else
            p.etcdFinding(f);
        // A step the finding has no prose for still shows its commands: with
        // the checks when read-only, else not at all (nothing changes unexplained).
        if (f.changes.isEmpty()) {
            for (const PlanCommand &c : std::as_const(f.changeCommands)) {
                if (c.readOnly)
                    f.checkCommands.append(c);
            }
            f.changeCommands.clear();
        }
        if (f.checks.isEmpty() && !f.checkCommands.isEmpty())
            f.checks.append(QStringLiteral("Check with the commands below."));
    }
}

} // namespace strata::CommandPlanner
