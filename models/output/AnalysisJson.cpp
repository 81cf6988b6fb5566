#include "AnalysisJson.h"

#include "CompactJson.h"

#include <QThread>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::AnalysisJson {

namespace {

using Json = nlohmann::ordered_json;

std::string u8(const QString &s)
{
    return s.toStdString();
}

Json stringOrNull(const QString &s)
{
    return s.isEmpty() ? Json(nullptr) : Json(u8(s));
}

Json strings(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(u8(s));
    return a;
}

// Where `sources.terraform` read code and state: enough to re-run at the
// same commit. null when the case has no such source.
Json terraformSource(const std::optional<TerraformOrigin> &origin)
{
    if (!origin)
        return nullptr;
    Json j;
    j["repository"] = u8(origin->repository);
    j["ref"] = stringOrNull(origin->ref);
    j["folder"] = u8(origin->folder);
    j["git"] = origin->git;
    j["workTree"] = origin->workTree;
    if (origin->git && origin->commit.isValid()) {
        Json c;
        c["id"] = u8(origin->commit.id);
        c["author"] = u8(origin->commit.author);
        c["email"] = u8(origin->commit.email);
        c["date"] = u8(origin->commit.time.toString(Qt::ISODate));
        c["subject"] = u8(origin->commit.subject);
        j["commit"] = c;
    } else {
        j["commit"] = nullptr;
    }
    j["workTreeChanges"] = strings(origin->workTreeChanges);
    return j;
}

// What `sources.etcd`'s endpoints answered: URLs, member ids, errors and
// latencies (never a password or token). null when the case reads none.
Json etcdSource(const std::optional<EtcdCaptureManifest> &capture)
{
    if (!capture)
        return nullptr;
    Json j;
    j["capture"] = u8(capture->folder);
    j["time"] = capture->time.isValid() ? Json(u8(capture->time.toUTC().toString(Qt::ISODate))) : Json(nullptr);
    j["configured"] = strings(capture->configured);
    j["cluster"] = capture->cluster;
    j["error"] = stringOrNull(capture->error);
    j["hashNote"] = stringOrNull(capture->hashNote);
    Json endpoints = Json::array();
    for (const CapturedEndpoint &e : capture->endpoints) {
        Json ej;
        ej["url"] = u8(e.url);
        ej["memberId"] = stringOrNull(e.memberIdHex);
        ej["discovered"] = e.discovered;
        ej["reachable"] = e.reachable;
        ej["error"] = stringOrNull(e.error);
        ej["latencyMs"] = e.latencyMs >= 0 ? Json(e.latencyMs) : Json(nullptr);
        endpoints.push_back(ej);
    }
    j["endpoints"] = endpoints;
    return j;
}

// What `sources.kubernetes`'s contexts answered: per context, names and
// statuses only (never a credential). null when the case reads none.
Json kubernetesSources(const std::optional<CaptureManifest> &capture)
{
    if (!capture)
        return nullptr;
    Json j;
    j["capture"] = u8(capture->folder);
    j["time"] = capture->time.isValid() ? Json(u8(capture->time.toUTC().toString(Qt::ISODate))) : Json(nullptr);
    Json contexts = Json::array();
    for (const CapturedContext &c : capture->contexts) {
        Json cj;
        cj["role"] = u8(evidenceRoleName(c.role));
        cj["context"] = u8(c.context);
        cj["cluster"] = u8(c.cluster);
        cj["server"] = u8(c.server);
        cj["user"] = u8(c.user);
        cj["auth"] = u8(c.authKind);
        cj["serverVersion"] = stringOrNull(c.serverVersion);
        cj["reachable"] = c.reachable;
        cj["error"] = stringOrNull(c.error);
        Json objects = Json::array();
        for (const CapturedObject &o : c.objects) {
            Json oj;
            oj["resource"] = u8(o.resource);
            oj["status"] = o.status;
            oj["latencyMs"] = o.latencyMs;
            oj["error"] = stringOrNull(o.error);
            objects.push_back(oj);
        }
        cj["objects"] = objects;
        contexts.push_back(cj);
    }
    j["contexts"] = contexts;
    return j;
}

Json location(const SourceLocation &l)
{
    if (!l.isValid())
        return nullptr;
    Json j;
    j["file"] = u8(l.file);
    j["line"] = l.line > 0 ? Json(l.line) : Json(nullptr);
    j["column"] = l.column > 0 ? Json(l.column) : Json(nullptr);
    return j;
}

// The root's large arrays are written one element at a time into the
// document's text, never held as one tree (at 20,000 objects that cost
// gigabytes and most of the run): the root holds this in their place.
std::string placeholder(const char *key)
{
    return std::string("@@strata: ") + key + " are written here@@";
}

// A nested document's lines, indented to where it sits. JSON strings hold no
// raw newlines (they are escaped), so every '\n' is a line break.
void appendIndented(QByteArray &out, const std::string &text, const char *newlineAndIndent)
{
    size_t from = 0;
    for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
        out.append(text.data() + from, qsizetype(nl - from));
        out.append(newlineAndIndent);
        from = nl + 1;
    }
    out.append(text.data() + from, qsizetype(text.size() - from));
}

