#include "EtcdGateway.h"

#include "core/NetworkFailure.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>
#include <QUrl>

namespace strata::EtcdGateway {

namespace {

// uint64 and int64 arrive as strings ("324952591200643719"); a number is
// accepted too, but only when it is exact (below 2^53).
std::optional<quint64> unsignedField(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (v.isString()) {
        bool ok = false;
        const quint64 n = v.toString().toULongLong(&ok);
        return ok ? std::optional<quint64>(n) : std::nullopt;
    }
    if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() < 9007199254740992.0)
        return quint64(v.toDouble());
    return std::nullopt;
}

QString hex(quint64 id)
{
    return QString::number(id, 16);
}

QByteArray readFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    return f.read(1024 * 1024);
}

} // namespace

namespace {
EtcdGatewayResponse send(
    const EtcdEndpoint &endpoint, const QString &path, const QByteArray *json, QNetworkAccessManager *shared)
{
    EtcdGatewayResponse r;
    QNetworkRequest request(QUrl(endpoint.url + path));
    if (json)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!endpoint.token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), endpoint.token);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(endpoint.timeoutMs);
    if (endpoint.url.startsWith(QLatin1String("https:"))) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        QString problem;
        if (!endpoint.caFile.isEmpty()) // the cluster's CA only, as etcdctl --cacert trusts it
            ssl.setCaCertificates(QSslCertificate::fromData(readFile(endpoint.caFile, &problem), QSsl::Pem));
        if (!endpoint.certFile.isEmpty()) {
            ssl.setLocalCertificateChain(QSslCertificate::fromData(readFile(endpoint.certFile, &problem), QSsl::Pem));
            const QByteArray pem = readFile(endpoint.keyFile, &problem);
            QSslKey key(pem, QSsl::Ec);
            if (key.isNull())
                key = QSslKey(pem, QSsl::Rsa);
            ssl.setPrivateKey(key);
        }
        if (!problem.isEmpty()) {
            r.error = problem;
            return r;
        }
        request.setSslConfiguration(ssl);
    }
    // The loop first: in a thread that is not a QThread (a sampler's, a
    // capture's) it gives the thread the event dispatcher that timers — the
    // deadline below, the reply's own — need.
    QEventLoop loop;
    QNetworkAccessManager own;
    QNetworkAccessManager &network = shared ? *shared : own;
    QElapsedTimer elapsed;
    elapsed.start();
    QNetworkReply *reply = json ? network.post(request, *json) : network.get(request);
    QList<QSslError> sslErrors;
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [&sslErrors](const QList<QSslError> &e) { sslErrors = e; });
    // A deadline for the whole request: the transfer timeout only fires when
    // nothing arrives, and a server that trickles bytes must not hold a read
    // (or a sampler's stop) for ever. Nor may it send without end.
    constexpr qint64 maxAnswerBytes = 64 * 1024 * 1024;
    bool tooLarge = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    deadline.start(endpoint.timeoutMs);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, &tooLarge](qint64 received, qint64) {
        if (received > maxAnswerBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    r.latencyMs = elapsed.elapsed();
    if (tooLarge) {
        r.error = QStringLiteral("%1: the answer was larger than 64 MiB; not read").arg(endpoint.url);
        delete reply;
        return r;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        r.status = status.toInt();
        r.body = reply->readAll();
        if (r.status != 200) {
            const QJsonObject e = QJsonDocument::fromJson(r.body).object();
            const QString message = e.value(QStringLiteral("message")).toString();
            r.error = QStringLiteral("%1: HTTP %2%3")
                          .arg(endpoint.url)
                          .arg(r.status)
                          .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
            // etcd's gateway dials its own gRPC server with the server's certificate;
            // under --client-cert-auth that certificate must also be valid for client auth.
            if (r.status == 503 && endpoint.url.startsWith(QLatin1String("https:")))
                r.error += QStringLiteral(" (the gateway could not reach etcd's own gRPC server: with "
                                          "--client-cert-auth, a server certificate without clientAuth usage "
                                          "causes this)");
        }
    } else {
        r.error = NetworkFailure::of(*reply, endpoint.url, endpoint.timeoutMs, sslErrors).message;
    }
    delete reply;
    return r;
}

} // namespace

EtcdGatewayResponse post(
    const EtcdEndpoint &endpoint, const QString &path, const QByteArray &json, QNetworkAccessManager *network)
{
    return send(endpoint, path, &json, network);
}

EtcdGatewayResponse get(const EtcdEndpoint &endpoint, const QString &path)
{
    return send(endpoint, path, nullptr, nullptr);
}

