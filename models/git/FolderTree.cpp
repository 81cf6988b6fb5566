#include "FolderTree.h"

#include <QDir>
#include <QFileInfo>

namespace strata {

FolderTree::FolderTree(const QString &root, const QString &displayRoot)
    : m_root(QFileInfo(root).canonicalFilePath())
    , m_displayRoot(displayRoot)
{
    if (m_root.isEmpty())
        m_root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
}

QString FolderTree::absolute(const QString &path) const
{
    return path.isEmpty() ? m_root : m_root + QLatin1Char('/') + path;
}

bool FolderTree::insideRoot(const QString &absolutePath) const
{
    const QString canonical = QFileInfo(absolutePath).canonicalFilePath();
    return canonical == m_root || canonical.startsWith(m_root + QLatin1Char('/'));
}

FileTree::EntryType FolderTree::type(const QString &path) const
{
    const QFileInfo info(absolute(path));
    if (!info.exists() && !info.isSymLink())
        return EntryType::Missing;
    if (info.isSymLink() && (!info.exists() || !insideRoot(info.absoluteFilePath())))
        return EntryType::Other;
    if (info.isDir())
        return EntryType::Folder;
    if (info.isFile())
        return EntryType::File;
    return EntryType::Other;
}

QString FolderTree::whyNotRead(const QString &path) const
{
    const QFileInfo info(absolute(path));
    if (info.isSymLink())
        return QStringLiteral("a symbolic link that leads out of %1").arg(m_displayRoot);
    return QStringLiteral("not a regular file");
}

QStringList FolderTree::fileNames(const QString &folder) const
{
    QStringList out;
    const QDir dir(absolute(folder));
    const QDir::Filters filter = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    for (const QString &name : dir.entryList(filter, QDir::Name)) {
        if (type(joinTreePath(folder, name)) != EntryType::Folder)
            out.append(name);
    }
    return out;
}

FileContents FolderTree::read(const QString &path, qint64 limit) const
{
    if (type(path) == EntryType::Other) {
        FileContents refused;
        refused.error = whyNotRead(path);
        return refused;
    }
    return readRegularFile(absolute(path), limit);
}

QString FolderTree::displayPath(const QString &path) const
{
    if (path.isEmpty())
        return m_displayRoot;
    // A module beside the stack (`source = "../modules/x"`) is named as the user would.
    if (path.startsWith(QLatin1String("..")))
        return QDir::cleanPath(m_displayRoot + QLatin1Char('/') + path);
    return m_displayRoot + QLatin1Char('/') + path;
}

} // namespace strata
