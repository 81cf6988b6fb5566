#include "TestApiServer.h"

#include "TestCertificates.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace {

QByteArray status(int code, const QByteArray &reason, const QByteArray &message)
{
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"" + reason + "\",\"code\":" + QByteArray::number(code) + "}";
}

QByteArray reasonPhrase(int code)
{
    switch (code) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// What discovery describes: the core group, apps and a custom resource group.
struct ServedType
{
    const char *group, *version, *resource, *singular, *kind, *shortName;
    bool namespaced;
};
const ServedType servedTypes[] = {
    { "", "v1", "configmaps", "configmap", "ConfigMap", "cm", true },
    { "", "v1", "namespaces", "namespace", "Namespace", "ns", false },
    { "", "v1", "secrets", "secret", "Secret", "", true },
    { "apps", "v1", "deployments", "deployment", "Deployment", "deploy", true },
    { "apps", "v1", "statefulsets", "statefulset", "StatefulSet", "sts", true },
    { "example.com", "v1", "widgets", "widget", "Widget", "wd", true },
};

QByteArray resourceJson(const ServedType &t, bool aggregated)
{
    const QByteArray shortNames = *t.shortName ? QByteArray("[\"") + t.shortName + "\"]" : QByteArray("[]");
    if (aggregated)
        return QByteArray("{\"resource\":\"") + t.resource + "\",\"responseKind\":{\"group\":\"" + t.group
            + "\",\"version\":\"" + t.version + "\",\"kind\":\"" + t.kind + "\"},\"scope\":\""
            + (t.namespaced ? "Namespaced" : "Cluster") + "\",\"singularResource\":\"" + t.singular
            + "\",\"verbs\":[\"get\",\"list\"],\"shortNames\":" + shortNames + "}";
    return QByteArray("{\"name\":\"") + t.resource + "\",\"singularName\":\"" + t.singular
        + "\",\"namespaced\":" + (t.namespaced ? "true" : "false") + ",\"kind\":\"" + t.kind
        + "\",\"verbs\":[\"get\",\"list\"],\"shortNames\":" + shortNames + "}";
}

// /api/v1 or /apis/group/version as an APIResourceList; empty when no such group version is served.
QByteArray resourceList(const QByteArray &group, const QByteArray &version)
{
    QByteArrayList items;
    for (const ServedType &t : servedTypes) {
        if (group == t.group && version == t.version)
            items.append(resourceJson(t, false));
    }
    if (items.isEmpty())
        return {};
    const QByteArray groupVersion = group.isEmpty() ? version : group + '/' + version;
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
        + "\",\"resources\":[" + items.join(',') + "]}";
}

// /api (core) or /apis (every other group) as aggregated discovery.
QByteArray aggregatedList(bool core)
{
    QByteArrayList groups;
    QByteArrayList order;
    QHash<QByteArray, QByteArrayList> byGroup;
    for (const ServedType &t : servedTypes) {
        if (QByteArray(t.group).isEmpty() != core)
            continue;
        if (!byGroup.contains(t.group))
            order.append(t.group);
        byGroup[t.group].append(resourceJson(t, true));
    }
    for (const QByteArray &g : order)
        groups.append("{\"metadata\":{\"name\":\"" + g + "\"},\"versions\":[{\"version\":\"v1\",\"resources\":["
            + byGroup.value(g).join(',') + "],\"freshness\":\"Current\"}]}");
    return "{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/v2\",\"metadata\":{},"
           "\"items\":["
        + groups.join(',') + "]}";
}

QByteArray groupList()
{
    QByteArrayList groups;
    QByteArrayList seen;
    for (const ServedType &t : servedTypes) {
        const QByteArray g = t.group;
        if (g.isEmpty() || seen.contains(g))
            continue;
        seen.append(g);
        const QByteArray gv = g + '/' + t.version;
        groups.append("{\"name\":\"" + g + "\",\"versions\":[{\"groupVersion\":\"" + gv + "\",\"version\":\""
            + t.version + "\"}],\"preferredVersion\":{\"groupVersion\":\"" + gv + "\",\"version\":\"" + t.version
            + "\"}}");
    }
    return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups.join(',') + "]}";
}

// A failure as the real API server words it.
QByteArray failureStatus(int code, const QString &path, const QString &user)
{
    const QByteArray name = path.section(QLatin1Char('/'), -1).toUtf8();
    const QByteArray resource = path.section(QLatin1Char('/'), -2, -2).toUtf8();
    const QByteArray ns
        = path.contains(QLatin1String("/namespaces/")) ? path.section(QLatin1Char('/'), 4, 4).toUtf8() : QByteArray();
    const QByteArray group
        = path.startsWith(QLatin1String("/apis/")) ? path.section(QLatin1Char('/'), 2, 2).toUtf8() : QByteArray();
    switch (code) {
    case 403:
        return status(403, "Forbidden",
            resource + " \\\"" + name + "\\\" is forbidden: User \\\"" + user.toUtf8() + "\\\" cannot get resource \\\""
                + resource + "\\\" in API group \\\"" + group + "\\\" in the namespace \\\"" + ns + "\\\"");
    case 429:
        return status(429, "TooManyRequests", "Too many requests, please try again later.");
    case 500:
        return status(500, "InternalError", "Internal error occurred: etcdserver: request timed out");
    default:
        return status(code, "ServiceUnavailable", "the server is currently unable to handle the request");
    }
}

} // namespace

