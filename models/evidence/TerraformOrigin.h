#pragma once

#include "git/GitCommit.h"

#include <QString>
#include <QStringList>

namespace strata {

// Where `sources.terraform` read the code and state from: shown on the Code
// column, in the Sources dock and in every output, so a result can be
// reproduced at the same commit.
struct TerraformOrigin
{
    QString repository; // as the case names it
    QString ref; // as written; empty means HEAD
    QString folder; // the stack's folder inside the repository
    bool git = false; // false: a plain folder, read without history
    bool workTree = false; // read from the work tree on disk (`worktree: true`)
    GitCommit commit; // the resolved commit (git only; the work tree's HEAD with workTree)
    QStringList workTreeChanges; // files under `folder` whose work tree differs from the commit

    // For the Code column's header: "main @ a1b2c3d · ⚠ work tree differs: 2 files".
    QString remark() const
    {
        if (!git)
            return QStringLiteral("no git history");
        const QString at = QStringLiteral("%1 @ %2").arg(ref.isEmpty() ? QStringLiteral("HEAD") : ref, commit.shortId);
        if (workTree)
            return QStringLiteral("work tree (%1 changed since HEAD @ %2)")
                .arg(workTreeChanges.size() == 1 ? QStringLiteral("1 file")
                                                 : QStringLiteral("%1 files").arg(workTreeChanges.size()),
                    commit.shortId);
        if (workTreeChanges.isEmpty())
            return at;
        return QStringLiteral("%1 · ⚠ work tree differs: %2")
            .arg(at,
                workTreeChanges.size() == 1 ? QStringLiteral("1 file")
                                            : QStringLiteral("%1 files").arg(workTreeChanges.size()));
    }

    // For the State column's header: the commit when `path` was read from it.
    QString remarkFor(const QString &path) const
    {
        if (git && !workTree && path.startsWith(commit.shortId + QLatin1Char(':')))
            return QStringLiteral("%1 @ %2").arg(ref.isEmpty() ? QStringLiteral("HEAD") : ref, commit.shortId);
        return {};
    }

    // "../infra at main = a1b2c3d (Ana Lima, 2026-11-03 14:05:09 +0100): Raise the cart limit"
    QString describe() const
    {
        if (!git)
            return QStringLiteral("%1 (a folder, not a git repository: no history)").arg(repository);
        const QString at = workTree
            ? QStringLiteral("the work tree of %1").arg(repository)
            : QStringLiteral("%1 at %2").arg(repository, ref.isEmpty() ? QStringLiteral("HEAD") : ref);
        return QStringLiteral("%1 = %2 (%3, %4): %5")
            .arg(at, commit.shortId, commit.author, commit.timeText(), commit.subject);
    }
};

} // namespace strata
