#pragma once

#include "core/Value.h"
#include "diff/FieldValue.h"

#include <QList>

namespace strata {

// Turns a kubectl-shaped object (from kubectl, Terraform code or state) into
// the list of FieldValues the diff compares, the same way for every column:
// - paths are dotted, with ["…"] for keys that are not plain identifiers;
// - a ConfigMap value holding a JSON or YAML document is compared structurally,
//   as sub-paths under its key, not as one blob;
// - Secret data/stringData become fingerprints (base64 decoded first where the
//   source stores it encoded, so Terraform's plain text and kubectl's base64
//   compare equal);
// - empty and null values outside data maps count as absent, as Kubernetes
//   leaves them out (Terraform state writes `labels: null`, kubectl omits it);
// - fields Terraform marks sensitive (`sensitivePaths`, from state's
//   sensitive_attributes on any resource type) become fingerprints too, in
//   every column, so the plaintext never leaves and equal values compare equal;
// - the last-applied-configuration annotation is parsed and flattened under
//   its own path with the same rules (its Secret data fingerprinted), or, when
//   it is not JSON, kept only as a fingerprint on a Secret;
// - bookkeeping fields (resourceVersion, uid, managedFields, …) are marked noise.
namespace FieldFlattener {

// How a capture of a live read holds Secret values: never as written, but
// as the fingerprints this machine's key gives (KubeCapture); a capture made
// with another machine's key cannot be compared with anything here.
enum class SecretValues { AsWritten, Fingerprinted, FingerprintedElsewhere };

struct Options
{
    bool secretDataIsBase64 = true; // kubectl: yes; Terraform code/state: no
    SecretValues secretValues = SecretValues::AsWritten;
    int maxDepth = 64;
    int maxFields = 100000; // per object; the rest is dropped with a marker field
    // kubectl paths whose values are secret: a path covers itself and
    // everything under it (`data` covers `data.password`).
    QStringList sensitivePaths;
};

QList<FieldValue> flatten(const Value &object, const Options &options);
QList<FieldValue> flatten(const Value &object);

} // namespace FieldFlattener

} // namespace strata
