#include "FieldHistory.h"

#include "core/JobRunner.h"
#include "diff/FieldFlattener.h"
#include "evidence/TerraformImport.h"
#include "git/GitRepository.h"

#include <QHash>
#include <QSet>

namespace strata::FieldHistory {

namespace {

// What the code says about the targets' objects at one content of the stack.
struct Snapshot
{
    QHash<ResourceId, QHash<QString, CellValue>> fields; // only objects some target asks about
    QStringList moduleFolders; // local modules read from outside the stack's folder
    QHash<ResourceId, QString> addresses; // each target object's Terraform address
    QList<TerraformMove> moves; // the code's `moved` blocks
    QList<Diagnostic> diagnostics;
};

// An instance address without its index: `a.b["k"]` → `a.b`, as `moved` blocks often name them.
QString withoutIndex(const QString &address)
{
    return address.endsWith(QLatin1Char(']')) ? address.left(address.lastIndexOf(QLatin1Char('['))) : address;
}

bool inside(const QString &folder, const QString &path)
{
    return folder.isEmpty() || path == folder || path.startsWith(folder + QLatin1Char('/'));
}

Snapshot evaluate(const GitRepository &repository, const GitCommit &commit, const TerraformSource &source,
    const QSet<ResourceId> &wanted, const SensitivePaths &sensitive)
{
    Snapshot out;
    QString error;
    const auto tree = repository.tree(commit, &error);
    if (!tree) {
        out.diagnostics.append(Diagnostic::error(commit.shortId, 0, 0, error));
        return out;
    }
    EvidenceSet set;
    ImportedEvidence read;
    TerraformImport::importCode(
        *tree, source.dir, source.vars, tree->displayPath(source.dir), EvidenceRole::Code, set, read);
    out.diagnostics = read.diagnostics;
    if (set.code) {
        out.moves = set.code->moves;
        for (const TerraformModuleCall &m : std::as_const(set.code->modules)) {
            if (m.followed && !inside(source.dir, m.folder) && !out.moduleFolders.contains(m.folder))
                out.moduleFolders.append(m.folder);
        }
    }
    for (const ColumnObject &o : std::as_const(set.objects)) {
        if (!wanted.contains(o.id) || out.fields.contains(o.id))
            continue;
        out.addresses.insert(o.id, o.identity.terraformAddress);
        FieldFlattener::Options options;
        options.secretDataIsBase64 = o.secretDataIsBase64;
        options.secretValues = o.secretValues;
        options.sensitivePaths = o.sensitivePaths + sensitive.value(o.id);
        QHash<QString, CellValue> &fields = out.fields[o.id];
        for (const FieldValue &f : FieldFlattener::flatten(o.object, options)) {
            if (!f.noise)
                fields.insert(f.path, static_cast<const CellValue &>(f));
        }
    }
    return out;
}

bool sameValue(const std::optional<CellValue> &a, const std::optional<CellValue> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    // Two unknowns are the same code (a reference that did not change), not a change.
    return !a || (a->kind == b->kind && a->text == b->text);
}

std::optional<CellValue> valueIn(const Snapshot &s, const ResourceId &id, const QString &field)
{
    const auto object = s.fields.constFind(id);
    if (object == s.fields.cend())
        return std::nullopt;
    const auto value = object->constFind(field);
    return value == object->cend() ? std::nullopt : std::optional<CellValue>(*value);
}

// The changes one commit made to one target, compared with its first parent.
QList<FieldChange> changesOf(
    const GitCommit &commit, const HistoryTarget &target, const Snapshot &now, const Snapshot &before)
{
    QList<FieldChange> out;
    const bool was = before.fields.contains(target.resource);
    const bool is = now.fields.contains(target.resource);
    auto change = [&](const QString &field, std::optional<CellValue> a, std::optional<CellValue> b,
                      FieldChange::Object object = FieldChange::Object::Unchanged) {
        FieldChange c;
        c.object = object;
        c.commit = commit;
        c.resource = target.resource;
        c.field = field;
        c.before = std::move(a);
        c.after = std::move(b);
        out.append(std::move(c));
    };
    if (!target.field.isEmpty()) {
        const auto a = valueIn(before, target.resource, target.field);
        const auto b = valueIn(now, target.resource, target.field);
        if (!sameValue(a, b))
            change(target.field, a, b);
        return out;
    }
    if (was != is)
        change(QString(), std::nullopt, std::nullopt, is ? FieldChange::Object::Added : FieldChange::Object::Removed);
    const QString from = before.addresses.value(target.resource);
    const QString to = now.addresses.value(target.resource);
    if (was && is && from != to && !from.isEmpty() && !to.isEmpty()) {
        change(QString(), CellValue { from, {}, CellValue::Kind::Scalar },
            CellValue { to, {}, CellValue::Kind::Scalar }, FieldChange::Object::Moved);
        for (const TerraformMove &m : now.moves) {
            if ((m.from == from || m.from == withoutIndex(from)) && (m.to == to || m.to == withoutIndex(to)))
                out.last().movedBlock = true;
        }
    }
    QStringList paths = now.fields.value(target.resource).keys();
    for (const QString &p : before.fields.value(target.resource).keys()) {
        if (!now.fields.value(target.resource).contains(p))
            paths.append(p);
    }
    paths.sort();
    for (const QString &p : std::as_const(paths)) {
        const auto a = valueIn(before, target.resource, p);
        const auto b = valueIn(now, target.resource, p);
        if (!sameValue(a, b))
            change(p, a, b);
    }
    return out;
}

} // namespace

SensitivePaths sensitivePathsOfState(const CaseFile &caseFile)
{
    SensitivePaths out;
    if (!caseFile.terraformSource || caseFile.terraformSource->state.isEmpty())
        return out;
    const EntryImport state = TerraformImport::importSourceState(caseFile);
    for (const ColumnObject &o : state.set.objects) {
        if (!o.sensitivePaths.isEmpty())
            out[o.id] += o.sensitivePaths;
    }
    return out;
}

HistoryResult run(const CaseFile &caseFile, const QList<HistoryTarget> &targets, int limit, const JobContext *context,
    const std::function<void(const FieldChange &)> &onChange, const SensitivePaths &sensitive)
{
    HistoryResult result;
    const auto fail = [&](const QString &message) {
        result.diagnostics.append(
            Diagnostic::error(caseFile.filePath, caseFile.terraformSource ? caseFile.terraformSource->line : 0, 0,
                QStringLiteral("history: %1").arg(message)));
        return result;
    };
    if (!caseFile.terraformSource)
        return fail(QStringLiteral("the case has no sources.terraform repository to read history from"));
    const TerraformSource &source = *caseFile.terraformSource;
    QString error;
    const auto repository = GitRepository::open(caseFile.repositoryPath(), &error);
    if (!repository)
        return fail(
            QStringLiteral("%1 is not a git repository (%2): there is no history").arg(source.shownRepo(), error));
    const auto start = repository->resolve(source.ref, &error);
    if (!start)
        return fail(QStringLiteral("%1: %2").arg(source.shownRepo(), error));
    result.start = *start;
    result.shallow = repository->isShallow();

    QSet<ResourceId> wanted;
    for (const HistoryTarget &t : targets)
        wanted.insert(t.resource);
    // What the code reads: the stack's folder and the local modules it
    // calls from outside it (`../modules/x`), found as commits are evaluated.
    // A commit's content is the tree ids of all of them, so a commit that
    // changed only a module beside the stack is a change too.
    QStringList watched { source.dir };
    const auto contentOf = [&](const QString &commitId) {
        const QString folderId = repository->objectIdAt(commitId, source.dir);
        if (folderId.isEmpty())
            return QString(); // no stack at this commit
        QString key = folderId;
        for (qsizetype i = 1; i < watched.size(); ++i)
            key += QLatin1Char(' ') + repository->objectIdAt(commitId, watched.at(i));
        return key;
    };
    QHash<QString, Snapshot> byContent; // content (tree ids) → what the code says there
    const Snapshot empty;
    const auto snapshotAt = [&](const GitCommit &commit, const QString &content) -> const Snapshot & {
        if (content.isEmpty())
            return empty;
        auto it = byContent.find(content);
        if (it == byContent.end()) {
            ++result.commitsRead;
            it = byContent.insert(content, evaluate(*repository, commit, source, wanted, sensitive));
            for (const QString &folder : std::as_const(it->moduleFolders)) {
                if (!watched.contains(folder))
                    watched.append(folder);
            }
        }
        return *it;
    };
    // The modules the stack calls where the walk starts are known before it.
    snapshotAt(*start, contentOf(start->id));

    QList<int> found(targets.size(), 0);
    const bool walked = repository->walk(
        *start,
        [&](const GitCommit &commit) {
            if (context && context->isCancelled()) {
                result.cancelled = true;
                return false;
            }
            ++result.commitsWalked;
            const QString folderId = contentOf(commit.id);
            // Touched when no parent has the same folder content (git log's
            // rule for a path, so a merge that took one side's folder is not).
            QString parentFolderId;
            for (qsizetype i = 0; i < commit.parents.size(); ++i) {
                const QString id = contentOf(commit.parents.at(i));
                if (i == 0)
                    parentFolderId = id;
                if (id == folderId)
                    return true;
            }
            if (folderId.isEmpty())
                return true; // neither here nor in its parent
            std::optional<GitCommit> parent;
            if (!commit.parents.isEmpty()) {
                parent = repository->commit(commit.parents.first(), &error);
                // A shallow clone's boundary: what came before is not known,
                // so nothing here is reported as added.
                if (!parent)
                    return true;
            }
            const Snapshot &now = snapshotAt(commit, folderId);
            const Snapshot &before = parent ? snapshotAt(*parent, parentFolderId) : empty;
            bool allFound = limit > 0;
            for (qsizetype t = 0; t < targets.size(); ++t) {
                if (limit > 0 && found[t] >= limit)
                    continue;
                const HistoryTarget &target = targets.at(t);
                for (FieldChange &c : changesOf(commit, target, now, before)) {
                    if (limit > 0 && found[t] >= limit)
                        break;
                    if (target.setTo && (!c.after || c.after->text != *target.setTo))
                        continue;
                    ++found[t];
                    if (onChange)
                        onChange(c);
                    result.changes.append(std::move(c));
                }
                allFound = allFound && found[t] >= limit;
            }
            return !allFound;
        },
        &error);
    if (!walked)
        result.diagnostics.append(
            Diagnostic::error(source.shownRepo(), 0, 0, QStringLiteral("history: %1").arg(error)));
    // A commit whose code did not parse still counts (its values are what
    // could be read); its errors are said once each.
    QSet<QString> said;
    for (const Snapshot &s : std::as_const(byContent)) {
        for (const Diagnostic &d : s.diagnostics) {
            if (d.severity == Diagnostic::Severity::Error && !said.contains(d.toString())) {
                said.insert(d.toString());
                result.diagnostics.append(d);
            }
        }
    }
    return result;
}

QString shownValue(const std::optional<CellValue> &v)
{
    if (!v)
        return QStringLiteral("(absent)");
    switch (v->kind) {
    case CellValue::Kind::Unknown:
        return QStringLiteral("(unknown: %1)").arg(v->text);
    case CellValue::Kind::Secret:
        return QStringLiteral("(secret %1)").arg(v->text);
    case CellValue::Kind::Scalar:
        break;
    }
    return QLatin1Char('"') + v->text + QLatin1Char('"');
}

QString changeText(const FieldChange &change)
{
    if (change.object == FieldChange::Object::Moved)
        return QStringLiteral("%1 moved in the code: %2 → %3%4")
            .arg(change.resource.toString(), change.before ? change.before->text : QString(),
                change.after ? change.after->text : QString(),
                change.movedBlock ? QStringLiteral(" (a moved block says so)")
                                  : QStringLiteral(" (no moved block: Terraform would destroy and re-create it)"));
    return change.field.isEmpty()
        ? QStringLiteral("%1 %2").arg(change.resource.toString(),
            change.object == FieldChange::Object::Added ? QStringLiteral("added") : QStringLiteral("removed"))
        : QStringLiteral("%1: %2 → %3").arg(change.field, shownValue(change.before), shownValue(change.after));
}

QString describe(const FieldChange &change)
{
    return QStringLiteral("%1  %2  %3  %4  %5")
        .arg(change.commit.shortId, change.commit.timeText(), change.commit.author, changeText(change),
            change.commit.subject);
}

} // namespace strata::FieldHistory
