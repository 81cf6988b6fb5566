#include "HistoryCommand.h"

#include "CommandSupport.h"

#include "core/RemoteUrl.h"
#include "git/GitRemote.h"
#include "history/EtcdObjectHistory.h"
#include "history/FieldHistory.h"
#include "history/StackHistory.h"
#include "live/EtcdHistoryCapture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

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

// The exit status once all is printed: a write error (a full disk, a closed
// pipe) is said and wins over an incomplete history.
int finish(FILE *out, FILE *err, bool complete)
{
    if (std::fflush(out) != 0 || std::ferror(out)) {
        print(err, QStringLiteral("strata: cannot write the history to standard output\n"));
        return CommandLine::outputErrorExitCode;
    }
    return complete ? 0 : CommandLine::incompleteExitCode;
}

QJsonObject json(const strata::GitCommit &c)
{
    QJsonObject commit;
    commit[QStringLiteral("id")] = c.id;
    commit[QStringLiteral("author")] = c.author;
    commit[QStringLiteral("email")] = c.email;
    commit[QStringLiteral("date")] = c.time.toString(Qt::ISODate);
    commit[QStringLiteral("subject")] = c.subject;
    return commit;
}

QJsonObject json(const strata::FieldChange &c)
{
    const QJsonObject commit = json(c.commit);
    QJsonObject o;
    o[QStringLiteral("commit")] = commit;
    o[QStringLiteral("resource")] = c.resource.toString();
    o[QStringLiteral("field")] = c.field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.field);
    o[QStringLiteral("object")] = c.object == strata::FieldChange::Object::Added ? QStringLiteral("added")
        : c.object == strata::FieldChange::Object::Removed                       ? QStringLiteral("removed")
        : c.object == strata::FieldChange::Object::Moved                         ? QStringLiteral("moved")
                                                                                 : QStringLiteral("unchanged");
    if (c.object == strata::FieldChange::Object::Moved)
        o[QStringLiteral("movedBlock")] = c.movedBlock;
    o[QStringLiteral("before")] = cell(c.before);
    o[QStringLiteral("after")] = cell(c.after);
    return o;
}

QJsonObject json(const strata::StackCommit &c)
{
    const QJsonObject commit = json(c.commit);
    const auto state = [](const std::optional<strata::StateSnapshot> &s) -> QJsonValue {
        if (!s)
            return QJsonValue::Null;
        QJsonObject o;
        if (!s->error.isEmpty()) {
            o[QStringLiteral("error")] = s->error;
            return o;
        }
        o[QStringLiteral("serial")] = qint64(s->serial);
        o[QStringLiteral("lineage")] = s->lineage;
        QJsonObject versions;
        for (auto it = s->resourceVersions.cbegin(); it != s->resourceVersions.cend(); ++it)
            versions[it.key().toString()] = it.value();
        o[QStringLiteral("resourceVersions")] = versions;
        return o;
    };
    QJsonObject o;
    o[QStringLiteral("commit")] = commit;
    o[QStringLiteral("state")] = state(c.state);
    o[QStringLiteral("before")] = state(c.before);
    return o;
}

