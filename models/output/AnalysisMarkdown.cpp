#include "AnalysisMarkdown.h"

#include "core/ControlCharacters.h"
#include "diff/StatusText.h"
#include "investigation/Verdict.h"
#include "output/MarkdownText.h"

#include <QFileInfo>

namespace strata::AnalysisMarkdown {

using MarkdownText::code;
using MarkdownText::prose;

namespace {

QString severityBadge(Severity s)
{
    return QStringLiteral("**%1**").arg(severityName(s).toUpper());
}

} // namespace

QString diffCell(const ResourceDiff &d, const FieldDiff &f, Column column)
{
    const DiffCell &c = f.cell(column);
    if (f.unknownColumns & columnBit(column))
        return d.coverage[size_t(columnIndex(column))] == ColumnEvidence::Incomplete
            ? QStringLiteral("*(not read)*")
            : QStringLiteral("*(not in evidence)*");
    if (!c.present)
        return QStringLiteral("—");
    if (c.value.kind == FieldValue::Kind::Unknown)
        return QStringLiteral("*(unknown)*");
    if (c.value.kind == FieldValue::Kind::Secret)
        return QStringLiteral("*(secret %1)*").arg(prose(c.value.text, true));
    return code(c.value.text, true);
}

QString evidenceList(const Finding &f, const QString &restAt)
{
    if (f.evidence.isEmpty())
        return {};
    // The rules put the decisive lines first; a report shows a readable number of them.
    QString md = QStringLiteral("Evidence:\n\n");
    for (qsizetype i = 0; i < std::min(f.evidence.size(), evidenceShown); ++i)
        md += QStringLiteral("- %1 — %2\n")
                  .arg(code(f.evidence.at(i).location.toString()), prose(f.evidence.at(i).quote));
    if (f.evidence.size() > evidenceShown)
        md += QStringLiteral("- and %1 more (%2)\n").arg(f.evidence.size() - evidenceShown).arg(restAt);
    return md + QLatin1Char('\n');
}

QByteArray write(const AnalysisResult &r)
{
    QString md;
    const QString title = r.caseFile.title.isEmpty() ? QStringLiteral("Strata analysis") : r.caseFile.title;
    md += QStringLiteral("# %1\n\n").arg(prose(title));

    // What could not be read comes first: a reader must not take an incomplete analysis for a clean one.
    const Completeness &completeness = r.completeness;
    if (!completeness.isComplete()) {
        md += QStringLiteral("> **Incomplete analysis:** %1. Findings below come only from the evidence that "
                             "could be read; the absence of a finding is not an all-clear.\n\n")
                  .arg(prose(completeness.summary().section(QStringLiteral(" — "), 0, 0)));
        md += QStringLiteral("## Problems reading the evidence\n\n");
        for (const AnalysisProblem &p : completeness.problems) {
            md += QStringLiteral("- **%1** — %2: %3\n")
                      .arg(code(p.source), evidenceStateName(p.state), prose(p.reason));
            // The reason is the first message; list them all only where that adds a position or more.
            const bool positioned = !p.diagnostics.isEmpty() && p.diagnostics.first().line > 0;
            if (p.diagnostics.size() > 1 || positioned) {
                for (const Diagnostic &d : p.diagnostics)
                    md += QStringLiteral("  - %1\n").arg(prose(d.toString()));
            }
        }
        md += QLatin1Char('\n');
    }

    int counts[5] = { 0, 0, 0, 0, 0 };
    for (const Finding &f : r.findings)
        ++counts[int(f.severity)];
    md += QStringLiteral("%1 findings: %2 critical, %3 high, %4 medium, %5 low, %6 info. ")
              .arg(r.findings.size())
              .arg(counts[0])
              .arg(counts[1])
              .arg(counts[2])
              .arg(counts[3])
              .arg(counts[4]);
    md += QStringLiteral("%1 resources compared from %2 pieces of evidence.\n\n")
              .arg(r.resources.size())
              .arg(r.evidence.size());

    md += QStringLiteral("## Findings\n\n");
    if (r.findings.isEmpty())
        md += prose(Verdict::noFindings(r)) + QStringLiteral("\n\n");
    for (const Finding &f : r.findings) {
        md += QStringLiteral("### %1 %2\n\n").arg(severityBadge(f.severity), prose(f.title));
        md += code(f.id);
        if (!f.resource.isEmpty())
            md += QStringLiteral(" · %1").arg(code(f.resource));
        if (!f.paths.isEmpty()) {
            QStringList paths;
            for (const QString &p : f.paths)
                paths.append(code(p));
            md += QStringLiteral(" · %1").arg(paths.join(QStringLiteral(", ")));
        }
        md += QStringLiteral("\n\n%1\n\n").arg(prose(f.detail));
        md += evidenceList(f, QStringLiteral("all of them in `strata analyze --format json`"));
        if (!f.recommendation.isEmpty())
            md += QStringLiteral("Recommendation: %1\n\n").arg(prose(f.recommendation));
    }

    md += QStringLiteral("## What to do, in order\n\n");
    if (r.proposals.isEmpty())
        md += completeness.isComplete()
            ? QStringLiteral("Nothing to do.\n\n")
            : QStringLiteral("Nothing to do from the evidence that was read; first make the evidence above "
                             "readable and analyse again.\n\n");
    if (!r.proposals.isEmpty()) {
        md += QStringLiteral("Checks first; Strata runs none of these commands. Each says whether it is read-only or "
                             "changes something");
        if (r.caseFile.hasOwnFile())
            md += QStringLiteral("; relative paths are from the case's folder, %1")
                      .arg(code(r.caseFile.baseDirectory()));
        md += QStringLiteral(".\n\n");
    }
    for (const Proposal &p : r.proposals) {
        QStringList ids;
        for (const QString &id : p.findings)
            ids.append(code(id));
        md += QStringLiteral("%1. **%2:** %3 *(%4)*\n")
                  .arg(p.order)
                  .arg(p.kind == QLatin1String("check") ? QStringLiteral("Check") : QStringLiteral("Change"),
                      prose(p.text), ids.join(QStringLiteral(", ")));
        if (!p.commands.isEmpty()) {
            QStringList lines;
            for (const PlanCommand &c : p.commands) {
                lines += MarkdownText::commentLines(
                    (c.readOnly ? QStringLiteral("read-only: ") : QStringLiteral("CHANGES SOMETHING: ")) + c.why);
                lines.append(c.command);
            }
            // Indented under its list item, so the block belongs to the step.
            const QString indent(QString::number(p.order).size() + 2, QLatin1Char(' '));
            md += QLatin1Char('\n') + MarkdownText::fenced(QStringLiteral("sh"), lines, indent) + QLatin1Char('\n');
        }
    }
    md += QLatin1Char('\n');

    md += QStringLiteral("## Where the system disagrees with itself\n\n");
    for (const ResourceDiff &d : r.resources) {
        if (!d.hasDifferences())
            continue;
        md += QStringLiteral("### %1\n\n").arg(code(d.id.toString()));
        QStringList ids;
        for (Column c : allColumns) {
            const ColumnIdentity &id = d.identity(c);
            if (!id.present)
                continue;
            QString text = columnName(c) + QStringLiteral(": ")
                + code(id.location.isValid() ? id.location.toString() : id.origin);
            if (!id.resourceVersion.isEmpty())
                text += QStringLiteral(", resourceVersion %1").arg(prose(id.resourceVersion));
            if (id.stateSerial >= 0)
                text += QStringLiteral(", serial %1").arg(id.stateSerial);
            ids.append(text);
        }
        md += ids.join(QStringLiteral("; ")) + QStringLiteral("\n\n");
        md += QStringLiteral("| field | code | state | live | replica | status |\n|---|---|---|---|---|---|\n");
        for (const FieldDiff &f : d.fields) {
            if (f.noise || !f.isDifference())
                continue;
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                      .arg(code(f.path, true), diffCell(d, f, Column::Code), diffCell(d, f, Column::State),
                          diffCell(d, f, Column::Live), diffCell(d, f, Column::Replica),
                          prose(StatusText::field(d, f), true));
        }
        md += QLatin1Char('\n');
    }

    QStringList notCompared;
    for (const ResourceDiff &d : r.resources) {
        if (d.hasUnknowns())
            notCompared.append(
                QStringLiteral("- %1 — %2\n").arg(code(d.id.toString()), prose(StatusText::resource(d))));
    }
    if (!notCompared.isEmpty())
        md += QStringLiteral("Not compared in every column (a column has no evidence of them):\n\n")
            + notCompared.join(QString()) + QLatin1Char('\n');

    if (!r.etcdMembers.isEmpty()) {
        md += QStringLiteral(
            "## etcd members\n\n| member | endpoint | version | leader | term | index | applied | errors | health |\n"
            "|---|---|---|---|---|---|---|---|---|\n");
        for (const EtcdMemberSummary &m : r.etcdMembers) {
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                      .arg(prose(
                               m.name.isEmpty() ? m.id : m.name + QStringLiteral(" (") + m.id + QLatin1Char(')'), true),
                          prose(m.endpoint, true), prose(m.version, true),
                          m.hasStatus ? (m.isLeader ? QStringLiteral("yes") : QStringLiteral("no"))
                                      : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftTerm) : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftIndex) : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftAppliedIndex) : QStringLiteral("—"),
                          prose(m.errors.join(QStringLiteral("; ")), true), prose(m.health, true));
        }
        md += QLatin1Char('\n');
    }

    if (!r.components.isEmpty()) {
        md += QStringLiteral("## The system as the evidence shows it\n\n");
        for (const Component &c : r.components) {
            md += QStringLiteral("- **%1** (%2)").arg(prose(c.name), prose(c.kind));
            if (!c.details.isEmpty()) {
                QStringList details;
                for (const QString &d : c.details)
                    details.append(prose(d));
                md += QStringLiteral(": ") + details.join(QStringLiteral("; "));
            }
            md += QLatin1Char('\n');
        }
        md += QLatin1Char('\n');
        for (const Relation &rel : r.relations) {
            md += QStringLiteral("- %1 → %2: %3%4\n")
                      .arg(prose(rel.from), prose(rel.to), prose(rel.label.isEmpty() ? rel.kind : rel.label),
                          rel.inferred ? QStringLiteral(" *(inferred)*") : QString());
        }
        md += QLatin1Char('\n');
    }

    if (!r.timeline.isEmpty()) {
        md += QStringLiteral("## Timeline\n\n| time (UTC) | source | event |\n|---|---|---|\n");
        for (const TimelineEvent &t : r.timeline) {
            md += QStringLiteral("| %1 | %2 | %3 |\n")
                      .arg(t.time.isValid() ? t.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                            : QStringLiteral("—"),
                          prose(t.source, true), prose(t.text, true));
        }
        md += QLatin1Char('\n');
    }

    md += QStringLiteral("## Evidence\n\n");
    if (r.terraformOrigin) {
        md += QStringLiteral("Terraform code%1 from %2.\n\n")
                  .arg(r.caseFile.terraformSource && !r.caseFile.terraformSource->state.isEmpty()
                          ? QStringLiteral(" and state")
                          : QString(),
                      prose(r.terraformOrigin->describe()));
    }
    if (r.capture) {
        for (const CapturedContext &c : r.capture->contexts)
            md += QStringLiteral("Context %1 (%2) at %3 as user %4: %5.\n")
                      .arg(prose(c.context), evidenceRoleName(c.role), prose(c.server), prose(c.user),
                          c.reachable ? QStringLiteral("read, server %1").arg(prose(c.serverVersion))
                                      : QStringLiteral("not read: ") + prose(c.error));
        md += QLatin1Char('\n');
    }
    if (r.etcdCapture) {
        for (const CapturedEndpoint &e : r.etcdCapture->endpoints)
            md += QStringLiteral("etcd endpoint %1%2: %3.\n")
                      .arg(prose(e.url), e.discovered ? QStringLiteral(" (from the member list)") : QString(),
                          e.reachable
                              ? QStringLiteral("read, member %1, %2 ms").arg(prose(e.memberIdHex)).arg(e.latencyMs)
                              : QStringLiteral("not read: ") + prose(e.error));
        md += QLatin1Char('\n');
    }
    for (const ImportedEvidence &e : r.evidence) {
        md += QStringLiteral("- %1 — %2%3: %4\n")
                  .arg(code(e.entry.path), evidenceKindName(e.kind),
                      e.role == EvidenceRole::Unspecified ? QString()
                                                          : QStringLiteral(" (%1)").arg(evidenceRoleName(e.role)),
                      prose(e.summary));
    }
    // Errors are listed with their evidence at the top; warnings and notes here.
    QStringList messages;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity != Diagnostic::Severity::Error)
            messages.append(QStringLiteral("- %1\n").arg(prose(d.toString())));
    }
    if (!messages.isEmpty())
        md += QStringLiteral("\n## Warnings while reading the evidence\n\n") + messages.join(QString());
    md += QStringLiteral(
        "\n*Generated by Strata. Secret values are never shown; equal fingerprints mean equal values within "
        "this report only.*\n");
    // Code spans quote values verbatim: any control character left there is
    // shown escaped too, so no text from evidence reaches a terminal raw.
    return escapeControlCharacters(md, true).toUtf8();
}

} // namespace strata::AnalysisMarkdown
