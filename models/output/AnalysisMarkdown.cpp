#include "AnalysisMarkdown.h"

#include "core/ControlCharacters.h"
#include "diff/StatusText.h"
#include "investigation/Verdict.h"

#include <QFileInfo>

namespace strata::AnalysisMarkdown {

QString escape(const QString &untrusted)
{
    QString out;
    out.reserve(untrusted.size() + 8);
    for (const QChar c : untrusted) {
        switch (c.unicode()) {
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '\n':
            out += QLatin1Char(' ');
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '{':
        case '}':
        case '[':
        case ']':
        case '(':
        case ')':
        case '#':
        case '+':
        case '!':
        case '|':
        case '~':
            out += QLatin1Char('\\');
            out += c;
            break;
        default:
            // Control characters have no business in a report: shown as `\x1b`
            // (its backslash escaped, as Markdown needs).
            if (isControlCharacter(c.unicode()))
                out += QLatin1Char('\\') + escapeControlCharacters(QStringView(&c, 1));
            else
                out += c;
        }
    }
    return out;
}

namespace {

QString cell(const ResourceDiff &d, const FieldDiff &f, Column column)
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
        return QStringLiteral("*(secret %1)*").arg(escape(c.value.text));
    return QLatin1Char('`')
        + QString(c.value.text)
              .replace(QLatin1Char('`'), QLatin1Char('\''))
              .replace(QLatin1Char('\n'), QLatin1Char(' '))
              .replace(QLatin1Char('|'), QStringLiteral("\\|"))
        + QLatin1Char('`');
}

QString severityBadge(Severity s)
{
    return QStringLiteral("**%1**").arg(severityName(s).toUpper());
}

} // namespace

