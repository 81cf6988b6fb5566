#pragma once

#include "evidence/EvidenceSet.h"

namespace strata {

// Reads a Strata etcd recording (EtcdRecording) as evidence: its samples
// kept for the chart, and what changed between them as timeline events —
// the raft term rising (once per term, cluster-wide: the first member to
// report it; the first term seen is the baseline, not an election), a
// member without a leader, an endpoint that stops or starts answering.
// Each event names the sample's file:line.
namespace RecordingImport {
void importRecording(const QString &resolvedPath, const QString &shown, EvidenceSet &set, ImportedEvidence &out);
QList<TimelineEvent> events(const EtcdRecordingData &recording, const QString &shown);
} // namespace RecordingImport

} // namespace strata
