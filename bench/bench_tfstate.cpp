// Parsing a ~100 MB Terraform state (≈14,000 resources) and mapping it to
// Kubernetes objects. Target: ≤ 1.5 s and ≤ 1.2 GB peak RSS on a 2-core machine.
#include "BenchData.h"

#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <benchmark/benchmark.h>

namespace {

void BM_ReadState100MB(benchmark::State &state)
{
    const QByteArray text = BenchData::terraformState(14000, 75);
    for (auto _ : state) {
        auto result = strata::TerraformStateReader::read(text, QStringLiteral("bench.tfstate"));
        benchmark::DoNotOptimize(result);
        if (!result.state)
            state.SkipWithError("state did not parse");
    }
    state.counters["MB"] = double(text.size()) / 1e6;
    state.counters["peak_rss_MiB"] = BenchData::peakRssMiB();
    state.SetBytesProcessed(int64_t(state.iterations()) * text.size());
}
BENCHMARK(BM_ReadState100MB)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ReadAndMapState100MB(benchmark::State &state)
{
    const QByteArray text = BenchData::terraformState(14000, 75);
    for (auto _ : state) {
        auto result = strata::TerraformStateReader::read(text, QStringLiteral("bench.tfstate"));
        auto mapped = strata::mapStateToKubernetes(*result.state);
        benchmark::DoNotOptimize(mapped);
    }
    state.counters["peak_rss_MiB"] = BenchData::peakRssMiB();
}
BENCHMARK(BM_ReadAndMapState100MB)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
