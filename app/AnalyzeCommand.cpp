#include "AnalyzeCommand.h"

#include "case/CaseFileReader.h"
#include "core/ControlCharacters.h"
#include "investigation/Analyzer.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"
#include "output/OutputTarget.h"

#include <QSaveFile>

#include <cerrno>
#include <cstring>

namespace AnalyzeCommand {

namespace {
// Messages quote evidence (paths, values): control characters in them are
// shown escaped, never sent to the terminal. The line break that ends a
// message is the program's own.
void print(FILE *stream, const QString &text)
{
    std::fputs(strata::escapeControlCharacters(text, true).toLocal8Bit().constData(), stream);
}
} // namespace

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    const strata::CaseFileReadResult read = strata::CaseFileReader::readFile(request.caseFile);
    if (!read.caseFile) {
        for (const strata::Diagnostic &d : read.diagnostics)
            print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
        if (read.diagnostics.isEmpty())
            print(err, QStringLiteral("strata: %1: not a case file\n").arg(request.caseFile));
        return CommandLine::usageErrorExitCode;
    }
    // Refused before any work: nothing the user recorded is overwritten, and
    // nothing but a regular file is replaced.
    if (!request.outputFile.isEmpty()) {
        QStringList inputs { read.caseFile->filePath };
        for (const strata::EvidenceEntry &e : read.caseFile->evidence)
            inputs.append(read.caseFile->resolvedPath(e));
        const QString problem = strata::outputTargetProblem(request.outputFile, inputs);
        if (!problem.isEmpty()) {
            print(err, QStringLiteral("strata: --output %1: %2\n").arg(request.outputFile, problem));
            return CommandLine::usageErrorExitCode;
        }
    }
    // Problems with single entries do not stop the analysis: it runs on the
    // rest and says it is incomplete (exit status 3).
    const strata::AnalysisResult result = strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics);
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    const bool complete = result.completeness.isComplete();
    if (!complete) {
        print(err, QStringLiteral("strata: %1:\n").arg(result.completeness.summary()));
        for (const strata::AnalysisProblem &p : result.completeness.problems)
            print(err,
                QStringLiteral("strata:   %1 (%2): %3\n").arg(p.source, strata::evidenceStateName(p.state), p.reason));
    }
    const int status = complete ? 0 : CommandLine::incompleteExitCode;

    const QByteArray document = request.format == CommandLineRequest::Format::Markdown
        ? strata::AnalysisMarkdown::write(result)
        : strata::AnalysisJson::write(result);
    if (request.outputFile.isEmpty()) {
        // A full disk or a closed pipe loses the report: say so, never exit 0.
        errno = 0;
        const bool written
            = std::fwrite(document.constData(), 1, size_t(document.size()), out) == size_t(document.size())
            && std::fflush(out) == 0 && !std::ferror(out);
        if (!written) {
            print(err,
                QStringLiteral("strata: standard output: cannot write: %1\n")
                    .arg(QString::fromLocal8Bit(std::strerror(errno ? errno : EIO))));
            return CommandLine::outputErrorExitCode;
        }
        return status;
    }
    QSaveFile file(request.outputFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit()) {
        print(err, QStringLiteral("strata: %1: cannot write: %2\n").arg(request.outputFile, file.errorString()));
        return CommandLine::outputErrorExitCode;
    }
    return status;
}

} // namespace AnalyzeCommand
