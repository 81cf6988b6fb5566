#include "GitReferences.h"

#include "git/GitRepository.h"

#include <git2.h>

#include <algorithm>

namespace strata::GitReferences {

QString kindName(GitReference::Kind kind)
{
    switch (kind) {
    case GitReference::Kind::Branch:
        return QStringLiteral("branch");
    case GitReference::Kind::RemoteBranch:
        return QStringLiteral("remote branch");
    case GitReference::Kind::Tag:
        return QStringLiteral("tag");
    }
    return {};
}

QList<GitReference> list(const GitRepository &repository, QString *error)
{
    QList<GitReference> out;
    git_reference_iterator *it = nullptr;
    if (git_reference_iterator_new(&it, repository.handle()) != 0) {
        if (error)
            *error = lastGitError();
        return out;
    }
    git_reference *ref = nullptr;
    while (git_reference_next(&ref, it) == 0) {
        GitReference r;
        bool wanted = true;
        if (git_reference_is_branch(ref))
            r.kind = GitReference::Kind::Branch;
        else if (git_reference_is_remote(ref))
            r.kind = GitReference::Kind::RemoteBranch;
        else if (git_reference_is_tag(ref))
            r.kind = GitReference::Kind::Tag;
        else
            wanted = false; // notes, stashes, HEAD itself
        git_object *target = nullptr;
        if (wanted && git_reference_peel(&target, ref, GIT_OBJECT_COMMIT) == 0) {
            char id[GIT_OID_HEXSZ + 1] = {};
            git_oid_tostr(id, sizeof id, git_object_id(target));
            r.commitId = QString::fromLatin1(id);
            r.name = QString::fromUtf8(git_reference_shorthand(ref));
            r.isHead = r.kind == GitReference::Kind::Branch && git_branch_is_head(ref) == 1;
            // A remote's own HEAD ("origin/HEAD") repeats a branch listed anyway.
            if (!(r.kind == GitReference::Kind::RemoteBranch && r.name.endsWith(QLatin1String("/HEAD"))))
                out.append(r);
        }
        git_object_free(target);
        git_reference_free(ref);
    }
    git_reference_iterator_free(it);
    std::sort(out.begin(), out.end(), [](const GitReference &a, const GitReference &b) {
        return a.kind != b.kind ? int(a.kind) < int(b.kind) : a.name < b.name;
    });
    return out;
}

} // namespace strata::GitReferences