// The column's name as a JSON key, without a QString round trip per cell.
const char *columnKey(Column c)
{
    static const std::array<const char *, columnCount> keys = { "code", "state", "live", "replica" };
    return keys[size_t(columnIndex(c))];
}

// Every cell names its file, and one object's cells name the same few:
// the last name's JSON text is kept instead of converting it each time.
class FileNameCache
{
public:
    const QByteArray &json(const QString &file)
    {
        if (file != m_file || m_json.isEmpty()) {
            m_file = file;
            m_json.clear();
            CompactJson::appendString(m_json, file);
        }
        return m_json;
    }

private:
    QString m_file;
    QByteArray m_json;
};

void writeLocation(CompactJson &w, const SourceLocation &l, FileNameCache &files)
{
    if (!l.isValid()) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("file");
    w.raw(files.json(l.file));
    w.key("line");
    l.line > 0 ? w.integer(l.line) : w.null();
    w.key("column");
    l.column > 0 ? w.integer(l.column) : w.null();
    w.endObject();
}

void writeIdentity(CompactJson &w, const ColumnIdentity &id, FileNameCache &files)
{
    if (!id.present) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("origin");
    w.stringOrNull(id.origin);
    w.key("location");
    writeLocation(w, id.location, files);
    w.key("resourceVersion");
    w.stringOrNull(id.resourceVersion);
    w.key("uid");
    w.stringOrNull(id.uid);
    w.key("terraformAddress");
    w.stringOrNull(id.terraformAddress);
    w.key("stateSerial");
    id.stateSerial >= 0 ? w.integer(id.stateSerial) : w.null();
    w.key("stateLineage");
    w.stringOrNull(id.stateLineage);
    w.endObject();
}

// One field, as one line: a 20,000-object case has hundreds of thousands,
// and a line each keeps the document a few times the evidence instead of
// twenty (and greppable by path).
void writeField(QByteArray &out, const FieldDiff &f, std::array<FileNameCache, columnCount> &files)
{
    CompactJson w(out);
    w.beginObject();
    w.key("path");
    w.string(f.path);
    for (Column c : allColumns) {
        const DiffCell &cell = f.cell(c);
        w.key(columnKey(c));
        if (!cell.present || cell.value.kind == FieldValue::Kind::Unknown)
            w.null();
        else
            w.string(cell.value.text);
    }
    w.key("statuses");
    w.beginArray();
    for (const QString &status : f.statusNames())
        w.string(status);
    w.endArray();
    w.key("unknownColumns");
    w.beginArray();
    for (Column c : allColumns) {
        if (f.unknownColumns & columnBit(c))
            w.string(columnName(c));
    }
    w.endArray();
    w.key("noise");
    w.boolean(f.noise);
    w.key("secret");
    w.boolean(f.secret);
    w.key("unknown");
    w.beginObject();
    for (Column c : allColumns) {
        const DiffCell &cell = f.cell(c);
        if (cell.present && cell.value.kind == FieldValue::Kind::Unknown) {
            w.key(columnKey(c));
            w.string(cell.value.text);
        }
    }
    w.endObject();
    w.key("locations");
    w.beginObject();
    for (Column c : allColumns) {
        const DiffCell &cell = f.cell(c);
        w.key(columnKey(c));
        if (cell.present)
            writeLocation(w, cell.value.location, files[size_t(columnIndex(c))]);
        else
            w.null();
    }
    w.endObject();
    w.endObject();
}

