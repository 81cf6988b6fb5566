#include "TestApiServer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

namespace {

bool openssl(const QString &folder, const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(folder);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

// A CA, a server certificate for 127.0.0.1 and a client certificate, made now.
bool makeCertificates(const QString &folder, QString *error)
{
    const QString ec = QStringLiteral("ec");
    const QString curve = QStringLiteral("ec_paramgen_curve:prime256v1");
    QFile server(folder + QStringLiteral("/server.ext"));
    QFile client(folder + QStringLiteral("/client.ext"));
    if (!server.open(QIODevice::WriteOnly) || !client.open(QIODevice::WriteOnly))
        return false;
    server.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    client.write("extendedKeyUsage=clientAuth\n");
    server.close();
    client.close();
    return openssl(folder,
               { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), ec,
                   QStringLiteral("-pkeyopt"), curve, QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.crt"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=strata-test-ca") },
               error)
        && openssl(folder,
            { QStringLiteral("req"), QStringLiteral("-newkey"), ec, QStringLiteral("-pkeyopt"), curve,
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
                QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1") },
            error)
        && openssl(folder,
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.crt"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("server.ext") },
            error)
        && openssl(folder,
            { QStringLiteral("req"), QStringLiteral("-newkey"), ec, QStringLiteral("-pkeyopt"), curve,
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("client.key"),
                QStringLiteral("-out"), QStringLiteral("client.csr"), QStringLiteral("-subj"),
                QStringLiteral("/O=system:masters/CN=test-user") },
            error)
        && openssl(folder,
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("client.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("client.crt"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("client.ext") },
            error);
}

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
    case 404:
        return "Not Found";
    default:
        return "Error";
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

TestApiServer::~TestApiServer() = default;

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
    return QStringLiteral("https://127.0.0.1:%1").arg(m_server ? m_server->serverPort() : 0);
}

void TestApiServer::addObject(const QString &path, const QByteArray &json)
{
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
    if (!makeCertificates(m_folder, error))
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
    m_server = new QSslServer(this);
    m_server->setSslConfiguration(config);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
        while (auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection()))
            serve(socket);
    });
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

void TestApiServer::serve(QSslSocket *socket)
{
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] {
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
            socket->write(respond(request.value(0), request.value(1), headers, socket));
        }
        socket->setProperty("buffer", buffer);
    });
}

QByteArray TestApiServer::respond(const QByteArray &method, const QByteArray &target,
    const QHash<QByteArray, QByteArray> &headers, QSslSocket *socket)
{
    const QString path = QUrl(QString::fromUtf8(target)).path();
    QString user;
    const QByteArray authorization = headers.value("authorization");
    if (!m_token.isEmpty() && authorization == "Bearer " + m_token.toUtf8())
        user = QStringLiteral("token");
    else if (!socket->peerCertificate().isNull()
        && !socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).isEmpty())
        user = socket->peerCertificate().subjectInfo(QSslCertificate::CommonName).first();
    m_requests.append(QStringLiteral("%1 %2 (%3)")
                          .arg(QString::fromUtf8(method), path, user.isEmpty() ? QStringLiteral("anonymous") : user));

    int code = 200;
    QByteArray body;
    const QByteArray port = QByteArray::number(m_server->serverPort());
    if (path != QLatin1String("/version") && user.isEmpty()) {
        code = 401;
        body = status(401, "Unauthorized", "Unauthorized");
    } else if (path == QLatin1String("/version")) {
        body = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0-strata-test\",\"gitCommit\":\"0000000\","
               "\"gitTreeState\":\"clean\",\"buildDate\":\"2026-01-01T00:00:00Z\",\"goVersion\":\"go1.22.0\","
               "\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";
    } else if (path == QLatin1String("/api")) {
        body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[{\"clientCIDR\":"
               "\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:"
            + port + "\"}]}";
    } else if (path == QLatin1String("/apis")) {
        body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
    } else if (path == QLatin1String("/api/v1")) {
        body = "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
               "{\"name\":\"configmaps\",\"singularName\":\"configmap\",\"namespaced\":true,\"kind\":\"ConfigMap\","
               "\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"cm\"]},"
               "{\"name\":\"namespaces\",\"singularName\":\"namespace\",\"namespaced\":false,\"kind\":\"Namespace\","
               "\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"ns\"]},"
               "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\","
               "\"verbs\":[\"get\",\"list\"]}]}";
    } else if (m_objects.contains(path)) {
        body = m_objects.value(path);
    } else {
        code = 404;
        const QString name = path.section(QLatin1Char('/'), -1);
        const QString resource = path.section(QLatin1Char('/'), -2, -2);
        body = status(404, "NotFound", QStringLiteral("%1 \\\"%2\\\" not found").arg(resource, name).toUtf8());
    }
    return "HTTP/1.1 " + QByteArray::number(code) + ' ' + reasonPhrase(code)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nCache-Control: no-cache, private\r\n\r\n" + body;
}
