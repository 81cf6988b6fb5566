#pragma once

#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QString>

namespace strata {

// Why a request to a server got no HTTP answer, classified and worded the
// same way for every client (the Kubernetes API, etcd's gateway): DNS,
// refused, timeout, TLS with the certificate problem, anything else.
struct NetworkFailure
{
    enum class Kind { Dns, Refused, Timeout, Tls, Other };
    Kind kind = Kind::Other;
    QString message; // "https://10.0.0.1:6443: connection refused"

    // `reply` finished without a status; `sslErrors` are what its sslErrors
    // signal reported (the first names the certificate problem).
    static NetworkFailure of(
        const QNetworkReply &reply, const QString &url, int timeoutMs, const QList<QSslError> &sslErrors);
};

} // namespace strata
