#include "GitRepository.h"

#include "git/GitTree.h"

#include <QFile>
#include <QSet>

#include <git2.h>

#include <mutex>
#include <queue>

namespace strata {

namespace {

// libgit2 is initialised once per process and never shut down: objects may
// outlive any one caller, and shutting down under them would crash.
void initialiseLibgit2()
{
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

QString idText(const git_oid *oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, oid);
    return QString::fromLatin1(text);
}

GitCommit describe(git_commit *c)
{
    GitCommit out;
    out.id = idText(git_commit_id(c));
    out.shortId = out.id.left(7);
    const git_signature *author = git_commit_author(c);
    out.author = QString::fromUtf8(author->name);
    out.email = QString::fromUtf8(author->email);
    out.time = QDateTime::fromSecsSinceEpoch(qint64(author->when.time), Qt::OffsetFromUTC, author->when.offset * 60);
    out.subject = QString::fromUtf8(git_commit_summary(c));
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
        out.parents.append(idText(git_commit_parent_id(c, i)));
    return out;
}

} // namespace

QString GitCommit::timeText() const
{
    const int offset = time.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss "))
        + QStringLiteral("%1%2%3")
              .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
              .arg(minutes / 60, 2, 10, QLatin1Char('0'))
              .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString lastGitError(const QString &fallback)
{
    const git_error *e = git_error_last();
    if (!e || !e->message)
        return fallback.isEmpty() ? QStringLiteral("unknown libgit2 error") : fallback;
    return QString::fromUtf8(e->message);
}

GitRepository::GitRepository(git_repository *repo)
    : m_repo(repo)
{
}

GitRepository::~GitRepository()
{
    git_repository_free(m_repo);
}

std::shared_ptr<GitRepository> GitRepository::open(const QString &path, QString *error)
{
    initialiseLibgit2();
    git_repository *repo = nullptr;
    // Search upwards from `path` like git does, but not across file systems.
    if (git_repository_open_ext(&repo, QFile::encodeName(path).constData(), 0, nullptr) != 0) {
        if (error)
            *error = lastGitError(QStringLiteral("not a git repository"));
        return nullptr;
    }
    return std::shared_ptr<GitRepository>(new GitRepository(repo));
}

QString GitRepository::workDirectory() const
{
    const char *dir = git_repository_workdir(m_repo);
    return dir ? QFile::decodeName(dir) : QString();
}

bool GitRepository::isShallow() const
{
    return git_repository_is_shallow(m_repo) == 1;
}

std::optional<GitCommit> GitRepository::resolve(const QString &ref, QString *error) const
{
    const QByteArray spec = (ref.isEmpty() ? QStringLiteral("HEAD") : ref).toUtf8();
    git_object *object = nullptr;
    if (git_revparse_single(&object, m_repo, spec.constData()) != 0) {
        if (error)
            *error = QStringLiteral("unknown ref '%1': %2").arg(QString::fromUtf8(spec), lastGitError());
        return std::nullopt;
    }
    git_object *peeled = nullptr;
    const int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
    git_object_free(object);
    if (rc != 0) {
        if (error)
            *error = QStringLiteral("'%1' does not name a commit: %2").arg(QString::fromUtf8(spec), lastGitError());
        return std::nullopt;
    }
    GitCommit out = describe(reinterpret_cast<git_commit *>(peeled));
    git_object_free(peeled);
    return out;
}

git_commit *GitRepository::lookup(const QString &id) const
{
    git_oid oid;
    git_commit *c = nullptr;
    if (git_oid_fromstr(&oid, id.toLatin1().constData()) != 0 || git_commit_lookup(&c, m_repo, &oid) != 0)
        return nullptr;
    return c;
}

std::optional<GitCommit> GitRepository::commit(const QString &id, QString *error) const
{
    git_commit *c = lookup(id);
    if (!c) {
        if (error)
            *error = QStringLiteral("no commit %1: %2").arg(id, lastGitError());
        return std::nullopt;
    }
    GitCommit out = describe(c);
    git_commit_free(c);
    return out;
}

git_tree *GitRepository::rootTree(const GitCommit &commit, QString *error) const
{
    git_commit *c = lookup(commit.id);
    git_tree *root = nullptr;
    if (!c || git_commit_tree(&root, c) != 0) {
        if (error)
            *error = QStringLiteral("cannot read the tree of %1: %2").arg(commit.shortId, lastGitError());
        root = nullptr;
    }
    git_commit_free(c);
    return root;
}

std::unique_ptr<FileTree> GitRepository::tree(const GitCommit &commit, QString *error) const
{
    git_tree *root = rootTree(commit, error);
    if (!root)
        return nullptr;
    return std::make_unique<GitTree>(shared_from_this(), root, commit.shortId);
}

std::optional<QStringList> GitRepository::changedInWorkTree(
    const GitCommit &commit, const QString &folder, QString *error) const
{
    if (git_repository_is_bare(m_repo))
        return QStringList();
    git_tree *tree = rootTree(commit, error);
    if (!tree)
        return std::nullopt;
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION); // the macro trips -Wmissing-field-initializers
    options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
    QByteArray pathspec = folder.isEmpty() ? QByteArray() : (folder + QLatin1Char('/')).toUtf8();
    char *paths[] = { pathspec.data() };
    if (!folder.isEmpty()) {
        options.pathspec.strings = paths;
        options.pathspec.count = 1;
    }
    git_diff *diff = nullptr;
    const int rc = git_diff_tree_to_workdir_with_index(&diff, m_repo, tree, &options);
    git_tree_free(tree);
    if (rc != 0) {
        if (error)
            *error = lastGitError();
        return std::nullopt;
    }
    QStringList changed;
    const size_t n = git_diff_num_deltas(diff);
    for (size_t i = 0; i < n; ++i) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        changed.append(QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path));
    }
    git_diff_free(diff);
    return changed;
}

