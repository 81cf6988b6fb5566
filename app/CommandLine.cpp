#include "CommandLine.h"

#include "report/ReportExport.h"

#include <QFileInfo>

#include "core/BuildInfo.h"
#include "core/Duration.h"

#include <functional>
#include <optional>

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

// Walks a subcommand's arguments (after "strata NAME"): positionals are
// collected, "--" ends the options, and each option goes to `option` with a
// way to take its value (inline, --format=json, or the next argument). The
// first request `option` returns (an error, a help request) ends the walk.
using TakeValue = std::function<std::optional<QString>()>;
std::optional<CommandLineRequest> walkArguments(const QStringList &arguments, QStringList &positional,
    const std::function<std::optional<CommandLineRequest>(const QString &, const TakeValue &)> &option)
{
    bool optionsEnded = false;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        QString value;
        const bool hasInlineValue = arg.startsWith(QStringLiteral("--")) && arg.contains(QLatin1Char('='));
        if (hasInlineValue) {
            value = arg.section(QLatin1Char('='), 1);
            arg = arg.section(QLatin1Char('='), 0, 0);
        }
        const TakeValue takeValue = [&]() -> std::optional<QString> {
            if (hasInlineValue)
                return value;
            if (i + 1 >= arguments.size())
                return std::nullopt;
            return arguments.at(++i);
        };
        if (optionsEnded || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            positional.append(arguments.at(i));
        } else if (arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (auto stop = option(arg, takeValue)) {
            return stop;
        }
    }
    return std::nullopt;
}

CommandLineRequest helpFor(const QString &topic)
{
    CommandLineRequest help;
    help.action = CommandLineRequest::Action::PrintHelp;
    help.helpTopic = topic;
    return help;
}

// `--format text|json` of the subcommands that print text by default.
std::optional<CommandLineRequest> textOrJson(
    const QString &arg, const TakeValue &takeValue, CommandLineRequest &request)
{
    const auto v = takeValue();
    if (v && *v == QLatin1String("json"))
        request.format = CommandLineRequest::Format::Json;
    else if (v && *v == QLatin1String("text"))
        request.format = CommandLineRequest::Format::Text;
    else
        return usageError(QStringLiteral("option '%1' takes json or text").arg(arg));
    return std::nullopt;
}

// The options `analyze` and `report` share: --output, --offline, --allow-exec.
// Nothing when `arg` is none of them; a usage error or "go on" (nullopt inside) when it is.
std::optional<std::optional<CommandLineRequest>> analysisOption(
    const QString &arg, const TakeValue &takeValue, CommandLineRequest &request)
{
    if (arg == QLatin1String("-o") || arg == QLatin1String("--output")) {
        const auto v = takeValue();
        if (!v || v->isEmpty())
            return usageError(QStringLiteral("option '%1' needs a file name").arg(arg));
        request.outputFile = *v;
        return std::optional<CommandLineRequest>();
    }
    if (arg == QLatin1String("--offline")) {
        request.offline = true;
        return std::optional<CommandLineRequest>();
    }
    if (arg == QLatin1String("--allow-exec")) {
        request.allowExec = true;
        return std::optional<CommandLineRequest>();
    }
    return std::nullopt;
}

CommandLineRequest parseAnalyze(const QStringList &arguments)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::Analyze;
    QStringList positional;
    const auto stop = walkArguments(arguments, positional,
        [&](const QString &arg, const TakeValue &takeValue) -> std::optional<CommandLineRequest> {
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
                return helpFor(QStringLiteral("analyze"));
            if (arg == QLatin1String("-f") || arg == QLatin1String("--format")) {
                const auto v = takeValue();
                if (!v)
                    return usageError(QStringLiteral("option '%1' needs a value: json or markdown").arg(arg));
                if (*v == QLatin1String("json"))
                    request.format = CommandLineRequest::Format::Json;
                else if (*v == QLatin1String("markdown") || *v == QLatin1String("md"))
                    request.format = CommandLineRequest::Format::Markdown;
                else
                    return usageError(QStringLiteral("unknown format '%1' (json or markdown)").arg(*v));
                return std::nullopt;
            }
            if (const auto handled = analysisOption(arg, takeValue, request))
                return *handled;
            if (arg == QLatin1String("--sample-for")) {
                const auto v = takeValue();
                const auto ms = v ? strata::Duration::parseMs(*v) : std::nullopt;
                if (!ms)
                    return usageError(QStringLiteral("option '%1' takes a duration such as 30s or 5m").arg(arg));
                request.durationMs = *ms;
                return std::nullopt;
            }
            return usageError(QStringLiteral("unknown option '%1' for analyze (try 'strata analyze --help')").arg(arg));
        });
    if (stop)
        return *stop;
    if (positional.size() != 1)
        return usageError(positional.isEmpty()
                ? QStringLiteral("analyze needs a case file (try 'strata analyze --help')")
                : QStringLiteral("analyze takes one case file, got %1").arg(positional.size()));
    request.caseFile = positional.first();
    return request;
}

