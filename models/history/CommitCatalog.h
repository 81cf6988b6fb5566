#pragma once

#include "case/CaseFile.h"
#include "git/GitCommit.h"
#include "git/GitCommitPatch.h"
#include "git/GitReferences.h"

#include <QHash>

namespace strata {

class JobContext;

// What the commit picker offers for a case's `sources.terraform`: the
// repository's branches and tags with the commits they name, and the log
// from the case's ref, newest first. Read on a worker thread.
struct CommitCatalog
{
    QList<GitReference> references;
    QHash<QString, GitCommit> referenced; // id → commit, for every reference
    QList<GitCommit> log; // from the case's ref (HEAD when none), newest first, at most the limit
    bool more = false; // the log goes on past the limit
    QString current; // the id the case's ref resolves to
    QString error; // why there is nothing to pick from
};

namespace CommitCatalogs {
constexpr int defaultLimit = 5000;
CommitCatalog read(const CaseFile &caseFile, int limit = defaultLimit, const JobContext *context = nullptr);
// What `commitId` changed in the stack's folder (`git show ID -- DIR`).
GitCommitPatch patch(const CaseFile &caseFile, const QString &commitId);
} // namespace CommitCatalogs

} // namespace strata
