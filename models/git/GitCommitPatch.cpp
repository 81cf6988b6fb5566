#include "GitCommitPatch.h"

#include "core/ControlCharacters.h"
#include "git/GitRepository.h"

#include <git2.h>

#include <vector>

namespace strata::GitCommitPatches {

namespace {

// Terraform's own names for state and its backups (`terraform.tfstate`,
// `terraform.tfstate.backup`, `terraform.tfstate.1700000000.backup`), and
// any file the caller knows to be state.
bool isStateFile(const QString &path, const QStringList &stateFiles)
{
    return path.contains(QLatin1String(".tfstate")) || stateFiles.contains(path);
}

const QString maskedKey = QStringLiteral("•••• (a private key, not shown)");

struct Printer
{
    GitCommitPatch *out = nullptr;
    const QStringList *stateFiles = nullptr;
    QString currentFile;
    bool currentIsState = false;
    bool cut = false;
    QList<QPair<char, QString>> hunk; // the lines of the hunk being read: origin, text

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

    // A private key's lines are masked from its BEGIN line to its END line.
    // A hunk can start inside a key (an END with no BEGIN before it): then
    // everything before that END is masked too.
    void flushHunk()
    {
        const auto isBegin = [](const QString &t) {
            return t.contains(QLatin1String("-----BEGIN")) && t.contains(QLatin1String("PRIVATE KEY-----"));
        };
        const auto isEnd = [](const QString &t) {
            return t.contains(QLatin1String("-----END")) && t.contains(QLatin1String("PRIVATE KEY-----"));
        };
        for (qsizetype i = 0; i < hunk.size(); ++i) {
            if (isBegin(hunk.at(i).second))
                break;
            if (isEnd(hunk.at(i).second)) {
                for (qsizetype j = 0; j <= i; ++j)
                    hunk[j].second = maskedKey;
                break;
            }
        }
        bool inKey = false;
        for (auto &[origin, text] : hunk) {
            if (isBegin(text))
                inKey = true;
            if (inKey) {
                inKey = !isEnd(text);
                text = maskedKey;
            }
            append(origin == 'H' ? QString(text + QLatin1Char('\n'))
                                 : QString(QChar::fromLatin1(origin) + text + QLatin1Char('\n')));
        }
        hunk.clear();
    }

    void line(const git_diff_delta *delta, const git_diff_line *l)
    {
        const QString path = QString::fromUtf8(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
        if (path != currentFile) {
            flushHunk();
            currentFile = path;
            currentIsState = isStateFile(path, *stateFiles);
            out->files.append(path);
            if (currentIsState)
                append(QStringLiteral("state file %1 changed: not shown (state holds sensitive values in plain "
                                      "text; `strata history --state` shows its serials)\n")
                           .arg(escapeControlCharacters(path)));
        }
        if (currentIsState)
            return;
        const QString content = QString::fromUtf8(l->content, int(l->content_len));
        QString text = escapeControlCharacters(content, true);
        if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        switch (l->origin) {
        case GIT_DIFF_LINE_CONTEXT:
        case GIT_DIFF_LINE_ADDITION:
        case GIT_DIFF_LINE_DELETION:
            hunk.append({ l->origin, text });
            break;
        case GIT_DIFF_LINE_CONTEXT_EOFNL:
        case GIT_DIFF_LINE_ADD_EOFNL:
        case GIT_DIFF_LINE_DEL_EOFNL:
            hunk.append({ 'H', QStringLiteral("\\ No newline at end of file") });
            break;
        case GIT_DIFF_LINE_HUNK_HDR:
            flushHunk();
            hunk.append({ 'H', text });
            break;
        default: // file headers, binary notes: whole lines of their own
            flushHunk();
            append(text + QLatin1Char('\n'));
        }
    }
};

} // namespace

GitCommitPatch of(
    const GitRepository &repository, const QString &commitId, const QStringList &folders, const QStringList &stateFiles)
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
            printer.stateFiles = &stateFiles;
            git_diff_print(
                diff, GIT_DIFF_FORMAT_PATCH,
                [](const git_diff_delta *delta, const git_diff_hunk *, const git_diff_line *line, void *payload) {
                    static_cast<Printer *>(payload)->line(delta, line);
                    return 0;
                },
                &printer);
            printer.flushHunk();
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
