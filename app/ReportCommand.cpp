#include "ReportCommand.h"

#include "CommandSupport.h"
#include "ReportChart.h"

#include "investigation/Analyzer.h"
#include "report/ReportBundle.h"
#include "report/ReportExport.h"

namespace ReportCommand {

using CommandSupport::print;

QPageSize::PageSizeId pageSizeFor(const QString &requested)
{
    if (requested == QLatin1String("letter"))
        return QPageSize::Letter;
    if (requested == QLatin1String("a4"))
        return QPageSize::A4;
    return strata::ReportExport::defaultPageSize();
}

int run(const CommandLineRequest &request, FILE *, FILE *err)
{
    const auto found = CommandSupport::readCase(request.caseFile, err);
    if (!found)
        return CommandLine::usageErrorExitCode;
    const strata::CaseFileReadResult &read = *found;
    if (!CommandSupport::outputAllowed(*read.caseFile, request.outputFile, err))
        return CommandLine::usageErrorExitCode;
    strata::AnalyzeOptions options;
    // A bundle is an investigation as it was: its captures, never the network.
    options.offline = request.offline || strata::ReportBundle::isBundle(request.caseFile);
    options.capture.allowExec = request.allowExec; // never a prompt
    const strata::AnalysisResult result = strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options);
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    const bool complete = result.completeness.isComplete();
    if (!complete)
        print(err, QStringLiteral("strata: %1; the report says so\n").arg(result.completeness.summary()));

    strata::ReportOptions report;
    report.generatedAt = QDateTime::currentDateTimeUtc();
    report.pageSize = pageSizeFor(request.pageSize);
    report.chartPng = ReportChart::png(result);
    const strata::ReportExport::Result written = strata::ReportExport::write(result, report, request.outputFile);
    if (!written.ok()) {
        print(err, QStringLiteral("strata: %1\n").arg(written.error));
        return CommandLine::outputErrorExitCode;
    }
    return complete ? 0 : CommandLine::incompleteExitCode;
}

} // namespace ReportCommand
