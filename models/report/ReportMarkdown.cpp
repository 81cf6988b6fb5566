#include "ReportMarkdown.h"

#include "core/BuildInfo.h"
#include "core/ControlCharacters.h"
#include "diff/StatusText.h"
#include "investigation/Verdict.h"
#include "output/AnalysisMarkdown.h"
#include "output/MarkdownText.h"
#include "report/ReportSources.h"

#include <QDir>
#include <QSet>
#include <QUrl>

namespace strata::ReportMarkdown {

namespace {

using MarkdownText::code;
using MarkdownText::prose;

constexpr qsizetype eventsShown = 500; // a million log lines stay in the evidence

QString utc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QStringLiteral("—");
}

// The investigator's text: paragraphs kept, each line as prose.
QString written(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QStringLiteral("*Not written yet.*\n\n");
    QString out;
    for (const QString &paragraph : text.trimmed().split(QStringLiteral("\n\n"))) {
        QStringList lines;
        for (const QString &line : paragraph.split(QLatin1Char('\n')))
            lines.append(prose(line.trimmed()));
        out += lines.join(QStringLiteral("  \n")) + QStringLiteral("\n\n");
    }
    return out;
}

QString section(const QString &heading, const QString &text)
{
    return QStringLiteral("## %1\n\n").arg(heading) + written(text);
}

QString timelineRow(const TimelineEvent &e)
{
    return QStringLiteral("| %1 | %2 | %3 | %4 |\n")
        .arg(utc(e.time), prose(e.source, true), prose(e.text, true), code(ReportSources::eventKey(e), true));
}

} // namespace

