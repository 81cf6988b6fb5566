#pragma once

#include <QString>

namespace strata {

// A repository named by URL rather than by a folder: `https://…`, `http://…`,
// `ssh://…`, `git://…`, `file://…`, or scp-like `git@host:path`. Strata
// keeps its own clone of each in the user's cache folder. Pure text: the
// cloning itself is models/git/GitRemote.
namespace RemoteUrl {
bool isUrl(const QString &repository);
// The URL without a user's password or token: over http(s) without any
// user information (`https://user:tok@host/x`, `https://tok@host/x` →
// `https://host/x`), over ssh with the user name only. What messages, the
// case's outputs and the cache folder's name may contain.
QString redacted(const QString &url);
// `$XDG_CACHE_HOME/strata/repositories/<host-path>-<hash>`: one folder per
// URL (credentials left out of both the name and the hash).
QString cacheFolder(const QString &url);
} // namespace RemoteUrl

} // namespace strata
