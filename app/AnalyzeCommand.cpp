#include "AnalyzeCommand.h"

#include "CommandSupport.h"

#include "report/ReportBundle.h"

#include "investigation/Analyzer.h"
#include "live/EtcdSampler.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"
#include "output/OutputTarget.h"

#include <QEventLoop>
#include <QSaveFile>
#include <QTimer>

#include <cerrno>
#include <climits>
#include <cstring>

namespace AnalyzeCommand {

namespace {
using CommandSupport::print;

// A one-shot command need not free a gigabyte of small objects before it
// exits (a second at 20,000 objects; compilers skip the same work): the
// last result stays reachable until the process ends.
const strata::AnalysisResult &keepUntilExit(strata::AnalysisResult &&result)
{
    static strata::AnalysisResult *kept = nullptr;
    delete kept; // a caller that runs several analyses (the tests) keeps only the last
    kept = new strata::AnalysisResult(std::move(result));
    return *kept;
}
} // namespace

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    const auto found = CommandSupport::readCase(request.caseFile, err);
    if (!found)
        return CommandLine::usageErrorExitCode;
    const strata::CaseFileReadResult &read = *found;
    // Refused before any work: nothing the user recorded is overwritten, and
    // nothing but a regular file is replaced.
    if (!request.outputFile.isEmpty() && !CommandSupport::outputAllowed(*read.caseFile, request.outputFile, err))
        return CommandLine::usageErrorExitCode;
    QString samplingProblem; // --sample-for that did not sample everything: never an all-clear
    if (request.durationMs > 0) {
        if (request.offline || strata::ReportBundle::isBundle(request.caseFile) || !read.caseFile->etcdSource) {
            print(err, QStringLiteral("strata: --sample-for needs a case with sources.etcd, and the network\n"));
            return CommandLine::usageErrorExitCode;
        }
        // Samples first, into the case's recordings: the analysis then reads them with the case.
        strata::EtcdSampler sampler(*read.caseFile);
        QString error;
        if (!sampler.start(&error)) {
            samplingProblem = QStringLiteral("cannot sample etcd: %1").arg(error);
        } else {
            QEventLoop wait;
            QTimer::singleShot(int(std::min<qint64>(request.durationMs, INT_MAX)), &wait, &QEventLoop::quit);
            wait.exec();
            sampler.stop();
            print(err,
                QStringLiteral("strata: %1 samples of etcd in %2\n")
                    .arg(sampler.samplesWritten())
                    .arg(sampler.recordingPath()));
            if (!sampler.writeError().isEmpty())
                samplingProblem = QStringLiteral("the recording stopped growing: ") + sampler.writeError();
            else if (!sampler.discoveryError().isEmpty())
                samplingProblem = sampler.discoveryError();
            else if (sampler.failedSamples() > 0)
                samplingProblem
                    = QStringLiteral("%1 samples without an answer (see the recording)").arg(sampler.failedSamples());
        }
    }
    // Problems with single entries do not stop the analysis: it runs on the
    // rest and says it is incomplete (exit status 3).
    strata::AnalyzeOptions options;
    options.offline = request.offline || strata::ReportBundle::isBundle(request.caseFile); // a bundle: as it was
    options.capture.allowExec = request.allowExec; // never a prompt: approved earlier, or this flag
    const strata::AnalysisResult &result
        = keepUntilExit(strata::Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options));
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    const bool complete = result.completeness.isComplete();
    if (!complete) {
        print(err, QStringLiteral("strata: %1:\n").arg(result.completeness.summary()));
        for (const strata::AnalysisProblem &p : result.completeness.problems)
            print(err,
                QStringLiteral("strata:   %1 (%2): %3\n").arg(p.source, strata::evidenceStateName(p.state), p.reason));
    }
    if (!samplingProblem.isEmpty())
        print(err, QStringLiteral("strata: --sample-for: %1; the analysis is incomplete\n").arg(samplingProblem));
    const int status = complete && samplingProblem.isEmpty() ? 0 : CommandLine::incompleteExitCode;

    // JSON goes out piece by piece as it is written (never whole in memory);
    // Markdown is a fraction of its size and written in one piece.
    const bool markdown = request.format == CommandLineRequest::Format::Markdown;
    const auto writeDocument = [&](const strata::AnalysisJson::Sink &sink) {
        return markdown ? sink(strata::AnalysisMarkdown::write(result)) : strata::AnalysisJson::write(result, sink);
    };
    if (request.outputFile.isEmpty()) {
        // A full disk or a closed pipe loses the report: say so, never exit 0.
        errno = 0;
        const bool written = writeDocument([out](const QByteArray &piece) {
            return std::fwrite(piece.constData(), 1, size_t(piece.size()), out) == size_t(piece.size());
        }) && std::fflush(out) == 0
            && !std::ferror(out);
        if (!written) {
            print(err,
                QStringLiteral("strata: standard output: cannot write: %1\n")
                    .arg(QString::fromLocal8Bit(std::strerror(errno ? errno : EIO))));
            return CommandLine::outputErrorExitCode;
        }
        return status;
    }
    // Unbuffered, so a failing write(2) is seen where it happens, with its errno
    // (QSaveFile itself only says "Unknown error" for a full disk).
    QSaveFile file(request.outputFile);
    errno = 0;
    const bool written = file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
        && writeDocument([&file](const QByteArray &piece) { return file.write(piece) == piece.size(); });
    const int writeErrno = errno;
    if (!written || !file.commit()) {
        const int error = writeErrno ? writeErrno : errno;
        print(err,
            QStringLiteral("strata: %1: cannot write: %2\n")
                .arg(request.outputFile,
                    error && !written ? QString::fromLocal8Bit(std::strerror(error)) : file.errorString()));
        return CommandLine::outputErrorExitCode;
    }
    return status;
}

} // namespace AnalyzeCommand
