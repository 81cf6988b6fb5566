// ProposalPlanner::plan on a whole cluster's findings: each finding has a
// check of its own and shares two checks and a change with all the others
// (as drift findings do). Must grow linearly (BigO below); it was quadratic.
#include "plan/ProposalPlanner.h"

#include <benchmark/benchmark.h>

namespace {

QList<strata::Finding> findings(qsizetype count)
{
    QList<strata::Finding> all;
    all.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        strata::Finding f;
        f.id = QStringLiteral("live-drift");
        f.severity = i % 7 == 0 ? strata::Severity::High : strata::Severity::Medium;
        f.resource = QStringLiteral("configmap/team-%1/cm-%2").arg(i % 50).arg(i);
        f.checks = { QStringLiteral("kubectl get configmap cm-%1 -o yaml").arg(i),
            QStringLiteral("Check who edited live objects (managedFields)"), QStringLiteral("Read the audit log") };
        f.changes = { QStringLiteral("Decide which value is right, then apply") };
        all.append(f);
    }
    return all;
}

void BM_PlanFindings(benchmark::State &state)
{
    const QList<strata::Finding> input = findings(state.range(0));
    for (auto _ : state) {
        const QList<strata::Proposal> plan = strata::ProposalPlanner::plan(input);
        benchmark::DoNotOptimize(plan);
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_PlanFindings)->RangeMultiplier(4)->Range(1000, 64000)->Unit(benchmark::kMillisecond)->Complexity();

} // namespace

BENCHMARK_MAIN();