// `strata report CASE --output FILE`: the format is the file's extension.
CommandLineRequest parseReport(const QStringList &arguments)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::Report;
    QStringList positional;
    const auto stop = walkArguments(arguments, positional,
        [&](const QString &arg, const TakeValue &takeValue) -> std::optional<CommandLineRequest> {
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
                return helpFor(QStringLiteral("report"));
            if (const auto handled = analysisOption(arg, takeValue, request))
                return *handled;
            if (arg == QLatin1String("--page-size")) {
                const auto v = takeValue();
                if (!v || (v->toLower() != QLatin1String("a4") && v->toLower() != QLatin1String("letter")))
                    return usageError(QStringLiteral("option '%1' takes a4 or letter").arg(arg));
                request.pageSize = v->toLower();
                return std::nullopt;
            }
            return usageError(QStringLiteral("unknown option '%1' for report (try 'strata report --help')").arg(arg));
        });
    if (stop)
        return *stop;
    if (positional.size() != 1)
        return usageError(positional.isEmpty()
                ? QStringLiteral("report needs a case file (try 'strata report --help')")
                : QStringLiteral("report takes one case file, got %1").arg(positional.size()));
    if (request.outputFile.isEmpty())
        return usageError(QStringLiteral("report needs --output FILE; its extension names the format (%1)")
                              .arg(strata::ReportExport::extensionsText()));
    if (!strata::ReportExport::formatFor(request.outputFile))
        return usageError(QStringLiteral("unknown report format '%1': name the file %2")
                              .arg(request.outputFile, strata::ReportExport::extensionsText()));
    request.caseFile = positional.first();
    return request;
}

CommandLineRequest parseHistory(const QStringList &arguments)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::History;
    request.format = CommandLineRequest::Format::Text;
    QStringList positional;
    const auto stop = walkArguments(arguments, positional,
        [&](const QString &arg, const TakeValue &takeValue) -> std::optional<CommandLineRequest> {
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
                return helpFor(QStringLiteral("history"));
            if (arg == QLatin1String("-f") || arg == QLatin1String("--format"))
                return textOrJson(arg, takeValue, request);
            if (arg == QLatin1String("-n") || arg == QLatin1String("--limit")) {
                const auto v = takeValue();
                bool ok = false;
                const int n = v ? v->toInt(&ok) : 0;
                if (!ok || n < 1)
                    return usageError(QStringLiteral("option '%1' takes a positive number").arg(arg));
                request.limit = n;
                return std::nullopt;
            }
            if (arg == QLatin1String("--state")) {
                request.stateHistory = true;
                return std::nullopt;
            }
            if (arg == QLatin1String("--etcd")) {
                request.etcdHistory = true;
                return std::nullopt;
            }
            if (arg == QLatin1String("--offline")) {
                request.offline = true;
                return std::nullopt;
            }
            return usageError(QStringLiteral("unknown option '%1' for history (try 'strata history --help')").arg(arg));
        });
    if (stop)
        return *stop;
    if (request.stateHistory && request.etcdHistory)
        return usageError(QStringLiteral("history takes --state or --etcd, not both"));
    if (request.offline && !request.etcdHistory)
        return usageError(QStringLiteral("history --offline goes with --etcd (git history is always read locally)"));
    if (request.etcdHistory) {
        if (positional.size() != 2)
            return usageError(QStringLiteral("history --etcd needs a case file and one object (kind/namespace/name "
                                             "or an etcd key) (try 'strata history --help')"));
        request.caseFile = positional.at(0);
        request.resource = positional.at(1);
        return request;
    }
    if (request.stateHistory) {
        if (positional.isEmpty() || positional.size() > 2)
            return usageError(QStringLiteral("history --state needs a case file and takes one resource "
                                             "(try 'strata history --help')"));
        request.caseFile = positional.at(0);
        request.resource = positional.value(1);
        return request;
    }
    if (positional.size() < 2 || positional.size() > 3)
        return usageError(QStringLiteral("history needs a case file and a resource, and takes one field "
                                         "(try 'strata history --help')"));
    request.caseFile = positional.at(0);
    request.resource = positional.at(1);
    request.field = positional.value(2);
    return request;
}

