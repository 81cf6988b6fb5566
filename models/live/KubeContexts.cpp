#include "KubeContexts.h"

#include "kube/Kubeconfig.h"

#include <algorithm>

namespace strata::KubeContexts {

Kubeconfig kubeconfigFor(const CaseFile &caseFile)
{
    const QStringList named = caseFile.kubeconfigPaths();
    return named.isEmpty() ? KubeconfigLoader::load(KubeconfigLoader::defaultFiles())
                           : KubeconfigLoader::load(named, true);
}

KubeContextList forCase(const CaseFile &caseFile)
{
    const Kubeconfig config = kubeconfigFor(caseFile);
    KubeContextList out;
    out.files = config.files;
    out.diagnostics = config.diagnostics;
    for (const KubeContext &c : config.contexts) {
        KubeContextSummary s;
        s.name = c.name;
        s.cluster = c.cluster;
        s.user = c.user;
        s.ns = c.ns;
        s.current = c.name == config.currentContext;
        if (const KubeCluster *cluster = config.cluster(c.cluster))
            s.server = cluster->server;
        if (const KubeUser *user = config.user(c.user))
            s.authKind = user->authKind();
        out.contexts.append(s);
    }
    std::sort(out.contexts.begin(), out.contexts.end(),
        [](const KubeContextSummary &a, const KubeContextSummary &b) { return a.name < b.name; });
    return out;
}

} // namespace strata::KubeContexts
