#pragma once

#include "git/GitCommit.h"

#include <QList>
#include <QString>

namespace strata {

class GitRepository;

// A branch, tag or remote-tracking branch and the commit it names, as the
// commit picker lists them.
struct GitReference
{
    enum class Kind { Branch, RemoteBranch, Tag };
    Kind kind = Kind::Branch;
    QString name; // short: "main", "origin/main", "v1.2"
    QString commitId; // peeled to the commit (an annotated tag's target)
    bool isHead = false; // the branch HEAD is on
};

namespace GitReferences {
// Every branch, remote-tracking branch and tag that names a commit: local
// branches first, then remote ones, then tags, each sorted by name. Tags
// of trees or blobs are left out. Empty with the reason on failure.
QList<GitReference> list(const GitRepository &repository, QString *error);
QString kindName(GitReference::Kind kind);
} // namespace GitReferences

} // namespace strata