std::optional<EtcdEndpointStatus> parseStatus(const QByteArray &body, const QString &endpoint, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !o.contains(QStringLiteral("header"))) {
        *error = QStringLiteral("%1: not an etcd status answer").arg(endpoint);
        return std::nullopt;
    }
    const QJsonObject header = o.value(QStringLiteral("header")).toObject();
    EtcdEndpointStatus s;
    s.endpoint = endpoint;
    s.memberId = unsignedField(header, QStringLiteral("member_id")).value_or(0);
    s.memberIdHex = hex(s.memberId);
    s.clusterId = unsignedField(header, QStringLiteral("cluster_id"));
    if (const auto rev = unsignedField(header, QStringLiteral("revision")))
        s.revision = qint64(*rev);
    s.version = o.value(QStringLiteral("version")).toString();
    s.dbSizeBytes = unsignedField(o, QStringLiteral("dbSize")).value_or(0);
    s.dbSizeInUseBytes = unsignedField(o, QStringLiteral("dbSizeInUse"));
    s.dbSizeQuotaBytes = unsignedField(o, QStringLiteral("dbSizeQuota"));
    s.leaderId = unsignedField(o, QStringLiteral("leader"));
    s.isLeader = s.leaderId && *s.leaderId == s.memberId && s.memberId != 0;
    s.isLearner = o.value(QStringLiteral("isLearner")).toBool();
    s.raftTerm = unsignedField(o, QStringLiteral("raftTerm")).value_or(0);
    s.raftIndex = unsignedField(o, QStringLiteral("raftIndex")).value_or(0);
    s.raftAppliedIndex = unsignedField(o, QStringLiteral("raftAppliedIndex")).value_or(0);
    s.storageVersion = o.value(QStringLiteral("storageVersion")).toString();
    for (const QJsonValue &e : o.value(QStringLiteral("errors")).toArray())
        s.errors.append(e.toString());
    return s;
}

std::optional<QList<EtcdMember>> parseMemberList(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !o.contains(QStringLiteral("members"))) {
        *error = QStringLiteral("not an etcd member list");
        return std::nullopt;
    }
    QList<EtcdMember> out;
    for (const QJsonValue &v : o.value(QStringLiteral("members")).toArray()) {
        const QJsonObject m = v.toObject();
        EtcdMember member;
        member.id = unsignedField(m, QStringLiteral("ID")).value_or(0);
        member.idHex = hex(member.id);
        member.name = m.value(QStringLiteral("name")).toString();
        for (const QJsonValue &u : m.value(QStringLiteral("peerURLs")).toArray())
            member.peerUrls.append(u.toString());
        for (const QJsonValue &u : m.value(QStringLiteral("clientURLs")).toArray())
            member.clientUrls.append(u.toString());
        member.isLearner = m.value(QStringLiteral("isLearner")).toBool();
        // etcdctl's rule: a member that never started has no name.
        member.status = member.name.isEmpty() ? QStringLiteral("unstarted") : QStringLiteral("started");
        out.append(member);
    }
    return out;
}

EtcdEndpointStatus status(const EtcdEndpoint &endpoint, QString *error)
{
    const EtcdGatewayResponse r = post(endpoint, QStringLiteral("/v3/maintenance/status"), "{}");
    if (!r.ok()) {
        *error = r.failure(endpoint.url);
        EtcdEndpointStatus down;
        down.endpoint = endpoint.url;
        down.errors.append(*error);
        return down;
    }
    if (auto s = parseStatus(r.body, endpoint.url, error))
        return *s;
    EtcdEndpointStatus bad;
    bad.endpoint = endpoint.url;
    bad.errors.append(*error);
    return bad;
}

QList<EtcdMember> memberList(const EtcdEndpoint &endpoint, QString *error)
{
    const EtcdGatewayResponse r = post(endpoint, QStringLiteral("/v3/cluster/member/list"), "{}");
    if (!r.ok()) {
        *error = r.failure(endpoint.url);
        return {};
    }
    return parseMemberList(r.body, error).value_or(QList<EtcdMember>());
}

std::optional<QList<EtcdAlarm>> parseAlarms(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not an etcd alarm answer");
        return std::nullopt;
    }
    QList<EtcdAlarm> out;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("alarms")).toArray()) {
        const QJsonObject a = v.toObject();
        EtcdAlarm alarm;
        alarm.memberId = unsignedField(a, QStringLiteral("memberID")).value_or(0);
        alarm.memberIdHex = hex(alarm.memberId);
        alarm.type = a.value(QStringLiteral("alarm")).toString(QStringLiteral("NONE"));
        out.append(alarm);
    }
    return out;
}

QByteArray authenticate(const EtcdEndpoint &endpoint, const QString &user, const QString &password, QString *error)
{
    QJsonObject request { { QStringLiteral("name"), user }, { QStringLiteral("password"), password } };
    EtcdEndpoint anonymous = endpoint;
    anonymous.token.clear();
    const EtcdGatewayResponse r = post(
        anonymous, QStringLiteral("/v3/auth/authenticate"), QJsonDocument(request).toJson(QJsonDocument::Compact));
    if (!r.ok()) {
        *error = QStringLiteral("%1 (authenticating as %2)").arg(r.failure(endpoint.url), user);
        return {};
    }
    const QString token = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("token")).toString();
    if (token.isEmpty()) {
        *error = QStringLiteral("%1: no token in the answer to authenticating as %2").arg(endpoint.url, user);
        return {};
    }
    return token.toUtf8();
}

std::optional<QList<EtcdAlarm>> alarms(const EtcdEndpoint &endpoint, QString *error)
{
    const EtcdGatewayResponse r = post(endpoint, QStringLiteral("/v3/maintenance/alarm"), R"({"action":"GET"})");
    if (!r.ok()) {
        *error = r.failure(endpoint.url);
        return std::nullopt;
    }
    auto out = parseAlarms(r.body, error);
    if (!out)
        *error = QStringLiteral("%1: %2").arg(endpoint.url, *error);
    return out;
}

} // namespace strata::EtcdGateway