// `strata history CASE --state [RESOURCE]`: the committed state, commit by commit.
int runState(const CommandLineRequest &request, const strata::CaseFile &caseFile, bool fetched, FILE *out, FILE *err)
{
    std::optional<strata::ResourceId> id;
    if (!request.resource.isEmpty()) {
        id = strata::ResourceId::parse(request.resource);
        if (!id) {
            print(err,
                QStringLiteral("strata: '%1' is not a resource (kind/namespace/name or kind/name)\n")
                    .arg(request.resource));
            return CommandLine::usageErrorExitCode;
        }
    }
    const bool text = request.format == CommandLineRequest::Format::Text;
    QJsonArray entries;
    int shown = 0;
    strata::StackHistory::Limits limits; // the whole history: the timeline's bounds are not for this
    limits.maxWalked = std::numeric_limits<int>::max();
    limits.maxCommits = std::numeric_limits<int>::max();
    limits.maxStates = std::numeric_limits<int>::max();
    const auto wanted = [&](const strata::StackCommit &c) {
        if (!c.state || (request.limit > 0 && shown >= request.limit))
            return false;
        if (!id)
            return true;
        const QString now = c.state->resourceVersions.value(*id);
        return !now.isEmpty() && (!c.before || c.before->resourceVersions.value(*id) != now);
    };
    const strata::StackHistoryResult result
        = strata::StackHistory::run(caseFile, limits, nullptr, [&](const strata::StackCommit &c) {
              if (!wanted(c))
                  return;
              ++shown;
              if (text)
                  print(out,
                      QStringLiteral("%1  %2  %3  %4  %5\n")
                          .arg(c.commit.shortId, c.commit.timeText(), c.commit.author,
                              strata::StackHistory::describeState(c), c.commit.subject));
              else
                  entries.append(json(c));
          });
    for (const strata::Diagnostic &d : result.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    if (result.commits.isEmpty() && !result.diagnostics.isEmpty())
        return CommandLine::usageErrorExitCode;
    const bool limited = request.limit > 0 && shown >= request.limit;
    const bool complete = (result.complete || limited) && result.diagnostics.isEmpty() && fetched;
    print(err, QStringLiteral("strata: %1 commits walked; %2 state commits\n").arg(result.commitsWalked).arg(shown));
    if (!text) {
        QJsonObject doc;
        doc[QStringLiteral("resource")] = id ? QJsonValue(id->toString()) : QJsonValue(QJsonValue::Null);
        doc[QStringLiteral("complete")] = complete;
        doc[QStringLiteral("commitsWalked")] = result.commitsWalked;
        doc[QStringLiteral("states")] = entries;
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), out);
    }
    return finish(out, err, complete);
}

QJsonObject json(const strata::ObjectRevision &r)
{
    QJsonObject o;
    o[QStringLiteral("modRevision")] = r.modRevision;
    o[QStringLiteral("createRevision")] = r.createRevision;
    o[QStringLiteral("version")] = r.version;
    o[QStringLiteral("encoding")] = r.encoding;
    o[QStringLiteral("known")] = r.known;
    if (!r.error.isEmpty())
        o[QStringLiteral("error")] = r.error;
    QJsonArray changes;
    for (const strata::RevisionFieldChange &c : r.changes) {
        QJsonObject change;
        change[QStringLiteral("field")] = c.path;
        change[QStringLiteral("before")] = cell(c.before);
        change[QStringLiteral("after")] = cell(c.after);
        changes.append(change);
    }
    o[QStringLiteral("changes")] = changes;
    return o;
}

