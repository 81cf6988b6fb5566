#include "TestHttpProxy.h"

#include <QHostAddress>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>

TestHttpProxy::TestHttpProxy(QObject *parent)
    : QObject(parent)
{
}

TestHttpProxy::~TestHttpProxy()
{
    m_serving.stop();
}

void TestHttpProxy::requireCredentials(const QString &user, const QString &password)
{
    m_expected = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QStringList TestHttpProxy::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

bool TestHttpProxy::start(QString *error)
{
    return m_serving.listen(
        [](QObject *home) { return new QTcpServer(home); }, [this](QTcpSocket *socket) { serve(socket); }, error);
}

void TestHttpProxy::serve(QTcpSocket *client)
{
    client->setParent(m_serving.home());
    auto *head = new QByteArray;
    auto *upstream = new QTcpSocket(client);
    connect(client, &QTcpSocket::disconnected, client, [client, head] {
        delete head;
        client->deleteLater();
    });
    connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
    connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
        if (upstream->state() != QAbstractSocket::ConnectedState) {
            client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
        }
    });
    connect(upstream, &QTcpSocket::connected, client,
        [client] { client->write("HTTP/1.1 200 Connection established\r\n\r\n"); });
    connect(client, &QTcpSocket::readyRead, client, [this, client, upstream, head] {
        if (upstream->state() != QAbstractSocket::UnconnectedState) { // tunnelling (or about to)
            upstream->write(client->readAll());
            return;
        }
        head->append(client->readAll());
        const qsizetype end = head->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = head->left(end).split('\n');
        const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
        QByteArray authorization;
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "proxy-authorization")
                authorization = line.mid(colon + 1).trimmed();
        }
        const QByteArray authority = request.value(1);
        const QString verdict = m_expected.isEmpty() || authorization == m_expected ? QStringLiteral("authorised")
            : authorization.isEmpty()                                               ? QStringLiteral("no credentials")
                                      : QStringLiteral("wrong credentials");
        {
            QMutexLocker lock(&m_mutex);
            m_requests.append(QStringLiteral("%1 %2 (%3)")
                                  .arg(QString::fromLatin1(request.value(0)), QString::fromLatin1(authority), verdict));
        }
        if (request.value(0) != "CONNECT") {
            client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        if (verdict != QLatin1String("authorised")) {
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
                          "realm=\"strata-test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        const QByteArray rest = head->mid(end + 4);
        head->clear();
        const quint16 port = authority.mid(authority.lastIndexOf(':') + 1).toUShort();
        // Any name is this machine: the tests never leave loopback.
        upstream->connectToHost(QHostAddress::LocalHost, port);
        if (!rest.isEmpty())
            upstream->write(rest);
    });
}
