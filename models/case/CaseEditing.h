#pragma once

#include "case/CaseFile.h"

#include <QStringList>

namespace strata {

// The edits the window makes to a case (File ▸ New Case, Add Evidence, a
// drop, Remove, a role chosen in the Evidence dock), as functions on the
// plain CaseFile value: undo keeps the value before, redo the value after.
namespace CaseEditing {

// A new, empty case that will be saved as `folder`/case.yaml, titled after the folder.
CaseFile newCase(const QString &folder);

// Adds each path (a file, or a folder of .tf files) not already listed, with
// the role left to detection. Paths inside the case's folder are written
// relative to it, others absolute. Returns how many were added.
int addEvidence(CaseFile &caseFile, const QStringList &paths);

bool removeEvidence(CaseFile &caseFile, int index);
bool setRole(CaseFile &caseFile, int index, EvidenceRole role);
// Gives `context` the live or replica role (Unspecified: no role), taking it
// from the context that had it; a context holds one role at a time.
bool setContextRole(CaseFile &caseFile, const QString &context, EvidenceRole role);

// Whether a dropped file is a Strata case to open rather than evidence to add:
// YAML whose first mapping key is `strata`.
bool looksLikeCaseFile(const QString &path);

} // namespace CaseEditing

} // namespace strata