// `strata history CASE --etcd OBJECT`: every version etcd holds, captured
// into the case first (or, --offline, the newest capture of it).
int runEtcd(const CommandLineRequest &request, const strata::CaseFile &caseFile, FILE *out, FILE *err)
{
    strata::EtcdHistoryTarget target;
    if (request.resource.startsWith(QLatin1Char('/'))) {
        target.key = request.resource;
    } else if (const auto id = strata::ResourceId::parse(request.resource)) {
        target.id = *id;
    } else {
        print(err,
            QStringLiteral("strata: '%1' is neither an object (kind/namespace/name or kind/name) nor an etcd key "
                           "(/registry/…)\n")
                .arg(request.resource));
        return CommandLine::usageErrorExitCode;
    }
    if (!caseFile.etcdSource && !request.offline) {
        print(err, QStringLiteral("strata: %1 has no sources.etcd to read history from\n").arg(request.caseFile));
        return CommandLine::usageErrorExitCode;
    }
    std::optional<strata::EtcdHistoryManifest> manifest;
    QString error;
    if (request.offline) {
        manifest = strata::EtcdObjectHistories::newest(caseFile, &error);
        if (!manifest) {
            print(err,
                QStringLiteral("strata: %1\n")
                    .arg(error.isEmpty() ? QStringLiteral("no etcd history was captured for this case yet") : error));
            return CommandLine::incompleteExitCode;
        }
    } else {
        manifest = strata::EtcdHistoryCapture::capture(caseFile, { target }, request.limit > 0 ? request.limit : 1000);
        if (!manifest->error.isEmpty()) {
            print(err, QStringLiteral("strata: etcd: %1\n").arg(manifest->error));
            return CommandLine::incompleteExitCode;
        }
    }
    QStringList problems;
    const QList<strata::EtcdObjectHistory> all = strata::EtcdObjectHistories::read(*manifest, &problems);
    const strata::EtcdObjectHistory *history = nullptr;
    for (const strata::EtcdObjectHistory &h : all) {
        if (h.object == target.label())
            history = &h;
    }
    for (const QString &p : problems)
        print(err, QStringLiteral("strata: %1\n").arg(p));
    if (!history) {
        print(err,
            QStringLiteral("strata: the newest etcd history capture (%1) does not hold %2\n")
                .arg(manifest->folder, target.label()));
        return CommandLine::incompleteExitCode;
    }
    const bool text = request.format == CommandLineRequest::Format::Text;
    if (text) {
        for (const strata::ObjectRevision &r : history->revisions)
            print(out,
                QStringLiteral("revision %1  version %2  %3\n")
                    .arg(r.modRevision)
                    .arg(r.version)
                    .arg(strata::EtcdObjectHistories::changeText(r)));
    }
    if (history->keyGuessed)
        print(err,
            QStringLiteral("strata: key %1 made from the kind's plural; if the resource's plural differs, give the "
                           "key itself\n")
                .arg(history->key));
    print(err,
        QStringLiteral("strata: %1 at %2, revision %3: %4 versions; %5\n")
            .arg(history->key, history->endpoint)
            .arg(history->headerRevision)
            .arg(history->revisions.size())
            .arg(history->error.isEmpty() ? history->stop : history->error));
    const bool complete = history->complete && history->error.isEmpty() && problems.isEmpty();
    if (!text) {
        QJsonObject doc;
        doc[QStringLiteral("object")] = history->object;
        doc[QStringLiteral("key")] = history->key;
        doc[QStringLiteral("keyGuessed")] = history->keyGuessed;
        doc[QStringLiteral("endpoint")] = history->endpoint;
        doc[QStringLiteral("revision")] = history->headerRevision;
        doc[QStringLiteral("complete")] = complete;
        doc[QStringLiteral("stop")] = history->error.isEmpty() ? history->stop : history->error;
        doc[QStringLiteral("capture")] = manifest->folder;
        QJsonArray versions;
        for (const strata::ObjectRevision &r : history->revisions)
            versions.append(json(r));
        doc[QStringLiteral("versions")] = versions;
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), out);
    }
    return finish(out, err, complete);
}

} // namespace

int run(const CommandLineRequest &request, FILE *out, FILE *err)
{
    const auto read = CommandSupport::readCase(request.caseFile, err);
    if (!read)
        return CommandLine::usageErrorExitCode;
    if (request.etcdHistory)
        return runEtcd(request, *read->caseFile, out, err);
    // A repository named by URL: brought up to date first, as the analysis
    // does; read from the older copy when that fails, and then incomplete.
    bool fetched = true;
    if (read->caseFile->terraformSource && strata::RemoteUrl::isUrl(read->caseFile->terraformSource->repo)) {
        const strata::GitSyncResult synced = strata::GitRemote::sync(read->caseFile->terraformSource->repo);
        if (!synced.error.isEmpty())
            print(err,
                QStringLiteral("strata: %1%2\n")
                    .arg(synced.error,
                        synced.path.isEmpty() ? QString() : QStringLiteral("; reading the copy fetched before")));
        if (synced.path.isEmpty())
            return CommandLine::usageErrorExitCode;
        fetched = synced.error.isEmpty();
    }
    if (request.stateHistory) {
        if (!read->caseFile->terraformSource) {
            print(err,
                QStringLiteral("strata: %1 has no sources.terraform repository to read history from\n")
                    .arg(request.caseFile));
            return CommandLine::usageErrorExitCode;
        }
        return runState(request, *read->caseFile, fetched, out, err);
    }
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
    const bool complete = result.diagnostics.isEmpty() && !result.shallow && fetched;
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
    return finish(out, err, complete);
}

} // namespace HistoryCommand
