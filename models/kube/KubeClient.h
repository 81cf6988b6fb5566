#pragma once

#include "kube/ExecCredential.h"
#include "kube/KubeProxy.h"
#include "kube/Kubeconfig.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QNetworkAccessManager;

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
    int attempts = 0; // 1, or more when 429/5xx answers were retried
    int retryAfterSeconds = -1; // the server's Retry-After, when it sent one

    bool ok() const { return failure == Failure::None && status >= 200 && status < 300; }
    // A Kubernetes Status's message ("configmaps \"x\" not found"), when the body is one.
    QString statusMessage() const;
};

// How one GET is made, beyond its path.
struct KubeRequest
{
    int timeoutMs = 10000; // per attempt
    QByteArray accept = "application/json";
    // Reused between requests so that a connection stays open (one per
    // thread: a network manager lives on the thread that made it).
    QNetworkAccessManager *network = nullptr;
    std::function<bool()> cancelled; // checked between attempts and while waiting to retry
};

// Reads from a Kubernetes API server as kubectl would with one context of a
// kubeconfig: the cluster's server, CA (data over file), tls-server-name
// and insecure-skip-tls-verify (honoured only when set, and said in
// `warning`), proxy-url or the environment's proxy (KubeProxy), the user's client certificate and key (data over
// files), bearer token (tokenFile over token, re-read each request), basic auth, or an exec plugin — run only once the
// caller says the user approved it (setExecApproved), its credential kept in memory for the process until it expires
// and fetched again once on a 401. A 429 or 5xx answer is retried a bounded number of times, after the server's
// Retry-After or an exponential backoff. Blocking, with a timeout; run it off the GUI thread. Several threads may read
// through one client at once. Credentials never reach `error`.
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
    KubeResponse get(const QString &path, const KubeRequest &how) const;

    // Retries after 429 and 5xx: at most `retries` more attempts, waiting
    // firstDelayMs, then twice as long each time (a Retry-After wins, capped
    // at maxDelayMs). Defaults: 3, 500 ms, 5 s.
    void setRetryPolicy(int retries, int firstDelayMs, int maxDelayMs = 5000);

private:
    KubeResponse attempt(const QString &path, const KubeRequest &how) const;
    KubeResponse request(
        const QString &path, const KubeRequest &how, const std::optional<ExecCredential> &credential) const;

    QString m_context;
    QString m_server;
    QString m_warning;
    QString m_configError;
    KubeCluster m_cluster;
    KubeUser m_user;
    KubeProxyChoice m_proxy; // proxy-url, else the environment's, as kubectl chooses
    bool m_execApproved = false;
    int m_retries = 3;
    int m_firstDelayMs = 500;
    int m_maxDelayMs = 5000;
    QString m_execKey; // where its exec plugin's credential is kept, shared by every client of the process
};

} // namespace strata
