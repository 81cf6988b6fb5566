// Incident reports (issue 12): a case with 1,000 findings and 10,000
// differing rows rendered to every document format (Markdown, HTML, PDF,
// JSON) together — target ≤ 5 s — and the reference case's PDF — ≤ 1 s.
// The big result is the reference case's own analysis multiplied: its
// findings (with their evidence) and its drifted resource, renamed, so
// every row and finding is a real one of the kind the rules make.
#include "case/CaseFileReader.h"
#include "investigation/Analyzer.h"
#include "report/ReportExport.h"

#include <QGuiApplication>

#include <benchmark/benchmark.h>

namespace {

strata::AnalysisResult reference()
{
    const auto read = strata::CaseFileReader::readFile(QStringLiteral(":/reference-case/case.yaml"));
    strata::AnalyzeOptions options;
    options.offline = true;
    return strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options);
}

// 1,000 findings; 1,000 resources × 10 differing fields.
strata::AnalysisResult big()
{
    strata::AnalysisResult r = reference();
    const QList<strata::Finding> findings = r.findings;
    r.findings.clear();
    for (int i = 0; r.findings.size() < 1000; ++i) {
        strata::Finding f = findings.at(i % findings.size());
        f.resource += QStringLiteral("-%1").arg(i);
        f.title += QStringLiteral(" (%1)").arg(i);
        r.findings.append(f);
    }
    strata::ResourceDiff drifted;
    for (const strata::ResourceDiff &d : r.resources) {
        if (d.hasDifferences())
            drifted = d;
    }
    strata::FieldDiff row;
    for (const strata::FieldDiff &f : drifted.fields) {
        if (!f.noise && f.isDifference())
            row = f;
    }
    r.resources.clear();
    for (int i = 0; i < 1000; ++i) {
        strata::ResourceDiff d = drifted;
        d.id.name = QStringLiteral("feature-flags-%1").arg(i);
        d.fields.clear();
        for (int k = 0; k < 10; ++k) {
            strata::FieldDiff f = row;
            f.path = QStringLiteral("data.key_%1").arg(k);
            d.fields.append(f);
        }
        r.resources.append(d);
    }
    return r;
}

const strata::ReportOptions options { QDateTime::currentDateTimeUtc(), QStringLiteral("chart.png"), {}, QPageSize::A4 };

void BM_EveryFormat1000Findings10000Rows(benchmark::State &state)
{
    const strata::AnalysisResult r = big();
    for (auto _ : state) {
        qsizetype bytes = 0;
        for (const strata::ReportFormat f : { strata::ReportFormat::Markdown, strata::ReportFormat::Html,
                 strata::ReportFormat::Pdf, strata::ReportFormat::Json }) {
            QString error;
            bytes += strata::ReportExport::bytes(f, r, options, &error).size();
        }
        benchmark::DoNotOptimize(bytes);
        state.counters["bytes"] = double(bytes);
    }
}
BENCHMARK(BM_EveryFormat1000Findings10000Rows)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_OneFormat(benchmark::State &state)
{
    const strata::AnalysisResult r = big();
    const auto format = strata::ReportFormat(state.range(0));
    state.SetLabel(strata::ReportExport::formatName(format).toStdString());
    for (auto _ : state) {
        QString error;
        benchmark::DoNotOptimize(strata::ReportExport::bytes(format, r, options, &error));
    }
}
BENCHMARK(BM_OneFormat)
    ->Arg(int(strata::ReportFormat::Markdown))
    ->Arg(int(strata::ReportFormat::Html))
    ->Arg(int(strata::ReportFormat::Pdf))
    ->Arg(int(strata::ReportFormat::Json))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_ReferenceCasePdf(benchmark::State &state)
{
    const strata::AnalysisResult r = reference();
    for (auto _ : state) {
        QString error;
        benchmark::DoNotOptimize(strata::ReportExport::bytes(strata::ReportFormat::Pdf, r, options, &error));
    }
}
BENCHMARK(BM_ReferenceCasePdf)->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace

int main(int argc, char **argv)
{
    // Fonts and the PDF writer need a GUI application, no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
