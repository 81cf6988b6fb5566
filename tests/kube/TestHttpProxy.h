#pragma once

#include "ServingThread.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

class QTcpSocket;

// An HTTP CONNECT proxy for tests only (never shipped), on 127.0.0.1: it
// tunnels to 127.0.0.1 at the port asked for, whatever host the client
// names — so a client can reach a test server by a name no resolver knows
// (as a real proxy resolves names itself). With credentials set it answers
// 407 with a Basic challenge until the client sends them. It serves on a
// thread of its own, so a test may block on a client that goes through it.
class TestHttpProxy : public QObject
{
    Q_OBJECT
public:
    explicit TestHttpProxy(QObject *parent = nullptr);
    ~TestHttpProxy() override;

    void requireCredentials(const QString &user, const QString &password); // before start()
    bool start(QString *error);
    quint16 port() const { return m_serving.port(); }
    // "CONNECT host:port (authorised)" or "… (no credentials)", "… (wrong credentials)".
    QStringList requests() const;

private:
    void serve(QTcpSocket *socket);

    ServingThread m_serving;
    QByteArray m_expected; // "Basic base64(user:password)"; empty: no credentials asked
    mutable QMutex m_mutex;
    QStringList m_requests;
};
