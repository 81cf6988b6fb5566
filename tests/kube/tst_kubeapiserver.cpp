// The test API server is shaped like the real thing: the real kubectl,
// configured with `kubectl config set-*`, reads objects, discovery and the
// version from it with a bearer token and with a client certificate, gets
// NotFound and Unauthorized as Status errors, and verifies its certificate
// (made at test time by openssl). Skipped, with a message, without kubectl
// or openssl. Loopback only.

#include "StrataTestMain.h"
#include "TestApiServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

} // namespace

class TestKubeApiServer : public QObject
{
    Q_OBJECT

    // kubectl in a thread of its own while this one serves it.
    Run kubectl(const QStringList &args)
    {
        const TestApiServer::ClientRun r
            = TestApiServer::runClient(QStandardPaths::findExecutable(QStringLiteral("kubectl")),
                args
                    + QStringList { QStringLiteral("--kubeconfig=") + m_tmp.filePath(QStringLiteral("config")),
                        QStringLiteral("--cache-dir=") + m_tmp.filePath(QStringLiteral("cache")),
                        QStringLiteral("--request-timeout=20s") });
        return { r.exitCode, r.out, r.err };
    }

    void config(const QStringList &args)
    {
        QProcess p;
        p.start(QStandardPaths::findExecutable(QStringLiteral("kubectl")),
            QStringList { QStringLiteral("config") } + args
                + QStringList { QStringLiteral("--kubeconfig=") + m_tmp.filePath(QStringLiteral("config")) });
        p.waitForFinished(30000);
        QCOMPARE(p.exitCode(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty())
            QSKIP("kubectl is not installed: the test API server is not checked against it");
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no certificates for the test API server");
        m_server = new TestApiServer(m_tmp.path(), this);
        m_server->setToken(QStringLiteral("planted-bearer-token"));
        m_server->addObject(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"),
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"flags\",\"namespace\":\"shop\","
            "\"resourceVersion\":\"4242\",\"uid\":\"u-1\",\"managedFields\":[{\"manager\":\"kubectl-edit\","
            "\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2026-11-03T14:05:09Z\",\"fieldsType\":"
            "\"FieldsV1\",\"fieldsV1\":{\"f:data\":{\"f:limit\":{}}}}]},\"data\":{\"limit\":\"40\"}}");
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        config({ QStringLiteral("set-cluster"), QStringLiteral("test"), QStringLiteral("--server=") + m_server->url(),
            QStringLiteral("--certificate-authority=") + m_server->caFile() });
        config({ QStringLiteral("set-credentials"), QStringLiteral("token-user"),
            QStringLiteral("--token=planted-bearer-token") });
        config({ QStringLiteral("set-credentials"), QStringLiteral("cert-user"),
            QStringLiteral("--client-certificate=") + m_server->clientCertFile(),
            QStringLiteral("--client-key=") + m_server->clientKeyFile() });
        config({ QStringLiteral("set-credentials"), QStringLiteral("nobody"), QStringLiteral("--token=wrong") });
        for (const char *user : { "token-user", "cert-user", "nobody" })
            config({ QStringLiteral("set-context"), QString::fromLatin1(user), QStringLiteral("--cluster=test"),
                QStringLiteral("--user=") + QString::fromLatin1(user) });
    }

    void kubectlReadsAnObjectWithATokenAndACertificate()
    {
        for (const char *context : { "token-user", "cert-user" }) {
            const Run r = kubectl({ QStringLiteral("--context=") + QString::fromLatin1(context), QStringLiteral("get"),
                QStringLiteral("configmap"), QStringLiteral("flags"), QStringLiteral("-n"), QStringLiteral("shop"),
                QStringLiteral("-o"), QStringLiteral("json") });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject o = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(o.value(QStringLiteral("data")).toObject().value(QStringLiteral("limit")).toString(),
                QStringLiteral("40"));
            QCOMPARE(o.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("resourceVersion")).toString(),
                QStringLiteral("4242"));
        }
        QVERIFY(m_server->requests().contains(QStringLiteral("GET /api/v1/namespaces/shop/configmaps/flags (token)")));
        QVERIFY(
            m_server->requests().contains(QStringLiteral("GET /api/v1/namespaces/shop/configmaps/flags (test-user)")));
        // A short name resolves through discovery, as for any server.
        const Run shortName = kubectl({ QStringLiteral("--context=token-user"), QStringLiteral("get"),
            QStringLiteral("cm"), QStringLiteral("flags"), QStringLiteral("-n"), QStringLiteral("shop"),
            QStringLiteral("-o"), QStringLiteral("name") });
        QCOMPARE(shortName.out.trimmed(), QByteArray("configmap/flags"));
    }

    void kubectlReadsDiscoveryAndTheVersion()
    {
        const Run resources = kubectl({ QStringLiteral("--context=token-user"), QStringLiteral("api-resources") });
        QVERIFY2(resources.exitCode == 0, resources.err.constData());
        QVERIFY(resources.out.contains("configmaps") && resources.out.contains("ConfigMap"));
        QVERIFY(resources.out.contains("namespaces"));
        const Run version = kubectl({ QStringLiteral("--context=token-user"), QStringLiteral("version"),
            QStringLiteral("-o"), QStringLiteral("json") });
        QVERIFY2(version.exitCode == 0, version.err.constData());
        QCOMPARE(QJsonDocument::fromJson(version.out)
                     .object()
                     .value(QStringLiteral("serverVersion"))
                     .toObject()
                     .value(QStringLiteral("gitVersion"))
                     .toString(),
            QStringLiteral("v1.30.0-strata-test"));
    }

    void errorsAreKubernetesStatuses()
    {
        const Run missing = kubectl({ QStringLiteral("--context=token-user"), QStringLiteral("get"),
            QStringLiteral("configmap"), QStringLiteral("nope"), QStringLiteral("-n"), QStringLiteral("shop") });
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains("configmaps \"nope\" not found"), missing.err.constData());
        const Run refused = kubectl({ QStringLiteral("--context=nobody"), QStringLiteral("get"),
            QStringLiteral("configmap"), QStringLiteral("flags"), QStringLiteral("-n"), QStringLiteral("shop") });
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("Unauthorized") || refused.err.contains("provide credentials"),
            refused.err.constData());
    }

private:
    QTemporaryDir m_tmp;
    TestApiServer *m_server = nullptr;
};

STRATA_TEST_MAIN(TestKubeApiServer)
#include "tst_kubeapiserver.moc"
