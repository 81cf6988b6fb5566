#pragma once

#include <QString>
#include <QStringList>

// What `strata` was asked to do, decided from argv before any QApplication
// exists, so `--version`, `--help` and usage errors never need a display.
struct CommandLineRequest
{
    enum class Action { OpenGui, PrintVersion, PrintHelp, UsageError };

    Action action = Action::OpenGui;
    QString caseFile; // OpenGui: the case to open; empty opens the bundled reference case
    QString error; // UsageError: one line, without the program name
};

namespace CommandLine {
// `arguments` includes the program name first, as QCoreApplication::arguments() does.
CommandLineRequest parse(const QStringList &arguments);
QString helpText();
QString versionText();
// Exit status for a usage error, as getopt-style tools use.
constexpr int usageErrorExitCode = 2;
} // namespace CommandLine
