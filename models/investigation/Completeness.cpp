#include "Completeness.h"

#include <QStringList>

namespace strata {

namespace {
QString firstError(const QList<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            return d.message;
    }
    return diagnostics.isEmpty() ? QString() : diagnostics.first().message;
}
} // namespace

Completeness Completeness::assess(const QList<Diagnostic> &caseDiagnostics, const QList<ImportedEvidence> &evidence)
{
    Completeness c;
    QList<Diagnostic> caseErrors;
    for (const Diagnostic &d : caseDiagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            caseErrors.append(d);
    }
    c.caseErrorCount = int(caseErrors.size());
    if (!caseErrors.isEmpty()) {
        AnalysisProblem p;
        p.source = caseErrors.first().file.isEmpty() ? QStringLiteral("case file") : caseErrors.first().file;
        p.state = EvidenceState::PartlyRead;
        p.reason = caseErrors.size() == 1 ? caseErrors.first().message
                                          : QStringLiteral("%1 entries could not be read (first: %2)")
                                                .arg(caseErrors.size())
                                                .arg(caseErrors.first().message);
        p.diagnostics = caseErrors;
        c.problems.append(p);
    }
    c.evidenceCount = int(evidence.size());
    for (const ImportedEvidence &e : evidence) {
        c.readSources = c.readSources || e.fromSource;
        const EvidenceState state = e.state();
        if (const auto column = columnForRole(e.role)) {
            ColumnEvidence &coverage = c.coverage[size_t(columnIndex(*column))];
            if (state != EvidenceState::Read)
                coverage = ColumnEvidence::Incomplete;
            else if (coverage == ColumnEvidence::None)
                coverage = ColumnEvidence::Read;
        }
        if (state == EvidenceState::Read)
            continue;
        (state == EvidenceState::Failed ? c.failedCount : c.partlyReadCount) += 1;
        AnalysisProblem p;
        p.source = e.entry.path;
        p.state = state;
        p.reason = firstError(e.diagnostics);
        if (p.reason.isEmpty())
            p.reason = e.summary.isEmpty() ? QStringLiteral("nothing usable in it") : e.summary;
        p.diagnostics = e.diagnostics;
        c.problems.append(p);
    }
    return c;
}

QString Completeness::summary() const
{
    if (isComplete())
        return {};
    QStringList parts;
    // A context or a repository is not a file: with any of them, "sources".
    auto files = [this](int n) {
        return readSources ? (n == 1 ? QStringLiteral("source") : QStringLiteral("sources"))
                           : (n == 1 ? QStringLiteral("file") : QStringLiteral("files"));
    };
    if (failedCount)
        parts.append(QStringLiteral("%1 of %2 evidence %3 could not be read")
                         .arg(failedCount)
                         .arg(evidenceCount)
                         .arg(files(evidenceCount)));
    if (partlyReadCount) {
        const QString verb = partlyReadCount == 1 ? QStringLiteral("was") : QStringLiteral("were");
        parts.append(failedCount ? QStringLiteral("%1 %2 only partly read").arg(partlyReadCount).arg(verb)
                                 : QStringLiteral("%1 of %2 evidence %3 %4 only partly read")
                                       .arg(partlyReadCount)
                                       .arg(evidenceCount)
                                       .arg(files(evidenceCount), verb));
    }
    if (caseErrorCount)
        parts.append(QStringLiteral("%1 %2 of the case file could not be read")
                         .arg(caseErrorCount)
                         .arg(caseErrorCount == 1 ? QStringLiteral("entry") : QStringLiteral("entries")));
    QString text = parts.size() <= 1
        ? parts.join(QString())
        : parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + parts.last();
    return text + QStringLiteral(" — the analysis is incomplete");
}

} // namespace strata
