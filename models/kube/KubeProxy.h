#pragma once

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace strata {

// The proxy a request to a cluster goes through, chosen as kubectl chooses
// it: the cluster's `proxy-url` when the kubeconfig sets one, else the
// environment as Go's ProxyFromEnvironment reads it — HTTPS_PROXY for an
// https server (HTTP_PROXY for http), upper case before lower, NO_PROXY's
// hosts, domains, IPs and CIDRs bypassed, and never for localhost or a
// loopback address.
struct KubeProxyChoice
{
    QNetworkProxy proxy { QNetworkProxy::NoProxy };
    // Where requests go, for messages: "http://proxy.corp:3128 (proxy-url)".
    // Never the password. Empty: straight to the server.
    QString description;
    // The proxy cannot be used as written; nothing is sent. A proxy reached
    // over TLS (https://) is one: Qt speaks to proxies in the clear, and
    // using it as http:// would send its password unencrypted.
    QString error;
};

namespace KubeProxy {

KubeProxyChoice choose(const QString &proxyUrl, const QUrl &server, const QProcessEnvironment &environment);
// Whether NO_PROXY (comma-separated, as Go's httpproxy reads it) exempts
// `host` (a name or an IP address, lower case) on `port`.
bool exempt(const QString &noProxy, const QString &host, int port);

} // namespace KubeProxy

} // namespace strata
