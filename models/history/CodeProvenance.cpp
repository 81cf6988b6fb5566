#include "CodeProvenance.h"

#include "history/FieldHistory.h"

#include <QHash>

#include <algorithm>

namespace strata::CodeProvenance {

namespace {

bool aboutCode(const Finding &f)
{
    return f.id == QLatin1String("pending-change") || f.id == QLatin1String("live-drift")
        || f.id == QLatin1String("revert-risk");
}

QString key(const QString &resource, const QString &field, const std::optional<QString> &setTo)
{
    return resource + QLatin1Char(' ') + field + (setTo ? QStringLiteral(" = ") + *setTo : QString());
}

// live-drift asks when the code last set what live no longer has: the
// value state recorded. The others ask about the code's value as it is.
std::optional<QString> wantedValue(
    const Finding &f, const QString &path, const QHash<QString, const ResourceDiff *> &byId)
{
    if (f.id != QLatin1String("live-drift"))
        return std::nullopt;
    const ResourceDiff *d = byId.value(f.resource);
    if (!d)
        return std::nullopt;
    for (const FieldDiff &row : d->fields) {
        if (row.path == path && row.cell(Column::State).present
            && row.cell(Column::State).value.kind != CellValue::Kind::Unknown)
            return row.cell(Column::State).value.text;
    }
    return std::nullopt;
}

// One sentence per commit, naming every field it set: "The unapplied values
// of data.a ("1") and data.b ("2") were introduced in a1b2c3d by …".
QString sentence(const Finding &f, const QList<FieldChange> &changes)
{
    const GitCommit &c = changes.first().commit;
    const QString who = QStringLiteral("%1 by %2 on %3 (“%4”)").arg(c.shortId, c.author, c.timeText(), c.subject);
    QStringList fields;
    for (const FieldChange &ch : changes)
        fields.append(QStringLiteral("%1 (%2)").arg(ch.field,
            !ch.after                                       ? QStringLiteral("absent")
                : ch.after->kind == CellValue::Kind::Secret ? QStringLiteral("secret •••• %1").arg(ch.after->text)
                                                            : QStringLiteral("\"%1\"").arg(ch.after->text)));
    const QString list = fields.size() == 1 ? fields.first()
                                            : QStringList(fields.mid(0, fields.size() - 1)).join(QStringLiteral(", "))
            + QStringLiteral(" and ") + fields.last();
    const bool many = fields.size() > 1;
    if (f.id == QLatin1String("pending-change"))
        return QStringLiteral("The unapplied value%1 of %2 %3 introduced in %4.")
            .arg(many ? QStringLiteral("s") : QString(), list, many ? QStringLiteral("were") : QStringLiteral("was"),
                who);
    if (f.id == QLatin1String("revert-risk"))
        return QStringLiteral("An apply would restore %1, set in %2.").arg(list, who);
    return QStringLiteral("The code last set %1 in %2.").arg(list, who);
}

} // namespace

void annotate(
    QList<Finding> &findings, const QList<ResourceDiff> &resources, const CaseFile &caseFile, const JobContext *context)
{
    const std::optional<TerraformSource> &source = caseFile.terraformSource;
    if (!source || source->workTree)
        return; // the work tree's values have no commit yet
    QHash<QString, const ResourceDiff *> byId;
    for (const ResourceDiff &d : resources)
        byId.insert(d.id.toString(), &d);
    QList<HistoryTarget> targets;
    QHash<QString, qsizetype> seen;
    for (const Finding &f : std::as_const(findings)) {
        if (!aboutCode(f))
            continue;
        const auto id = ResourceId::parse(f.resource);
        if (!id)
            continue;
        for (const QString &p : f.paths) {
            const std::optional<QString> setTo = wantedValue(f, p, byId);
            if (!seen.contains(key(f.resource, p, setTo))) {
                seen.insert(key(f.resource, p, setTo), targets.size());
                targets.append({ *id, p, setTo });
            }
        }
    }
    if (targets.isEmpty())
        return;
    // What the diff holds secret (state's sensitive paths included) is a
    // fingerprint in the history too: no plaintext reaches a finding.
    FieldHistory::SensitivePaths sensitive;
    for (const ResourceDiff &d : resources) {
        for (const FieldDiff &row : d.fields) {
            if (row.secret)
                sensitive[d.id].append(row.path);
        }
    }
    const HistoryResult history = FieldHistory::run(caseFile, targets, 1, context, {}, sensitive);
    // Changes come newest first; each target had at most one.
    QHash<QString, FieldChange> newest;
    for (const FieldChange &c : history.changes) {
        for (const std::optional<QString> &setTo :
            { std::optional<QString>(), std::optional<QString>(c.after ? c.after->text : QString()) }) {
            const QString k = key(c.resource.toString(), c.field, setTo);
            if (seen.contains(k) && !newest.contains(k))
                newest.insert(k, c);
        }
    }
    for (Finding &f : findings) {
        if (!aboutCode(f))
            continue;
        QList<QList<FieldChange>> byCommit; // in the order the finding lists its fields
        for (const QString &p : std::as_const(f.paths)) {
            const auto it = newest.constFind(key(f.resource, p, wantedValue(f, p, byId)));
            if (it == newest.cend())
                continue;
            auto group = std::find_if(byCommit.begin(), byCommit.end(),
                [&](const QList<FieldChange> &g) { return g.first().commit.id == it->commit.id; });
            if (group == byCommit.end())
                byCommit.append({ *it });
            else
                group->append(*it);
        }
        for (const QList<FieldChange> &group : std::as_const(byCommit)) {
            const GitCommit &c = group.first().commit;
            f.detail += QLatin1Char(' ') + sentence(f, group);
            EvidenceRef ref;
            ref.location.file = c.shortId;
            ref.quote = QStringLiteral("commit %1 by %2, %3: %4").arg(c.id, c.author, c.timeText(), c.subject);
            f.evidence.append(ref);
        }
    }
}

} // namespace strata::CodeProvenance
