#pragma once

#include "git/FileTree.h"

namespace strata {

// A FileTree over a folder on disk. `displayRoot` is how the user wrote the
// folder (the case file's path), so messages keep the user's spelling.
// Symbolic links are followed only while they stay inside the folder.
class FolderTree : public FileTree
{
public:
    FolderTree(const QString &root, const QString &displayRoot);

    EntryType type(const QString &path) const override;
    QString whyNotRead(const QString &path) const override;
    QStringList fileNames(const QString &folder) const override;
    FileContents read(const QString &path, qint64 limit) const override;
    QString displayPath(const QString &path) const override;

private:
    QString absolute(const QString &path) const;
    bool insideRoot(const QString &absolutePath) const;

    QString m_root; // canonical
    QString m_displayRoot;
};

} // namespace strata
