#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

class QSslServer;
class QSslSocket;

// A Kubernetes API server for tests only (never shipped): HTTPS on
// 127.0.0.1, the read subset of the API — /version, discovery (/api,
// /api/v1, /apis), GET of the objects it holds, Status errors — with bearer
// token and client certificate authentication. Shaped closely enough that
// the real kubectl accepts it (tst_kubeapiserver proves that), so Strata's
// client can be tested against something kubectl also believes.
class TestApiServer : public QObject
{
    Q_OBJECT
public:
    // What a client program (kubectl) printed, run while this thread keeps
    // serving it: the server answers on the thread that started it.
    struct ClientRun
    {
        int exitCode = -1;
        QByteArray out, err;
    };
    static ClientRun runClient(const QString &program, const QStringList &args, int timeoutMs = 60000);

    // `folder` receives the certificates it makes with openssl: ca.crt, and
    // client.crt/client.key signed by that CA for user "test-user".
    explicit TestApiServer(const QString &folder, QObject *parent = nullptr);
    ~TestApiServer() override;

    bool start(QString *error); // listens on 127.0.0.1, a free port
    QString url() const; // https://127.0.0.1:PORT
    QString caFile() const;
    QString clientCertFile() const;
    QString clientKeyFile() const;

    void setToken(const QString &token) { m_token = token; }
    // Serves `json` (a whole object, kubectl-shaped) at its path, e.g.
    // /api/v1/namespaces/shop/configmaps/flags.
    void addObject(const QString &path, const QByteArray &json);
    QStringList requests() const { return m_requests; } // "GET /path (user)"

private:
    void serve(QSslSocket *socket);
    QByteArray respond(const QByteArray &method, const QByteArray &target, const QHash<QByteArray, QByteArray> &headers,
        QSslSocket *socket);

    QString m_folder;
    QSslServer *m_server = nullptr;
    QString m_token;
    QHash<QString, QByteArray> m_objects;
    QStringList m_requests;
};
