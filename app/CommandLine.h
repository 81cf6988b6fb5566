#pragma once

#include <QString>
#include <QStringList>

// What `strata` was asked to do, decided from argv before any QApplication
// exists, so `--version`, `--help` and usage errors never need a display.
struct CommandLineRequest
{
    enum class Action { OpenGui, PrintVersion, PrintHelp, UsageError, Analyze, History, Contexts, Record, Report };
    enum class Format { Json, Markdown, Text };

    Action action = Action::OpenGui;
    QString caseFile; // OpenGui: the case to open (empty: the bundled reference case); Analyze: the case
    QString error; // UsageError: one line, without the program name
    Format format = Format::Json; // Analyze
    QString outputFile; // Analyze: empty writes to stdout
    bool offline = false; // Analyze: only evidence already in the case (earlier captures included)
    bool allowExec = false; // Analyze: exec credential plugins may run without an earlier approval
    QString helpTopic; // PrintHelp: "" or a subcommand
    QString resource; // History: kind/namespace/name
    QString field; // History: a field path; empty for every field of the resource
    int limit = 0; // History: at most this many changes; 0 for all
    bool stateHistory = false; // History --state: the committed state's serials instead of the code
    bool etcdHistory = false; // History --etcd: what etcd holds of an object (RESOURCE or a /key), version by version
    QStringList kubeconfigs; // Contexts: --kubeconfig files, merged in order; empty for kubectl's default
    qint64 durationMs = 0; // Record --for: 0 until stopped; Analyze --sample-for: 0 for none
    qint64 intervalMs = 0; // Record --every: 0 for the case's sample-every
    QString pageSize; // Report --page-size: "a4" or "letter"; empty for the locale's
};

namespace CommandLine {
// `arguments` includes the program name first, as QCoreApplication::arguments() does.
CommandLineRequest parse(const QStringList &arguments);
QString helpText();
QString analyzeHelpText();
QString historyHelpText();
QString contextsHelpText();
QString recordHelpText();
QString reportHelpText();
QString versionText();
// Exit status for a usage error, as getopt-style tools use.
constexpr int usageErrorExitCode = 2;
// The report could not be written (a full disk, a closed pipe, no such folder).
constexpr int outputErrorExitCode = 1;
// `strata analyze` ran, but some evidence could not be read: the analysis is incomplete.
constexpr int incompleteExitCode = 3;
} // namespace CommandLine
