#pragma once

#include "case/CaseFile.h"
#include "core/Diagnostic.h"
#include "kube/Kubeconfig.h"

#include <QList>
#include <QString>

namespace strata {

// One context of the kubeconfigs a case reads, as the Sources dock lists it:
// names and the kind of credential only, never the credential.
struct KubeContextSummary
{
    QString name;
    QString cluster;
    QString server;
    QString user;
    QString authKind; // "token", "exec plugin gke-gcloud-auth-plugin", …
    QString ns;
    bool current = false;
};

struct KubeContextList
{
    QStringList files; // the kubeconfigs that were read
    QList<KubeContextSummary> contexts; // sorted by name, as kubectl config get-contexts lists them
    QList<Diagnostic> diagnostics;
};

namespace KubeContexts {
// The kubeconfigs the case names (each must exist), else kubectl's default
// files, merged as kubectl merges them. Reads files: off the GUI thread.
Kubeconfig kubeconfigFor(const CaseFile &caseFile);
// The case's kubeconfigs (sources.kubernetes.kubeconfig), else kubectl's
// default ($KUBECONFIG, ~/.kube/config). Reads files: off the GUI thread.
KubeContextList forCase(const CaseFile &caseFile);
} // namespace KubeContexts

} // namespace strata
