#pragma once

#include "investigation/AnalysisResult.h"
#include "live/EtcdCapture.h"
#include "live/KubeCapture.h"

namespace strata {

class JobContext;

// The whole analysis of a case, as both front ends run it: import the
// evidence, diff the four columns, apply the finding rules, reconstruct the
// system, build the timeline and the plan. `strata analyze` calls it on the
// main thread; the GUI in a JobRunner job. `caseDiagnostics` are what reading
// the case file reported: its errors (dropped entries) make the analysis
// incomplete like unreadable evidence does.
struct AnalyzeOptions
{
    // Only the evidence already in the case, the newest capture of its live
    // sources included: no network (`strata analyze --offline`).
    bool offline = false;
    // With `offline`: read the contexts after all when no capture of them
    // exists yet (the window after an edit; the command line never does).
    bool readWhenNoCapture = false;
    KubeCaptureOptions capture;
    EtcdCaptureOptions etcd;
};

// A case with `sources.kubernetes` or `sources.etcd` is read live first
// (KubeCapture, EtcdCapture write a capture into the case folder), then that
// capture is imported like any other evidence: the same importer, diff and
// rules as offline.
namespace Analyzer {
AnalysisResult analyze(const CaseFile &caseFile, const JobContext *context = nullptr,
    const QList<Diagnostic> &caseDiagnostics = {}, const AnalyzeOptions &options = {});
}

} // namespace strata