// A resource as an element of the root's "resources" array (indented by 4).
void appendResource(QByteArray &out, const ResourceDiff &r, std::array<FileNameCache, columnCount> &files)
{
    const auto member = [&out](const char *name, bool first = false) {
        out.append(first ? "{\n      \"" : ",\n      \"");
        out.append(name);
        out.append("\": ");
    };
    member("id", true);
    CompactJson::appendString(out, r.id.toString());
    member("kind");
    CompactJson::appendString(out, r.id.kind);
    member("namespace");
    CompactJson(out).stringOrNull(r.id.ns);
    member("name");
    CompactJson::appendString(out, r.id.name);
    member("investigated");
    out.append(r.investigated ? "true" : "false");
    member("identities");
    out.append('{');
    for (Column c : allColumns) {
        out.append(c == allColumns.front() ? "\n        \"" : ",\n        \"");
        out.append(columnKey(c));
        out.append("\": ");
        CompactJson w(out);
        writeIdentity(w, r.identity(c), files[size_t(columnIndex(c))]);
    }
    out.append("\n      }");
    member("fields");
    if (r.fields.isEmpty()) {
        out.append("[]");
    } else {
        out.append('[');
        for (qsizetype i = 0; i < r.fields.size(); ++i) {
            out.append(i == 0 ? "\n        " : ",\n        ");
            writeField(out, r.fields.at(i), files);
        }
        out.append("\n      ]");
    }
    out.append("\n    }");
}

// Hands the text to the sink in pieces of about this many elements: the
// document is never whole in memory (it can be several times the evidence).
constexpr qsizetype elementsPerPiece = 512;

// The resources' elements, separated as in the root's array. Objects are
// independent: each core writes a piece, and pieces go to the sink in order.
bool writeResources(const QList<ResourceDiff> &resources, const Sink &sink)
{
    const qsizetype count = resources.size();
    const qsizetype cores = std::max(1, QThread::idealThreadCount());
    std::vector<QByteArray> pieces(static_cast<size_t>(cores));
    std::vector<std::array<FileNameCache, columnCount>> files(static_cast<size_t>(cores));
    for (qsizetype batch = 0; batch < count; batch += cores * elementsPerPiece) {
        const auto writePiece = [&](qsizetype core) {
            QByteArray &out = pieces[size_t(core)];
            out.resize(0); // its room kept: regrown from nothing, each piece took six fresh buffers
            const qsizetype from = batch + core * elementsPerPiece;
            const qsizetype to = std::min(count, from + elementsPerPiece);
            for (qsizetype i = from; i < to; ++i) {
                if (i > 0)
                    out.append(",\n    ");
                appendResource(out, resources.at(i), files[size_t(core)]);
            }
        };
        std::vector<std::thread> helpers;
        for (qsizetype core = 1; core < cores && batch + core * elementsPerPiece < count; ++core)
            helpers.emplace_back(writePiece, core);
        writePiece(0);
        for (std::thread &t : helpers)
            t.join();
        for (size_t core = 0; core < helpers.size() + 1; ++core) {
            if (!sink(pieces[core]))
                return false;
        }
    }
    return true;
}

Json finding(const Finding &f)
{
    Json j;
    j["id"] = u8(f.id);
    j["severity"] = u8(severityName(f.severity));
    j["title"] = u8(f.title);
    j["resource"] = stringOrNull(f.resource);
    j["paths"] = strings(f.paths);
    j["detail"] = u8(f.detail);
    Json evidence = Json::array();
    for (const EvidenceRef &e : f.evidence) {
        Json ej;
        ej["location"] = u8(e.location.toString());
        ej["file"] = stringOrNull(e.location.file);
        ej["line"] = e.location.line > 0 ? Json(e.location.line) : Json(nullptr);
        ej["quote"] = u8(e.quote);
        evidence.push_back(ej);
    }
    j["evidence"] = evidence;
    j["checks"] = strings(f.checks);
    j["changes"] = strings(f.changes);
    j["recommendation"] = u8(f.recommendation);
    return j;
}

Json metric(const MetricValue &m)
{
    Json j;
    j["name"] = u8(m.name);
    Json labels = Json::object();
    for (const auto &[k, v] : m.labels)
        labels[u8(k)] = u8(v);
    j["labels"] = std::move(labels);
    j["value"] = m.value;
    j["location"] = location(m.location);
    return j;
}

Json event(const TimelineEvent &t)
{
    Json j;
    j["time"] = t.time.isValid() ? Json(u8(t.time.toUTC().toString(Qt::ISODateWithMs))) : Json(nullptr);
    j["source"] = u8(t.source);
    j["level"] = stringOrNull(t.level);
    j["text"] = u8(t.text);
    j["location"] = location(t.location);
    return j;
}

Json component(const Component &c)
{
    Json j;
    j["id"] = u8(c.id);
    j["kind"] = u8(c.kind);
    j["name"] = u8(c.name);
    j["details"] = strings(c.details);
    j["location"] = location(c.location);
    return j;
}

