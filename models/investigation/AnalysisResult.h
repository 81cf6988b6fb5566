#pragma once

#include "case/CaseFile.h"
#include "core/Diagnostic.h"
#include "diff/ResourceDiff.h"
#include "etcd/EtcdRecording.h"
#include "evidence/ImportedEvidence.h"
#include "evidence/MetricValue.h"
#include "evidence/TerraformOrigin.h"
#include "evidence/TimelineEvent.h"
#include "history/EtcdObjectHistory.h"
#include "investigation/Completeness.h"
#include "live/CaptureManifest.h"
#include "live/EtcdCaptureManifest.h"
#include "plan/Proposal.h"
#include "rules/EtcdMemberSummary.h"
#include "rules/Finding.h"
#include "rules/SystemGraph.h"

#include <memory>

namespace strata {

// Everything one analysis of a case produced. The CLI prints it, the GUI
// shows it; both get it from Analyzer, so they never disagree.
struct AnalysisResult
{
    CaseFile caseFile;
    QList<ImportedEvidence> evidence;
    std::array<QString, columnCount> columnOrigins; // evidence path feeding each column, "" when none
    // What the header adds about a column's origin: "main @ a1b2c3d",
    // "⚠ work tree differs from main: 2 files"; "" when nothing.
    std::array<QString, columnCount> columnRemarks;
    QList<ResourceDiff> resources;
    QStringList unmappedTerraform; // Terraform resources not compared (other types)
    std::optional<TerraformOrigin> terraformOrigin; // where `sources.terraform` read code and state
    std::optional<CaptureManifest> capture; // what `sources.kubernetes`'s contexts answered (now or earlier)
    std::optional<EtcdCaptureManifest> etcdCapture; // what `sources.etcd`'s endpoints answered (now or earlier)
    QList<EtcdMemberSummary> etcdMembers;
    QList<MetricValue> metrics;
    QList<TimelineEvent> timeline;
    QList<std::shared_ptr<const EtcdRecordingData>> recordings; // etcd status samples, for the chart
    QList<EtcdObjectHistory>
        etcdHistories; // what etcd holds of the objects live and the replica serve, version by version
    QList<Component> components;
    QList<Relation> relations;
    QList<Finding> findings;
    QList<Proposal> proposals;
    QList<Diagnostic> diagnostics; // the case file's own, then every evidence entry's
    Completeness completeness; // what could not be read; "no findings" means nothing when incomplete
    bool cancelled = false;
};

} // namespace strata
