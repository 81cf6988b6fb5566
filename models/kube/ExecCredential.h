#pragma once

#include "kube/Kubeconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>

namespace strata {

// What an exec credential plugin (client.authentication.k8s.io/v1 or
// v1beta1) handed back: a bearer token or a client certificate and key, and
// until when. Held in memory only.
struct ExecCredential
{
    QString token;
    QByteArray clientCertificateData; // PEM
    QByteArray clientKeyData; // PEM
    QDateTime expires; // invalid: no expiry (refreshed on a 401)
    QString error; // why there is none: the plugin's failure, never its output's secrets

    bool ok() const { return error.isEmpty() && (!token.isEmpty() || !clientCertificateData.isEmpty()); }
    bool expired(const QDateTime &now) const { return expires.isValid() && now >= expires; }
};

// Runs a kubeconfig user's exec plugin as client-go does: the configured
// command (resolved beside its kubeconfig when it has a '/', else on PATH,
// else through the user's shell started as a terminal starts it — a desktop
// app lacks the PATH .profile/.bashrc/.zshrc set), its args and env added to
// Strata's environment, `KUBERNETES_EXEC_INFO` with an ExecCredential of the
// configured version (`spec.interactive` false; `spec.cluster` only with
// provideClusterInfo, a CA file as data), stdin closed. interactiveMode as
// client-go reads it: required in v1, and Always refused (no terminal). The
// caller decides whether the user approved running it; this only runs it.
namespace ExecCredentials {
// `cancelled` is asked ten times a second while the plugin runs; a cancelled
// run kills the plugin and says so.
ExecCredential run(const KubeExecConfig &exec, const KubeCluster &cluster, int timeoutMs = 60000,
    const std::function<bool()> &cancelled = {});
// The exact command line to show before asking the user: the environment
// it adds (NAME=value), program and arguments. Approvals are keyed on it.
QString commandLine(const KubeExecConfig &exec);
} // namespace ExecCredentials

} // namespace strata