CommandLineRequest parseContexts(const QStringList &arguments)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::Contexts;
    request.format = CommandLineRequest::Format::Text;
    QStringList positional;
    const auto stop = walkArguments(arguments, positional,
        [&](const QString &arg, const TakeValue &takeValue) -> std::optional<CommandLineRequest> {
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
                return helpFor(QStringLiteral("contexts"));
            if (arg == QLatin1String("--kubeconfig")) {
                const auto v = takeValue();
                if (!v || v->isEmpty())
                    return usageError(QStringLiteral("option '%1' needs a file").arg(arg));
                request.kubeconfigs.append(*v);
                return std::nullopt;
            }
            if (arg == QLatin1String("-f") || arg == QLatin1String("--format"))
                return textOrJson(arg, takeValue, request);
            return usageError(
                QStringLiteral("unknown option '%1' for contexts (try 'strata contexts --help')").arg(arg));
        });
    if (stop)
        return *stop;
    if (!positional.isEmpty())
        return usageError(
            QStringLiteral("contexts takes no arguments, only --kubeconfig FILE (try 'strata contexts --help')"));
    return request;
}

CommandLineRequest parseRecord(const QStringList &arguments)
{
    CommandLineRequest request;
    request.action = CommandLineRequest::Action::Record;
    request.format = CommandLineRequest::Format::Text;
    QStringList positional;
    const auto stop = walkArguments(arguments, positional,
        [&](const QString &arg, const TakeValue &takeValue) -> std::optional<CommandLineRequest> {
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
                return helpFor(QStringLiteral("record"));
            if (arg == QLatin1String("--for") || arg == QLatin1String("--every")) {
                const auto v = takeValue();
                const auto ms = v ? strata::Duration::parseMs(*v) : std::nullopt;
                if (!ms || (arg == QLatin1String("--every") && (*ms < 250 || *ms > 600000)))
                    return usageError(
                        QStringLiteral("option '%1' takes a duration such as 30s, 10m or 1h%2")
                            .arg(arg,
                                arg == QLatin1String("--every") ? QStringLiteral(" (at least 250ms)") : QString()));
                (arg == QLatin1String("--for") ? request.durationMs : request.intervalMs) = *ms;
                return std::nullopt;
            }
            return usageError(QStringLiteral("unknown option '%1' for record (try 'strata record --help')").arg(arg));
        });
    if (stop)
        return *stop;
    if (positional.size() != 1)
        return usageError(QStringLiteral("record needs one case file (try 'strata record --help')"));
    request.caseFile = positional.at(0);
    return request;
}

} // namespace

CommandLineRequest parse(const QStringList &arguments)
{
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("record"))
        return parseRecord(arguments);
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("analyze"))
        return parseAnalyze(arguments);
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("report"))
        return parseReport(arguments);
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("history"))
        return parseHistory(arguments);
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("contexts"))
        return parseContexts(arguments);

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
                          "Subcommands:\n"
                          "  analyze CASE     analyse a case headless and print the findings\n"
                          "                   (see 'strata analyze --help')\n"
                          "  history CASE RESOURCE [FIELD]\n"
                          "                   the commits that changed what the code sets\n"
                          "                   (see 'strata history --help')\n"
                          "  contexts [--kubeconfig FILE]...\n"
                          "                   the contexts of your kubeconfigs, merged as kubectl does\n"
                          "                   (see 'strata contexts --help')\n"
                          "  report CASE --output FILE.md|.html|.pdf|.json|.zip\n"
                          "                   the investigation as an incident report\n"
                          "                   (see 'strata report --help')\n"
                          "  record CASE [--for DURATION] [--every DURATION]\n"
                          "                   sample the case's etcd endpoints into a recording\n"
                          "                   (see 'strata record --help')\n"
                          "\n"
                          "Exit status: 0 on success, 2 for a usage error; 'strata analyze' exits 3\n"
                          "when its analysis is incomplete.\n");
}

