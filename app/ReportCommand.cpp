#include "ReportCommand.h"

#include "CommandSupport.h"

#include "investigation/Analyzer.h"
#include "report/ReportMarkdown.h"

#include <QSaveFile>

namespace ReportCommand {

using CommandSupport::print;

int run(const CommandLineRequest &request, FILE *, FILE *err)
{
    const auto found = CommandSupport::readCase(request.caseFile, err);
    if (!found)
        return CommandLine::usageErrorExitCode;
    const strata::CaseFileReadResult &read = *found;
    if (!CommandSupport::outputAllowed(*read.caseFile, request.outputFile, err))
        return CommandLine::usageErrorExitCode;
    strata::AnalyzeOptions options;
    options.offline = request.offline;
    options.capture.allowExec = request.allowExec; // never a prompt
    const strata::AnalysisResult result = strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options);
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    const bool complete = result.completeness.isComplete();
    if (!complete)
        print(err, QStringLiteral("strata: %1; the report says so\n").arg(result.completeness.summary()));

    strata::ReportOptions report;
    report.generatedAt = QDateTime::currentDateTimeUtc();
    const QByteArray text = strata::ReportMarkdown::write(result, report);
    QSaveFile file(request.outputFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        print(err, QStringLiteral("strata: %1: cannot write: %2\n").arg(request.outputFile, file.errorString()));
        return CommandLine::outputErrorExitCode;
    }
    return complete ? 0 : CommandLine::incompleteExitCode;
}

} // namespace ReportCommand