QByteArray write(const AnalysisResult &r)
{
    QString md;
    const QString title = r.caseFile.title.isEmpty() ? QStringLiteral("Strata analysis") : r.caseFile.title;
    md += QStringLiteral("# %1\n\n").arg(escape(title));

    // What could not be read comes first: a reader must not take an incomplete analysis for a clean one.
    const Completeness &completeness = r.completeness;
    if (!completeness.isComplete()) {
        md += QStringLiteral("> **Incomplete analysis:** %1. Findings below come only from the evidence that "
                             "could be read; the absence of a finding is not an all-clear.\n\n")
                  .arg(escape(completeness.summary().section(QStringLiteral(" — "), 0, 0)));
        md += QStringLiteral("## Problems reading the evidence\n\n");
        for (const AnalysisProblem &p : completeness.problems) {
            md += QStringLiteral("- **%1** — %2: %3\n")
                      .arg(escape(p.source), evidenceStateName(p.state), escape(p.reason));
            // The reason is the first message; list them all only where that adds a position or more.
            const bool positioned = !p.diagnostics.isEmpty() && p.diagnostics.first().line > 0;
            if (p.diagnostics.size() > 1 || positioned) {
                for (const Diagnostic &d : p.diagnostics)
                    md += QStringLiteral("  - %1\n").arg(escape(d.toString()));
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
        md += escape(Verdict::noFindings(r)) + QStringLiteral("\n\n");
    for (const Finding &f : r.findings) {
        md += QStringLiteral("### %1 %2\n\n").arg(severityBadge(f.severity), escape(f.title));
        md += QStringLiteral("`%1`").arg(f.id);
        if (!f.resource.isEmpty())
            md += QStringLiteral(" · %1").arg(escape(f.resource));
        if (!f.paths.isEmpty()) {
            QStringList paths;
            for (const QString &p : f.paths)
                paths.append(escape(p));
            md += QStringLiteral(" · %1").arg(paths.join(QStringLiteral(", ")));
        }
        md += QStringLiteral("\n\n%1\n\n").arg(escape(f.detail));
        if (!f.evidence.isEmpty()) {
            md += QStringLiteral("Evidence:\n\n");
            for (const EvidenceRef &e : f.evidence)
                md += QStringLiteral("- %1 — %2\n").arg(escape(e.location.toString()), escape(e.quote));
            md += QLatin1Char('\n');
        }
        if (!f.recommendation.isEmpty())
            md += QStringLiteral("Recommendation: %1\n\n").arg(escape(f.recommendation));
    }

    md += QStringLiteral("## What to do, in order\n\n");
    if (r.proposals.isEmpty())
        md += completeness.isComplete()
            ? QStringLiteral("Nothing to do.\n\n")
            : QStringLiteral("Nothing to do from the evidence that was read; first make the evidence above "
                             "readable and analyse again.\n\n");
    for (const Proposal &p : r.proposals) {
        QStringList ids;
        for (const QString &id : p.findings)
            ids.append(escape(id));
        md += QStringLiteral("%1. **%2:** %3 *(%4)*\n")
                  .arg(p.order)
                  .arg(p.kind == QLatin1String("check") ? QStringLiteral("Check") : QStringLiteral("Change"),
                      escape(p.text), ids.join(QStringLiteral(", ")));
    }
    md += QLatin1Char('\n');

    md += QStringLiteral("## Where the system disagrees with itself\n\n");
    for (const ResourceDiff &d : r.resources) {
        if (!d.hasDifferences())
            continue;
        md += QStringLiteral("### %1\n\n").arg(escape(d.id.toString()));
        QStringList ids;
        for (Column c : allColumns) {
            const ColumnIdentity &id = d.identity(c);
            if (!id.present)
                continue;
            QString text = columnName(c) + QStringLiteral(": ")
                + escape(id.location.isValid() ? id.location.toString() : id.origin);
            if (!id.resourceVersion.isEmpty())
                text += QStringLiteral(", resourceVersion %1").arg(escape(id.resourceVersion));
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
                      .arg(escape(f.path), cell(d, f, Column::Code), cell(d, f, Column::State),
                          cell(d, f, Column::Live), cell(d, f, Column::Replica), escape(StatusText::field(d, f)));
        }
        md += QLatin1Char('\n');
    }

    QStringList notCompared;
    for (const ResourceDiff &d : r.resources) {
        if (d.hasUnknowns())
            notCompared.append(
                QStringLiteral("- %1 — %2\n").arg(escape(d.id.toString()), escape(StatusText::resource(d))));
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
                      .arg(escape(m.name.isEmpty() ? m.id : m.name + QStringLiteral(" (") + m.id + QLatin1Char(')')),
                          escape(m.endpoint), escape(m.version),
                          m.hasStatus ? (m.isLeader ? QStringLiteral("yes") : QStringLiteral("no"))
                                      : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftTerm) : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftIndex) : QStringLiteral("—"),
                          m.hasStatus ? QString::number(m.raftAppliedIndex) : QStringLiteral("—"),
                          escape(m.errors.join(QStringLiteral("; "))), escape(m.health));
        }
        md += QLatin1Char('\n');
    }

    if (!r.components.isEmpty()) {
        md += QStringLiteral("## The system as the evidence shows it\n\n");
        for (const Component &c : r.components) {
            md += QStringLiteral("- **%1** (%2)").arg(escape(c.name), escape(c.kind));
            if (!c.details.isEmpty()) {
                QStringList details;
                for (const QString &d : c.details)
                    details.append(escape(d));
                md += QStringLiteral(": ") + details.join(QStringLiteral("; "));
            }
            md += QLatin1Char('\n');
        }
        md += QLatin1Char('\n');
        for (const Relation &rel : r.relations) {
            md += QStringLiteral("- %1 → %2: %3%4\n")
                      .arg(escape(rel.from), escape(rel.to), escape(rel.label.isEmpty() ? rel.kind : rel.label),
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
                          escape(t.source), escape(t.text));
        }
        md += QLatin1Char('\n');
    }

    md += QStringLiteral("## Evidence\n\n");
    if (r.terraformOrigin) {
        md += QStringLiteral("Terraform code%1 from %2.\n\n")
                  .arg(r.caseFile.terraformSource && !r.caseFile.terraformSource->state.isEmpty()
                          ? QStringLiteral(" and state")
                          : QString(),
                      escape(r.terraformOrigin->describe()));
    }
    if (r.capture) {
        for (const CapturedContext &c : r.capture->contexts)
            md += QStringLiteral("Context %1 (%2) at %3 as user %4: %5.\n")
                      .arg(escape(c.context), evidenceRoleName(c.role), escape(c.server), escape(c.user),
                          c.reachable ? QStringLiteral("read, server %1").arg(escape(c.serverVersion))
                                      : QStringLiteral("not read: ") + escape(c.error));
        md += QLatin1Char('\n');
    }
    if (r.etcdCapture) {
        for (const CapturedEndpoint &e : r.etcdCapture->endpoints)
            md += QStringLiteral("etcd endpoint %1%2: %3.\n")
                      .arg(escape(e.url), e.discovered ? QStringLiteral(" (from the member list)") : QString(),
                          e.reachable
                              ? QStringLiteral("read, member %1, %2 ms").arg(escape(e.memberIdHex)).arg(e.latencyMs)
                              : QStringLiteral("not read: ") + escape(e.error));
        md += QLatin1Char('\n');
    }
    for (const ImportedEvidence &e : r.evidence) {
        md += QStringLiteral("- %1 — %2%3: %4\n")
                  .arg(escape(e.entry.path), evidenceKindName(e.kind),
                      e.role == EvidenceRole::Unspecified ? QString()
                                                          : QStringLiteral(" (%1)").arg(evidenceRoleName(e.role)),
                      escape(e.summary));
    }
    // Errors are listed with their evidence at the top; warnings and notes here.
    QStringList messages;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity != Diagnostic::Severity::Error)
            messages.append(QStringLiteral("- %1\n").arg(escape(d.toString())));
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
