#pragma once

#include <QString>

#include <functional>

class QObject;
class QTcpServer;
class QTcpSocket;
class QThread;

// The thread a test server answers on (tests only, never shipped): the
// server is made there, listens on 127.0.0.1 and serves its connections
// there, so a test may block on a client of it. Stopping deletes, on that
// thread, everything made under `home()`.
class ServingThread
{
public:
    ServingThread() = default;
    ~ServingThread();
    ServingThread(const ServingThread &) = delete;
    ServingThread &operator=(const ServingThread &) = delete;

    // `make` creates the server (a child of `home`) on the thread; `serve`
    // takes each connection there once it is ready (after the handshake, for
    // a QSslServer).
    bool listen(const std::function<QTcpServer *(QObject *home)> &make, const std::function<void(QTcpSocket *)> &serve,
        QString *error);
    // Before the owner's own members go: its sockets' handlers may use them.
    void stop();
    quint16 port() const { return m_port; }
    QObject *home() const { return m_home; } // lives on the thread: for invokeMethod, and as sockets' parent

private:
    QThread *m_thread = nullptr;
    QObject *m_home = nullptr;
    quint16 m_port = 0;
};
