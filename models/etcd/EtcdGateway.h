#pragma once

#include "etcd/EtcdctlOutput.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QNetworkAccessManager;

namespace strata {

// How to reach one etcd endpoint: its client URL and, for https, the CA and
// client certificate files (as etcdctl's --cacert, --cert, --key).
struct EtcdEndpoint
{
    QString url; // http://127.0.0.1:2379 or https://…
    QString caFile;
    QString certFile;
    QString keyFile;
    int timeoutMs = 5000;
    // An auth token from /v3/auth/authenticate, sent bare in Authorization
    // as the gateway wants it; never written anywhere.
    QByteArray token;
};

// One answer of etcd's v3 JSON gateway, or why there is none.
struct EtcdGatewayResponse
{
    int status = 0; // HTTP status; 0 when the server did not answer
    QByteArray body;
    QString error; // for the user: refused, TLS (the certificate problem), timeout, or the gateway's message
    qint64 latencyMs = -1;
    bool ok() const { return error.isEmpty() && status == 200; }
    // Why it is not ok, for messages: the error, else the HTTP status.
    QString failure(const QString &url) const
    {
        return error.isEmpty() ? QStringLiteral("%1: HTTP %2").arg(url).arg(status) : error;
    }
};

// Reads etcd through its v3 HTTP/JSON gateway (POST /v3/…, the same on 3.4
// and 3.5): endpoint status and member list, into the same values the
// etcdctl parser produces, so live and pasted evidence feed the same rules.
// int64/uint64 fields arrive as JSON strings and are read exactly (a member
// id never goes through a double); fields at their default are absent.
// Blocking, with a timeout: off the GUI thread.
namespace EtcdGateway {
// `network`, when given, is the caller's (kept across requests, so a sampler
// keeps its connection and TLS session); it must live in the calling thread.
EtcdGatewayResponse post(const EtcdEndpoint &endpoint, const QString &path, const QByteArray &json,
    QNetworkAccessManager *network = nullptr);
// GET on the client URL (/metrics, /version, /health).
EtcdGatewayResponse get(const EtcdEndpoint &endpoint, const QString &path);

// POST /v3/auth/authenticate: the token for `endpoint.token`, or the error
// (the password never appears in it).
QByteArray authenticate(const EtcdEndpoint &endpoint, const QString &user, const QString &password, QString *error);
// POST /v3/maintenance/alarm {"action":"GET"} (3.4 answers {} when there is none).
std::optional<QList<EtcdAlarm>> alarms(const EtcdEndpoint &endpoint, QString *error);

// POST /v3/maintenance/status; the row carries the error when the endpoint did not answer.
EtcdEndpointStatus status(const EtcdEndpoint &endpoint, QString *error);
// POST /v3/cluster/member/list.
QList<EtcdMember> memberList(const EtcdEndpoint &endpoint, QString *error);

// The parsers, exposed for tests: a gateway body as etcd 3.4/3.5 writes it.
std::optional<EtcdEndpointStatus> parseStatus(const QByteArray &body, const QString &endpoint, QString *error);
std::optional<QList<EtcdMember>> parseMemberList(const QByteArray &body, QString *error);
std::optional<QList<EtcdAlarm>> parseAlarms(const QByteArray &body, QString *error);
} // namespace EtcdGateway

} // namespace strata
