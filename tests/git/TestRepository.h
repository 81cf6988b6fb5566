#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

struct git_repository;

// A real git repository that a test builds with libgit2: files written into
// its work tree, commits with chosen authors, times and time zones, branches
// and tags. Freed (not deleted: the test's QTemporaryDir owns the folder).
class TestRepository
{
public:
    explicit TestRepository(const QString &folder);
    ~TestRepository();
    TestRepository(const TestRepository &) = delete;
    TestRepository &operator=(const TestRepository &) = delete;

    QString folder() const { return m_folder; }

    void write(const QString &path, const QByteArray &bytes);
    void remove(const QString &path);
    void symlink(const QString &path, const QString &target);
    // A submodule entry (mode 160000) at `path`, as `git submodule add` leaves in the index.
    void addGitlink(const QString &path, const QString &commitId);
    // Stages the whole work tree and commits it on HEAD's branch; the new id.
    // `mergeParent` makes it a merge of HEAD and that commit.
    QString commit(
        const QString &message, const QString &author, const QDateTime &when, const QString &mergeParent = QString());
    void branch(const QString &name, const QString &commitId);
    void checkoutBranch(const QString &name); // HEAD only; the work tree is left as it is
    void lightweightTag(const QString &name, const QString &commitId);
    void annotatedTag(const QString &name, const QString &commitId, const QString &message);

private:
    git_repository *m_repo = nullptr;
    QList<QPair<QString, QString>> m_gitlinks; // path, commit id: kept in every later commit
    QString m_folder;
};
