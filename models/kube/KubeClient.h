#pragma once

#include "kube/ExecCredential.h"
#include "kube/Kubeconfig.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace strata {

// One answer of a Kubernetes API server, or why there is none.
struct KubeResponse
{
    enum class Failure {
        None, // the server answered (any HTTP status)
        Configuration, // the context, its cluster or its user is not usable as written
        Dns,
        Refused,
        Tls, // the server's certificate was not trusted (the reason says which problem)
        Timeout,
        Network, // anything else below HTTP
    };
    Failure failure = Failure::None;
    int status = 0; // HTTP status when the server answered
    QByteArray body;
    QString error; // what went wrong, for the user: never a credential
    qint64 latencyMs = -1;

    bool ok() const { return failure == Failure::None && status >= 200 && status < 300; }
    // A Kubernetes Status's message ("configmaps \"x\" not found"), when the body is one.
    QString statusMessage() const;
};

// Reads from a Kubernetes API server as kubectl would with one context of a
// kubeconfig: the cluster's server, CA (data over file), tls-server-name
// and insecure-skip-tls-verify (honoured only when set, and said in
// `warning`), the user's client certificate and key (data over files), bearer
// token (tokenFile over token, re-read each request), basic auth, or an exec
// plugin — run only once the caller says the user approved it
// (setExecApproved), its credential kept until it expires and fetched again
// once on a 401. Blocking, with a timeout; run it off the GUI thread.
// Credentials never reach `error`.
class KubeClient
{
public:
    KubeClient(const Kubeconfig &config, const QString &contextName);

    QString contextName() const { return m_context; }
    QString server() const { return m_server; }
    QString warning() const { return m_warning; } // e.g. TLS verification is off for this cluster
    QString configurationError() const { return m_configError; }

    // The exec plugin this context would run, for the approval question
    // ("kubeconfig, command and arguments"); empty when it runs none.
    QString execCommandLine() const;
    void setExecApproved(bool approved) { m_execApproved = approved; }

    KubeResponse get(const QString &path, int timeoutMs = 10000) const;

private:
    KubeResponse request(const QString &path, int timeoutMs, const ExecCredential *credential) const;

    QString m_context;
    QString m_server;
    QString m_warning;
    QString m_configError;
    KubeCluster m_cluster;
    KubeUser m_user;
    bool m_execApproved = false;
    mutable std::optional<ExecCredential> m_execCredential;
};

} // namespace strata
