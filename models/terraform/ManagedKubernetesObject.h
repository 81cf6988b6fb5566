#pragma once

#include "core/ResourceId.h"
#include "core/SourceLocation.h"
#include "core/Value.h"

#include <QString>
#include <QStringList>

namespace strata {

// A Kubernetes object as Terraform (code or state) says it should be, in the
// shape `kubectl get -o json` prints, so the diff compares it with live and
// replica objects field by field. Produced by TerraformKubernetesMapping,
// consumed by the diff and the findings.
struct ManagedKubernetesObject
{
    // How Secret `data` values are written in `object`. The provider-schema
    // resources (kubernetes_secret, _v1) hold plain text, which the provider
    // base64-encodes on apply; kubernetes_manifest holds what the API holds
    // (base64), like kubectl. The diff normalises with this before comparing.
    enum class SecretDataEncoding { Plain, Base64 };

    ResourceId id; // "configmap/platform/feature-flags"
    QString address; // `module.a.kubernetes_config_map.flags["x"]`
    QString terraformType; // "kubernetes_config_map_v1"
    // Code: the `resource` block. State: the resource's entry in "resources".
    SourceLocation location;
    // {"apiVersion","kind","metadata":{"name","namespace","labels","annotations"},
    //  "data","binaryData","type","immutable"} for provider-schema resources
    // (fields Kubernetes would omit are left out); the manifest itself for
    // kubernetes_manifest. Every leaf keeps the location it was read from.
    Value object;
    QString stateResourceVersion; // metadata[0].resource_version in state; "" from code
    QString stateUid; // metadata[0].uid in state; "" from code
    // Terraform owns only part of the object (kubernetes_config_map_v1_data
    // manages some keys of a ConfigMap it did not create): keys it does not
    // list are not drift.
    bool partial = false;
    // kubectl paths whose values are secret ("data", `data["api_key"]`), from
    // state's sensitive_attributes and the provider schema.
    QStringList sensitivePaths;
    SecretDataEncoding secretDataEncoding = SecretDataEncoding::Plain;
};

} // namespace strata
