#pragma once

#include "git/FileTree.h"
#include "git/GitCommit.h"

#include <functional>
#include <memory>
#include <optional>

struct git_repository;
struct git_tree;
struct git_commit;

namespace strata {

// A git repository opened with libgit2 (never by running `git`): resolves
// refs to commits and reads the tree of a commit. One object per thread:
// libgit2 lets threads share a repository, not the objects read from it.
class GitRepository : public std::enable_shared_from_this<GitRepository>
{
public:
    // The repository at or above `path`: a work tree, its .git folder or a
    // bare repository. nullptr with the reason in `error` when there is none.
    static std::shared_ptr<GitRepository> open(const QString &path, QString *error);
    ~GitRepository();
    GitRepository(const GitRepository &) = delete;
    GitRepository &operator=(const GitRepository &) = delete;

    QString workDirectory() const; // empty for a bare repository
    bool isShallow() const;

    // Anything `git rev-parse` takes that names a commit: a branch, a tag
    // (annotated or not), a full or short id, "HEAD~2", "main@{1}".
    std::optional<GitCommit> resolve(const QString &ref, QString *error) const;
    std::optional<GitCommit> commit(const QString &id, QString *error) const;
    // The files of `commit` (not of the work tree).
    std::unique_ptr<FileTree> tree(const GitCommit &commit, QString *error) const;
    // Files under `folder` whose work-tree or staged content differs from
    // `commit`: "working tree differs from main: 2 files".
    std::optional<QStringList> changedInWorkTree(const GitCommit &commit, const QString &folder, QString *error) const;

    // The commits reachable from `from`, newest commit date first (the order
    // `git log` lists them in), yielded as found: no whole-history pass before
    // the first. `visit` returns false to stop. A shallow clone's walk ends
    // where the clone does.
    bool walk(const GitCommit &from, const std::function<bool(const GitCommit &)> &visit, QString *error) const;
    // The id of the tree or blob at `path` in a commit ("" is its root tree);
    // empty when the commit has nothing there. Equal ids mean equal content,
    // so unchanged folders are recognised without reading a file.
    QString objectIdAt(const QString &commitId, const QString &path) const;
    // The files under `folder` that differ between two commits (`fromId`
    // empty: everything in `toId`), as `git diff --name-only A B -- DIR`.
    std::optional<QStringList> changedFiles(
        const QString &fromId, const QString &toId, const QString &folder, QString *error) const;

    git_repository *handle() const { return m_repo; }

private:
    explicit GitRepository(git_repository *repo);
    // The commit with this full id (the caller frees it), or nullptr.
    git_commit *lookup(const QString &id) const;
    // The commit's root tree (the caller frees it), or nullptr with the reason.
    git_tree *rootTree(const GitCommit &commit, QString *error) const;

    git_repository *m_repo;
};

// libgit2's message for its last failure on this thread, or `fallback`.
QString lastGitError(const QString &fallback = QString());

} // namespace strata
