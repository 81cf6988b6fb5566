#include "ReportHtml.h"

#include "core/BuildInfo.h"
#include "core/ControlCharacters.h"
#include "diff/StatusText.h"
#include "investigation/Verdict.h"
#include "output/AnalysisMarkdown.h"
#include "report/ReportSources.h"
#include "report/ReportTables.h"

#include <QDir>
#include <QSet>

#include <algorithm>

namespace strata::ReportHtml {

namespace {

// Where a long PDF may start a new piece (ReportPdf lays a long report out
// in pieces: Qt's layout and drawing slow down with the document's size).
const QString pieceBreak = QStringLiteral("<!--strata:piece-->\n");
// Where the PDF paints the disagreeing fields' tables itself.
const QString differencesPiece = QStringLiteral("<!--strata:differences-->");

// The browser's page, Qt's rich text of the whole report (a preview), or
// the pieces of a PDF.
enum class Mode { Browser, RichText, Print };

constexpr qsizetype eventsShown = 500; // as the Markdown report: a million log lines stay in the evidence

// Untrusted text as HTML text: escaped, controls shown as \xNN, never markup.
QString h(const QString &text)
{
    return escapeControlCharacters(text).toHtmlEscaped();
}
QString c(const QString &text)
{
    return QStringLiteral("<code>") + h(text) + QStringLiteral("</code>");
}

QString utc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QStringLiteral("—");
}

// The investigator's text: paragraphs kept, lines kept.
QString written(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("<p class=\"missing\"><i>Not written yet.</i></p>\n");
    QString out;
    for (const QString &paragraph : text.trimmed().split(QStringLiteral("\n\n"))) {
        QStringList lines;
        for (const QString &line : paragraph.split(QLatin1Char('\n')))
            lines.append(h(line.trimmed()));
        out += QStringLiteral("<p>") + lines.join(QStringLiteral("<br>")) + QStringLiteral("</p>\n");
    }
    return out;
}

QString section(const QString &heading, const QString &text)
{
    return QStringLiteral("<h2>%1</h2>\n").arg(heading) + written(text);
}

QString row(const QStringList &cells)
{
    return QStringLiteral("<tr><td>") + cells.join(QStringLiteral("</td><td>")) + QStringLiteral("</td></tr>\n");
}

// A table whose header repeats on every printed page (thead); `widths` in
// percent, one per column, or none to let the content decide.
QString tableStart(const QStringList &headers, const QList<int> &widths = {})
{
    QString head;
    for (qsizetype i = 0; i < headers.size(); ++i)
        head += i < widths.size() ? QStringLiteral("<th width=\"%1%\">%2</th>").arg(widths.at(i)).arg(headers.at(i))
                                  : QStringLiteral("<th>%1</th>").arg(headers.at(i));
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">\n<thead><tr>") + head
        + QStringLiteral("</tr></thead>\n<tbody>\n");
}
const QList<int> timelineWidths { 18, 12, 45, 25 };
const QString tableEnd = QStringLiteral("</tbody></table>\n");

// The time on one line (nowrap), so a row of one line never breaks across pages.
QString timelineRow(const TimelineEvent &e)
{
    return QStringLiteral("<tr><td style=\"white-space: nowrap\">%1</td><td>%2</td><td>%3</td><td style=\"white-space: "
                          "nowrap\">%4</td></tr>\n")
        .arg(e.time.isValid() ? e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("—"),
            h(e.source), h(e.text), c(ReportSources::eventKey(e)));
}

QString cellHtml(const ReportCell &cell)
{
    switch (cell.style) {
    case ReportCell::Style::Code:
        return c(cell.text);
    case ReportCell::Style::Remark:
        return QStringLiteral("<i>") + h(cell.text) + QStringLiteral("</i>");
    case ReportCell::Style::Text:
        break;
    }
    return h(cell.text);
}

