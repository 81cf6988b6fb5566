#include "CommandLine.h"

#include "core/BuildInfo.h"

namespace CommandLine {

namespace {

// Options QApplication understands itself; passed through untouched.
const QStringList qtOptionsWithValue = {
    QStringLiteral("-platform"),
    QStringLiteral("-platformpluginpath"),
    QStringLiteral("-platformtheme"),
    QStringLiteral("-plugin"),
    QStringLiteral("-qwindowgeometry"),
    QStringLiteral("-qwindowicon"),
    QStringLiteral("-qwindowtitle"),
    QStringLiteral("-session"),
    QStringLiteral("-style"),
    QStringLiteral("-stylesheet"),
    QStringLiteral("-display"),
    QStringLiteral("-geometry"),
};
const QStringList qtFlags = {
    QStringLiteral("-reverse"),
    QStringLiteral("-widgetcount"),
    QStringLiteral("-nograb"),
    QStringLiteral("-dograb"),
    QStringLiteral("-sync"),
};

CommandLineRequest usageError(const QString &message)
{
    CommandLineRequest r;
    r.action = CommandLineRequest::Action::UsageError;
    r.error = message;
    return r;
}

} // namespace

CommandLineRequest parse(const QStringList &arguments)
{
    CommandLineRequest request;
    QStringList positional;
    bool optionsEnded = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (optionsEnded || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            positional.append(arg);
        } else if (arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            request.action = CommandLineRequest::Action::PrintHelp;
            return request;
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            request.action = CommandLineRequest::Action::PrintVersion;
            return request;
        } else if (qtOptionsWithValue.contains(arg)) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("option '%1' needs a value").arg(arg));
            ++i;
        } else if (qtFlags.contains(arg)) {
            continue;
        } else {
            return usageError(QStringLiteral("unknown option '%1' (try 'strata --help')").arg(arg));
        }
    }
    if (positional.size() > 1)
        return usageError(QStringLiteral("one case file at a time, got %1: %2")
                              .arg(positional.size())
                              .arg(positional.join(QLatin1Char(' '))));
    if (!positional.isEmpty())
        request.caseFile = positional.first();
    return request;
}

QString helpText()
{
    return QStringLiteral("Usage: strata [OPTIONS] [CASE-FILE]\n"
                          "\n"
                          "Strata shows where Terraform code, Terraform state, the live cluster and a\n"
                          "read replica disagree. With no CASE-FILE it opens the bundled reference case.\n"
                          "\n"
                          "Options:\n"
                          "  -h, --help       show this help and exit\n"
                          "  -v, --version    show the version and exit\n"
                          "  Qt's own options (-platform NAME, -style NAME, ...) are passed to Qt.\n"
                          "\n"
                          "Subcommands: none yet in this version.\n"
                          "\n"
                          "Exit status: 0 on success, 2 for a usage error.\n");
}

QString versionText()
{
    return QStringLiteral("strata %1\n").arg(strata::BuildInfo::version());
}

} // namespace CommandLine
