#include "AnalysisJson.h"

#include <cstring>

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

Json location(const SourceLocation &l)
{
    if (!l.isValid())
        return nullptr;
    Json j;
    j["file"] = u8(l.file);
    j["line"] = l.line > 0 ? Json(l.line) : Json(nullptr);
    j["column"] = l.column > 0 ? Json(l.column) : Json(nullptr);
    j["text"] = u8(l.toString());
    return j;
}

Json identity(const ColumnIdentity &id)
{
    if (!id.present)
        return nullptr;
    Json j;
    j["origin"] = stringOrNull(id.origin);
    j["location"] = location(id.location);
    j["resourceVersion"] = stringOrNull(id.resourceVersion);
    j["uid"] = stringOrNull(id.uid);
    j["terraformAddress"] = stringOrNull(id.terraformAddress);
    j["stateSerial"] = id.stateSerial >= 0 ? Json(id.stateSerial) : Json(nullptr);
    j["stateLineage"] = stringOrNull(id.stateLineage);
    return j;
}

constexpr const char *resourcesPlaceholder = "@@strata: resources are written here@@";

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

Json resource(const ResourceDiff &r)
{
    Json j;
    j["id"] = u8(r.id.toString());
    j["kind"] = u8(r.id.kind);
    j["namespace"] = stringOrNull(r.id.ns);
    j["name"] = u8(r.id.name);
    j["investigated"] = r.investigated;
    Json ids;
    for (Column c : allColumns)
        ids[u8(columnName(c))] = identity(r.identity(c));
    j["identities"] = ids;
    Json fields = Json::array();
    for (const FieldDiff &f : r.fields) {
        Json fj;
        fj["path"] = u8(f.path);
        Json unknown = Json::object();
        Json locations = Json::object();
        for (Column c : allColumns) {
            const DiffCell &cell = f.cell(c);
            const std::string name = u8(columnName(c));
            if (!cell.present || cell.value.kind == FieldValue::Kind::Unknown) {
                fj[name] = nullptr;
                if (cell.present)
                    unknown[name] = u8(cell.value.text);
            } else {
                fj[name] = u8(cell.value.text);
            }
            locations[name] = cell.present ? location(cell.value.location) : Json(nullptr);
        }
        fj["statuses"] = strings(f.statusNames());
        QStringList unknownColumns;
        for (Column c : allColumns) {
            if (f.unknownColumns & columnBit(c))
                unknownColumns.append(columnName(c));
        }
        fj["unknownColumns"] = strings(unknownColumns);
        fj["noise"] = f.noise;
        fj["secret"] = f.secret;
        fj["unknown"] = unknown;
        fj["locations"] = locations;
        fields.push_back(fj);
    }
    j["fields"] = fields;
    return j;
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

} // namespace

QByteArray write(const AnalysisResult &result)
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
    root["resources"] = resourcesPlaceholder;
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
        mj["errors"] = strings(m.errors);
        mj["health"] = stringOrNull(m.health);
        mj["location"] = location(m.location);
        members.push_back(mj);
    }
    Json etcd;
    etcd["members"] = members;
    root["etcd"] = etcd;

    Json metrics = Json::array();
    for (const MetricValue &m : result.metrics) {
        Json mj;
        mj["name"] = u8(m.name);
        Json labels = Json::object();
        for (const auto &[k, v] : m.labels)
            labels[u8(k)] = u8(v);
        mj["labels"] = labels;
        mj["value"] = m.value;
        mj["location"] = location(m.location);
        metrics.push_back(mj);
    }
    root["metrics"] = metrics;

    Json timeline = Json::array();
    for (const TimelineEvent &t : result.timeline) {
        Json tj;
        tj["time"] = t.time.isValid() ? Json(u8(t.time.toUTC().toString(Qt::ISODateWithMs))) : Json(nullptr);
        tj["source"] = u8(t.source);
        tj["level"] = stringOrNull(t.level);
        tj["text"] = u8(t.text);
        tj["location"] = location(t.location);
        timeline.push_back(tj);
    }
    root["timeline"] = timeline;

    Json components = Json::array();
    for (const Component &comp : result.components) {
        Json cj;
        cj["id"] = u8(comp.id);
        cj["kind"] = u8(comp.kind);
        cj["name"] = u8(comp.name);
        cj["details"] = strings(comp.details);
        cj["location"] = location(comp.location);
        components.push_back(cj);
    }
    root["components"] = components;
    Json relations = Json::array();
    for (const Relation &r : result.relations) {
        Json rj;
        rj["from"] = u8(r.from);
        rj["to"] = u8(r.to);
        rj["kind"] = u8(r.kind);
        rj["label"] = stringOrNull(r.label);
        rj["inferred"] = r.inferred;
        relations.push_back(rj);
    }
    root["relations"] = relations;

    Json findings = Json::array();
    for (const Finding &f : result.findings)
        findings.push_back(finding(f));
    root["findings"] = findings;

    Json proposals = Json::array();
    for (const Proposal &p : result.proposals) {
        Json pj;
        pj["order"] = p.order;
        pj["kind"] = u8(p.kind);
        pj["text"] = u8(p.text);
        pj["findings"] = strings(p.findings);
        proposals.push_back(pj);
    }
    root["proposals"] = proposals;

    Json diagnostics = Json::array();
    for (const Diagnostic &d : result.diagnostics)
        diagnostics.push_back(u8(d.toString()));
    root["diagnostics"] = diagnostics;

    // Replace invalid UTF-8 instead of throwing: evidence is untrusted text.
    const std::string head = root.dump(2, ' ', false, Json::error_handler_t::replace);
    // Only a key of the root object, at its indentation, can print as this
    // line: a string from evidence would have its quotes escaped.
    const std::string marker = std::string("\n  \"resources\": \"") + resourcesPlaceholder + "\"";
    const size_t at = head.find(marker);
    if (at == std::string::npos) { // cannot happen while the root is dumped as above; never lose the resources
        Json resources = Json::array();
        for (const ResourceDiff &r : result.resources)
            resources.push_back(resource(r));
        root["resources"] = resources;
        return QByteArray::fromStdString(root.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
    }
    QByteArray out;
    out.reserve(qsizetype(head.size()) + qsizetype(result.resources.size()) * 4096);
    out.append(head.data(), qsizetype(at + marker.size() - std::strlen(resourcesPlaceholder) - 2));
    if (result.resources.isEmpty()) {
        out.append("[]");
    } else {
        out.append("[");
        for (qsizetype i = 0; i < result.resources.size(); ++i) {
            const std::string one
                = resource(result.resources.at(i)).dump(2, ' ', false, Json::error_handler_t::replace);
            out.append(i == 0 ? "\n    " : ",\n    ");
            appendIndented(out, one, "\n    ");
        }
        out.append("\n  ]");
    }
    out.append(head.data() + at + marker.size(), qsizetype(head.size() - at - marker.size()));
    out.append('\n');
    return out;
}

} // namespace strata::AnalysisJson
