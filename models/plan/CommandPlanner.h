#pragma once

#include "diff/ResourceDiff.h"
#include "plan/CommandContext.h"
#include "rules/Finding.h"

namespace strata {

// Gives each finding the exact commands that carry out its checks and
// changes (Finding::checkCommands, changeCommands), filled in from the
// case: `kubectl --context=… -n … get …`, `etcdctl --endpoints=… --cacert=…
// endpoint status -w table`, `terraform -chdir=… plan -target=…`,
// `git -C … log -p -- …`. Checks are read-only; a change's read-only
// verifications come before the commands that change something. A finding
// whose step has no command a case could fill in (restart a member's host)
// keeps its prose only. See docs/plan-commands.md.
namespace CommandPlanner {
void annotate(QList<Finding> &findings, const QList<ResourceDiff> &resources, const QList<EtcdMemberSummary> &members,
    const CommandContext &context);
}

} // namespace strata