QByteArray write(const AnalysisResult &r, const ReportOptions &options)
{
    const ReportSections &s = r.caseFile.report;
    QString md;
    md += QStringLiteral("# %1\n\n")
              .arg(prose(r.caseFile.title.isEmpty() ? QStringLiteral("Incident report") : r.caseFile.title));
    md += QStringLiteral("| | |\n|---|---|\n");
    md += QStringLiteral("| Date | %1 |\n").arg(utc(options.generatedAt));
    md += QStringLiteral("| Status | %1 |\n").arg(s.status.isEmpty() ? QStringLiteral("draft") : prose(s.status, true));
    QStringList authors;
    for (const QString &a : s.authors)
        authors.append(prose(a, true));
    md += QStringLiteral("| Authors | %1 |\n")
              .arg(authors.isEmpty() ? QStringLiteral("—") : authors.join(QStringLiteral(", ")));
    md += QStringLiteral("| Analysis | %1 |\n\n").arg(prose(Verdict::headline(r), true));

    // Never a false all-clear: what could not be read comes before anything else.
    if (!r.completeness.isComplete()) {
        md += QStringLiteral("> **Incomplete analysis:** %1. The findings come only from the evidence that could be "
                             "read; the absence of a finding is not an all-clear.\n\n")
                  .arg(prose(r.completeness.summary()));
        for (const AnalysisProblem &p : r.completeness.problems)
            md += QStringLiteral("- %1 — %2: %3\n").arg(code(p.source), evidenceStateName(p.state), prose(p.reason));
        md += QLatin1Char('\n');
    }

    md += section(QStringLiteral("Summary"), s.summary);
    md += section(QStringLiteral("Impact"), s.impact);

    md += QStringLiteral("## Timeline\n\n");
    const QSet<QString> keys(s.keyMoments.cbegin(), s.keyMoments.cend());
    QString moments;
    for (const TimelineEvent &e : r.timeline) {
        if (keys.contains(ReportSources::eventKey(e)))
            moments += timelineRow(e);
    }
    const QString header = QStringLiteral("| time | source | event | where |\n|---|---|---|---|\n");
    if (!moments.isEmpty())
        md += QStringLiteral("### Key moments\n\n") + header + moments + QStringLiteral("\n### Every event\n\n");
    if (r.timeline.isEmpty()) {
        md += QStringLiteral("No dated events in the evidence.\n\n");
    } else {
        md += header;
        for (qsizetype i = 0; i < std::min(r.timeline.size(), eventsShown); ++i)
            md += timelineRow(r.timeline.at(i));
        if (r.timeline.size() > eventsShown)
            md += QStringLiteral("| | | and %1 more events, in the evidence | |\n")
                      .arg(r.timeline.size() - eventsShown);
        md += QLatin1Char('\n');
    }

    md += QStringLiteral("## Findings\n\n");
    QStringList leftOut;
    int shown = 0;
    for (const Finding &f : r.findings) {
        const QString key = ReportSources::findingKey(f);
        const ReportFindingNote note = s.findings.value(key);
        if (!note.included) {
            leftOut.append(code(key));
            continue;
        }
        ++shown;
        md += QStringLiteral("### **%1** %2\n\n").arg(severityName(f.severity).toUpper(), prose(f.title));
        md += code(f.id) + (f.resource.isEmpty() ? QString() : QStringLiteral(" · ") + code(f.resource))
            + QStringLiteral("\n\n");
        if (!f.detail.isEmpty())
            md += prose(f.detail) + QStringLiteral("\n\n");
        md += AnalysisMarkdown::evidenceList(f, QStringLiteral("in the JSON report"));
        if (!f.recommendation.isEmpty())
            md += QStringLiteral("Recommendation: %1\n\n").arg(prose(f.recommendation));
        if (!note.note.trimmed().isEmpty())
            md += QStringLiteral("**Investigator's note:** ") + written(note.note);
    }
    if (shown == 0)
        md += prose(r.findings.isEmpty() ? Verdict::noFindings(r) : QStringLiteral("Every finding is left out."))
            + QStringLiteral("\n\n");
    if (!leftOut.isEmpty())
        md += QStringLiteral("Left out of this report by the investigator: %1.\n\n")
                  .arg(leftOut.join(QStringLiteral(", ")));

    bool differences = false;
    QString table;
    for (const ResourceDiff &d : r.resources) {
        if (!d.hasDifferences())
            continue;
        differences = true;
        table += QStringLiteral(
            "### %1\n\n| field | code | state | live | replica | status |\n|---|---|---|---|---|---|\n")
                     .arg(code(d.id.toString()));
        for (const FieldDiff &f : d.fields) {
            if (f.noise || !f.isDifference())
                continue;
            table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                         .arg(code(f.path, true), AnalysisMarkdown::diffCell(d, f, Column::Code),
                             AnalysisMarkdown::diffCell(d, f, Column::State),
                             AnalysisMarkdown::diffCell(d, f, Column::Live),
                             AnalysisMarkdown::diffCell(d, f, Column::Replica), prose(StatusText::field(d, f), true));
        }
        table += QLatin1Char('\n');
    }
    md += QStringLiteral("## Where the system disagrees with itself\n\n")
        + (differences ? table : QStringLiteral("No field differs between the columns the evidence holds.\n\n"));

    if (!r.etcdMembers.isEmpty()) {
        md += QStringLiteral("## etcd members at the time of the analysis\n\n| member | endpoint | version | leader | "
                             "term | index | applied | errors |\n|---|---|---|---|---|---|---|---|\n");
        for (const EtcdMemberSummary &m : r.etcdMembers) {
            const QString dash = QStringLiteral("—");
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n")
                      .arg(prose(
                               m.name.isEmpty() ? m.id : m.name + QStringLiteral(" (") + m.id + QLatin1Char(')'), true),
                          code(m.endpoint, true), prose(m.version, true),
                          m.hasStatus ? (m.isLeader ? QStringLiteral("yes") : QStringLiteral("no")) : dash,
                          m.hasStatus ? QString::number(m.raftTerm) : dash,
                          m.hasStatus ? QString::number(m.raftIndex) : dash,
                          m.hasStatus ? QString::number(m.raftAppliedIndex) : dash,
                          prose((m.statusError.isEmpty() ? m.errors : QStringList { m.statusError } + m.errors)
                                    .join(QStringLiteral("; ")),
                              true));
        }
        md += QLatin1Char('\n');
    }
    if (!options.chartImage.isEmpty())
        md += QStringLiteral("## Raft timeline\n\n![The raft timeline: terms, indexes and events](%1)\n\n")
                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(options.chartImage, "/")));

    md += section(QStringLiteral("Root cause"), s.rootCause);
    md += section(QStringLiteral("Trigger"), s.trigger);
    md += section(QStringLiteral("Resolution"), s.resolution);
    md += section(QStringLiteral("Detection"), s.detection);

    md += QStringLiteral("## Action items\n\n");
    if (s.actionItems.isEmpty()) {
        md += QStringLiteral("*None written yet.*\n\n");
    } else {
        md += QStringLiteral("| item | type | owner | ticket |\n|---|---|---|---|\n");
        for (const ReportActionItem &a : s.actionItems)
            md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                      .arg(prose(a.item, true), prose(a.type, true), prose(a.owner, true), prose(a.ticket, true));
        md += QLatin1Char('\n');
    }
    md += section(QStringLiteral("Lessons learned"), s.lessons);

    md += QStringLiteral("## Appendix: sources\n\n");
    if (r.caseFile.hasOwnFile())
        md += QStringLiteral("Case file: %1\n\n").arg(code(QDir::cleanPath(r.caseFile.filePath)));
    md += QStringLiteral("| evidence | kind | role | SHA-256 |\n|---|---|---|---|\n");
    for (const ReportSourceFile &f : ReportSources::files(r))
        md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                  .arg(code(f.path, true), prose(f.kind, true), prose(f.role, true),
                      f.sha256.isEmpty() ? prose(f.note, true) : code(f.sha256, true));
    md += QLatin1Char('\n');
    if (r.terraformOrigin)
        md += QStringLiteral("- Terraform: %1\n").arg(prose(r.terraformOrigin->describe()));
    if (r.capture) {
        for (const CapturedContext &c : r.capture->contexts)
            md += QStringLiteral("- Context %1 (%2): %3, server %4, read %5\n")
                      .arg(code(c.context), evidenceRoleName(c.role), code(c.server),
                          prose(c.serverVersion.isEmpty() ? QStringLiteral("version unknown") : c.serverVersion),
                          utc(r.capture->time));
    }
    if (r.etcdCapture) {
        for (const CapturedEndpoint &e : r.etcdCapture->endpoints)
            md += QStringLiteral("- etcd endpoint %1: %2\n")
                      .arg(code(e.url),
                          e.reachable ? QStringLiteral("read, member ") + code(e.memberIdHex)
                                      : QStringLiteral("not read: ") + prose(e.error));
    }
    md += QStringLiteral("- Strata %1; generated %2\n\n").arg(prose(BuildInfo::version()), utc(options.generatedAt));
    md += QStringLiteral("*Secret values are never shown; equal fingerprints mean equal values within this report "
                         "only.*\n");
    return escapeControlCharacters(md, true).toUtf8();
}

} // namespace strata::ReportMarkdown
