#pragma once

#include "plan/Proposal.h"

#include <QString>

namespace strata {

// "Copy all checks": every read-only command of the plan, in the plan's
// order and each once, as a POSIX shell script whose comments say which
// step each serves and what it shows. It changes nothing: no command that
// changes something is ever part of it. `caseFolder` (may be empty) is
// where relative paths start: the script cds there first.
namespace PlanScript {
QString readOnlyChecks(const QList<Proposal> &plan, const QString &caseTitle, const QString &caseFolder);
}

} // namespace strata
