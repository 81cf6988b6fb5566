#pragma once

#include "core/Diagnostic.h"
#include "terraform/ManagedKubernetesObject.h"
#include "terraform/TerraformConfig.h"
#include "terraform/TerraformState.h"

#include <QList>
#include <QStringList>

namespace strata {

struct KubernetesMappingResult
{
    QList<ManagedKubernetesObject> objects;
    // Instances not compared: other resource types, data sources, deposed
    // objects, and objects whose name is not known statically. The UI says
    // "N resources not compared".
    QStringList unmappedAddresses;
    // Warnings for Kubernetes resources that could not be mapped, positioned.
    QList<Diagnostic> diagnostics;
};

// Turns the Kubernetes resources Terraform manages (kubernetes_config_map,
// kubernetes_secret, kubernetes_namespace and their _v1 names,
// kubernetes_config_map_v1_data, kubernetes_secret_v1_data,
// kubernetes_manifest) into kubectl-shaped objects, from state or from code.
// The diff uses them for its code and state columns.
KubernetesMappingResult mapStateToKubernetes(const TerraformState &state);
// One resource of a state, added to `into`: the same as the whole state's
// mapping, resource by resource as the state is read.
void mapStateResource(const TerraformStateResource &resource, KubernetesMappingResult &into);
// Code bodies are in provider-schema shape (see TerraformConfig.h); values
// not known statically stay Value::unknown, and the provider's defaults are
// applied (namespace "default", Secret type "Opaque").
KubernetesMappingResult mapConfigToKubernetes(const TerraformConfig &config);

} // namespace strata
