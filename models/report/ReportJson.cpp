#include "ReportJson.h"

#include "core/BuildInfo.h"
#include "output/AnalysisJson.h"
#include "report/ReportSources.h"

#include <QSet>

#include <nlohmann/json.hpp>

namespace strata::ReportJson {

namespace {

using Json = nlohmann::ordered_json;

Json text(const QString &s)
{
    return s.toStdString();
}
Json optionalText(const QString &s)
{
    return s.isEmpty() ? Json(nullptr) : text(s);
}
Json time(const QDateTime &t)
{
    return t.isValid() ? text(t.toUTC().toString(Qt::ISODateWithMs)) : Json(nullptr);
}

Json reportObject(const AnalysisResult &r, const ReportOptions &options)
{
    const ReportSections &s = r.caseFile.report;
    Json o = Json::object();
    o["generatedAt"] = time(options.generatedAt);
    o["strataVersion"] = text(BuildInfo::version());
    o["title"] = text(r.caseFile.title);
    o["status"] = text(s.status.isEmpty() ? QStringLiteral("draft") : s.status);
    Json authors = Json::array();
    for (const QString &a : s.authors)
        authors.push_back(text(a));
    o["authors"] = authors;
    o["summary"] = optionalText(s.summary);
    o["impact"] = optionalText(s.impact);
    o["rootCause"] = optionalText(s.rootCause);
    o["trigger"] = optionalText(s.trigger);
    o["resolution"] = optionalText(s.resolution);
    o["detection"] = optionalText(s.detection);
    o["lessons"] = optionalText(s.lessons);
    Json items = Json::array();
    for (const ReportActionItem &a : s.actionItems)
        items.push_back({ { "item", text(a.item) }, { "type", optionalText(a.type) },
            { "owner", optionalText(a.owner) }, { "ticket", optionalText(a.ticket) } });
    o["actionItems"] = items;
    // Every finding of the analysis, in its order, with the investigator's mark and note.
    Json findings = Json::array();
    for (const Finding &f : r.findings) {
        const QString key = ReportSources::findingKey(f);
        const ReportFindingNote note = s.findings.value(key);
        findings.push_back(
            { { "key", text(key) }, { "included", note.included }, { "note", optionalText(note.note) } });
    }
    o["findings"] = findings;
    // Key moments as the case names them, with the event each one is (null: no such event now).
    Json moments = Json::array();
    for (const QString &key : s.keyMoments) {
        Json m = { { "where", text(key) }, { "time", nullptr }, { "source", nullptr }, { "event", nullptr } };
        for (const TimelineEvent &e : r.timeline) {
            if (ReportSources::eventKey(e) == key) {
                m["time"] = time(e.time);
                m["source"] = text(e.source);
                m["event"] = text(e.text);
                break;
            }
        }
        moments.push_back(m);
    }
    o["keyMoments"] = moments;
    Json sources = Json::array();
    for (const ReportSourceFile &f : ReportSources::files(r))
        sources.push_back({ { "path", text(f.path) }, { "kind", text(f.kind) }, { "role", optionalText(f.role) },
            { "sha256", optionalText(f.sha256) }, { "note", optionalText(f.note) } });
    o["sources"] = sources;
    return o;
}

} // namespace

QByteArray write(const AnalysisResult &result, const ReportOptions &options)
{
    QByteArray analysis = AnalysisJson::write(result);
    // The analysis document is one object: "report" goes in before its closing brace,
    // indented as one of its members.
    while (!analysis.isEmpty() && (analysis.endsWith('\n') || analysis.endsWith(' ')))
        analysis.chop(1);
    Q_ASSERT(analysis.endsWith('}'));
    analysis.chop(1);
    while (analysis.endsWith('\n') || analysis.endsWith(' '))
        analysis.chop(1);
    QByteArray report
        = QByteArray::fromStdString(reportObject(result, options).dump(2, ' ', false, Json::error_handler_t::replace));
    report.replace('\n', "\n  ");
    return analysis + ",\n  \"report\": " + report + "\n}\n";
}

} // namespace strata::ReportJson
