#pragma once

#include "ServingThread.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

class QSslServer;
class QSslSocket;
class QThread;

// A Kubernetes API server for tests only (never shipped): HTTPS on
// 127.0.0.1, the read subset of the API — /version, discovery (/api,
// /api/v1, /apis with apps/v1 and a custom resource group, aggregated
// discovery when asked for and enabled), GET of the objects it holds,
// Status errors — with bearer token and client certificate authentication,
// and failures on demand (a status some number of times, a slow or a
// hung answer). Shaped closely enough that the real kubectl accepts it
// (tst_kubeapiserver proves that), so Strata's client can be tested against
// something kubectl also believes. It serves on a thread of its own, so a
// test may block on a client that reads from it; its setters are thread-safe.
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
    // Before start(): serve a certificate that expired yesterday.
    void setCertificateExpired() { m_certificateDays = -1; }
    QString url() const; // https://127.0.0.1:PORT
    QString caFile() const;
    QString clientCertFile() const;
    QString clientKeyFile() const;

    void setToken(const QString &token);
    // Basic authentication for one user (kubeconfig username/password).
    void setBasicAuth(const QString &user, const QString &password);
    // Serves `json` (a whole object, kubectl-shaped) at its path, e.g.
    // /api/v1/namespaces/shop/configmaps/flags.
    void addObject(const QString &path, const QByteArray &json);
    void removeObject(const QString &path);
    // `path` answers `code` (403, 429, 500 …, with a Status as the real
    // server words it; a 3xx with a Location elsewhere) the next `times`
    // requests (-1: always).
    void failWith(const QString &path, int code, int times = -1);
    // `path` answers after `ms` milliseconds; -1 never answers (a hung server).
    void delay(const QString &path, int ms);
    // Requests for `path` wait, unanswered, until release(path): a test sees
    // which requests are in flight at once (heldRequests), whatever the timing.
    void hold(const QString &path);
    int heldRequests(const QString &path) const;
    void release(const QString &path);
    // What /version answers instead of the real document (a server that is not Kubernetes).
    void setVersionBody(const QByteArray &body, int code = 200);
    // Whether /api and /apis answer aggregated discovery when a client asks for it.
    void setAggregatedDiscovery(bool on);
    QStringList requests() const; // "GET /path (user)"
    int requestCount(const QString &path) const;

private:
    void serve(QSslSocket *socket);
    QByteArray respond(const QByteArray &method, const QByteArray &target, const QHash<QByteArray, QByteArray> &headers,
        QSslSocket *socket);

    QString m_folder;
    ServingThread m_serving;
    mutable QMutex m_mutex; // everything below
    QString m_token;
    QByteArray m_basic; // "Basic base64(user:password)"
    QString m_basicUser;
    QHash<QString, QByteArray> m_objects;
    QHash<QString, QPair<int, int>> m_failures; // path → code, times left
    QHash<QString, int> m_delays;
    struct Held
    {
        QString path;
        QPointer<QSslSocket> socket;
        QByteArray answer;
    };
    QSet<QString> m_held;
    QList<Held> m_waiting;
    bool m_aggregated = false;
    QByteArray m_versionBody;
    int m_versionCode = 200;
    QStringList m_requests;
    int m_certificateDays = 2;
};
