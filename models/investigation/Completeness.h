#pragma once

#include "core/Diagnostic.h"
#include "diff/Column.h"
#include "evidence/ImportedEvidence.h"

#include <QList>
#include <QString>

namespace strata {

// One thing the analysis could not read: an evidence entry, an entry of the
// case file, (later) a live source. Never silent: every output lists these.
struct AnalysisProblem
{
    QString source; // the evidence path as written, "case file", an endpoint or a context
    EvidenceState state = EvidenceState::Failed;
    QString reason; // the first error, in words
    QList<Diagnostic> diagnostics; // every positioned message about it
};

// Whether an analysis saw all of its evidence. An incomplete analysis may
// still have findings, but "no findings" from it is not an all-clear: the
// window shows a banner, `strata analyze` exits 3, every output says so.
struct Completeness
{
    int evidenceCount = 0;
    bool readSources = false; // some evidence came from `sources:` (a context, endpoints, a repository)
    int failedCount = 0;
    int partlyReadCount = 0;
    int caseErrorCount = 0; // entries of the case file itself that were dropped
    ColumnCoverage coverage {}; // what the case holds for each diff column
    QList<AnalysisProblem> problems;

    bool isComplete() const { return problems.isEmpty(); }
    // "2 of 7 evidence files could not be read — the analysis is incomplete"; empty when complete.
    QString summary() const;

    // Judges the case's own diagnostics and each imported entry.
    static Completeness assess(const QList<Diagnostic> &caseDiagnostics, const QList<ImportedEvidence> &evidence);
};

} // namespace strata
