#include "ContextsCommand.h"

#include "CommandSupport.h"

#include "core/ControlCharacters.h"
#include "core/RemoteUrl.h"
#include "kube/Kubeconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ContextsCommand {

namespace {

// Go's tabwriter as kubectl sets it up: every column but the last padded to
// its widest cell plus three spaces.
QString table(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.append(0);
            widths[c] = std::max(widths[c], row.at(c).size());
        }
    }
    QString out;
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            out += c + 1 < row.size() ? row.at(c).leftJustified(widths[c] + 3) : row.at(c);
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    const bool explicitFiles = !request.kubeconfigs.isEmpty();
    const QStringList files = explicitFiles ? request.kubeconfigs : strata::KubeconfigLoader::defaultFiles();
    const strata::Kubeconfig config = strata::KubeconfigLoader::load(files, explicitFiles);
    for (const strata::Diagnostic &d : config.diagnostics)
        CommandSupport::print(err, QStringLiteral("strata: %1\n").arg(strata::escapeControlCharacters(d.toString())));

    QList<strata::KubeContext> contexts = config.contexts;
    std::sort(contexts.begin(), contexts.end(),
        [](const strata::KubeContext &a, const strata::KubeContext &b) { return a.name < b.name; });
    if (request.format == CommandLineRequest::Format::Json) {
        QJsonArray list;
        for (const strata::KubeContext &c : contexts) {
            const strata::KubeCluster *cluster = config.cluster(c.cluster);
            const strata::KubeUser *user = config.user(c.user);
            QJsonObject o;
            o[QStringLiteral("name")] = c.name;
            o[QStringLiteral("current")] = c.name == config.currentContext;
            o[QStringLiteral("cluster")] = c.cluster;
            o[QStringLiteral("server")]
                = cluster ? QJsonValue(strata::RemoteUrl::redacted(cluster->server)) : QJsonValue(QJsonValue::Null);
            o[QStringLiteral("user")] = c.user;
            o[QStringLiteral("auth")] = user ? QJsonValue(user->authKind()) : QJsonValue(QJsonValue::Null);
            o[QStringLiteral("namespace")] = c.ns;
            o[QStringLiteral("definedAt")] = c.location.toString();
            list.append(o);
        }
        QJsonObject doc;
        doc[QStringLiteral("files")] = QJsonArray::fromStringList(config.files);
        doc[QStringLiteral("currentContext")] = config.currentContext;
        doc[QStringLiteral("contexts")] = list;
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), out);
    } else {
        QList<QStringList> rows { { QStringLiteral("CURRENT"), QStringLiteral("NAME"), QStringLiteral("CLUSTER"),
            QStringLiteral("AUTHINFO"), QStringLiteral("NAMESPACE"), QStringLiteral("SERVER") } };
        for (const strata::KubeContext &c : contexts) {
            const strata::KubeCluster *cluster = config.cluster(c.cluster);
            rows.append({ c.name == config.currentContext ? QStringLiteral("*") : QString(), c.name, c.cluster, c.user,
                c.ns, cluster ? strata::RemoteUrl::redacted(cluster->server) : QString() });
        }
        // Names come from files anyone may have written: no terminal controls.
        for (QStringList &row : rows) {
            for (QString &cell : row)
                cell = strata::escapeControlCharacters(cell);
        }
        CommandSupport::print(out, table(rows));
    }
    if (std::fflush(out) != 0 || std::ferror(out)) {
        CommandSupport::print(err, QStringLiteral("strata: cannot write the contexts to standard output\n"));
        return CommandLine::outputErrorExitCode;
    }
    return strata::hasErrors(config.diagnostics) ? CommandLine::incompleteExitCode : 0;
}

} // namespace ContextsCommand
