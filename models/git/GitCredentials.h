#pragma once

#include <QString>

#include <optional>

namespace strata {

// A user name and password (or token) for an https remote, as git's
// credential helpers hand them out. Held in memory for one request, never
// written anywhere by Strata.
struct GitUserPassword
{
    QString user;
    QString password;
};

// Asks the credential helpers configured for git (`credential.helper` in the
// user's and system git configuration, read with libgit2) for `url`, with
// git's helper protocol (`get`, key=value lines on standard input and
// output). A helper is `git-credential-NAME` on PATH or in git's exec
// folder, an absolute path, or `!shell command`. Strata never stores or
// logs what they answer. nullopt when no helper knows.
namespace GitCredentials {
std::optional<GitUserPassword> fromHelpers(const QString &url, const QString &user);
// The helpers configured for `url`, in order (for tests and messages).
QStringList configuredHelpers(const QString &url);
} // namespace GitCredentials

} // namespace strata
