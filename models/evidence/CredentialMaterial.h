#pragma once

#include <QByteArray>
#include <QString>

namespace strata {

// Recognises files that hold credentials rather than evidence: a kubeconfig,
// an ExecCredential, a PEM private key or certificate. Such a file is never
// imported as text (a kubeconfig without apiVersion/kind would otherwise read
// as a log and put its token on the timeline); the importer refuses it with
// the returned reason. Live clusters come in through the case's `sources:`.
namespace CredentialMaterial {

// What the file holds, e.g. "a kubeconfig (clusters and users)", or an empty
// string when it looks like no credential. `text` is the whole file.
// `structured` is a kubectl document or a Terraform state: its values are
// masked field by field (a tfstate of a tls_private_key holds a PEM key in a
// sensitive attribute), so only a kubeconfig or ExecCredential refuses it.
QString describe(const QByteArray &text, bool structured = false);

} // namespace CredentialMaterial

} // namespace strata
