#include "GitRemote.h"

#include "core/JobRunner.h"
#include "core/RemoteUrl.h"
#include "git/GitCredentials.h"
#include "git/GitRepository.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

#include <git2.h>

#include <algorithm>
#include <limits>
#include <mutex>

namespace strata::GitRemote {

namespace {

struct Payload
{
    const GitTransferProgress *progress = nullptr;
    bool cancelled = false;
    int credentialCalls = 0;
};

int onTransfer(const git_indexer_progress *stats, void *payload)
{
    auto *p = static_cast<Payload *>(payload);
    if (p->progress && *p->progress
        && !(*p->progress)(
            qint64(stats->received_objects), qint64(stats->total_objects), qint64(stats->received_bytes))) {
        p->cancelled = true;
        return -1;
    }
    return 0;
}

int onCredentials(git_credential **out, const char *url, const char *userFromUrl, unsigned int allowed, void *payload)
{
    auto *p = static_cast<Payload *>(payload);
    // libgit2 asks again after a refusal: twice is enough to know the answer is no.
    if (++p->credentialCalls > 2)
        return GIT_EAUTH;
    const QString user = QString::fromUtf8(userFromUrl ? userFromUrl : "");
    if (allowed & GIT_CREDENTIAL_SSH_KEY)
        return git_credential_ssh_key_from_agent(out, user.isEmpty() ? "git" : userFromUrl);
    if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
        if (const auto c = GitCredentials::fromHelpers(QString::fromUtf8(url), user))
            return git_credential_userpass_plaintext_new(
                out, c->user.toUtf8().constData(), c->password.toUtf8().constData());
    }
    return GIT_PASSTHROUGH; // nothing to offer: libgit2 reports the authentication failure
}

void useCallbacks(git_remote_callbacks &callbacks, Payload &payload)
{
    callbacks.transfer_progress = onTransfer;
    callbacks.credentials = onCredentials;
    callbacks.payload = &payload;
}

char headsSpec[] = "+refs/heads/*:refs/heads/*";
char tagsSpec[] = "+refs/tags/*:refs/tags/*";

// Every branch and tag of `url` into `repo` as its own (a mirror), through
// an anonymous remote: the URL, and any password in it, is never written to
// the copy's configuration. HEAD follows the remote's default branch.
bool fetchInto(git_repository *repo, const QString &url, Payload &payload)
{
    git_remote *remote = nullptr;
    const QByteArray u = url.toUtf8();
    if (git_remote_create_anonymous(&remote, repo, u.constData()) != 0)
        return false;
    git_remote_callbacks callbacks;
    git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION); // the macro trips -Wmissing-field-initializers
    useCallbacks(callbacks, payload);
    git_proxy_options proxy;
    git_proxy_options_init(&proxy, GIT_PROXY_OPTIONS_VERSION);
    proxy.type = GIT_PROXY_AUTO; // the user's git configuration and *_proxy variables, as git does
    git_fetch_options options;
    git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
    options.callbacks = callbacks;
    options.proxy_opts = proxy;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
    char *specs[] = { headsSpec, tagsSpec };
    const git_strarray refspecs { specs, 2 };
    bool ok = git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, &proxy, nullptr) == 0
        && git_remote_download(remote, &refspecs, &options) == 0
        && git_remote_update_tips(remote, &callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_ALL, nullptr) == 0
        && git_remote_prune(remote, &callbacks) == 0;
    if (ok) {
        git_buf head = {};
        if (git_remote_default_branch(&head, remote) == 0)
            git_repository_set_head(repo, head.ptr);
        git_buf_dispose(&head);
    }
    git_remote_disconnect(remote);
    git_remote_free(remote);
    return ok;
}

QString failure(const QString &url, const Payload &payload, const QString &what)
{
    if (payload.cancelled)
        return QStringLiteral("%1 of %2 was cancelled").arg(what, RemoteUrl::redacted(url));
    // libgit2's message may quote the URL it was given: say it without a password.
    QString message = lastGitError(QStringLiteral("unknown error"));
    message.replace(url, RemoteUrl::redacted(url));
    return QStringLiteral("%1 of %2 failed: %3").arg(what, RemoteUrl::redacted(url), message);
}

// Two imports of one case (its code and its state) may ask at once: the
// second waits for the first.
std::mutex &syncMutex()
{
    static std::mutex m;
    return m;
}

} // namespace

GitTransferProgress jobProgress(const JobContext *context)
{
    return [context](qint64 received, qint64 total, qint64) {
        constexpr qint64 most = std::numeric_limits<int>::max();
        if (context)
            context->reportProgress(int(std::min(received, most)), int(std::min(total, most)));
        return !(context && context->isCancelled());
    };
}

GitSyncResult sync(const QString &url, const GitTransferProgress &progress, Mode mode)
{
    GitSyncResult result;
    const QString folder = RemoteUrl::cacheFolder(url);
    std::lock_guard<std::mutex> guard(syncMutex());
    if (QDir().mkpath(QFileInfo(folder).path()) == false) {
        result.error = QStringLiteral("cannot create the cache folder %1").arg(QFileInfo(folder).path());
        return result;
    }
    QLockFile lock(folder + QStringLiteral(".lock")); // another Strata syncing the same copy
    lock.setStaleLockTime(0); // only a dead holder's lock is stale: a long clone keeps its lock
    if (!lock.lock()) {
        result.error = QStringLiteral("cannot lock %1").arg(folder);
        return result;
    }
    Payload payload;
    payload.progress = &progress;
    const bool exists = QFileInfo(folder + QStringLiteral("/HEAD")).isFile();
    if (exists) {
        result.path = folder;
        if (mode == Mode::CloneIfMissing)
            return result;
        git_repository *repo = nullptr;
        if (git_repository_open_bare(&repo, QFile::encodeName(folder).constData()) != 0
            || !fetchInto(repo, url, payload))
            result.error = failure(url, payload, QStringLiteral("fetching"));
        else
            result.fetched = true;
        result.cancelled = payload.cancelled;
        git_repository_free(repo);
        return result;
    }

    // Cloned beside the final folder and renamed into place when whole.
    const QString partial = folder + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    git_repository *repo = nullptr;
    const bool ok
        = git_repository_init(&repo, QFile::encodeName(partial).constData(), 1) == 0 && fetchInto(repo, url, payload);
    git_repository_free(repo);
    if (!ok) {
        result.error = failure(url, payload, QStringLiteral("cloning"));
        result.cancelled = payload.cancelled;
        QDir(partial).removeRecursively();
        return result;
    }
    if (!QDir().rename(partial, folder)) {
        result.error = QStringLiteral("cannot move the clone into %1").arg(folder);
        QDir(partial).removeRecursively();
        return result;
    }
    result.path = folder;
    result.cloned = true;
    return result;
}

} // namespace strata::GitRemote
