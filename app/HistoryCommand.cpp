#include "HistoryCommand.h"

#include "CommandSupport.h"

#include "history/FieldHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace HistoryCommand {

namespace {

// Flushed: each change shows as soon as it is found, even through a pipe.
void print(FILE *stream, const QString &text)
{
    CommandSupport::print(stream, text);
    std::fflush(stream);
}

QJsonValue cell(const std::optional<strata::CellValue> &v)
{
    if (!v)
        return QJsonValue::Null;
    QJsonObject o;
    o[QStringLiteral("kind")] = v->kind == strata::CellValue::Kind::Scalar ? QStringLiteral("value")
        : v->kind == strata::CellValue::Kind::Secret                       ? QStringLiteral("secret")
                                                                           : QStringLiteral("unknown");
    o[QStringLiteral("text")] = v->text;
    o[QStringLiteral("location")] = v->location.toString();
    return o;
}

QJsonObject json(const strata::FieldChange &c)
{
    QJsonObject commit;
    commit[QStringLiteral("id")] = c.commit.id;
    commit[QStringLiteral("author")] = c.commit.author;
    commit[QStringLiteral("email")] = c.commit.email;
    commit[QStringLiteral("date")] = c.commit.time.toString(Qt::ISODate);
    commit[QStringLiteral("subject")] = c.commit.subject;
    QJsonObject o;
    o[QStringLiteral("commit")] = commit;
    o[QStringLiteral("resource")] = c.resource.toString();
    o[QStringLiteral("field")] = c.field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.field);
    o[QStringLiteral("object")] = c.object == strata::FieldChange::Object::Added ? QStringLiteral("added")
        : c.object == strata::FieldChange::Object::Removed                       ? QStringLiteral("removed")
                                                                                 : QStringLiteral("unchanged");
    o[QStringLiteral("before")] = cell(c.before);
    o[QStringLiteral("after")] = cell(c.after);
    return o;
}

} // namespace

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    const auto read = CommandSupport::readCase(request.caseFile, err);
    if (!read)
        return CommandLine::usageErrorExitCode;
    const auto id = strata::ResourceId::parse(request.resource);
    if (!id) {
        print(err,
            QStringLiteral("strata: '%1' is not a resource (kind/namespace/name or kind/name)\n")
                .arg(request.resource));
        return CommandLine::usageErrorExitCode;
    }
    if (!read->caseFile->terraformSource) {
        print(err,
            QStringLiteral("strata: %1 has no sources.terraform repository to read history from\n")
                .arg(request.caseFile));
        return CommandLine::usageErrorExitCode;
    }
    const bool text = request.format == CommandLineRequest::Format::Text;
    const strata::HistoryResult result = strata::FieldHistory::run(
        *read->caseFile, { strata::HistoryTarget { *id, request.field, std::nullopt } }, request.limit, nullptr,
        [&](const strata::FieldChange &c) {
            if (text)
                print(out, strata::FieldHistory::describe(c) + QLatin1Char('\n'));
        },
        // What state marks sensitive is a fingerprint here too, as in the diff.
        strata::FieldHistory::sensitivePathsOfState(*read->caseFile));
    if (!result.start.isValid()) {
        for (const strata::Diagnostic &d : result.diagnostics)
            print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
        return CommandLine::usageErrorExitCode;
    }
    const bool complete = result.diagnostics.isEmpty() && !result.shallow;
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    if (result.shallow)
        print(err, QStringLiteral("strata: a shallow clone: the history stops where the clone does\n"));
    print(err,
        QStringLiteral("strata: %1 commits walked from %2, %3 read; %4 changes\n")
            .arg(result.commitsWalked)
            .arg(result.start.shortId)
            .arg(result.commitsRead)
            .arg(result.changes.size()));
    if (!text) {
        QJsonObject doc;
        doc[QStringLiteral("resource")] = id->toString();
        doc[QStringLiteral("field")]
            = request.field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(request.field);
        doc[QStringLiteral("start")] = result.start.id;
        doc[QStringLiteral("complete")] = complete;
        doc[QStringLiteral("commitsWalked")] = result.commitsWalked;
        doc[QStringLiteral("commitsRead")] = result.commitsRead;
        QJsonArray changes;
        for (const strata::FieldChange &c : result.changes)
            changes.append(json(c));
        doc[QStringLiteral("changes")] = changes;
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), out);
    }
    if (std::fflush(out) != 0 || std::ferror(out)) {
        print(err, QStringLiteral("strata: cannot write the history to standard output\n"));
        return CommandLine::outputErrorExitCode;
    }
    return complete ? 0 : CommandLine::incompleteExitCode;
}

} // namespace HistoryCommand
