#include "CommitCatalog.h"

#include "core/JobRunner.h"
#include "git/GitRepository.h"

namespace strata::CommitCatalogs {

namespace {

std::shared_ptr<GitRepository> openSource(const CaseFile &caseFile, QString *error)
{
    if (!caseFile.terraformSource) {
        *error = QStringLiteral("the case has no sources.terraform repository");
        return nullptr;
    }
    QString why;
    auto repository = GitRepository::open(caseFile.repositoryPath(), &why);
    if (!repository)
        *error = QStringLiteral("%1 is not a git repository (%2)").arg(caseFile.terraformSource->shownRepo(), why);
    return repository;
}

} // namespace

CommitCatalog read(const CaseFile &caseFile, int limit, const JobContext *context)
{
    CommitCatalog out;
    const auto repository = openSource(caseFile, &out.error);
    if (!repository)
        return out;
    QString error;
    out.references = GitReferences::list(*repository, &error);
    for (const GitReference &r : std::as_const(out.references)) {
        if (out.referenced.contains(r.commitId))
            continue;
        if (const auto c = repository->commit(r.commitId, &error))
            out.referenced.insert(r.commitId, *c);
    }
    const QString ref
        = caseFile.terraformSource->ref.isEmpty() ? QStringLiteral("HEAD") : caseFile.terraformSource->ref;
    const auto start = repository->resolve(ref, &error);
    if (!start) {
        out.error = QStringLiteral("%1: %2").arg(ref, error);
        return out;
    }
    out.current = start->id;
    repository->walk(
        *start,
        [&](const GitCommit &c) {
            if (context && context->isCancelled())
                return false;
            if (out.log.size() >= limit) {
                out.more = true;
                return false;
            }
            out.log.append(c);
            return true;
        },
        &error);
    return out;
}

GitCommitPatch patch(const CaseFile &caseFile, const QString &commitId)
{
    GitCommitPatch out;
    const auto repository = openSource(caseFile, &out.error);
    if (!repository)
        return out;
    const TerraformSource &source = *caseFile.terraformSource;
    return GitCommitPatches::of(
        *repository, commitId, { source.dir }, source.state.isEmpty() ? QStringList() : QStringList { source.state });
}

} // namespace strata::CommitCatalogs