// A table per disagreeing resource, each its own piece: Qt lays out many
// small tables faster than a few long ones.
QString tablesHtml(const QList<ReportTable> &tables)
{
    QString o;
    for (const ReportTable &t : tables) {
        QStringList headers;
        for (const QString &header : t.headers)
            headers.append(h(header));
        o += pieceBreak + QStringLiteral("<h3>%1</h3>\n").arg(c(t.heading)) + tableStart(headers, t.widths);
        for (const QList<ReportCell> &cells : t.rows) {
            QStringList shown;
            for (const ReportCell &cell : cells)
                shown.append(cellHtml(cell));
            o += row(shown);
        }
        o += tableEnd;
    }
    return o;
}

const char *severityClass(Severity s)
{
    switch (s) {
    case Severity::Critical:
        return "critical";
    case Severity::High:
        return "high";
    case Severity::Medium:
        return "medium";
    case Severity::Low:
        return "low";
    case Severity::Info:
        break;
    }
    return "info";
}

// Plain CSS: a browser reads all of it, Qt's rich text the part it knows
// (colours, fonts); printing repeats table headers and keeps rows whole.
// Cell borders come from the tables' border attribute: Qt draws CSS cell
// borders and collapsed borders several times slower (a long PDF's time).
const char *const style = R"(
body { font-family: "DejaVu Sans", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 10pt; color: #1a1a1a;
  max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 18pt; margin-bottom: 0.3em; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 1.4em; }
