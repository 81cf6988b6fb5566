#include "ServingThread.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

ServingThread::~ServingThread()
{
    stop();
}

void ServingThread::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_home, [home = m_home] { delete home; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_home = nullptr;
}

bool ServingThread::listen(const std::function<QTcpServer *(QObject *home)> &make,
    const std::function<void(QTcpSocket *)> &serve, QString *error)
{
    m_thread = new QThread;
    m_home = new QObject;
    m_home->moveToThread(m_thread);
    m_thread->start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_home,
        [&] {
            QTcpServer *server = make(m_home);
            QObject::connect(server, &QTcpServer::pendingConnectionAvailable, m_home, [server, serve] {
                while (QTcpSocket *socket = server->nextPendingConnection())
                    serve(socket);
            });
            listening = server->listen(QHostAddress::LocalHost, 0);
            if (!listening)
                *error = server->errorString();
            m_port = server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}
