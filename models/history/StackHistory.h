#pragma once

#include "case/CaseFile.h"
#include "core/Diagnostic.h"
#include "core/ResourceId.h"
#include "evidence/TimelineEvent.h"
#include "git/GitCommit.h"

#include <QHash>

#include <functional>
#include <optional>

namespace strata {

class JobContext;

// A committed Terraform state as one commit holds it.
struct StateSnapshot
{
    quint64 serial = 0;
    QString lineage;
    QHash<ResourceId, QString> resourceVersions; // each object's recorded resource_version
    QString error; // why this commit's state could not be read
};

// A commit that changed the stack: its code (the stack's folder), its
// committed state, or both. `before` is the state the commit replaced.
struct StackCommit
{
    GitCommit commit;
    bool code = false;
    std::optional<StateSnapshot> state;
    std::optional<StateSnapshot> before;
};

struct StackHistoryResult
{
    QList<StackCommit> commits; // newest first
    int commitsWalked = 0;
    bool complete = true; // false: stopped at a limit, a shallow clone's boundary or a cancel
    QList<Diagnostic> diagnostics;
};

// When the stack of `sources.terraform` changed, commit by commit, newest
// first: commits whose stack folder has no parent's tree id changed the
// code; commits whose state file blob changed committed a state (serial,
// lineage and every object's recorded resource_version, read from the
// blob). For the timeline ("state serial 112 was committed in a1b2c3d") and
// `strata history --state`. Bounded: at most `maxWalked` commits are walked
// and `maxStates` states read, so a huge repository costs a bounded time.
namespace StackHistory {
struct Limits
{
    int maxWalked = 10000;
    int maxCommits = 500; // entries returned
    int maxStates = 100; // state files parsed
};
StackHistoryResult run(const CaseFile &caseFile, const Limits &limits, const JobContext *context = nullptr,
    const std::function<void(const StackCommit &)> &onCommit = {});
StackHistoryResult run(const CaseFile &caseFile);

// "state serial 7 (lineage l-2) committed: configmap/shop/flags resource_version 9 → 12"
QString describeState(const StackCommit &c);
// Each commit as timeline events (UTC): one for code, one for a state.
QList<TimelineEvent> timelineEvents(const StackHistoryResult &history, const QString &repository);
} // namespace StackHistory

} // namespace strata
