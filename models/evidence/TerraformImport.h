#pragma once

#include "case/CaseFile.h"
#include "evidence/EntryImport.h"
#include "git/FileTree.h"
#include "git/GitRemote.h"

namespace strata {
class JobContext;
}

namespace strata::TerraformImport {

// Terraform state and code each feed their own column, whatever role the
// case gives them: a different role is a warning.
void warnAboutRole(EvidenceKind kind, const QString &path, EvidenceRole role, ImportedEvidence &out);

// A Terraform state's bytes (freed once parsed) into the state column.
void importState(QByteArray &text, const QString &path, EvidenceRole role, EvidenceSet &set, ImportedEvidence &out);

// The stack in `folder` of `tree`: its .tf files, then terraform.tfvars,
// *.auto.tfvars and `extraVars` (names inside the folder), into the code
// column. `display` names the stack in messages and as the column's origin.
void importCode(const FileTree &tree, const QString &folder, const QStringList &extraVars, const QString &display,
    EvidenceRole role, EvidenceSet &set, ImportedEvidence &out);

// `sources.terraform`: the stack's code (and, when the source names one, its
// state) at the resolved commit of a git repository, or from a plain folder
// when the repository is not one. Reads the same way as the evidence entries
// above, so a commit and a checkout of it give the same analysis.
// `context`: progress while a URL is cloned or fetched, and cancel.
// `synced`: the URL already cloned or fetched for this analysis (so code and
// state are read from one copy); without it a URL's copy is used as it is
// (cloned only when there is none).
EntryImport importSourceCode(
    const CaseFile &caseFile, const JobContext *context = nullptr, const GitSyncResult *synced = nullptr);
EntryImport importSourceState(const CaseFile &caseFile, const JobContext *context = nullptr);

} // namespace strata::TerraformImport
