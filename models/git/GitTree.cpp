#include "GitTree.h"

#include "git/GitRepository.h"

#include <git2.h>

namespace strata {

namespace {

// A tree entry looked up by path, freed on scope exit.
struct EntryByPath
{
    git_tree_entry *entry = nullptr;

    EntryByPath(git_tree *root, const QString &path)
    {
        if (!path.isEmpty())
            git_tree_entry_bypath(&entry, root, path.toUtf8().constData());
    }
    ~EntryByPath() { git_tree_entry_free(entry); }
    EntryByPath(const EntryByPath &) = delete;
    EntryByPath &operator=(const EntryByPath &) = delete;
};

FileTree::EntryType typeOfMode(git_filemode_t mode)
{
    switch (mode) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        return FileTree::EntryType::File;
    case GIT_FILEMODE_TREE:
        return FileTree::EntryType::Folder;
    default:
        return FileTree::EntryType::Other;
    }
}

} // namespace

GitTree::GitTree(std::shared_ptr<const GitRepository> repository, git_tree *root, const QString &shortId)
    : m_repository(std::move(repository))
    , m_root(root)
    , m_shortId(shortId)
{
}

GitTree::~GitTree()
{
    git_tree_free(m_root);
}

FileTree::EntryType GitTree::type(const QString &path) const
{
    if (path.isEmpty())
        return EntryType::Folder;
    const EntryByPath e(m_root, path);
    return e.entry ? typeOfMode(git_tree_entry_filemode(e.entry)) : EntryType::Missing;
}

QString GitTree::whyNotRead(const QString &path) const
{
    const EntryByPath e(m_root, path);
    if (!e.entry)
        return QStringLiteral("not in commit %1").arg(m_shortId);
    switch (git_tree_entry_filemode(e.entry)) {
    case GIT_FILEMODE_LINK:
        return QStringLiteral("a symbolic link in the commit; links are not followed");
    case GIT_FILEMODE_COMMIT:
        return QStringLiteral("a submodule (a commit of another repository); its files are not read");
    default:
        return QStringLiteral("not a regular file");
    }
}

QStringList GitTree::fileNames(const QString &folder) const
{
    git_tree *tree = m_root;
    git_object *sub = nullptr;
    if (!folder.isEmpty()) {
        const EntryByPath e(m_root, folder);
        if (!e.entry || git_tree_entry_type(e.entry) != GIT_OBJECT_TREE
            || git_tree_entry_to_object(&sub, m_repository->handle(), e.entry) != 0)
            return {};
        tree = reinterpret_cast<git_tree *>(sub);
    }
    QStringList out;
    const size_t n = git_tree_entrycount(tree);
    for (size_t i = 0; i < n; ++i) {
        const git_tree_entry *e = git_tree_entry_byindex(tree, i);
        if (typeOfMode(git_tree_entry_filemode(e)) != EntryType::Folder)
            out.append(QString::fromUtf8(git_tree_entry_name(e)));
    }
    git_object_free(sub);
    out.sort(); // git orders by bytes with folders as "name/"; files alone sort the same way
    return out;
}

FileContents GitTree::read(const QString &path, qint64 limit) const
{
    FileContents out;
    const EntryByPath e(m_root, path);
    if (!e.entry) {
        out.error = QStringLiteral("not in commit %1").arg(m_shortId);
        return out;
    }
    if (typeOfMode(git_tree_entry_filemode(e.entry)) != EntryType::File) {
        out.error = typeOfMode(git_tree_entry_filemode(e.entry)) == EntryType::Folder
            ? QStringLiteral("a folder, not a file")
            : whyNotRead(path);
        return out;
    }
    git_blob *blob = nullptr;
    if (git_blob_lookup(&blob, m_repository->handle(), git_tree_entry_id(e.entry)) != 0) {
        out.error = QStringLiteral("cannot read the object: %1").arg(lastGitError());
        return out;
    }
    const qint64 size = qint64(git_blob_rawsize(blob));
    if (size > limit) {
        out.error = tooLargeMessage(size, limit);
    } else {
        out.bytes = QByteArray(static_cast<const char *>(git_blob_rawcontent(blob)), size);
    }
    git_blob_free(blob);
    return out;
}

QString GitTree::displayPath(const QString &path) const
{
    return m_shortId + QLatin1Char(':') + path;
}

} // namespace strata
