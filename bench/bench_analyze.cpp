// `strata analyze` of the bundled reference case, the whole pipeline as the
// CLI runs it (case file read, import, diff, rules, JSON). Target: ≤ 200 ms.
#include "BenchData.h"

#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"
#include "output/AnalysisJson.h"

#include <benchmark/benchmark.h>

namespace {

void BM_AnalyzeReferenceCase(benchmark::State &state)
{
    for (auto _ : state) {
        const auto read = strata::CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
        const auto result = strata::Analyzer::analyze(*read.caseFile);
        const QByteArray json = strata::AnalysisJson::write(result);
        benchmark::DoNotOptimize(json);
    }
}
BENCHMARK(BM_AnalyzeReferenceCase)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
