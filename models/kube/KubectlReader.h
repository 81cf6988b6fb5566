#pragma once

#include "core/Diagnostic.h"
#include "kube/KubeObject.h"

#include <QByteArray>
#include <QList>

namespace strata {

struct KubectlReadResult
{
    QList<KubeObject> objects; // in the order they appear; List items flattened
    QList<Diagnostic> diagnostics; // positioned; a bad document does not hide the others
    bool ok() const { return !hasErrors(diagnostics); }
};

// Reads what `kubectl get … -o yaml|json` prints, as pasted from a terminal or a
// ticket: single objects, `kind: List` (and typed lists such as ConfigMapList),
// multi-document YAML, concatenated JSON. Noise before or between documents —
// a `$ kubectl …` prompt line, kubectl `Warning: …` lines, klog lines, `error:`
// lines — is skipped with a note. Used by the evidence importer for the live
// and replica columns.
namespace KubectlReader {
KubectlReadResult read(const QByteArray &text, const QString &file);
// The same, the text handed over: freed as soon as it is parsed, before the
// objects are made from the trees.
KubectlReadResult read(QByteArray &&text, const QString &file);
// True when the text looks like kubectl YAML/JSON output (an apiVersion and a
// kind key near the start), for picking a reader when the user did not say.
bool looksLikeKubectl(const QByteArray &text);
} // namespace KubectlReader

} // namespace strata