TestApiServer::ClientRun TestApiServer::runClient(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (p.state() != QProcess::NotRunning)
        loop.exec();
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

TestApiServer::TestApiServer(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
{
}

TestApiServer::~TestApiServer()
{
    m_serving.stop();
}

void TestApiServer::setToken(const QString &token)
{
    QMutexLocker lock(&m_mutex);
    m_token = token;
}

void TestApiServer::removeObject(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_objects.remove(path);
}

void TestApiServer::failWith(const QString &path, int code, int times)
{
    QMutexLocker lock(&m_mutex);
    m_failures.insert(path, { code, times });
}

void TestApiServer::delay(const QString &path, int ms)
{
    QMutexLocker lock(&m_mutex);
    m_delays.insert(path, ms);
}

void TestApiServer::hold(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_held.insert(path);
}

int TestApiServer::heldRequests(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_waiting.cbegin(), m_waiting.cend(), [&](const Held &h) { return h.path == path; }));
}

void TestApiServer::release(const QString &path)
{
    QMetaObject::invokeMethod(
        m_serving.home(),
        [this, path] {
            QList<Held> answer;
            {
                QMutexLocker lock(&m_mutex);
                m_held.remove(path);
                for (qsizetype i = m_waiting.size() - 1; i >= 0; --i) {
                    if (m_waiting.at(i).path == path)
                        answer.prepend(m_waiting.takeAt(i));
                }
            }
            for (const Held &h : answer) {
                if (h.socket)
                    h.socket->write(h.answer);
            }
        },
        Qt::BlockingQueuedConnection);
}

void TestApiServer::setVersionBody(const QByteArray &body, int code)
{
    QMutexLocker lock(&m_mutex);
    m_versionBody = body;
    m_versionCode = code;
}

void TestApiServer::setAggregatedDiscovery(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_aggregated = on;
}

QStringList TestApiServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int TestApiServer::requestCount(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const QString &r : m_requests)
        n += r.section(QLatin1Char(' '), 1, 1) == path ? 1 : 0;
    return n;
}

QString TestApiServer::caFile() const
{
    return m_folder + QStringLiteral("/ca.crt");
}

QString TestApiServer::clientCertFile() const
{
    return m_folder + QStringLiteral("/client.crt");
}

QString TestApiServer::clientKeyFile() const
{
    return m_folder + QStringLiteral("/client.key");
}

QString TestApiServer::url() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(m_serving.port());
}

void TestApiServer::setBasicAuth(const QString &user, const QString &password)
{
    QMutexLocker lock(&m_mutex);
    m_basicUser = user;
    m_basic = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void TestApiServer::addObject(const QString &path, const QByteArray &json)
{
    QMutexLocker lock(&m_mutex);
    m_objects.insert(path, json);
    // Its namespace exists too (kubectl asks for it after a NotFound).
    const QString ns = path.section(QLatin1Char('/'), 4, 4);
    const QString nsPath = QStringLiteral("/api/v1/namespaces/") + ns;
    if (path.startsWith(QLatin1String("/api/v1/namespaces/")) && !ns.isEmpty() && !m_objects.contains(nsPath))
        m_objects.insert(nsPath,
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns.toUtf8()
                + "\",\"resourceVersion\":\"1\"},\"status\":{\"phase\":\"Active\"}}");
}

bool TestApiServer::start(QString *error)
{
    if (!TestCertificates::make(m_folder, error, m_certificateDays))
        return false;
    QFile cert(m_folder + QStringLiteral("/server.crt"));
    QFile key(m_folder + QStringLiteral("/server.key"));
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("certificates were not written");
        return false;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(cert.readAll()));
    config.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    config.setCaCertificates(QSslCertificate::fromPath(caFile()));
    config.setPeerVerifyMode(QSslSocket::QueryPeer); // a client certificate is asked for, not required
    return m_serving.listen(
        [&config](QObject *home) {
            auto *server = new QSslServer(home);
            server->setSslConfiguration(config);
            return server;
        },
        [this](QTcpSocket *socket) { serve(static_cast<QSslSocket *>(socket)); }, error);
}

