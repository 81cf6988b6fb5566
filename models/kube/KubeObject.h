#pragma once

#include "core/ResourceId.h"
#include "core/SourceLocation.h"
#include "core/Value.h"

#include <QString>

namespace strata {

// One Kubernetes object as kubectl (or the API) printed it: its identity, the
// fields every comparison needs up front, and the whole object as a positioned
// Value. Produced by KubectlReader (and later the live client), consumed by the
// diff and the findings.
struct KubeObject
{
    ResourceId id; // kind normalised ("configmap"), namespace, name
    QString apiVersion; // "v1", "apps/v1"
    QString kind; // as written: "ConfigMap"
    Value object; // the whole object, every node positioned
    QString resourceVersion; // metadata.resourceVersion (etcd mod revision), empty if absent
    QString uid; // metadata.uid
    Value managedFields; // metadata.managedFields (who set which field), null if absent
    SourceLocation location; // where the object starts
};

} // namespace strata
