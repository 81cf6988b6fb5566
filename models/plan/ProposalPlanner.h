#pragma once

#include "plan/Proposal.h"
#include "rules/Finding.h"

namespace strata {

// Merges the findings' recommendations into one ordered plan: every check
// (cheap, decisive, changes nothing) before any change, each group ordered by
// the most severe finding it serves; identical steps from several findings
// appear once, linked to all of them.
namespace ProposalPlanner {
QList<Proposal> plan(const QList<Finding> &findings);
}

} // namespace strata