void TestApiServer::serve(QSslSocket *socket)
{
    connect(socket, &QSslSocket::disconnected, socket, [this, socket] {
        // A client that gave up has no request in flight any more.
        QMutexLocker lock(&m_mutex);
        m_waiting.removeIf([socket](const Held &h) { return h.socket == socket; });
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        // Requests one after another on one connection (kubectl keeps it alive).
        for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            buffer.remove(0, end + 4);
            const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
            QHash<QByteArray, QByteArray> headers;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            const QByteArray answer = respond(request.value(0), request.value(1), headers, socket);
            int wait = 0;
            {
                QMutexLocker lock(&m_mutex);
                const QString path = QUrl(QString::fromUtf8(request.value(1))).path();
                wait = m_delays.value(path, 0);
                if (m_held.contains(path)) {
                    m_waiting.append({ path, QPointer<QSslSocket>(socket), answer });
                    continue; // answered by release()
                }
            }
            if (wait < 0)
                continue; // hung: never answers
            if (wait > 0)
                QTimer::singleShot(wait, socket, [socket, answer] { socket->write(answer); });
            else
                socket->write(answer);
        }
        socket->setProperty("buffer", buffer);
    });
}

QByteArray TestApiServer::respond(const QByteArray &method, const QByteArray &target,
    const QHash<QByteArray, QByteArray> &headers, QSslSocket *socket)
{
    const QString path = QUrl(QString::fromUtf8(target)).path();
    QMutexLocker lock(&m_mutex);
    QString user;
    const QByteArray authorization = headers.value("authorization");
    if (!m_token.isEmpty() && authorization == "Bearer " + m_token.toUtf8())
        user = QStringLiteral("token");
    else if (!m_basic.isEmpty() && authorization == m_basic)
        user = m_basicUser;
    else if (!socket->peerCertificate().isNull()
        && !socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).isEmpty())
        user = socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).first();
    m_requests.append(QStringLiteral("%1 %2 (%3)")
                          .arg(QString::fromUtf8(method), path, user.isEmpty() ? QStringLiteral("anonymous") : user));

    int code = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    const QByteArray port = QByteArray::number(m_serving.port());
    const bool aggregated = m_aggregated && headers.value("accept").contains("as=APIGroupDiscoveryList")
        && !path.startsWith(QLatin1String("/apis/"));
    auto failure = m_failures.find(path);
    if (failure != m_failures.end() && failure->second == 0)
        failure = m_failures.end();
    if (path != QLatin1String("/version") && user.isEmpty()) {
        code = 401;
        body = status(401, "Unauthorized", "Unauthorized");
    } else if (failure != m_failures.end()) {
        code = failure->first;
        if (failure->second > 0)
            --failure->second;
        body = failureStatus(code, path, user);
    } else if (path == QLatin1String("/version") && !m_versionBody.isEmpty()) {
        code = m_versionCode;
        body = m_versionBody;
        contentType = "text/html";
    } else if (path == QLatin1String("/version")) {
        body = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0-strata-test\",\"gitCommit\":\"0000000\","
               "\"gitTreeState\":\"clean\",\"buildDate\":\"2026-01-01T00:00:00Z\",\"goVersion\":\"go1.22.0\","
               "\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";
    } else if (aggregated && (path == QLatin1String("/api") || path == QLatin1String("/apis"))) {
        body = aggregatedList(path == QLatin1String("/api"));
        contentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    } else if (path == QLatin1String("/api")) {
        body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[{\"clientCIDR\":"
               "\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:"
            + port + "\"}]}";
    } else if (path == QLatin1String("/apis")) {
        body = groupList();
    } else if (path == QLatin1String("/api/v1")) {
        body = resourceList({}, "v1");
    } else if (path.startsWith(QLatin1String("/apis/")) && path.count(QLatin1Char('/')) == 3
        && !resourceList(path.section(QLatin1Char('/'), 2, 2).toUtf8(), path.section(QLatin1Char('/'), 3, 3).toUtf8())
                .isEmpty()) {
        body = resourceList(
            path.section(QLatin1Char('/'), 2, 2).toUtf8(), path.section(QLatin1Char('/'), 3, 3).toUtf8());
    } else if (m_objects.contains(path)) {
        body = m_objects.value(path);
    } else {
        code = 404;
        const QString name = path.section(QLatin1Char('/'), -1);
        const QString resource = path.section(QLatin1Char('/'), -2, -2);
        body = status(404, "NotFound", QStringLiteral("%1 \\\"%2\\\" not found").arg(resource, name).toUtf8());
    }
    return "HTTP/1.1 " + QByteArray::number(code) + ' ' + reasonPhrase(code)
        + (code == 429 ? QByteArray("\r\nRetry-After: 0") : QByteArray())
        + (code >= 300 && code < 400 ? "\r\nLocation: https://elsewhere.invalid" + path.toUtf8() : QByteArray())
        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nCache-Control: no-cache, private\r\n\r\n" + body;
}
