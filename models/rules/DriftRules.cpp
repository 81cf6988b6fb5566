#include "DriftRules.h"

#include "core/FieldPath.h"
#include "diff/FieldManagers.h"

namespace strata::DriftRules {

namespace {

QString shown(const DiffCell &cell)
{
    if (!cell.present)
        return QStringLiteral("(absent)");
    switch (cell.value.kind) {
    case FieldValue::Kind::Secret:
        return QStringLiteral("(secret, %1)").arg(cell.value.text);
    case FieldValue::Kind::Unknown:
        return QStringLiteral("(unknown: %1)").arg(cell.value.text);
    case FieldValue::Kind::Scalar:
        break;
    }
    return QLatin1Char('"') + cell.value.text + QLatin1Char('"');
}

EvidenceRef cellEvidence(const ResourceDiff &d, const FieldDiff &f, Column c)
{
    const DiffCell &cell = f.cell(c);
    EvidenceRef ref;
    ref.location
        = cell.present && cell.value.location.isValid() ? cell.value.location.unpacked() : d.identity(c).location;
    if (!ref.location.isValid())
        ref.location.file = d.identity(c).origin;
    ref.quote = QStringLiteral("%1 (%2): %3").arg(f.path, columnName(c), shown(cell));
    return ref;
}

QList<const FieldDiff *> rowsWith(const ResourceDiff &d, FieldStatus s)
{
    QList<const FieldDiff *> rows;
    for (const FieldDiff &f : d.fields) {
        if (!f.noise && f.has(s))
            rows.append(&f);
    }
    return rows;
}

QStringList pathsOf(const QList<const FieldDiff *> &rows)
{
    QStringList paths;
    for (const FieldDiff *f : rows)
        paths.append(f->path);
    return paths;
}

QString plural(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

bool present(const ResourceDiff &d, Column c)
{
    return d.identity(c).present;
}

QString versionNote(const ResourceDiff &d)
{
    const QString live = d.identity(Column::Live).resourceVersion;
    const QString state = d.identity(Column::State).resourceVersion;
    const auto distance = revisionDistance(live, state);
    if (distance && *distance > 0)
        return QStringLiteral(
            " The live object is at resourceVersion %1, %2 after the %3 recorded in Terraform state, so it was "
            "written after the last apply.")
            .arg(live)
            .arg(plural(*distance, QStringLiteral("revision"), QStringLiteral("revisions")), state);
    return {};
}

Finding liveDrift(const ResourceDiff &d, const QList<const FieldDiff *> &rows)
{
    const Column reference = present(d, Column::State) ? Column::State : Column::Code;
    Finding f;
    f.id = QStringLiteral("live-drift");
    f.severity = Severity::High;
    f.resource = d.id.toString();
    f.paths = pathsOf(rows);
    f.title = QStringLiteral("%1 of %2 changed outside Terraform")
                  .arg(plural(rows.size(), QStringLiteral("field"), QStringLiteral("fields")), f.resource);
    QStringList changes;
    for (const FieldDiff *row : rows) {
        changes.append(
            QStringLiteral("%1 is %2 live but %3 in %4")
                .arg(row->path, shown(row->cell(Column::Live)), shown(row->cell(reference)), columnName(reference)));
        f.evidence.append(cellEvidence(d, *row, Column::Live));
        f.evidence.append(cellEvidence(d, *row, reference));
    }
    f.detail = changes.join(QStringLiteral("; ")) + QLatin1Char('.') + versionNote(d);
    QStringList managers;
    for (const FieldDiff *row : rows) {
        for (const QString &m : FieldManagers::lastWriters(d.identity(Column::Live).managedFields, row->path)) {
            if (!managers.contains(m))
                managers.append(m);
        }
    }
    if (!managers.isEmpty())
        f.detail += QStringLiteral(" The live object's managedFields name %1 as the last writer of these fields.")
                        .arg(managers.join(QStringLiteral(" and ")));
    const QString rv = d.identity(Column::Live).resourceVersion;
    f.recommend(
        { QStringLiteral("Find who changed %1: the API server audit log for the object%2, or the field managers in "
                         "metadata.managedFields of the live object.")
                .arg(f.resource, rv.isEmpty() ? QString() : QStringLiteral(" at resourceVersion %1").arg(rv)) },
        { QStringLiteral("Decide which value is intended, then make code and cluster agree: codify the live value in "
                         "Terraform, or revert it deliberately, never by a routine apply.") });
    return f;
}

Finding pendingChange(const ResourceDiff &d, const QList<const FieldDiff *> &rows)
{
    Finding f;
    f.id = QStringLiteral("pending-change");
    f.severity = Severity::Medium;
    f.resource = d.id.toString();
    f.paths = pathsOf(rows);
    f.title = QStringLiteral("%1 of %2 changed in code but not applied")
                  .arg(plural(rows.size(), QStringLiteral("field"), QStringLiteral("fields")), f.resource);
    QStringList changes;
    for (const FieldDiff *row : rows) {
        changes.append(QStringLiteral("%1: state %2, code %3")
                           .arg(row->path, shown(row->cell(Column::State)), shown(row->cell(Column::Code))));
        f.evidence.append(cellEvidence(d, *row, Column::Code));
        f.evidence.append(cellEvidence(d, *row, Column::State));
    }
    f.detail = QStringLiteral("The code differs from what the last apply recorded: %1.")
                   .arg(changes.join(QStringLiteral("; ")));
    f.recommend(
        { QStringLiteral("Check the repository history for who changed the code for %1 and why it was not applied; "
                         "run terraform plan against the live context to see the whole change.")
                .arg(f.resource) },
        { QStringLiteral("Apply the change deliberately once reviewed, or revert it in code.") });
    return f;
}

// Fields whose live value the next apply would overwrite: code is known and
// differs from what the cluster serves.
QList<const FieldDiff *> revertedRows(const ResourceDiff &d)
{
    QList<const FieldDiff *> rows;
    if (!present(d, Column::Code) || !present(d, Column::Live))
        return rows;
    for (const FieldDiff &f : d.fields) {
        if (f.noise)
            continue;
        const DiffCell &code = f.cell(Column::Code);
        const DiffCell &live = f.cell(Column::Live);
        if (code.present && code.value.kind == FieldValue::Kind::Unknown)
            continue;
        if (!code.present && !live.present)
            continue;
        if (code.present != live.present || !code.value.sameValueAs(live.value)) {
            // Only where live has moved away from what Terraform last wrote, or code moved: a genuine overwrite.
            if (f.has(FieldStatus::Drift) || f.has(FieldStatus::Pending))
                rows.append(&f);
        }
    }
    return rows;
}

Finding revertRisk(const ResourceDiff &d, const QList<const FieldDiff *> &rows)
{
    Finding f;
    f.id = QStringLiteral("revert-risk");
    f.severity = Severity::High;
    f.resource = d.id.toString();
    f.paths = pathsOf(rows);
    QStringList changes;
    for (const FieldDiff *row : rows) {
        changes.append(QStringLiteral("%1 %2 → %3")
                           .arg(row->path, shown(row->cell(Column::Live)), shown(row->cell(Column::Code))));
        f.evidence.append(cellEvidence(d, *row, Column::Code));
        f.evidence.append(cellEvidence(d, *row, Column::Live));
    }
    f.title = QStringLiteral("The next terraform apply would overwrite %1 of %2")
                  .arg(plural(rows.size(), QStringLiteral("live value"), QStringLiteral("live values")), f.resource);
    f.detail
        = QStringLiteral("Terraform plans from the code against the live object, so applying sets %1. Whatever depends "
                         "on the current live values changes behaviour with a routine apply.")
              .arg(changes.join(QStringLiteral(", ")));
    f.recommend(
        { QStringLiteral("Run terraform plan against the live context (not the replica) and confirm it shows these "
                         "changes for %1.")
                .arg(f.resource) },
        { QStringLiteral("Hold routine terraform applies on this stack until the intended values are decided; then "
                         "either write the live values into the code (a plan shows no change) or apply the code's "
                         "values deliberately with the affected service's owners informed.") });
    return f;
}

std::optional<Finding> staleReplica(const ResourceDiff &d)
{
    if (!present(d, Column::Replica) || !present(d, Column::Live))
        return std::nullopt;
    const QList<const FieldDiff *> rows = rowsWith(d, FieldStatus::Stale);
    const QString liveRv = d.identity(Column::Live).resourceVersion;
    const QString replicaRv = d.identity(Column::Replica).resourceVersion;
    const auto behind = revisionDistance(liveRv, replicaRv);
    if (rows.isEmpty() && !(behind && *behind > 0))
        return std::nullopt;

    Finding f;
    f.id = QStringLiteral("stale-replica");
    f.resource = d.id.toString();
    f.paths = pathsOf(rows);
    f.severity = !rows.isEmpty() && behind && *behind > 0 ? Severity::High : Severity::Medium;
    QString versions;
    if (behind && *behind > 0) {
        f.title = QStringLiteral("The replica serves %1 %2 behind live")
                      .arg(f.resource, plural(*behind, QStringLiteral("revision"), QStringLiteral("revisions")));
        versions
            = QStringLiteral("The replica context serves resourceVersion %1 while live serves %2 (%3 behind).")
                  .arg(replicaRv, liveRv, plural(*behind, QStringLiteral("revision"), QStringLiteral("revisions")));
    } else {
        f.title = QStringLiteral("The replica serves different values of %1 than live").arg(f.resource);
        versions = QStringLiteral("The replica and live disagree (resourceVersion %1 vs %2).")
                       .arg(replicaRv.isEmpty() ? QStringLiteral("unknown") : replicaRv,
                           liveRv.isEmpty() ? QStringLiteral("unknown") : liveRv);
    }
    const QString stateRv = d.identity(Column::State).resourceVersion;
    QString stateNote;
    if (!stateRv.isEmpty() && stateRv == replicaRv) {
        stateNote
            = QStringLiteral(" It is exactly the version recorded in Terraform state, so anything that reads through "
                             "the replica — a terraform plan run against that context included — sees no drift.");
    }
    QStringList changes;
    for (const FieldDiff *row : rows) {
        changes.append(QStringLiteral("%1 %2 on the replica, %3 live")
                           .arg(row->path, shown(row->cell(Column::Replica)), shown(row->cell(Column::Live))));
        f.evidence.append(cellEvidence(d, *row, Column::Replica));
        f.evidence.append(cellEvidence(d, *row, Column::Live));
    }
    if (f.evidence.isEmpty()) {
        f.evidence.append(
            { d.identity(Column::Replica).location, QStringLiteral("resourceVersion %1").arg(replicaRv) });
        f.evidence.append({ d.identity(Column::Live).location, QStringLiteral("resourceVersion %1").arg(liveRv) });
    }
    f.detail = versions + stateNote
        + (changes.isEmpty() ? QString() : QLatin1Char(' ') + changes.join(QStringLiteral("; ")) + QLatin1Char('.'));
    f.recommend(
        { QStringLiteral("Compare a quorum read of %1 through both contexts (kubectl get without resourceVersion), "
                         "then check the replica API server's watch cache and its etcd connection: watch errors, "
                         "'too old resource version', restarts around the last leader change.")
                .arg(f.resource) },
        { QStringLiteral("Until the replica catches up, do not trust reads or terraform plans through that context; "
                         "restart or re-point its API server if its watch is stuck.") });
    return f;
}

} // namespace

std::optional<qint64> revisionDistance(const QString &newer, const QString &older)
{
    bool okNewer = false, okOlder = false;
    const qint64 a = newer.toLongLong(&okNewer);
    const qint64 b = older.toLongLong(&okOlder);
    if (!okNewer || !okOlder)
        return std::nullopt;
    return a - b;
}

QList<Finding> evaluate(const QList<ResourceDiff> &diffs)
{
    // A column holds evidence when it holds an object, or was read whole:
    // objects the diff left out (nothing to compare them with) still show
    // that the live dump was there and lacks what state says exists.
    std::array<bool, columnCount> columnHasEvidence {};
    for (const ResourceDiff &d : diffs) {
        for (Column c : allColumns)
            columnHasEvidence[size_t(columnIndex(c))]
                |= d.identity(c).present || d.coverage[size_t(columnIndex(c))] == ColumnEvidence::Read;
    }

    QList<Finding> findings;
    for (const ResourceDiff &d : diffs) {
        const auto drift = rowsWith(d, FieldStatus::Drift);
        if (!drift.isEmpty())
            findings.append(liveDrift(d, drift));
        const auto pending = rowsWith(d, FieldStatus::Pending);
        if (!pending.isEmpty())
            findings.append(pendingChange(d, pending));
        const auto reverted = revertedRows(d);
        if (!reverted.isEmpty())
            findings.append(revertRisk(d, reverted));
        if (auto stale = staleReplica(d))
            findings.append(*stale);

        // Missing: expected in a column that has evidence but not this object.
        for (Column c : allColumns) {
            if (d.identity(c).present || !columnHasEvidence[size_t(columnIndex(c))] || (d.unreadColumns & columnBit(c)))
                continue; // present, or unknown there: never "missing"
            const bool inState = d.identity(Column::State).present;
            const bool inCode = d.identity(Column::Code).present;
            bool expected = d.investigated;
            QString why;
            if (c == Column::Code && inState) {
                expected = true;
                why = QStringLiteral(
                    "Terraform state manages it but the code no longer declares it: the next apply would "
                    "delete it from the cluster.");
            } else if (c == Column::State && inCode) {
                expected = true;
                why = QStringLiteral(
                    "The code declares it but state has no record: the next apply would try to create it "
                    "(and fail if it already exists).");
            } else if (c == Column::Live && inState && d.investigated) {
                why = QStringLiteral(
                    "Terraform state says it exists but the live evidence does not show it: it may have "
                    "been deleted out of band, or the capture did not include it.");
            } else if (expected) {
                why = QStringLiteral("It is under investigation but the %1 evidence does not include it.")
                          .arg(columnName(c));
            }
            if (!expected)
                continue;
            Finding f;
            f.id = QStringLiteral("missing-resource");
            f.severity = (c == Column::Live || c == Column::Code) && inState ? Severity::High : Severity::Medium;
            f.resource = d.id.toString();
            f.title = QStringLiteral("%1 is missing from %2").arg(f.resource, columnName(c));
            f.detail = why;
            for (Column other : allColumns) {
                if (d.identity(other).present)
                    f.evidence.append({ d.identity(other).location,
                        QStringLiteral("present in %1 (%2)").arg(columnName(other), d.identity(other).origin) });
            }
            const QString getCommand
                = QStringLiteral("kubectl get %1 %2%3")
                      .arg(d.id.kind, d.id.name, d.id.ns.isEmpty() ? QString() : QStringLiteral(" -n ") + d.id.ns);
            f.recommend({ QStringLiteral("Confirm with a fresh read (%1) and check that the %2 evidence is complete.")
                                .arg(getCommand, columnName(c)) },
                {});
            findings.append(f);
        }
    }
    return findings;
}

} // namespace strata::DriftRules
