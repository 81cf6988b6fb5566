#include "GitCommitPatch.h"

#include "core/ControlCharacters.h"
#include "git/GitRepository.h"

#include <git2.h>

#include <vector>

namespace strata::GitCommitPatches {

namespace {

bool isStateFile(const QString &path)
{
    return path.endsWith(QLatin1String(".tfstate")) || path.endsWith(QLatin1String(".tfstate.backup"));
}

struct Printer
{
    GitCommitPatch *out = nullptr;
    QString currentFile;
    bool currentIsState = false;
    bool inPrivateKey = false;
    bool cut = false;

    void append(const QString &line)
    {
        if (cut)
            return;
        if (out->text.size() + line.size() > maxCharacters) {
            out->text += QStringLiteral("… the rest of this commit's changes is not shown (over %1 characters)\n")
                             .arg(maxCharacters);
            cut = true;
            return;
        }
        out->text += line;
    }

    void line(const git_diff_delta *delta, const git_diff_line *l)
    {
        const QString path = QString::fromUtf8(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
        if (path != currentFile) {
            currentFile = path;
            currentIsState = isStateFile(path);
            inPrivateKey = false;
            out->files.append(path);
            if (currentIsState)
                append(QStringLiteral("state file %1 changed: not shown (state holds sensitive values in plain "
                                      "text; `strata history` shows its serials)\n")
                           .arg(escapeControlCharacters(path)));
        }
        if (currentIsState)
            return;
        const QString content = QString::fromUtf8(l->content, int(l->content_len));
        QString text = escapeControlCharacters(content, true);
        if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        // A private key pasted into code is still a key: its lines are masked.
        if (text.contains(QLatin1String("-----BEGIN")) && text.contains(QLatin1String("PRIVATE KEY-----")))
            inPrivateKey = true;
        if (inPrivateKey) {
            if (text.contains(QLatin1String("-----END")))
                inPrivateKey = false;
            text = QStringLiteral("•••• (a private key, not shown)");
        }
        switch (l->origin) {
        case GIT_DIFF_LINE_CONTEXT:
        case GIT_DIFF_LINE_ADDITION:
        case GIT_DIFF_LINE_DELETION:
            append(QChar::fromLatin1(l->origin) + text + QLatin1Char('\n'));
            break;
        case GIT_DIFF_LINE_CONTEXT_EOFNL:
        case GIT_DIFF_LINE_ADD_EOFNL:
        case GIT_DIFF_LINE_DEL_EOFNL:
            append(QStringLiteral("\\ No newline at end of file\n"));
            break;
        default: // file and hunk headers, binary notes: already whole lines
            append(text + QLatin1Char('\n'));
        }
    }
};

} // namespace

GitCommitPatch of(const GitRepository &repository, const QString &commitId, const QStringList &folders)
{
    GitCommitPatch out;
    git_repository *repo = repository.handle();
    git_oid oid;
    git_commit *commit = nullptr;
    if (git_oid_fromstr(&oid, commitId.toLatin1().constData()) != 0 || git_commit_lookup(&commit, repo, &oid) != 0) {
        out.error = QStringLiteral("no commit %1: %2").arg(commitId.left(7), lastGitError());
        return out;
    }
    git_tree *tree = nullptr;
    git_tree *parentTree = nullptr;
    git_commit *parent = nullptr;
    if (git_commit_tree(&tree, commit) != 0) {
        out.error = QStringLiteral("cannot read the tree of %1: %2").arg(commitId.left(7), lastGitError());
    } else if (git_commit_parentcount(commit) > 0) {
        // A shallow clone's boundary has no parent object: shown against nothing, as git does.
        if (git_commit_parent(&parent, commit, 0) == 0)
            git_commit_tree(&parentTree, parent);
    }
    if (out.error.isEmpty()) {
        git_diff_options options;
        git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION); // the macro trips -Wmissing-field-initializers
        QList<QByteArray> specs;
        for (const QString &f : folders) {
            if (!f.isEmpty())
                specs.append((f + QLatin1Char('/')).toUtf8());
        }
        std::vector<char *> paths;
        for (QByteArray &s : specs)
            paths.push_back(s.data());
        if (!paths.empty() && paths.size() == size_t(folders.size())) {
            options.pathspec.strings = paths.data();
            options.pathspec.count = paths.size();
        }
        git_diff *diff = nullptr;
        if (git_diff_tree_to_tree(&diff, repo, parentTree, tree, &options) != 0) {
            out.error = lastGitError();
        } else {
            Printer printer;
            printer.out = &out;
            git_diff_print(
                diff, GIT_DIFF_FORMAT_PATCH,
                [](const git_diff_delta *delta, const git_diff_hunk *, const git_diff_line *line, void *payload) {
                    static_cast<Printer *>(payload)->line(delta, line);
                    return 0;
                },
                &printer);
            git_diff_free(diff);
        }
    }
    git_tree_free(parentTree);
    git_commit_free(parent);
    git_tree_free(tree);
    git_commit_free(commit);
    return out;
}

} // namespace strata::GitCommitPatches
