#pragma once

#include <QString>
#include <QStringList>

namespace strata {

class GitRepository;

// What one commit changed under some folders, as `git show COMMIT -- DIR`
// prints it (a unified diff against its first parent; a root commit against
// nothing), for the History panel. Terraform state files are not shown (they
// hold what state marks sensitive in plain text: a line says the state
// changed), and the lines of a PEM private key are masked.
struct GitCommitPatch
{
    QString text; // the patch; empty when nothing under the folders changed
    QStringList files; // the paths it touched, state files included
    QString error; // why there is no patch; empty when it was made
};

namespace GitCommitPatches {
// `stateFiles`: paths (in the repository) that are state whatever their name.
GitCommitPatch of(const GitRepository &repository, const QString &commitId, const QStringList &folders,
    const QStringList &stateFiles = {});
// Patches larger than this are cut, with a line that says so.
constexpr qsizetype maxCharacters = 2 * 1024 * 1024;
} // namespace GitCommitPatches

} // namespace strata
