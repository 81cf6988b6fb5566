#pragma once

#include "investigation/AnalysisResult.h"

namespace strata {

class JobContext;

// The whole analysis of a case, as both front ends run it: import the
// evidence, diff the four columns, apply the finding rules, reconstruct the
// system, build the timeline and the plan. `strata analyze` calls it on the
// main thread; the GUI in a JobRunner job. `caseDiagnostics` are what reading
// the case file reported: its errors (dropped entries) make the analysis
// incomplete like unreadable evidence does.
namespace Analyzer {
AnalysisResult analyze(
    const CaseFile &caseFile, const JobContext *context = nullptr, const QList<Diagnostic> &caseDiagnostics = {});
}

} // namespace strata
