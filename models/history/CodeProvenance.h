#pragma once

#include "case/CaseFile.h"
#include "diff/ResourceDiff.h"
#include "rules/Finding.h"

namespace strata {

class JobContext;

// Says, on the findings about Terraform code, which commit set the value the
// code holds now: `pending-change` names the commit that introduced the
// unapplied value, `live-drift` when the code last set the value live no
// longer has, `revert-risk` which commit's value an apply would restore.
// One walk of the repository for all of them (FieldHistory, one change per
// field). Only for a case whose code came from a commit of sources.terraform.
namespace CodeProvenance {

void annotate(QList<Finding> &findings, const QList<ResourceDiff> &resources, const CaseFile &caseFile,
    const JobContext *context = nullptr);

} // namespace CodeProvenance

} // namespace strata