QString analyzeHelpText()
{
    return QStringLiteral("Usage: strata analyze CASE [--format json|markdown] [--output FILE] [--offline]\n"
                          "                      [--allow-exec] [--sample-for DURATION]\n"
                          "\n"
                          "Loads the case, imports its evidence, diffs code, state, live and replica,\n"
                          "applies the finding rules and prints the analysis. The GUI runs the same code.\n"
                          "A case with sources.kubernetes reads its contexts first and keeps what they\n"
                          "answered under captures/ beside the case.\n"
                          "\n"
                          "Options:\n"
                          "  -f, --format FORMAT   json (default; schema in docs/analysis-json.md) or markdown\n"
                          "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
                          "      --offline         no network: the contexts' newest capture stands in for them\n"
                          "      --allow-exec      run the kubeconfig's exec credential plugins (without it,\n"
                          "                        only plugins approved in the window run; never asks)\n"
                          "      --sample-for DURATION\n"
                          "                        first record the case's etcd endpoints for DURATION (at\n"
                          "                        sources.etcd's sample-every, as 'strata record' does)\n"
                          "  -h, --help            show this help and exit\n"
                          "\n"
                          "Exit status:\n"
                          "  0  the analysis is complete (with or without findings)\n"
                          "  1  the output could not be written (nothing half-written is left)\n"
                          "  2  usage error, a case file that cannot be read, or an --output that is\n"
                          "     not a regular file or is the case or one of its evidence files\n"
                          "  3  the analysis ran but is incomplete: some evidence (or an entry of the case\n"
                          "     file) could not be read; the reasons are on standard error and in the\n"
                          "     output (problems[] in JSON, first section in Markdown)\n");
}

QString recordHelpText()
{
    return QStringLiteral("Usage: strata record CASE [--for DURATION] [--every DURATION]\n"
                          "\n"
                          "Samples the status of every etcd endpoint the case names (sources.etcd; with\n"
                          "cluster: true every member) at a fixed interval and appends each sample to\n"
                          "recordings/etcd-<UTC time>.tsv beside the case: term, raft and applied index,\n"
                          "revision, leader, DB size and latency, or the error when an endpoint does not\n"
                          "answer. The window and 'strata analyze' read the case's recordings: leader\n"
                          "and term changes become timeline events. A recording cut short (Ctrl+C,\n"
                          "SIGTERM, a crash) is readable up to its last whole line.\n"
                          "\n"
                          "Options:\n"
                          "      --for DURATION    stop after DURATION (30s, 10m, 1h30m); default: until\n"
                          "                        Ctrl+C or SIGTERM\n"
                          "      --every DURATION  the interval (at least 250ms); default: the case's\n"
                          "                        sample-every, else 2s\n"
                          "  -h, --help            show this help and exit\n"
                          "\n"
                          "Exit status:\n"
                          "  0  every sample answered\n"
                          "  1  the recording stopped being writable (what was written stays whole)\n"
                          "  2  usage error, or a case without sources.etcd\n"
                          "  3  some endpoint did not answer (its errors are in the recording), the\n"
                          "     members could not be discovered, or the recording could not be started\n");
}

