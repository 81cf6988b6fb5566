// Entry point: decide from the command line whether a window is needed at all,
// then hand over to the main window. Nothing slow runs before the window shows.
#include "AnalyzeCommand.h"
#include "CommandLine.h"
#include "ContextsCommand.h"
#include "HistoryCommand.h"
#include "MainWindow.h"
#include "RecordCommand.h"
#include "ReportCommand.h"

#include "core/BuildInfo.h"
#include "diff/SecretFingerprint.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTimer>

#include <csignal>
#include <cstdio>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {
void print(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}
// Secret fingerprints stay the same across runs on this machine (see SecretFingerprint).
void useFingerprintKey()
{
    const QString error = strata::SecretFingerprint::useKeyFile(strata::SecretFingerprint::defaultKeyFile());
    if (!error.isEmpty())
        print(stderr, QStringLiteral("strata: warning: %1\n").arg(error));
}
} // namespace

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    // Every large buffer (a file's text, a column's list of objects) mapped
    // on its own, so freeing it gives its memory straight back. glibc starts
    // at this size but raises it each time such a buffer is freed (up to
    // 32 MB), and the later ones are then made in the heap, among the trees,
    // where freeing one leaves room the process keeps. Setting it stops the
    // raising: N = 50,000 in four columns peaked at 609-616 MiB, now 578.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    const CommandLineRequest request = CommandLine::parse(arguments);
    switch (request.action) {
    case CommandLineRequest::Action::PrintVersion:
        print(stdout, CommandLine::versionText());
        return 0;
    case CommandLineRequest::Action::PrintHelp:
        print(stdout,
            request.helpTopic == QLatin1String("analyze")        ? CommandLine::analyzeHelpText()
                : request.helpTopic == QLatin1String("history")  ? CommandLine::historyHelpText()
                : request.helpTopic == QLatin1String("contexts") ? CommandLine::contextsHelpText()
                : request.helpTopic == QLatin1String("record")   ? CommandLine::recordHelpText()
                : request.helpTopic == QLatin1String("report")   ? CommandLine::reportHelpText()
                                                                 : CommandLine::helpText());
        return 0;
    case CommandLineRequest::Action::History: {
        std::signal(SIGPIPE, SIG_IGN);
        QCoreApplication core(argc, argv); // --etcd reads endpoints (QtNetwork)
        useFingerprintKey();
        return HistoryCommand::run(request, stdout, stderr);
    }
    case CommandLineRequest::Action::Analyze: {
        // A closed pipe is a write error to report (exit 1), not a silent death.
        std::signal(SIGPIPE, SIG_IGN);
        // No display, but an event loop for the live reads (QtNetwork).
        QCoreApplication core(argc, argv);
        useFingerprintKey();
        return AnalyzeCommand::run(request, stdout, stderr);
    }
    case CommandLineRequest::Action::Report: {
        std::signal(SIGPIPE, SIG_IGN);
        // The chart is the window's, drawn off screen: no display needed.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication core(argc, argv);
        useFingerprintKey();
        return ReportCommand::run(request, stdout, stderr);
    }
    case CommandLineRequest::Action::Record: {
        std::signal(SIGPIPE, SIG_IGN);
        QCoreApplication core(argc, argv); // the sampler's network needs Qt's
        return RecordCommand::run(request, stdout, stderr);
    }
    case CommandLineRequest::Action::Contexts:
        std::signal(SIGPIPE, SIG_IGN);
        return ContextsCommand::run(request, stdout, stderr);
    case CommandLineRequest::Action::UsageError:
        print(stderr, QStringLiteral("strata: %1\n").arg(request.error));
        return CommandLine::usageErrorExitCode;
    case CommandLineRequest::Action::OpenGui:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationName(QStringLiteral("strata"));
    QApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(strata::BuildInfo::version());
    QApplication::setDesktopFileName(strata::BuildInfo::applicationId());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));

    useFingerprintKey();
    MainWindow window;
    window.show();
    // Open after the first paint: the window must never wait for disk or network.
    const QString caseFile = request.caseFile;
    QTimer::singleShot(0, &window, [&window, caseFile]() {
        if (caseFile.isEmpty())
            window.openCase(MainWindow::referenceCasePath());
        else
            window.openCase(caseFile);
    });
    return app.exec();
}