bool GitRepository::walk(
    const GitCommit &from, const std::function<bool(const GitCommit &)> &visit, QString *error) const
{
    // git log's own order: a queue by commit date, parents joining it as
    // their children are shown. Yields from the first commit on; libgit2's
    // sorted revwalk reads the whole history before its first answer.
    struct Queued
    {
        qint64 time;
        quint64 order; // ties: first queued first, as git does
        git_commit *commit;
        bool operator<(const Queued &other) const
        {
            return time != other.time ? time < other.time : order > other.order;
        }
    };
    std::priority_queue<Queued> queue;
    QSet<QString> queued;
    quint64 order = 0;
    bool ok = true;
    const bool shallow = isShallow();
    const auto push = [&](const git_oid *oid) {
        const QString id = idText(oid);
        if (queued.contains(id))
            return;
        queued.insert(id);
        git_commit *c = nullptr;
        if (git_commit_lookup(&c, m_repo, oid) != 0) {
            // A shallow clone's boundary commits name parents it does not have.
            if (shallow)
                return;
            if (error)
                *error = QStringLiteral("cannot read commit %1: %2").arg(id.left(7), lastGitError());
            ok = false;
            return;
        }
        queue.push({ qint64(git_commit_time(c)), order++, c });
    };
    git_oid start;
    if (git_oid_fromstr(&start, from.id.toLatin1().constData()) != 0) {
        if (error)
            *error = QStringLiteral("not a commit id: %1").arg(from.id);
        return false;
    }
    push(&start);
    while (ok && !queue.empty()) {
        git_commit *c = queue.top().commit;
        queue.pop();
        const GitCommit commit = describe(c);
        for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
            push(git_commit_parent_id(c, i));
        git_commit_free(c);
        if (!visit(commit))
            break;
    }
    while (!queue.empty()) {
        git_commit_free(queue.top().commit);
        queue.pop();
    }
    return ok;
}

QString GitRepository::objectIdAt(const QString &commitId, const QString &path) const
{
    git_commit *c = lookup(commitId);
    if (!c)
        return {};
    QString id;
    if (path.isEmpty()) {
        id = idText(git_commit_tree_id(c));
    } else {
        git_tree *root = nullptr;
        git_tree_entry *entry = nullptr;
        if (git_commit_tree(&root, c) == 0 && git_tree_entry_bypath(&entry, root, path.toUtf8().constData()) == 0)
            id = idText(git_tree_entry_id(entry));
        git_tree_entry_free(entry);
        git_tree_free(root);
    }
    git_commit_free(c);
    return id;
}

std::optional<QStringList> GitRepository::changedFiles(
    const QString &fromId, const QString &toId, const QString &folder, QString *error) const
{
    git_tree *from = nullptr;
    git_tree *to = nullptr;
    const auto treeOf = [&](const QString &id, git_tree **out) {
        git_commit *c = lookup(id);
        const bool ok = c && git_commit_tree(out, c) == 0;
        git_commit_free(c);
        return ok;
    };
    if (!treeOf(toId, &to) || (!fromId.isEmpty() && !treeOf(fromId, &from))) {
        if (error)
            *error = lastGitError(QStringLiteral("no such commit"));
        git_tree_free(from);
        git_tree_free(to);
        return std::nullopt;
    }
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION); // the macro trips -Wmissing-field-initializers
    QByteArray pathspec = (folder + QLatin1Char('/')).toUtf8();
    char *paths[] = { pathspec.data() };
    if (!folder.isEmpty()) {
        options.pathspec.strings = paths;
        options.pathspec.count = 1;
    }
    git_diff *diff = nullptr;
    const int rc = git_diff_tree_to_tree(&diff, m_repo, from, to, &options);
    git_tree_free(from);
    git_tree_free(to);
    if (rc != 0) {
        if (error)
            *error = lastGitError();
        return std::nullopt;
    }
    QStringList changed;
    for (size_t i = 0; i < git_diff_num_deltas(diff); ++i) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        changed.append(QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path));
    }
    git_diff_free(diff);
    return changed;
}

} // namespace strata
