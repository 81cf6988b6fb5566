#include "NetworkFailure.h"

#include <QUrl>

namespace strata {

NetworkFailure NetworkFailure::of(
    const QNetworkReply &reply, const QString &url, int timeoutMs, const QList<QSslError> &sslErrors)
{
    switch (reply.error()) {
    case QNetworkReply::HostNotFoundError:
        return { Kind::Dns, QStringLiteral("%1: no such host (DNS)").arg(QUrl(url).host()) };
    case QNetworkReply::ConnectionRefusedError:
        return { Kind::Refused, QStringLiteral("%1: connection refused").arg(url) };
    case QNetworkReply::OperationCanceledError: // what setTransferTimeout ends a request with
    case QNetworkReply::TimeoutError:
        return { Kind::Timeout, QStringLiteral("%1: no answer within %2 s").arg(url).arg(timeoutMs / 1000.0) };
    case QNetworkReply::SslHandshakeFailedError:
        return { Kind::Tls,
            QStringLiteral("%1: TLS: %2")
                .arg(url, sslErrors.isEmpty() ? reply.errorString() : sslErrors.first().errorString()) };
    default:
        return { Kind::Other, QStringLiteral("%1: %2").arg(url, reply.errorString()) };
    }
}

} // namespace strata
