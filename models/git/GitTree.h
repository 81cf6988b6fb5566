#pragma once

#include "git/FileTree.h"

#include <memory>

struct git_tree;

namespace strata {

class GitRepository;

// A FileTree over the tree of one commit, read from the object database:
// what the commit holds, whatever the work tree says. Symbolic links and
// submodules are entries of type Other (git stores a link's target as text
// and a submodule as another repository's commit id; neither is a file here).
class GitTree : public FileTree
{
public:
    // Takes ownership of `root`; keeps `repository` open while it lives.
    GitTree(std::shared_ptr<const GitRepository> repository, git_tree *root, const QString &shortId);
    ~GitTree() override;
    GitTree(const GitTree &) = delete;
    GitTree &operator=(const GitTree &) = delete;

    EntryType type(const QString &path) const override;
    QString whyNotRead(const QString &path) const override;
    QStringList fileNames(const QString &folder) const override;
    FileContents read(const QString &path, qint64 limit) const override;
    QString displayPath(const QString &path) const override;

private:
    std::shared_ptr<const GitRepository> m_repository;
    git_tree *m_root;
    QString m_shortId;
};

} // namespace strata
