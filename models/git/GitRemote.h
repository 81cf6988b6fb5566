#pragma once

#include <QString>

#include <functional>

namespace strata {

// What bringing a remote repository up to date did.
struct GitSyncResult
{
    QString path; // the local copy (a bare repository in the cache); empty when there is none
    QString error; // why it could not be cloned or fetched (the copy, if any, is then older)
    bool cloned = false;
    bool fetched = false;
    bool cancelled = false;
};

// Called while objects arrive: received and total objects, bytes so far.
// Returning false cancels.
using GitTransferProgress = std::function<bool(qint64 received, qint64 total, qint64 bytes)>;

// A repository named by URL (RemoteUrl): cloned once into the user's cache
// folder (bare, every branch and tag), fetched — not cloned again — next
// time. Credentials come from the SSH agent or git's credential helpers
// (GitCredentials), never from Strata, which stores none: the copy's
// configuration does not keep the URL's password. TLS certificates are
// verified as libgit2 does by default, never switched off. A clone that
// fails or is cancelled leaves nothing behind.
class JobContext;

namespace GitRemote {
// Progress and cancel of a background job, as a GitTransferProgress.
GitTransferProgress jobProgress(const JobContext *context);

enum class Mode {
    CloneOrFetch, // bring the copy up to date
    CloneIfMissing, // use the copy as it is (another reader of the same analysis fetched it)
};
// Waits while another thread of this process syncs the same URL, and while
// another Strata holds its lock.
GitSyncResult sync(const QString &url, const GitTransferProgress &progress = {}, Mode mode = Mode::CloneOrFetch);
} // namespace GitRemote

} // namespace strata