Json relation(const Relation &r)
{
    Json j;
    j["from"] = u8(r.from);
    j["to"] = u8(r.to);
    j["kind"] = u8(r.kind);
    j["label"] = stringOrNull(r.label);
    j["inferred"] = r.inferred;
    return j;
}

Json proposal(const Proposal &p)
{
    Json j;
    j["order"] = p.order;
    j["kind"] = u8(p.kind);
    j["text"] = u8(p.text);
    j["findings"] = strings(p.findings);
    Json commands = Json::array();
    for (const PlanCommand &c : p.commands)
        commands.push_back({ { "command", u8(c.command) }, { "readOnly", c.readOnly }, { "why", u8(c.why) } });
    j["commands"] = std::move(commands);
    return j;
}

// Elements of a root array, each a small tree dumped as it would be inside
// the whole document, separated as in the root's array.
template<typename T> bool writeElements(const QList<T> &items, Json (*toJson)(const T &), const Sink &sink)
{
    QByteArray out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out.append(",\n    ");
        appendIndented(out, toJson(items.at(i)).dump(2, ' ', false, Json::error_handler_t::replace), "\n    ");
        if ((i + 1) % elementsPerPiece == 0) {
            if (!sink(out))
                return false;
            out.resize(0); // its room kept for the next piece
        }
    }
    return out.isEmpty() || sink(out);
}

} // namespace

