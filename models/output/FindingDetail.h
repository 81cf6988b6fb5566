#pragma once

#include "rules/Finding.h"

#include <QString>

namespace strata {

// A finding as the detail pane shows it: the whole title, what it means, each
// piece of evidence as a link ("evidence:<index>") and the checks and changes
// to make, as HTML. Everything from the evidence is escaped.
QString findingDetailHtml(const Finding &finding);

// The evidence index an "evidence:<n>" link names, or -1.
int evidenceIndexFromLink(const QString &link);

// The field of `finding` this piece of evidence quotes (its quote starts
// "<path> (<column>)"), or the finding's first path.
QString evidenceFieldPath(const Finding &finding, const EvidenceRef &ref);

} // namespace strata