QString historyHelpText()
{
    return QStringLiteral("Usage: strata history CASE RESOURCE [FIELD] [--format text|json] [--limit N]\n"
                          "       strata history CASE --state [RESOURCE] [--format text|json] [--limit N]\n"
                          "       strata history CASE --etcd OBJECT [--offline] [--format text|json] [--limit N]\n"
                          "\n"
                          "Walks the commits of the case's sources.terraform repository, newest first,\n"
                          "and prints those that changed what the Terraform code evaluates to for\n"
                          "RESOURCE (kind/namespace/name), or for one FIELD of it (a path as the diff\n"
                          "shows it, e.g. data.max_cart_items): commit, date with its time zone,\n"
                          "author, old -> new value, subject. Commits that did not touch the stack's\n"
                          "folder are skipped without reading a file. Secret values are fingerprints.\n"
                          "\n"
                          "With --state: the commits that changed the committed state file (the case's\n"
                          "sources.terraform state, when it is in the repository): serial, lineage and\n"
                          "each object's recorded resource_version; with RESOURCE, only the commits\n"
                          "where that object's recorded resource_version changed.\n"
                          "\n"
                          "With --etcd: every version etcd still holds of OBJECT (kind/namespace/name, or\n"
                          "an etcd key such as /registry/configmaps/ns/name), newest first, read from the\n"
                          "case's sources.etcd endpoints and kept in the case's captures: revision,\n"
                          "version, and the fields that revision changed. Values kube-apiserver stored\n"
                          "as protobuf or JSON are decoded; values encrypted at rest are named, never\n"
                          "decoded. The walk stops at the object's creation, or where etcd has compacted.\n"
                          "--offline reads the newest history captured before instead of etcd.\n"
                          "\n"
                          "Options:\n"
                          "  -f, --format FORMAT   text (default: one line per change, as found) or json\n"
                          "  -n, --limit N         stop after N changes\n"
                          "      --state           the committed state's history instead of the code's\n"
                          "      --etcd            the object's versions in etcd instead of the code's\n"
                          "      --offline         with --etcd: the newest captured history, no endpoint read\n"
                          "  -h, --help            show this help and exit\n"
                          "\n"
                          "Exit status: 0 the history is complete; 2 usage error, an unreadable case or\n"
                          "a case without a git repository (or, with --etcd, without sources.etcd); 3 the\n"
                          "history is incomplete (a shallow clone, a commit whose code could not be read,\n"
                          "an endpoint that failed, or etcd's history compacted before the creation).\n");
}

QString reportHelpText()
{
    return QStringLiteral("Usage: strata report CASE-FILE|BUNDLE.zip --output FILE [--page-size a4|letter]\n"
                          "                     [--offline] [--allow-exec]\n"
                          "\n"
                          "Writes the investigation as an incident report: the sections the case's\n"
                          "'report:' holds (summary, impact, root cause, action items, a note per\n"
                          "finding, key moments) beside what the analysis found, in the usual postmortem\n"
                          "order, with every evidence file's SHA-256. The analysis is the one\n"
                          "'strata analyze' makes (live sources are read unless --offline).\n"
                          "The output's extension names the format:\n"
                          "  .md    Markdown (GitHub tables); the chart beside it as NAME.chart.png\n"
                          "  .html  one self-contained page (CSS inline, the chart embedded)\n"
                          "  .pdf   A4 or Letter pages with page numbers\n"
                          "  .json  the 'strata analyze' JSON plus the investigator's sections\n"
                          "  .zip   an evidence bundle: the report in every format, the case, its\n"
                          "         evidence and captures (secrets redacted) and a manifest with\n"
                          "         SHA-256s; 'strata BUNDLE.zip' re-opens it offline\n"
                          "\n"
                          "Options:\n"
                          "  -o, --output FILE   where to write; never the case file or its evidence\n"
                          "      --page-size S   a4 or letter (PDF); default: the locale's\n"
                          "      --offline       no network: the newest captures stand in for live sources\n"
                          "      --allow-exec    run kubeconfig exec plugins without an earlier approval\n"
                          "\n"
                          "Exit status: 0 written from a complete analysis; 3 written, but the analysis\n"
                          "is incomplete (said in the report); 1 the file could not be written; 2 usage.\n");
}

QString contextsHelpText()
{
    return QStringLiteral("Usage: strata contexts [--kubeconfig FILE]... [--format text|json]\n"
                          "\n"
                          "Lists the contexts of the kubeconfig files merged as kubectl merges them, as\n"
                          "'kubectl config get-contexts' does, with each context's server: CURRENT, NAME,\n"
                          "CLUSTER, AUTHINFO, NAMESPACE, SERVER. Without --kubeconfig: $KUBECONFIG (a\n"
                          "':'-separated list), else ~/.kube/config. Several --kubeconfig files are\n"
                          "merged in the order given: the first file that defines a name wins, and\n"
                          "current-context comes from the first file that sets it. Credentials are never\n"
                          "printed; JSON says only how each user authenticates.\n"
                          "\n"
                          "Options:\n"
                          "      --kubeconfig FILE  read FILE (repeat to merge several)\n"
                          "  -f, --format FORMAT    text (default) or json\n"
                          "  -h, --help             show this help and exit\n"
                          "\n"
                          "Exit status: 0 all files read; 2 usage error; 3 a file or an entry could not be\n"
                          "read (what could be read is listed; the problems are on standard error).\n");
}

QString versionText()
{
    return QStringLiteral("strata %1\n").arg(strata::BuildInfo::version());
}

} // namespace CommandLine
