#pragma once

#include "diff/ResourceDiff.h"
#include "etcd/EtcdRecording.h"
#include "etcd/EtcdctlOutput.h"
#include "evidence/ImportedEvidence.h"
#include "evidence/MetricValue.h"
#include "evidence/TerraformOrigin.h"
#include "evidence/TimelineEvent.h"
#include "live/CaptureManifest.h"
#include "terraform/TerraformConfig.h"
#include "terraform/TerraformState.h"

#include <memory>
#include <optional>

namespace strata {

// Everything a case's evidence says, normalised: objects for the diff's
// columns, etcd status, metrics, log events, Terraform code and state. Built
// by EvidenceImporter from files today; live sources (kubeconfig contexts,
// etcd endpoints, a git repository) will produce the same values, so the
// diff, the rules and the views never care where a value came from.
struct EvidenceSet
{
    QList<ImportedEvidence> files;
    QList<ColumnObject> objects;
    // How many threads read `objects` (each into its own heap): the diff
    // shares its work out as many ways, so its rows reuse what every
    // reader's trees leave behind (DiffEngine::diffReleasing).
    int objectHeaps = 1;
    // columnBit()s of the columns that held an object, set by the Analyzer
    // when the diff has read `objects` and they are let go.
    unsigned objectColumns = 0;
    EtcdctlOutput etcd;
    QList<MetricValue> metrics;
    QList<TimelineEvent> events; // log lines and dated notes, in evidence order
    QList<TimelineEvent> notes; // comments that carry facts ("# Last successful apply: …")
    // etcd status samples (Strata's recordings), shared: a week of them is ~150 MB.
    QList<std::shared_ptr<const EtcdRecordingData>> recordings;
    std::optional<TerraformState> state;
    QString statePath;
    std::optional<TerraformConfig> code;
    QString codePath;
    std::optional<TerraformOrigin> terraformOrigin; // set when `sources.terraform` was read
    std::optional<CaptureManifest> capture; // the live read imported (`sources.kubernetes`), made now or earlier
    QStringList unmappedTerraform;
    // The API context each kubectl column names (from "--context=x" in a pasted command line).
    std::array<QString, columnCount> contexts;
    QList<Diagnostic> diagnostics;
};

} // namespace strata
