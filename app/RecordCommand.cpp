#include "RecordCommand.h"

#include "CommandSupport.h"

#include "live/EtcdSampler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <atomic>
#include <csignal>

using namespace strata;

namespace {

std::atomic_bool stopRequested { false };

extern "C" void requestStop(int)
{
    stopRequested = true; // async-signal-safe: the event loop polls it
}

} // namespace

namespace RecordCommand {

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    // First: a stop asked for while the members are being found still ends cleanly.
    struct sigaction action = {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    const auto read = CommandSupport::readCase(request.caseFile, err);
    if (!read)
        return CommandLine::usageErrorExitCode;
    const CaseFile &caseFile = *read->caseFile;
    if (!caseFile.etcdSource) {
        CommandSupport::print(err,
            QStringLiteral("strata: %1 has no sources.etcd: nothing to record (see docs/case-format.md)\n")
                .arg(request.caseFile));
        return CommandLine::usageErrorExitCode;
    }
    EtcdSamplerOptions options;
    options.intervalMs = int(request.intervalMs);
    EtcdSampler sampler(caseFile, options);
    QString error;
    if (!sampler.start(&error)) {
        CommandSupport::print(err, QStringLiteral("strata: cannot record: %1\n").arg(error));
        return CommandLine::incompleteExitCode;
    }
    if (!sampler.discoveryError().isEmpty())
        CommandSupport::print(err, QStringLiteral("strata: %1\n").arg(sampler.discoveryError()));
    CommandSupport::print(err,
        QStringLiteral("strata: recording %1 into %2%3; Ctrl+C stops\n")
            .arg(sampler.endpoints().join(QStringLiteral(", ")), sampler.recordingPath(),
                request.durationMs > 0 ? QStringLiteral(" for %1 s").arg(request.durationMs / 1000.0) : QString()));

    QElapsedTimer elapsed;
    elapsed.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (stopRequested || (request.durationMs > 0 && elapsed.elapsed() >= request.durationMs))
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    sampler.stop();

    const qint64 written = sampler.samplesWritten();
    const qint64 failed = sampler.failedSamples();
    CommandSupport::print(out,
        QStringLiteral("%1 samples of %2 endpoints in %3 (%4 without an answer)\n")
            .arg(written)
            .arg(sampler.endpoints().size())
            .arg(sampler.recordingPath())
            .arg(failed));
    if (!sampler.writeError().isEmpty()) {
        CommandSupport::print(
            err, QStringLiteral("strata: the recording stopped growing: %1\n").arg(sampler.writeError()));
        return CommandLine::outputErrorExitCode;
    }
    // Never a false all-clear: an endpoint that did not answer makes the recording incomplete.
    return failed > 0 || !sampler.discoveryError().isEmpty() ? CommandLine::incompleteExitCode : 0;
}

} // namespace RecordCommand
