#pragma once

#include "evidence/EvidenceSet.h"
#include "rules/EtcdMemberSummary.h"
#include "rules/Finding.h"
#include "rules/SystemGraph.h"

namespace strata {

// The "reconstruct" step: what the system is, as far as the evidence shows —
// the etcd cluster and its members, the API contexts and what they serve, the
// Terraform stack and what it manages, the applications seen in logs and
// metrics — as components and the relations between them. Relations the
// evidence implies but does not show are marked inferred.
namespace SystemInventory {
void build(const EvidenceSet &evidence, const QList<EtcdMemberSummary> &members, const QList<ResourceDiff> &diffs,
    const QList<Finding> &findings, QList<Component> &components, QList<Relation> &relations);
}

} // namespace strata
