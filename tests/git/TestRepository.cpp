#include "TestRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <git2.h>

#include <unistd.h>

namespace {

void check(int rc, const char *what)
{
    if (rc != 0) {
        const git_error *e = git_error_last();
        qFatal("%s failed: %s", what, e && e->message ? e->message : "unknown");
    }
}

git_oid oidOf(const QString &id)
{
    git_oid oid;
    check(git_oid_fromstr(&oid, id.toLatin1().constData()), "git_oid_fromstr");
    return oid;
}

QString idText(const git_oid &oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, &oid);
    return QString::fromLatin1(text);
}

} // namespace

TestRepository::TestRepository(const QString &folder)
    : m_folder(folder)
{
    git_libgit2_init();
    QDir().mkpath(folder);
    git_repository_init_options options;
    git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    check(git_repository_init_ext(&m_repo, QFile::encodeName(folder).constData(), &options), "git init");
}

TestRepository::~TestRepository()
{
    git_repository_free(m_repo);
    git_libgit2_shutdown();
}

void TestRepository::write(const QString &path, const QByteArray &bytes)
{
    const QString full = m_folder + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(full).absolutePath());
    QFile f(full);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(full));
}

void TestRepository::remove(const QString &path)
{
    QFile::remove(m_folder + QLatin1Char('/') + path);
}

void TestRepository::symlink(const QString &path, const QString &target)
{
    const QString full = m_folder + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(full).absolutePath());
    if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(full).constData()) != 0)
        qFatal("cannot link %s", qPrintable(full));
}

void TestRepository::addGitlink(const QString &path, const QString &commitId)
{
    m_gitlinks.append({ path, commitId });
}

QString TestRepository::commit(
    const QString &message, const QString &author, const QDateTime &when, const QString &mergeParent)
{
    git_index *index = nullptr;
    check(git_repository_index(&index, m_repo), "git_repository_index");
    check(git_index_add_all(index, nullptr, GIT_INDEX_ADD_FORCE, nullptr, nullptr), "git add");
    check(git_index_update_all(index, nullptr, nullptr, nullptr), "git add -u");
    for (const auto &[path, commitId] : std::as_const(m_gitlinks)) {
        git_index_entry entry = {};
        const QByteArray p = path.toUtf8();
        entry.path = p.constData();
        entry.mode = GIT_FILEMODE_COMMIT;
        entry.id = oidOf(commitId);
        check(git_index_add(index, &entry), "git_index_add gitlink");
    }
    git_oid treeId;
    check(git_index_write_tree(&treeId, index), "git write-tree");
    check(git_index_write(index), "git_index_write");
    git_index_free(index);
    git_tree *tree = nullptr;
    check(git_tree_lookup(&tree, m_repo, &treeId), "git_tree_lookup");

    git_signature *sig = nullptr;
    const QString email = author.toLower().replace(QLatin1Char(' '), QLatin1Char('.')) + QStringLiteral("@example.com");
    check(git_signature_new(&sig, author.toUtf8().constData(), email.toUtf8().constData(), when.toSecsSinceEpoch(),
              when.offsetFromUtc() / 60),
        "git_signature_new");
    git_commit *parent = nullptr;
    git_oid headId;
    const bool hasParent = git_reference_name_to_id(&headId, m_repo, "HEAD") == 0;
    if (hasParent)
        check(git_commit_lookup(&parent, m_repo, &headId), "git_commit_lookup");
    git_commit *other = nullptr;
    if (!mergeParent.isEmpty()) {
        const git_oid otherId = oidOf(mergeParent);
        check(git_commit_lookup(&other, m_repo, &otherId), "git_commit_lookup merge parent");
    }
    const git_commit *parents[] = { parent, other };
    git_oid id;
    check(git_commit_create(&id, m_repo, "HEAD", sig, sig, nullptr, message.toUtf8().constData(), tree,
              hasParent ? (other ? 2 : 1) : 0, parents),
        "git commit");
    git_commit_free(other);
    git_commit_free(parent);
    git_signature_free(sig);
    git_tree_free(tree);
    return idText(id);
}

void TestRepository::branch(const QString &name, const QString &commitId)
{
    git_commit *c = nullptr;
    const git_oid oid = oidOf(commitId);
    check(git_commit_lookup(&c, m_repo, &oid), "git_commit_lookup");
    git_reference *ref = nullptr;
    check(git_branch_create(&ref, m_repo, name.toUtf8().constData(), c, 0), "git branch");
    git_reference_free(ref);
    git_commit_free(c);
}

void TestRepository::checkoutBranch(const QString &name)
{
    check(git_repository_set_head(m_repo, (QStringLiteral("refs/heads/") + name).toUtf8().constData()),
        "git_repository_set_head");
}

void TestRepository::lightweightTag(const QString &name, const QString &commitId)
{
    git_object *target = nullptr;
    const git_oid oid = oidOf(commitId);
    check(git_object_lookup(&target, m_repo, &oid, GIT_OBJECT_COMMIT), "git_object_lookup");
    git_oid tagId;
    check(git_tag_create_lightweight(&tagId, m_repo, name.toUtf8().constData(), target, 0), "git tag");
    git_object_free(target);
}

void TestRepository::annotatedTag(const QString &name, const QString &commitId, const QString &message)
{
    git_object *target = nullptr;
    const git_oid oid = oidOf(commitId);
    check(git_object_lookup(&target, m_repo, &oid, GIT_OBJECT_COMMIT), "git_object_lookup");
    git_signature *sig = nullptr;
    check(git_signature_new(&sig, "Release Bot", "bot@example.com", 1767225600, 0), "git_signature_new");
    git_oid tagId;
    check(git_tag_create(&tagId, m_repo, name.toUtf8().constData(), target, sig, message.toUtf8().constData(), 0),
        "git tag -a");
    git_signature_free(sig);
    git_object_free(target);
}
