// Strata's Kubernetes client against the test API server (which the real
// kubectl accepts, tst_kubeapiserver): token, client certificate, a token
// file re-read as it rotates; 401 and 404 as Statuses; an untrusted
// certificate, a refused port and a server that never answers, each said as
// what it is; insecure-skip-tls-verify honoured only when set, with a
// warning; no credential in any message. Loopback only.

#include "StrataTestMain.h"
#include "TestApiServer.h"
#include "TestFiles.h"

#include "kube/KubeClient.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace strata;

class TestKubeClient : public QObject
{
    Q_OBJECT

    Kubeconfig config(const QByteArray &clusters) const
    {
        const QByteArray text = "apiVersion: v1\nkind: Config\nclusters:\n" + clusters
            + "users:\n"
              "- name: token-user\n  user: {token: planted-bearer-token}\n"
              "- name: wrong-user\n  user: {token: planted-wrong-token}\n"
              "- name: cert-user\n  user:\n    client-certificate: "
            + m_server->clientCertFile().toUtf8() + "\n    client-key: " + m_server->clientKeyFile().toUtf8()
            + "\n- name: file-user\n  user: {tokenFile: " + m_tmp.filePath(QStringLiteral("token")).toUtf8()
            + "}\ncontexts:\n"
              "- name: token\n  context: {cluster: test, user: token-user}\n"
              "- name: wrong\n  context: {cluster: test, user: wrong-user}\n"
              "- name: cert\n  context: {cluster: test, user: cert-user}\n"
              "- name: file\n  context: {cluster: test, user: file-user}\n"
              "- name: other\n  context: {cluster: other, user: token-user}\n";
        return KubeconfigLoader::parse(text, m_tmp.filePath(QStringLiteral("config")));
    }

    QByteArray testCluster() const
    {
        return "- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
            + "\n    certificate-authority: " + m_server->caFile().toUtf8() + "\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no certificates for the test API server");
        m_server = new TestApiServer(m_tmp.path(), this);
        m_server->setToken(QStringLiteral("planted-bearer-token"));
        m_server->addObject(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"),
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"flags\",\"namespace\":\"shop\","
            "\"resourceVersion\":\"4242\"},\"data\":{\"limit\":\"40\"}}");
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void readsWithATokenACertificateAndARotatingTokenFile()
    {
        const Kubeconfig c = config(testCluster());
        for (const char *context : { "token", "cert" }) {
            const KubeResponse r = KubeClient(c, QString::fromLatin1(context))
                                       .get(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"));
            QVERIFY2(r.ok(), qPrintable(r.error));
            QVERIFY(r.body.contains("\"resourceVersion\":\"4242\""));
            QVERIFY(r.latencyMs >= 0);
        }
        QVERIFY(
            m_server->requests().contains(QStringLiteral("GET /api/v1/namespaces/shop/configmaps/flags (test-user)")));
        const KubeClient file(c, QStringLiteral("file"));
        writeFile(m_tmp.filePath(QStringLiteral("token")), "planted-old-token\n");
        QCOMPARE(file.get(QStringLiteral("/version")).status, 200); // /version needs no credentials
        QCOMPARE(file.get(QStringLiteral("/api/v1")).status, 401);
        writeFile(m_tmp.filePath(QStringLiteral("token")), "planted-bearer-token\n"); // rotated
        QCOMPARE(file.get(QStringLiteral("/api/v1")).status, 200);
    }

    void httpErrorsCarryTheirStatusMessage()
    {
        const Kubeconfig c = config(testCluster());
        const KubeResponse refused = KubeClient(c, QStringLiteral("wrong")).get(QStringLiteral("/api/v1"));
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.statusMessage(), QStringLiteral("Unauthorized"));
        const KubeResponse missing
            = KubeClient(c, QStringLiteral("token")).get(QStringLiteral("/api/v1/namespaces/shop/configmaps/nope"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.statusMessage(), QStringLiteral("configmaps \"nope\" not found"));
        QVERIFY(missing.error.contains(QLatin1String("404")));
        for (const KubeResponse &r : { refused, missing })
            QVERIFY(!r.error.contains(QLatin1String("planted")));
    }

    void connectionFailuresAreSaidAsWhatTheyAre()
    {
        // The server's certificate checked against another CA: not trusted.
        const Kubeconfig wrongCa = config("- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
            + "\n    certificate-authority: " + m_server->clientCertFile().toUtf8() + "\n");
        const KubeResponse tls = KubeClient(wrongCa, QStringLiteral("token")).get(QStringLiteral("/version"));
        QCOMPARE(tls.failure, KubeResponse::Failure::Tls);
        QVERIFY2(tls.error.contains(QLatin1String("TLS")), qPrintable(tls.error));
        // insecure-skip-tls-verify: honoured because it is set, and said.
        const Kubeconfig insecure = config("- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
            + "\n    insecure-skip-tls-verify: true\n");
        const KubeClient skipping(insecure, QStringLiteral("token"));
        QVERIFY(skipping.get(QStringLiteral("/version")).ok());
        QVERIFY(skipping.warning().contains(QLatin1String("not checked")));
        QVERIFY(KubeClient(wrongCa, QStringLiteral("token")).warning().isEmpty());

        // A port nobody listens on (taken, then freed), and a server that never answers.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closed = probe.serverPort();
        probe.close();
        const Kubeconfig refusedConfig
            = config("- name: test\n  cluster:\n    server: https://127.0.0.1:" + QByteArray::number(closed) + "\n");
        QCOMPARE(KubeClient(refusedConfig, QStringLiteral("token")).get(QStringLiteral("/version")).failure,
            KubeResponse::Failure::Refused);
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const Kubeconfig hung = config("- name: test\n  cluster:\n    server: https://127.0.0.1:"
            + QByteArray::number(silent.serverPort()) + "\n");
        const KubeResponse timeout = KubeClient(hung, QStringLiteral("token")).get(QStringLiteral("/version"), 300);
        QCOMPARE(timeout.failure, KubeResponse::Failure::Timeout);
        QVERIFY(timeout.error.contains(QLatin1String("no answer within 0.3 s")));

        // A context whose cluster no kubeconfig defines.
        const KubeResponse unknown
            = KubeClient(config(testCluster()), QStringLiteral("other")).get(QStringLiteral("/version"));
        QCOMPARE(unknown.failure, KubeResponse::Failure::Configuration);
        QVERIFY(unknown.error.contains(QLatin1String("cluster 'other'")));
    }

private:
    QTemporaryDir m_tmp;
    TestApiServer *m_server = nullptr;
};

STRATA_TEST_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
