#include "StackHistory.h"

#include "core/JobRunner.h"
#include "git/GitRepository.h"
#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <QSet>

#include <algorithm>

namespace strata::StackHistory {

namespace {

StateSnapshot readState(const GitRepository &repository, const GitCommit &commit, const QString &path)
{
    StateSnapshot out;
    QString error;
    const auto tree = repository.tree(commit, &error);
    if (!tree) {
        out.error = error;
        return out;
    }
    FileContents f = tree->read(path, evidenceReadLimit());
    if (!f.ok()) {
        out.error = f.error;
        return out;
    }
    TerraformStateReadResult read = TerraformStateReader::read(f.bytes, tree->displayPath(path));
    if (!read.state) {
        out.error = read.diagnostics.isEmpty() ? QStringLiteral("not a Terraform state")
                                               : read.diagnostics.first().toString();
        return out;
    }
    out.serial = read.state->serial;
    out.lineage = read.state->lineage;
    for (const ManagedKubernetesObject &m : mapStateToKubernetes(*read.state).objects)
        out.resourceVersions.insert(m.id, m.stateResourceVersion);
    return out;
}

} // namespace

StackHistoryResult run(const CaseFile &caseFile)
{
    return run(caseFile, Limits());
}

StackHistoryResult run(const CaseFile &caseFile, const Limits &limits, const JobContext *context,
    const std::function<void(const StackCommit &)> &onCommit)
{
    StackHistoryResult result;
    const auto fail = [&](const QString &message) {
        result.complete = false;
        result.diagnostics.append(
            Diagnostic::error(caseFile.filePath, caseFile.terraformSource ? caseFile.terraformSource->line : 0, 0,
                QStringLiteral("history: %1").arg(message)));
        return result;
    };
    if (!caseFile.terraformSource)
        return fail(QStringLiteral("the case has no sources.terraform repository"));
    const TerraformSource &source = *caseFile.terraformSource;
    QString error;
    const auto repository = GitRepository::open(caseFile.repositoryPath(), &error);
    if (!repository)
        return fail(QStringLiteral("%1 is not a git repository (%2)").arg(source.shownRepo(), error));
    const auto start = repository->resolve(source.ref, &error);
    if (!start)
        return fail(QStringLiteral("%1: %2").arg(source.shownRepo(), error));
    // The state is followed only where the commit holds it (not a file beside the case).
    const bool stateInRepository
        = !source.state.isEmpty() && !repository->objectIdAt(start->id, source.state).isEmpty();
    const bool stateInFolder
        = stateInRepository && (source.dir.isEmpty() || source.state.startsWith(source.dir + QLatin1Char('/')));
    int statesRead = 0;
    QHash<QString, StateSnapshot> byBlob; // the same state content is read once
    const auto stateAt = [&](const GitCommit &commit, const QString &blob) -> std::optional<StateSnapshot> {
        if (blob.isEmpty())
            return std::nullopt;
        auto it = byBlob.find(blob);
        if (it == byBlob.end()) {
            if (statesRead >= limits.maxStates) {
                result.complete = false; // older states exist that were not read
                return std::nullopt;
            }
            ++statesRead;
            it = byBlob.insert(blob, readState(*repository, commit, source.state));
        }
        return *it;
    };

    const bool walked = repository->walk(
        *start,
        [&](const GitCommit &commit) {
            if (context && context->isCancelled()) {
                result.complete = false;
                return false;
            }
            if (result.commitsWalked >= limits.maxWalked || result.commits.size() >= limits.maxCommits) {
                result.complete = false;
                return false;
            }
            ++result.commitsWalked;
            const QString folder = repository->objectIdAt(commit.id, source.dir);
            const QString state = stateInRepository ? repository->objectIdAt(commit.id, source.state) : QString();
            // A shallow clone's boundary: its parent is not there to compare with.
            std::optional<GitCommit> parent;
            if (!commit.parents.isEmpty()) {
                parent = repository->commit(commit.parents.first(), &error);
                if (!parent) {
                    result.complete = false;
                    return true;
                }
            }
            const QString parentFolder = parent ? repository->objectIdAt(parent->id, source.dir) : QString();
            const QString parentState
                = parent && stateInRepository ? repository->objectIdAt(parent->id, source.state) : QString();
            StackCommit c;
            c.commit = commit;
            c.code = folder != parentFolder && !folder.isEmpty();
            // A state committed inside the stack's folder changes the folder
            // too; the code changed only when another file did.
            if (c.code && state != parentState && stateInFolder) {
                const auto files
                    = repository->changedFiles(parent ? parent->id : QString(), commit.id, source.dir, &error);
                c.code = !files || std::any_of(files->cbegin(), files->cend(), [](const QString &f) {
                    return !f.endsWith(QLatin1String(".tfstate")) && !f.endsWith(QLatin1String(".tfstate.backup"));
                });
            }
            if (state != parentState && !state.isEmpty()) {
                c.state = stateAt(commit, state);
                if (parent)
                    c.before = stateAt(*parent, parentState);
            }
            if (!c.code && !c.state)
                return true;
            if (onCommit)
                onCommit(c);
            result.commits.append(std::move(c));
            return true;
        },
        &error);
    if (!walked)
        fail(error);
    if (repository->isShallow())
        result.complete = false;
    return result;
}

QString describeState(const StackCommit &c)
{
    if (!c.state)
        return {};
    if (!c.state->error.isEmpty())
        return QStringLiteral("state committed, not readable: %1").arg(c.state->error);
    QString text = QStringLiteral("state serial %1 (lineage %2) committed").arg(c.state->serial).arg(c.state->lineage);
    if (c.before && c.before->error.isEmpty() && c.before->lineage != c.state->lineage)
        text += QStringLiteral(", replacing lineage %1").arg(c.before->lineage);
    QStringList changed;
    QList<ResourceId> ids = c.state->resourceVersions.keys();
    std::sort(
        ids.begin(), ids.end(), [](const ResourceId &a, const ResourceId &b) { return a.toString() < b.toString(); });
    for (const ResourceId &id : std::as_const(ids)) {
        const QString now = c.state->resourceVersions.value(id);
        const QString was = c.before ? c.before->resourceVersions.value(id) : QString();
        if (now != was && !now.isEmpty())
            changed.append(QStringLiteral("%1 resource_version %2 → %3")
                               .arg(id.toString(), was.isEmpty() ? QStringLiteral("(none)") : was, now));
    }
    if (!changed.isEmpty())
        text += QStringLiteral(": ") + changed.join(QStringLiteral("; "));
    return text;
}

QList<TimelineEvent> timelineEvents(const StackHistoryResult &history, const QString &repository)
{
    QList<TimelineEvent> out;
    for (const StackCommit &c : history.commits) {
        TimelineEvent e;
        e.time = c.commit.time.toUTC();
        e.source = QStringLiteral("git");
        e.location.file = c.commit.shortId; // a commit, as `git show` takes it
        const QString who = QStringLiteral("%1 %2 (%3)").arg(c.commit.shortId, c.commit.author, repository);
        if (c.code) {
            e.text = QStringLiteral("%1: code changed: %2").arg(who, c.commit.subject);
            out.append(e);
        }
        if (c.state) {
            e.text = QStringLiteral("%1: %2: %3").arg(who, describeState(c), c.commit.subject);
            out.append(e);
        }
    }
    return out;
}

} // namespace strata::StackHistory
