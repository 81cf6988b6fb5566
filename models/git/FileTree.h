#pragma once

#include "core/RegularFile.h"

#include <QString>
#include <QStringList>

namespace strata {

// The files of a Terraform stack, wherever they live: a folder on disk
// (FolderTree) or the tree of one git commit (GitTree). The Terraform code
// and state readers see only this, so a commit and a checkout of it give the
// same analysis. Paths are relative to the tree's root, '/'-separated; ""
// is the root itself.
class FileTree
{
public:
    enum class EntryType {
        Missing,
        File, // a regular file (or, on disk, a symlink to one inside the tree)
        Folder,
        Other, // a symlink out of the tree, a submodule, a device: never read
    };

    virtual ~FileTree() = default;

    virtual EntryType type(const QString &path) const = 0;
    // Why an entry of type Other is not read ("a submodule", "a symbolic link").
    virtual QString whyNotRead(const QString &path) const = 0;
    // The entries directly in `folder` that are not folders, sorted by name:
    // regular files and Others, so a reader can say why it skipped one.
    virtual QStringList fileNames(const QString &folder) const = 0;
    // A file's bytes, refused past `limit` with the reason in `error`.
    virtual FileContents read(const QString &path, qint64 limit) const = 0;
    // How messages and locations name a file of this tree:
    // "terraform/platform/main.tf" on disk, "a1b2c3d:terraform/platform/main.tf"
    // in a commit (what `git show` takes).
    virtual QString displayPath(const QString &path) const = 0;
};

// Joins tree paths: ("a/b", "c.tf") → "a/b/c.tf"; ("", "c.tf") → "c.tf".
QString joinTreePath(const QString &folder, const QString &name);

} // namespace strata