bool write(const AnalysisResult &result, const Sink &sink)
{
    Json root;
    root["strata"] = schemaVersion;

    Json c;
    c["title"] = stringOrNull(result.caseFile.title);
    c["file"] = stringOrNull(result.caseFile.filePath);
    c["resources"] = strings(result.caseFile.resources);
    Json notes = Json::array();
    for (const CaseNote &n : result.caseFile.notes) {
        Json nj;
        nj["time"] = n.time.isValid() ? Json(u8(n.time.toString(Qt::ISODate))) : Json(nullptr);
        nj["text"] = u8(n.text);
        notes.push_back(nj);
    }
    c["notes"] = notes;
    c["terraformSource"] = terraformSource(result.terraformOrigin);
    c["kubernetesSources"] = kubernetesSources(result.capture);
    root["case"] = c;

    // First after the case: whether "no findings" may be read as an all-clear.
    const Completeness &completeness = result.completeness;
    root["complete"] = completeness.isComplete();
    root["incompleteBecause"] = stringOrNull(completeness.summary());
    Json problems = Json::array();
    for (const AnalysisProblem &p : completeness.problems) {
        Json pj;
        pj["source"] = u8(p.source);
        pj["state"] = u8(evidenceStateName(p.state));
        pj["reason"] = u8(p.reason);
        Json diags = Json::array();
        for (const Diagnostic &d : p.diagnostics)
            diags.push_back(u8(d.toString()));
        pj["diagnostics"] = diags;
        problems.push_back(pj);
    }
    root["problems"] = problems;

    Json evidence = Json::array();
    for (const ImportedEvidence &e : result.evidence) {
        Json ej;
        ej["path"] = u8(e.entry.path);
        ej["kind"] = u8(evidenceKindName(e.kind));
        ej["role"] = stringOrNull(evidenceRoleName(e.role));
        ej["loaded"] = e.loaded;
        ej["state"] = u8(evidenceStateName(e.state()));
        ej["summary"] = u8(e.summary);
        Json diags = Json::array();
        for (const Diagnostic &d : e.diagnostics)
            diags.push_back(u8(d.toString()));
        ej["diagnostics"] = diags;
        evidence.push_back(ej);
    }
    root["evidence"] = evidence;

    Json columns;
    for (Column col : allColumns)
        columns[u8(columnName(col))] = stringOrNull(result.columnOrigins[size_t(columnIndex(col))]);
    root["columns"] = columns;
    Json coverage;
    for (Column col : allColumns) {
        const ColumnEvidence ce = completeness.coverage[size_t(columnIndex(col))];
        coverage[u8(columnName(col))] = ce == ColumnEvidence::None ? "none"
            : ce == ColumnEvidence::Read                           ? "read"
                                                                   : "incomplete";
    }
    root["coverage"] = coverage;

    // The resources are most of the document (every field of every object):
    // they are serialised one at a time into the text below, never held as
    // one tree, which at 20,000 objects cost gigabytes and most of the time.
    root["resources"] = placeholder("resources");
    root["unmappedTerraform"] = strings(result.unmappedTerraform);

    Json members = Json::array();
    for (const EtcdMemberSummary &m : result.etcdMembers) {
        Json mj;
        mj["id"] = stringOrNull(m.id);
        mj["name"] = stringOrNull(m.name);
        mj["endpoint"] = stringOrNull(m.endpoint);
        mj["version"] = stringOrNull(m.version);
        mj["isLeader"] = m.hasStatus ? Json(m.isLeader) : Json(nullptr);
        mj["isLearner"] = m.isLearner;
        mj["raftTerm"] = m.hasStatus ? Json(m.raftTerm) : Json(nullptr);
        mj["raftIndex"] = m.hasStatus ? Json(m.raftIndex) : Json(nullptr);
        mj["raftAppliedIndex"] = m.hasStatus ? Json(m.raftAppliedIndex) : Json(nullptr);
        mj["applyLag"] = m.hasStatus ? Json(qint64(m.raftIndex) - qint64(m.raftAppliedIndex)) : Json(nullptr);
        mj["dbSizeBytes"] = m.hasStatus ? Json(m.dbSizeBytes) : Json(nullptr);
        mj["dbSizeInUseBytes"] = m.dbSizeInUseBytes ? Json(*m.dbSizeInUseBytes) : Json(nullptr);
        mj["revision"] = m.revision ? Json(*m.revision) : Json(nullptr);
        mj["latencyMs"] = m.latencyMs >= 0 ? Json(m.latencyMs) : Json(nullptr);
        mj["errors"] = strings(m.errors);
        mj["health"] = stringOrNull(m.health);
        mj["statusError"] = stringOrNull(m.statusError);
        mj["location"] = location(m.location);
        members.push_back(mj);
    }
    Json etcd;
    etcd["members"] = members;
    etcd["source"] = etcdSource(result.etcdCapture);
    root["etcd"] = etcd;

    root["metrics"] = placeholder("metrics");
    root["timeline"] = placeholder("timeline");
    root["components"] = placeholder("components");
    root["relations"] = placeholder("relations");

    root["findings"] = placeholder("findings");
    root["proposals"] = placeholder("proposals");

    Json diagnostics = Json::array();
    for (const Diagnostic &d : result.diagnostics)
        diagnostics.push_back(u8(d.toString()));
    root["diagnostics"] = diagnostics;

    // Replace invalid UTF-8 instead of throwing: evidence is untrusted text.
    const std::string head = root.dump(2, ' ', false, Json::error_handler_t::replace);
    // In the root's key order: each writes its array's elements.
    struct Streamed
    {
        const char *key;
        bool empty;
        std::function<bool()> write;
    };
    const std::array<Streamed, 7> streamed { {
        { "resources", result.resources.isEmpty(), [&] { return writeResources(result.resources, sink); } },
        { "metrics", result.metrics.isEmpty(), [&] { return writeElements(result.metrics, &metric, sink); } },
        { "timeline", result.timeline.isEmpty(), [&] { return writeElements(result.timeline, &event, sink); } },
        { "components", result.components.isEmpty(),
            [&] { return writeElements(result.components, &component, sink); } },
        { "relations", result.relations.isEmpty(), [&] { return writeElements(result.relations, &relation, sink); } },
        { "findings", result.findings.isEmpty(), [&] { return writeElements(result.findings, &finding, sink); } },
        { "proposals", result.proposals.isEmpty(), [&] { return writeElements(result.proposals, &proposal, sink); } },
    } };
    size_t from = 0;
    for (const Streamed &array : streamed) {
        // Only a key of the root object, at its indentation, can print as
        // this line: a string from evidence would have its quotes escaped.
        const std::string name = std::string("\n  \"") + array.key + "\": ";
        const std::string marker = name + '"' + placeholder(array.key) + '"';
        const size_t at = head.find(marker, from);
        if (at == std::string::npos) // cannot happen while the root is dumped as above
            qFatal("AnalysisJson: the placeholder for %s is missing from the document", array.key);
        QByteArray before(head.data() + from, qsizetype(at + name.size() - from));
        before.append(array.empty ? "[]" : "[\n    ");
        if (!sink(before))
            return false;
        if (!array.empty && !(array.write() && sink(QByteArrayLiteral("\n  ]"))))
            return false;
        from = at + marker.size();
    }
    return sink(QByteArray(head.data() + from, qsizetype(head.size() - from)) + '\n');
}

QByteArray write(const AnalysisResult &result)
{
    QByteArray out;
    write(result, [&out](const QByteArray &piece) {
        out.append(piece);
        return true;
    });
    return out;
}

} // namespace strata::AnalysisJson