h3 { font-size: 11pt; margin-top: 1em; }
table { margin: 0.5em 0 1em 0; border-color: #999; }
th { background-color: #e8e8e8; text-align: left; }
th, td {  padding: 3px 5px; vertical-align: top; font-size: 8.5pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
table.meta td { border: none; }
p.missing { color: #666; }
div.incomplete { background-color: #fdecea; border: 1px solid #c62828; padding: 6px; }
span.critical, span.high { color: #b71c1c; font-weight: bold; }
span.medium { color: #e65100; font-weight: bold; }
span.low, span.info { color: #1b5e20; font-weight: bold; }
p.note { background-color: #fff8e1; padding: 4px; }
img.chart { max-width: 100%; }
@media print { body { max-width: none; margin: 0; }
  thead { display: table-header-group; } tr, img { break-inside: avoid; } h2, h3 { break-after: avoid; } }
)";

// A browser draws single, collapsed cell borders quickly.
const char *const browserStyle = "table { border-collapse: collapse; }\nth, td { border: 1px solid #999; }\n";
// Qt's rich text is laid out on a page whose margins the PDF sets: the
// body's own margin and padding would indent it from the painted tables.
const char *const richTextStyle = "body { margin: 0; padding: 0; }\n";

const QString bodyStart = QStringLiteral("</head><body>\n");
const QString bodyEnd = QStringLiteral("</body></html>\n");

QString document(const AnalysisResult &r, const ReportOptions &options, const QString &chartTag, Mode mode)
{
    const ReportSections &s = r.caseFile.report;
    const QString title = r.caseFile.title.isEmpty() ? QStringLiteral("Incident report") : r.caseFile.title;
    QString o;
    o += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                        "<meta name=\"generator\" content=\"Strata %1\">\n<title>%2</title>\n<style>%3</style>\n")
             .arg(h(BuildInfo::version()), h(title),
                 QLatin1String(style) + QLatin1String(mode == Mode::Browser ? browserStyle : richTextStyle))
        + bodyStart;
    o += QStringLiteral("<h1>%1</h1>\n").arg(h(title));
    QStringList authors;
    for (const QString &a : s.authors)
        authors.append(h(a));
    o += QStringLiteral("<table class=\"meta\" cellpadding=\"2\">\n");
    o += QStringLiteral("<tr><td><b>Date</b></td><td>%1</td></tr>\n").arg(utc(options.generatedAt));
    o += QStringLiteral("<tr><td><b>Status</b></td><td>%1</td></tr>\n")
             .arg(s.status.isEmpty() ? QStringLiteral("draft") : h(s.status));
    o += QStringLiteral("<tr><td><b>Authors</b></td><td>%1</td></tr>\n")
             .arg(authors.isEmpty() ? QStringLiteral("—") : authors.join(QStringLiteral(", ")));
    o += QStringLiteral("<tr><td><b>Analysis</b></td><td>%1</td></tr>\n</table>\n").arg(h(Verdict::headline(r)));

    // Never a false all-clear: what could not be read comes before anything else.
    if (!r.completeness.isComplete()) {
        o += QStringLiteral("<div class=\"incomplete\"><p><b>Incomplete analysis:</b> %1. The findings come only "
                            "from the evidence that could be read; the absence of a finding is not an "
                            "all-clear.</p>\n<ul>\n")
                 .arg(h(r.completeness.summary()));
        for (const AnalysisProblem &p : r.completeness.problems)
            o += QStringLiteral("<li>%1 — %2: %3</li>\n").arg(c(p.source), evidenceStateName(p.state), h(p.reason));
        o += QStringLiteral("</ul></div>\n");
    }

    o += section(QStringLiteral("Summary"), s.summary);
    o += section(QStringLiteral("Impact"), s.impact);

    o += QStringLiteral("<h2>Timeline</h2>\n");
    const QSet<QString> keys(s.keyMoments.cbegin(), s.keyMoments.cend());
    const QStringList headers
        = { QStringLiteral("time (UTC)"), QStringLiteral("source"), QStringLiteral("event"), QStringLiteral("where") };
    QString moments;
    for (const TimelineEvent &e : r.timeline) {
        if (keys.contains(ReportSources::eventKey(e)))
            moments += timelineRow(e);
    }
    if (!moments.isEmpty())
        o += QStringLiteral("<h3>Key moments</h3>\n") + tableStart(headers, timelineWidths) + moments + tableEnd
            + QStringLiteral("<h3>Every event</h3>\n");
    if (r.timeline.isEmpty()) {
        o += QStringLiteral("<p>No dated events in the evidence.</p>\n");
    } else {
        o += tableStart(headers, timelineWidths);
        for (qsizetype i = 0; i < std::min(r.timeline.size(), eventsShown); ++i)
            o += timelineRow(r.timeline.at(i));
        if (r.timeline.size() > eventsShown)
            o += row({ {}, {},
                QStringLiteral("and %1 more events, in the evidence").arg(r.timeline.size() - eventsShown), {} });
        o += tableEnd;
    }

    o += QStringLiteral("<h2>Findings</h2>\n");
    QStringList leftOut;
    int shown = 0;
    for (const Finding &f : r.findings) {
        o += pieceBreak;
        const QString key = ReportSources::findingKey(f);
        const ReportFindingNote note = s.findings.value(key);
        if (!note.included) {
            leftOut.append(c(key));
            continue;
        }
        ++shown;
        o += QStringLiteral("<h3><span class=\"%1\">%2</span> %3</h3>\n")
                 .arg(QLatin1String(severityClass(f.severity)), severityName(f.severity).toUpper(), h(f.title));
        o += QStringLiteral("<p>%1%2</p>\n")
                 .arg(c(f.id), f.resource.isEmpty() ? QString() : QStringLiteral(" · ") + c(f.resource));
        if (!f.detail.isEmpty())
            o += QStringLiteral("<p>%1</p>\n").arg(h(f.detail));
        if (!f.evidence.isEmpty()) {
            o += QStringLiteral("<p>Evidence:</p>\n<ul>\n");
            const qsizetype n = std::min(f.evidence.size(), AnalysisMarkdown::evidenceShown);
            for (qsizetype i = 0; i < n; ++i)
                o += QStringLiteral("<li>%1 — %2</li>\n")
                         .arg(c(f.evidence.at(i).location.toString()), h(f.evidence.at(i).quote));
            if (f.evidence.size() > n)
                o += QStringLiteral("<li>and %1 more, in the JSON report</li>\n").arg(f.evidence.size() - n);
            o += QStringLiteral("</ul>\n");
        }
        if (!f.recommendation.isEmpty())
            o += QStringLiteral("<p>Recommendation: %1</p>\n").arg(h(f.recommendation));
        if (!note.note.trimmed().isEmpty())
            o += QStringLiteral("<p class=\"note\"><b>Investigator's note:</b></p>\n") + written(note.note);
    }
    if (shown == 0)
        o += QStringLiteral("<p>%1</p>\n")
                 .arg(h(r.findings.isEmpty() ? Verdict::noFindings(r) : QStringLiteral("Every finding is left out.")));
    if (!leftOut.isEmpty())
        o += QStringLiteral("<p>Left out of this report by the investigator: %1.</p>\n")
                 .arg(leftOut.join(QStringLiteral(", ")));

    // The PDF builds the tables itself: only whether there are any is needed here.
    const bool anyDifference = std::any_of(
        r.resources.cbegin(), r.resources.cend(), [](const ResourceDiff &d) { return d.hasDifferences(); });
    if (!anyDifference)
        o += pieceBreak
            + QStringLiteral("<h2>%1</h2>\n<p>No field differs between the columns the evidence holds.</p>\n")
                  .arg(differencesTitle);
    else if (mode == Mode::Print) // painted by the PDF writer, from a new page
        o += pieceBreak + differencesPiece + pieceBreak;
    else
        o += pieceBreak + QStringLiteral("<h2>%1</h2>\n").arg(differencesTitle)
            + tablesHtml(ReportTables::differences(r));

    if (!r.etcdMembers.isEmpty()) {
        o += pieceBreak + QStringLiteral("<h2>etcd members at the time of the analysis</h2>\n");
        o += tableStart(
            { QStringLiteral("member"), QStringLiteral("endpoint"), QStringLiteral("version"), QStringLiteral("leader"),
                QStringLiteral("term"), QStringLiteral("index"), QStringLiteral("applied"), QStringLiteral("errors") },
            { 20, 20, 9, 8, 7, 10, 10, 16 });
        for (const EtcdMemberSummary &m : r.etcdMembers) {
            const QString dash = QStringLiteral("—");
            o += row(
                { h(m.name.isEmpty() ? m.id : m.name + QStringLiteral(" (") + m.id + QLatin1Char(')')), c(m.endpoint),
                    h(m.version), m.hasStatus ? (m.isLeader ? QStringLiteral("yes") : QStringLiteral("no")) : dash,
                    m.hasStatus ? QString::number(m.raftTerm) : dash, m.hasStatus ? QString::number(m.raftIndex) : dash,
                    m.hasStatus ? QString::number(m.raftAppliedIndex) : dash,
                    h((m.statusError.isEmpty() ? m.errors : QStringList { m.statusError } + m.errors)
                            .join(QStringLiteral("; "))) });
        }
        o += tableEnd;
    }
    if (!chartTag.isEmpty())
        o += QStringLiteral("<h2>Raft timeline</h2>\n<p>") + chartTag + QStringLiteral("</p>\n");

    o += pieceBreak + section(QStringLiteral("Root cause"), s.rootCause);
    o += section(QStringLiteral("Trigger"), s.trigger);
    o += section(QStringLiteral("Resolution"), s.resolution);
    o += section(QStringLiteral("Detection"), s.detection);

    o += QStringLiteral("<h2>Action items</h2>\n");
    if (s.actionItems.isEmpty()) {
        o += QStringLiteral("<p class=\"missing\"><i>None written yet.</i></p>\n");
    } else {
        o += tableStart(
            { QStringLiteral("item"), QStringLiteral("type"), QStringLiteral("owner"), QStringLiteral("ticket") });
        for (const ReportActionItem &a : s.actionItems)
            o += row({ h(a.item), h(a.type), h(a.owner), h(a.ticket) });
        o += tableEnd;
    }
    o += section(QStringLiteral("Lessons learned"), s.lessons);

    o += pieceBreak + QStringLiteral("<h2>Appendix: sources</h2>\n");
    if (r.caseFile.hasOwnFile())
        o += QStringLiteral("<p>Case file: %1</p>\n").arg(c(QDir::cleanPath(r.caseFile.filePath)));
    o += tableStart(
        { QStringLiteral("evidence"), QStringLiteral("kind"), QStringLiteral("role"), QStringLiteral("SHA-256") },
        { 34, 12, 8, 46 });
    for (const ReportSourceFile &f : ReportSources::files(r))
        o += row({ c(f.path), h(f.kind), h(f.role), f.sha256.isEmpty() ? h(f.note) : c(f.sha256) });
    o += tableEnd + QStringLiteral("<ul>\n");
    if (r.terraformOrigin)
        o += QStringLiteral("<li>Terraform: %1</li>\n").arg(h(r.terraformOrigin->describe()));
    if (r.capture) {
        for (const CapturedContext &cc : r.capture->contexts)
            o += QStringLiteral("<li>Context %1 (%2): %3, server %4, read %5</li>\n")
                     .arg(c(cc.context), evidenceRoleName(cc.role), c(cc.server),
                         h(cc.serverVersion.isEmpty() ? QStringLiteral("version unknown") : cc.serverVersion),
                         utc(r.capture->time));
    }
    if (r.etcdCapture) {
        for (const CapturedEndpoint &e : r.etcdCapture->endpoints)
            o += QStringLiteral("<li>etcd endpoint %1: %2</li>\n")
                     .arg(c(e.url),
                         e.reachable ? QStringLiteral("read, member ") + c(e.memberIdHex)
                                     : QStringLiteral("not read: ") + h(e.error));
    }
    o += QStringLiteral("<li>Strata %1; generated %2</li>\n</ul>\n")
             .arg(h(BuildInfo::version()), utc(options.generatedAt));
    o += QStringLiteral("<p><i>Secret values are never shown; equal fingerprints mean equal values within this "
                        "report only.</i></p>\n")
        + bodyEnd;
    return o;
}

} // namespace

QByteArray write(const AnalysisResult &result, const ReportOptions &options)
{
    const QString chart = options.chartPng.isEmpty()
        ? QString()
        : QStringLiteral("<img class=\"chart\" alt=\"The raft timeline: terms, indexes and events\" "
                         "src=\"data:image/png;base64,%1\">")
              .arg(QString::fromLatin1(options.chartPng.toBase64()));
    return document(result, options, chart, Mode::Browser).remove(pieceBreak).toUtf8();
}

QString chartTag(const ReportOptions &options, int chartWidth)
{
    return options.chartPng.isEmpty()
        ? QString()
        : QStringLiteral("<img src=\"%1\" width=\"%2\">").arg(chartResource).arg(chartWidth);
}

QString richText(const AnalysisResult &result, const ReportOptions &options, int chartWidth)
{
    return document(result, options, chartTag(options, chartWidth), Mode::RichText).remove(pieceBreak);
}

QList<PrintPiece> printPieces(const AnalysisResult &result, const ReportOptions &options, int chartWidth, int pieceSize)
{
    const QString whole = document(result, options, chartTag(options, chartWidth), Mode::Print);
    // Each piece a whole document (the same head and style), at least pieceSize characters.
    const qsizetype bodyAt = whole.indexOf(bodyStart) + bodyStart.size();
    const QString head = whole.left(bodyAt);
    const QStringList parts
        = QStringView(whole).mid(bodyAt, whole.size() - bodyAt - bodyEnd.size()).toString().split(pieceBreak);
    QList<PrintPiece> pieces;
    QString current;
    const auto flush = [&] {
        pieces.append({ head + current + bodyEnd, false });
        current.clear();
    };
    for (const QString &part : parts) {
        if (part == differencesPiece) {
            if (!current.isEmpty())
                flush();
            pieces.append({ {}, true });
            continue;
        }
        current += part;
        if (current.size() >= pieceSize)
            flush();
    }
    if (!current.isEmpty() || pieces.isEmpty())
        flush();
    return pieces;
}

} // namespace strata::ReportHtml
