// Strata's Kubernetes client against the test API server (which the real
// kubectl accepts, tst_kubeapiserver): token, client certificate, a token
// file re-read as it rotates; 401 and 404 as Statuses; an untrusted
// certificate, a refused port and a server that never answers, each said as
// what it is; insecure-skip-tls-verify honoured only when set, with a
// warning; no credential in any message. Loopback only.

#include "StrataTestMain.h"
#include "TestApiServer.h"
#include "TestCertificates.h"
#include "TestFiles.h"
#include "TestHttpProxy.h"

#include "core/NetworkFailure.h"
#include "kube/KubeClient.h"
#include "kube/KubeProxy.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <optional>
#include <thread>

using namespace strata;

class TestKubeClient : public QObject
{
    Q_OBJECT

    Kubeconfig config(const QByteArray &clusters) const
    {
        return KubeconfigLoader::parse(configText(clusters), m_tmp.filePath(QStringLiteral("config")));
    }

    QByteArray configText(const QByteArray &clusters) const
    {
        return "apiVersion: v1\nkind: Config\nclusters:\n" + clusters
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
    }

    // kubectl's exit status and stderr for `get configmap flags` with this
    // kubeconfig text; nullopt (and a warning) when kubectl is not installed.
    std::optional<TestApiServer::ClientRun> kubectlGet(const QByteArray &kubeconfig, const QString &name) const
    {
        const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (kubectl.isEmpty()) {
            qWarning("kubectl is not installed: it is not compared");
            return std::nullopt;
        }
        const QString file = m_tmp.filePath(name);
        writeFile(file, kubeconfig);
        return TestApiServer::runClient(kubectl,
            { QStringLiteral("--kubeconfig=") + file,
                QStringLiteral("--cache-dir=") + m_tmp.filePath(name + QStringLiteral("-cache")),
                QStringLiteral("--context=token"), QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("get"),
                QStringLiteral("configmap"), QStringLiteral("flags"), QStringLiteral("-o"), QStringLiteral("name") });
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
        // A file that is not a token (a key, a document) is never sent.
        writeFile(m_tmp.filePath(QStringLiteral("token")),
            "-----BEGIN PRIVATE KEY-----\nplanted-key-material\n-----END PRIVATE KEY-----\n");
        const int before = m_server->requests().size();
        const KubeResponse notAToken = file.get(QStringLiteral("/api/v1"));
        QCOMPARE(notAToken.failure, KubeResponse::Failure::Configuration);
        QVERIFY2(notAToken.error.contains(QLatin1String("does not hold a token")), qPrintable(notAToken.error));
        QVERIFY(!notAToken.error.contains(QLatin1String("planted")));
        QCOMPARE(m_server->requests().size(), before); // nothing went out
        writeFile(m_tmp.filePath(QStringLiteral("token")), "planted-bearer-token\n");
    }

    // A redirect is not followed: the credentials would go wherever it points.
    void redirectsAreNotFollowed()
    {
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        m_server->failWith(path, 302, 1);
        const int before = m_server->requestCount(path);
        const KubeResponse r = KubeClient(config(testCluster()), QStringLiteral("token")).get(path);
        QCOMPARE(r.status, 302);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("https://elsewhere.invalid"))
                && r.error.contains(QLatin1String("not followed")),
            qPrintable(r.error));
        QCOMPARE(m_server->requestCount(path), before + 1);
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
        // A name the server's certificate does not hold (tls-server-name): TLS, naming the problem.
        const Kubeconfig otherName = config("- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
            + "\n    certificate-authority: " + m_server->caFile().toUtf8()
            + "\n    tls-server-name: elsewhere.test\n");
        const KubeResponse mismatch = KubeClient(otherName, QStringLiteral("token")).get(QStringLiteral("/version"));
        QCOMPARE(mismatch.failure, KubeResponse::Failure::Tls);
        QVERIFY2(mismatch.error.contains(QLatin1String("host name did not match")), qPrintable(mismatch.error));
        // A certificate that expired yesterday, from the CA the kubeconfig trusts.
        QDir().mkpath(m_tmp.filePath(QStringLiteral("expired-server")));
        TestApiServer expiredServer(m_tmp.filePath(QStringLiteral("expired-server")));
        expiredServer.setCertificateExpired();
        QString startError;
        QVERIFY2(expiredServer.start(&startError), qPrintable(startError));
        const QByteArray expiredCluster = "- name: test\n  cluster:\n    server: " + expiredServer.url().toUtf8()
            + "\n    certificate-authority: " + expiredServer.caFile().toUtf8() + "\n";
        const KubeResponse expired
            = KubeClient(config(expiredCluster), QStringLiteral("token")).get(QStringLiteral("/version"));
        QCOMPARE(expired.failure, KubeResponse::Failure::Tls);
        QVERIFY2(expired.error.contains(QLatin1String("expired")), qPrintable(expired.error));
        // kubectl refuses the same server for the same reason.
        const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (!kubectl.isEmpty()) {
            writeFile(m_tmp.filePath(QStringLiteral("expired-config")),
                "apiVersion: v1\nkind: Config\nclusters:\n" + expiredCluster
                    + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: c\n  context: {cluster: test, "
                      "user: u}\ncurrent-context: c\n");
            const TestApiServer::ClientRun r = TestApiServer::runClient(kubectl,
                { QStringLiteral("--kubeconfig=") + m_tmp.filePath(QStringLiteral("expired-config")),
                    QStringLiteral("--cache-dir=") + m_tmp.filePath(QStringLiteral("cache")), QStringLiteral("get"),
                    QStringLiteral("--raw"), QStringLiteral("/version") });
            QVERIFY(r.exitCode != 0);
            QVERIFY2(r.err.contains("expired"), r.err.constData());
        } else {
            qWarning("kubectl is not installed: its refusal of the expired certificate is not compared");
        }

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

    // Every way a kubeconfig signs in, written by kubectl's own `config
    // set-*` with the certificates embedded (-data): basic auth, an RSA and an
    // EC client certificate, a token. Strata reads with each what kubectl
    // reads with it, as the same user.
    void everyWayOfSigningInWrittenByKubectlIsRead()
    {
        const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (kubectl.isEmpty())
            QSKIP("kubectl is not installed: it writes this test's kubeconfig");
        QString error;
        QVERIFY2(TestCertificates::makeRsaClient(m_tmp.path(), &error), qPrintable(error));
        m_server->setBasicAuth(QStringLiteral("basic-user"), QStringLiteral("planted-basic-pass"));
        const QString file = m_tmp.filePath(QStringLiteral("kubectl-written"));
        const auto config = [&](const QStringList &args) {
            const TestApiServer::ClientRun r = TestApiServer::runClient(
                kubectl, QStringList { QStringLiteral("config"), QStringLiteral("--kubeconfig=") + file } + args);
            return r.exitCode == 0 ? QString() : QString::fromUtf8(r.err);
        };
        const QString certs = QStringLiteral("--embed-certs=true");
        for (const QStringList &args : QList<QStringList> {
                 { QStringLiteral("set-cluster"), QStringLiteral("test"), QStringLiteral("--server=") + m_server->url(),
                     QStringLiteral("--certificate-authority=") + m_server->caFile(), certs },
                 { QStringLiteral("set-credentials"), QStringLiteral("basic"), QStringLiteral("--username=basic-user"),
                     QStringLiteral("--password=planted-basic-pass") },
                 { QStringLiteral("set-credentials"), QStringLiteral("rsa"),
                     QStringLiteral("--client-certificate=") + m_tmp.filePath(QStringLiteral("client-rsa.crt")),
                     QStringLiteral("--client-key=") + m_tmp.filePath(QStringLiteral("client-rsa.key")), certs },
                 { QStringLiteral("set-credentials"), QStringLiteral("ec"),
                     QStringLiteral("--client-certificate=") + m_server->clientCertFile(),
                     QStringLiteral("--client-key=") + m_server->clientKeyFile(), certs },
                 { QStringLiteral("set-credentials"), QStringLiteral("bearer"),
                     QStringLiteral("--token=planted-bearer-token") },
             }) {
            const QString failed = config(args);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        const QList<QPair<QString, QString>> users { { QStringLiteral("basic"), QStringLiteral("basic-user") },
            { QStringLiteral("rsa"), QStringLiteral("test-rsa-user") },
            { QStringLiteral("ec"), QStringLiteral("test-user") },
            { QStringLiteral("bearer"), QStringLiteral("token") } };
        for (const auto &[name, user] : users) {
            const QString failed = config({ QStringLiteral("set-context"), name, QStringLiteral("--cluster=test"),
                QStringLiteral("--user=") + name });
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        const QByteArray written = readFile(file);
        QVERIFY(written.contains("certificate-authority-data:") && written.contains("client-key-data:"));
        const Kubeconfig c = KubeconfigLoader::load({ file }, true);
        QVERIFY(c.diagnostics.isEmpty());
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        for (const auto &[name, user] : users) {
            const QString seen = QStringLiteral("GET %1 (%2)").arg(path, user);
            const qsizetype before = m_server->requests().count(seen);
            const KubeResponse r = KubeClient(c, name).get(path);
            QVERIFY2(r.ok(), qPrintable(name + QStringLiteral(": ") + r.error));
            QCOMPARE(m_server->requests().count(seen), before + 1);
            const TestApiServer::ClientRun k = TestApiServer::runClient(kubectl,
                { QStringLiteral("--kubeconfig=") + file,
                    QStringLiteral("--cache-dir=") + m_tmp.filePath(QStringLiteral("written-cache")),
                    QStringLiteral("--context=") + name, QStringLiteral("-n"), QStringLiteral("shop"),
                    QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("flags"), QStringLiteral("-o"),
                    QStringLiteral("name") });
            QVERIFY2(k.exitCode == 0, k.err.constData());
            QVERIFY(m_server->requests().count(seen) > before + 1); // kubectl signed in as the same user
        }
        const QString message = KubeClient(c, QStringLiteral("basic")).get(QStringLiteral("/api/v1/nope")).error;
        QVERIFY(!message.contains(QLatin1String("planted")));
    }

    // A legacy auth-provider is said to be unsupported, pointing at exec
    // plugins, and nothing is sent; kubectl has dropped them too.
    void aLegacyAuthProviderIsSaidNotSupported()
    {
        const QByteArray text = "apiVersion: v1\nkind: Config\nclusters:\n" + testCluster()
            + "users:\n- name: gke-user\n  user:\n    auth-provider:\n      name: gcp\n      config: {access-token: "
              "planted-access-token}\ncontexts:\n- name: token\n  context: {cluster: test, user: gke-user}\n";
        const int before = m_server->requests().size();
        const KubeClient client(
            KubeconfigLoader::parse(text, m_tmp.filePath(QStringLiteral("provider-config"))), QStringLiteral("token"));
        const KubeResponse r = client.get(QStringLiteral("/api/v1"));
        QCOMPARE(r.failure, KubeResponse::Failure::Configuration);
        QVERIFY2(r.error.contains(QLatin1String("auth-provider 'gcp', which is not supported; use an exec plugin")),
            qPrintable(r.error));
        QVERIFY(!r.error.contains(QLatin1String("planted")));
        QCOMPARE(m_server->requests().size(), before);
        if (const auto k = kubectlGet(text, QStringLiteral("provider-kubectl-config")))
            QVERIFY(k->exitCode != 0);
    }

    // kubectl refuses a CA together with insecure-skip-tls-verify; so does Strata.
    void insecureWithACertificateAuthorityIsRefusedAsKubectlRefusesIt()
    {
        const QByteArray both = "- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
            + "\n    certificate-authority: " + m_server->caFile().toUtf8() + "\n    insecure-skip-tls-verify: true\n";
        const int before = m_server->requests().size();
        const KubeResponse r = KubeClient(config(both), QStringLiteral("token")).get(QStringLiteral("/version"));
        QCOMPARE(r.failure, KubeResponse::Failure::Configuration);
        QVERIFY2(r.error.contains(QLatin1String("insecure-skip-tls-verify")), qPrintable(r.error));
        QCOMPARE(m_server->requests().size(), before);
        if (const auto k = kubectlGet(configText(both), QStringLiteral("both-config"))) {
            QVERIFY(k->exitCode != 0);
            QVERIFY2(k->err.contains("insecure"), k->err.constData());
        }
    }

    // proxy-url: the cluster's proxy, with the credentials its URL carries,
    // taken the way kubectl takes it; a proxy over TLS is refused, never
    // used in the clear; no proxy password in any message.
    void readsThroughTheClustersProxyAsKubectlDoes()
    {
        TestHttpProxy proxy;
        proxy.requireCredentials(QStringLiteral("planted-proxy-user"), QStringLiteral("planted-proxy-pass"));
        QString error;
        QVERIFY2(proxy.start(&error), qPrintable(error));
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        const auto through = [&](const QByteArray &proxyUrl) -> QByteArray {
            return "- name: test\n  cluster:\n    server: " + m_server->url().toUtf8()
                + "\n    certificate-authority: " + m_server->caFile().toUtf8() + "\n    proxy-url: " + proxyUrl + "\n";
        };
        const QByteArray port = QByteArray::number(proxy.port());
        const QByteArray good = through("http://planted-proxy-user:planted-proxy-pass@127.0.0.1:" + port);
        const KubeResponse r = KubeClient(config(good), QStringLiteral("token")).get(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const QString tunnel = QStringLiteral("CONNECT %1 (authorised)").arg(QUrl(m_server->url()).authority());
        QVERIFY2(proxy.requests().contains(tunnel), qPrintable(proxy.requests().join(QLatin1String(", "))));
        const qsizetype strataTunnels = proxy.requests().count(tunnel);
        if (const auto k = kubectlGet(configText(good), QStringLiteral("proxy-config"))) {
            QVERIFY2(k->exitCode == 0, k->err.constData());
            QCOMPARE(k->out.trimmed(), QByteArray("configmap/flags"));
            QVERIFY(proxy.requests().count(tunnel) > strataTunnels); // kubectl went the same way
        }

        const KubeResponse wrong = KubeClient(
            config(through("http://planted-proxy-user:planted-wrong-pass@127.0.0.1:" + port)), QStringLiteral("token"))
                                       .get(path);
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error.contains(QLatin1String("proxy")), qPrintable(wrong.error));
        QVERIFY2(
            wrong.error.contains(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())), qPrintable(wrong.error));
        QVERIFY(!wrong.error.contains(QLatin1String("planted")));

        const qsizetype seen = proxy.requests().size();
        const KubeResponse tls = KubeClient(
            config(through("https://planted-proxy-user:planted-proxy-pass@127.0.0.1:" + port)), QStringLiteral("token"))
                                     .get(path);
        QCOMPARE(tls.failure, KubeResponse::Failure::Configuration);
        QVERIFY2(tls.error.contains(QLatin1String("over TLS")), qPrintable(tls.error));
        QVERIFY(!tls.error.contains(QLatin1String("planted")));
        QCOMPARE(proxy.requests().size(), seen); // nothing went to it
    }

    // Without proxy-url, HTTPS_PROXY and NO_PROXY as Go reads them: a
    // server by a name only the proxy can reach is read through it, as
    // kubectl reads it; loopback and NO_PROXY's entries go straight.
    void theEnvironmentsProxyIsUsedAsKubectlUsesIt()
    {
        const QUrl api(QStringLiteral("https://api.corp.example:6443"));
        QProcessEnvironment env;
        QCOMPARE(KubeProxy::choose({}, api, env).proxy.type(), QNetworkProxy::NoProxy);
        env.insert(QStringLiteral("https_proxy"), QStringLiteral("proxy.corp:3128")); // no scheme: http
        KubeProxyChoice c = KubeProxy::choose({}, api, env);
        QCOMPARE(c.proxy.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(c.proxy.hostName(), QStringLiteral("proxy.corp"));
        QCOMPARE(c.proxy.port(), quint16(3128));
        QCOMPARE(c.description, QStringLiteral("http://proxy.corp:3128 (HTTPS_PROXY)"));
        env.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("socks5://s:pw@socks.corp")); // upper case first
        c = KubeProxy::choose({}, api, env);
        QCOMPARE(c.proxy.type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(c.proxy.port(), quint16(1080));
        QCOMPARE(c.proxy.user(), QStringLiteral("s"));
        QVERIFY(!c.description.contains(QLatin1String("pw")));
        QCOMPARE(KubeProxy::choose({}, QUrl(QStringLiteral("http://api.corp.example")), env).proxy.type(),
            QNetworkProxy::NoProxy); // http servers use HTTP_PROXY, unset here
        for (const char *straight :
            { "https://127.0.0.1:6443", "https://localhost:6443", "https://[::1]:6443", "https://127.3.2.1" })
            QCOMPARE(
                KubeProxy::choose({}, QUrl(QString::fromLatin1(straight)), env).proxy.type(), QNetworkProxy::NoProxy);
        QCOMPARE(KubeProxy::choose(QStringLiteral("http://p:8080"), QUrl(QStringLiteral("https://127.0.0.1")), env)
                     .proxy.type(),
            QNetworkProxy::HttpProxy); // proxy-url is used even for loopback, as kubectl uses it
        QCOMPARE(KubeProxy::choose(QStringLiteral("http://p"), api, env).proxy.port(), quint16(80));
        QVERIFY(KubeProxy::choose(QStringLiteral("ftp://p"), api, env).error.contains(QLatin1String("'ftp'")));
        QVERIFY(!KubeProxy::choose(QStringLiteral("socks5h://p"), api, env).error.isEmpty()); // client-go refuses it
        QVERIFY(!KubeProxy::choose(QStringLiteral("proxy.corp:3128"), api, env).error.isEmpty()); // kubectl: a scheme

        // NO_PROXY, entry by entry as golang.org/x/net/http/httpproxy matches them.
        struct Case
        {
            const char *noProxy, *host;
            int port;
            bool exempt;
        };
        const Case cases[] = {
            { "corp.example", "api.corp.example", 443, true }, // a domain and its subdomains
            { "corp.example", "corp.example", 443, true },
            { ".corp.example", "corp.example", 443, false }, // a leading dot: subdomains only
            { ".corp.example", "api.corp.example", 443, true },
            { "*.corp.example", "api.corp.example", 443, true },
            { "corp.example", "notcorp.example", 443, false },
            { "corp.example:6443", "api.corp.example", 443, false }, // a port must match
            { "corp.example:6443", "api.corp.example", 6443, true },
            { "10.0.0.0/8", "10.1.2.3", 443, true },
            { "10.0.0.0/8", "11.1.2.3", 443, false },
            { "10.0.0.0/8", "ten.example", 443, false }, // a CIDR matches addresses, not names
            { "10.1.2.3", "10.1.2.3", 443, true },
            { "10.1.2.3:80", "10.1.2.3", 443, false },
            { "[fd00::1]:443", "fd00::1", 443, true },
            { "fd00::1", "fd00::1", 6443, true },
            { "[fd00::1]", "fd00::1", 443, false }, // brackets need a port, as Go's SplitHostPort says
            { "2.3.4", "1.2.3.4", 443, true }, // not an IP to Go: a domain suffix
            { "10.1", "10.0.0.1", 443, false },
            { " other.example , API.CORP.EXAMPLE ", "api.corp.example", 443, true }, // spaces, case
            { "*", "anything.example", 443, true },
            { "", "api.corp.example", 443, false },
        };
        for (const Case &k : cases)
            QVERIFY2(KubeProxy::exempt(QString::fromLatin1(k.noProxy), QString::fromLatin1(k.host), k.port) == k.exempt,
                qPrintable(QStringLiteral("NO_PROXY=%1 host %2:%3")
                               .arg(QString::fromLatin1(k.noProxy), QString::fromLatin1(k.host))
                               .arg(k.port)));
        env.insert(QStringLiteral("no_proxy"), QStringLiteral("corp.example"));
        QCOMPARE(KubeProxy::choose({}, api, env).proxy.type(), QNetworkProxy::NoProxy);

        // End to end: api.strata.test is known to no resolver, only to the proxy.
        TestHttpProxy proxy;
        QString error;
        QVERIFY2(proxy.start(&error), qPrintable(error));
        const QByteArray named = "- name: test\n  cluster:\n    server: https://api.strata.test:"
            + QByteArray::number(QUrl(m_server->url()).port())
            + "\n    certificate-authority: " + m_server->caFile().toUtf8() + "\n";
        // Whatever the machine's own proxy settings, only this one counts here.
        const char *const names[] = { "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy" };
        QList<std::optional<QByteArray>> saved;
        for (const char *name : names) {
            saved.append(qEnvironmentVariableIsSet(name) ? std::optional<QByteArray>(qgetenv(name)) : std::nullopt);
            qunsetenv(name);
        }
        qputenv("HTTPS_PROXY", "http://127.0.0.1:" + QByteArray::number(proxy.port()));
        const KubeResponse r = KubeClient(config(named), QStringLiteral("token"))
                                   .get(QStringLiteral("/api/v1/namespaces/shop/configmaps/flags"));
        const auto k = kubectlGet(configText(named), QStringLiteral("env-proxy-config"));
        for (qsizetype i = 0; i < saved.size(); ++i)
            saved.at(i) ? qputenv(names[i], *saved.at(i)) : qunsetenv(names[i]);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const QString tunnel
            = QStringLiteral("CONNECT api.strata.test:%1 (authorised)").arg(QUrl(m_server->url()).port());
        QVERIFY2(proxy.requests().value(0) == tunnel, qPrintable(proxy.requests().join(QLatin1String(", "))));
        if (k) {
            QVERIFY2(k->exitCode == 0, k->err.constData());
            QCOMPARE(k->out.trimmed(), QByteArray("configmap/flags"));
            QVERIFY(proxy.requests().size() > 1);
            QCOMPARE(proxy.requests().count(tunnel), proxy.requests().size()); // kubectl went the same way
        }
    }

    // A name that does not resolve is said as DNS, naming the host. Real DNS
    // is not asked (the tests stay on loopback): the reply Qt gives for it is.
    void dnsFailuresAreSaidAsDns()
    {
        class Reply : public QNetworkReply
        {
        public:
            Reply()
            {
                setError(QNetworkReply::HostNotFoundError, QStringLiteral("Host kube.example.invalid not found"));
            }
            void abort() override { }
            qint64 readData(char *, qint64) override { return -1; }
        };
        const Reply reply;
        const NetworkFailure f
            = NetworkFailure::of(reply, QStringLiteral("https://kube.example.invalid:6443"), 10000, {});
        QCOMPARE(f.kind, NetworkFailure::Kind::Dns);
        QCOMPARE(f.message, QStringLiteral("kube.example.invalid: no such host (DNS)"));
    }

    // An exec plugin (a script printing an ExecCredential) runs only once
    // approved; its credential is kept, and fetched again once on a 401; the
    // real kubectl authenticates with the same plugin.
    void execPluginsRunOnlyOnceApproved()
    {
        const QString script = m_tmp.filePath(QStringLiteral("get-token.sh"));
        const QString runs = m_tmp.filePath(QStringLiteral("runs"));
        writeFile(script,
            "#!/bin/sh\necho run >> '" + runs.toUtf8() + "'\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > '"
                + m_tmp.filePath(QStringLiteral("exec-info")).toUtf8()
                + "'\n[ \"$REGION\" = eu ] && [ \"$1\" = --cluster ] || { echo 'wrong env or args' >&2; exit 1; }\n"
                  "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":"
                  "{\"token\":\"%s\"}}' \"$(cat '"
                + m_tmp.filePath(QStringLiteral("exec-token")).toUtf8() + "')\"\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        writeFile(m_tmp.filePath(QStringLiteral("exec-token")), "planted-bearer-token");
        const QByteArray kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n" + testCluster()
            + "users:\n- name: exec-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
              "      command: "
            + script.toUtf8()
            + "\n      args: [--cluster, test]\n      env: [{name: REGION, value: eu}]\n      interactiveMode: Never\n"
              "contexts:\n- name: exec\n  context: {cluster: test, user: exec-user}\ncurrent-context: exec\n";
        writeFile(m_tmp.filePath(QStringLiteral("exec-config")), kubeconfig);
        const Kubeconfig c = KubeconfigLoader::parse(kubeconfig, m_tmp.filePath(QStringLiteral("exec-config")));
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");

        KubeClient client(c, QStringLiteral("exec"));
        QCOMPARE(client.execCommandLine(), QStringLiteral("REGION=eu ") + script + QStringLiteral(" --cluster test"));
        const KubeResponse refused = client.get(path);
        QCOMPARE(refused.failure, KubeResponse::Failure::Configuration);
        QVERIFY(refused.error.contains(QLatin1String("runs only once approved")));
        QVERIFY(!QFile::exists(runs)); // not run before it is approved

        client.setExecApproved(true);
        QVERIFY2(client.get(path).ok(), qPrintable(client.get(path).error));
        QVERIFY(client.get(path).ok());
        QCOMPARE(readFile(runs).count('\n'), 1); // kept: no expiry, no 401
        const QJsonObject info
            = QJsonDocument::fromJson(readFile(m_tmp.filePath(QStringLiteral("exec-info")))).object();
        QCOMPARE(
            info.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("client.authentication.k8s.io/v1"));
        QCOMPARE(
            info.value(QStringLiteral("spec")).toObject().value(QStringLiteral("interactive")).toBool(true), false);
        QVERIFY(!info.value(QStringLiteral("spec")).toObject().contains(QStringLiteral("cluster")));

        // The server rotates its token: the kept one gets a 401, the plugin is asked again.
        m_server->setToken(QStringLiteral("rotated-token"));
        writeFile(m_tmp.filePath(QStringLiteral("exec-token")), "rotated-token");
        QVERIFY(client.get(path).ok());
        QCOMPARE(readFile(runs).count('\n'), 2);

        // kubectl with the same kubeconfig and plugin.
        if (!QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty()) {
            const TestApiServer::ClientRun r
                = TestApiServer::runClient(QStandardPaths::findExecutable(QStringLiteral("kubectl")),
                    { QStringLiteral("--kubeconfig=") + m_tmp.filePath(QStringLiteral("exec-config")),
                        QStringLiteral("--cache-dir=") + m_tmp.filePath(QStringLiteral("cache")), QStringLiteral("get"),
                        QStringLiteral("configmap"), QStringLiteral("flags"), QStringLiteral("-n"),
                        QStringLiteral("shop"), QStringLiteral("-o"), QStringLiteral("name") });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(r.out.trimmed(), QByteArray("configmap/flags"));
        }

        // A plugin that fails says why; one that is missing says its install hint.
        writeFile(m_tmp.filePath(QStringLiteral("exec-token")), "");
        KubeExecConfig missing = *c.user(QStringLiteral("exec-user"))->exec;
        missing.command = QStringLiteral("strata-no-such-plugin");
        missing.installHint = QStringLiteral("install it from your cloud's CLI");
        const ExecCredential none = ExecCredentials::run(missing, KubeCluster());
        QVERIFY(none.error.contains(QLatin1String("was not found: install it from your cloud's CLI")));
        missing.env.clear();
        missing.command = script;
        const ExecCredential failing = ExecCredentials::run(missing, KubeCluster());
        QVERIFY2(failing.error.contains(QLatin1String("wrong env or args")), qPrintable(failing.error));
        m_server->setToken(QStringLiteral("planted-bearer-token"));
    }

    // A plugin waiting on a browser login or a hung network is stopped by a
    // cancel (Esc), not left running until the timeout: the run ends saying
    // so, and the plugin's process is gone.
    // A plugin that logs each run and the ExecCredential it was given, and
    // prints `status` as its answer; for a kubeconfig user with `extra` lines.
    QString credentialPlugin(const QString &name, const QJsonObject &status, const QString &apiVersion) const
    {
        const QString script = m_tmp.filePath(name + QStringLiteral(".sh"));
        const QString answer = m_tmp.filePath(name + QStringLiteral(".json"));
        writeFile(answer,
            QJsonDocument(QJsonObject { { QStringLiteral("apiVersion"), apiVersion },
                              { QStringLiteral("kind"), QStringLiteral("ExecCredential") },
                              { QStringLiteral("status"), status } })
                .toJson(QJsonDocument::Compact));
        writeFile(script,
            "#!/bin/sh\necho run >> '" + m_tmp.filePath(name + QStringLiteral(".runs")).toUtf8()
                + "'\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > '"
                + m_tmp.filePath(name + QStringLiteral(".info")).toUtf8() + "'\ncat '" + answer.toUtf8() + "'\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return script;
    }

    int runsOf(const QString &name) const
    {
        const QString runs = m_tmp.filePath(name + QStringLiteral(".runs"));
        return QFileInfo::exists(runs) ? int(readFile(runs).count('\n')) : 0;
    }

    QByteArray execConfig(const QString &script, const QByteArray &apiVersion, const QByteArray &extra) const
    {
        return "apiVersion: v1\nkind: Config\nclusters:\n" + testCluster()
            + "users:\n- name: exec-user\n  user:\n    exec:\n      apiVersion: " + apiVersion
            + "\n      command: " + script.toUtf8() + "\n" + extra
            + "contexts:\n- name: token\n  context: {cluster: test, user: exec-user}\ncurrent-context: token\n";
    }

    // The credential an exec plugin hands back is kept for the process (a
    // second client — the window's F5 — does not run it again) until its
    // expirationTimestamp; v1beta1 with provideClusterInfo is told the
    // cluster, its CA file as data; a plugin may answer with a client
    // certificate; interactiveMode is read as kubectl reads it.
    void execCredentialsAreKeptUntilTheyExpireAndEveryKindIsUsed()
    {
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        const auto read = [&](const QByteArray &kubeconfig, const QString &file) {
            writeFile(m_tmp.filePath(file), kubeconfig);
            KubeClient client(KubeconfigLoader::parse(kubeconfig, m_tmp.filePath(file)), QStringLiteral("token"));
            client.setExecApproved(true);
            return client.get(path);
        };
        const QByteArray never = "      interactiveMode: Never\n";
        const QString later = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
        const QString gone = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
        const QString v1 = QStringLiteral("client.authentication.k8s.io/v1");

        const QString lasting = credentialPlugin(QStringLiteral("lasting"),
            { { QStringLiteral("token"), QStringLiteral("planted-bearer-token") },
                { QStringLiteral("expirationTimestamp"), later } },
            v1);
        for (int i = 0; i < 3; ++i) {
            const KubeResponse r = read(execConfig(lasting, v1.toUtf8(), never), QStringLiteral("lasting-config"));
            QVERIFY2(r.ok(), qPrintable(r.error));
        }
        QCOMPARE(runsOf(QStringLiteral("lasting")), 1); // three clients, one run

        const QString expired = credentialPlugin(QStringLiteral("expired"),
            { { QStringLiteral("token"), QStringLiteral("planted-bearer-token") },
                { QStringLiteral("expirationTimestamp"), gone } },
            v1);
        for (int i = 0; i < 2; ++i)
            QVERIFY(read(execConfig(expired, v1.toUtf8(), never), QStringLiteral("expired-config")).ok());
        QCOMPARE(runsOf(QStringLiteral("expired")), 2); // expired on arrival: asked every time

        // v1beta1: a client certificate instead of a token; told the cluster,
        // the CA file as data; no interactiveMode needed (IfAvailable).
        const QString beta = QStringLiteral("client.authentication.k8s.io/v1beta1");
        const QString certificate = credentialPlugin(QStringLiteral("certificate"),
            { { QStringLiteral("clientCertificateData"), QString::fromUtf8(readFile(m_server->clientCertFile())) },
                { QStringLiteral("clientKeyData"), QString::fromUtf8(readFile(m_server->clientKeyFile())) } },
            beta);
        const QByteArray certificateConfig = execConfig(certificate, beta.toUtf8(), "      provideClusterInfo: true\n");
        const int before = m_server->requests().count(QStringLiteral("GET %1 (test-user)").arg(path));
        const KubeResponse byCertificate = read(certificateConfig, QStringLiteral("certificate-config"));
        QVERIFY2(byCertificate.ok(), qPrintable(byCertificate.error));
        QCOMPARE(m_server->requests().count(QStringLiteral("GET %1 (test-user)").arg(path)), before + 1);
        const QJsonObject cluster
            = QJsonDocument::fromJson(readFile(m_tmp.filePath(QStringLiteral("certificate.info"))))
                  .object()
                  .value(QStringLiteral("spec"))
                  .toObject()
                  .value(QStringLiteral("cluster"))
                  .toObject();
        QCOMPARE(cluster.value(QStringLiteral("server")).toString(), m_server->url());
        QCOMPARE(
            QByteArray::fromBase64(cluster.value(QStringLiteral("certificate-authority-data")).toString().toLatin1()),
            readFile(m_server->caFile()));
        if (const auto k = kubectlGet(certificateConfig, QStringLiteral("certificate-kubectl-config"))) {
            QVERIFY2(k->exitCode == 0, k->err.constData());
            QCOMPARE(k->out.trimmed(), QByteArray("configmap/flags"));
        }

        // interactiveMode: v1 requires it, Always needs a terminal Strata never
        // gives; neither runs the plugin. kubectl refuses both as well.
        const QString asked = credentialPlugin(
            QStringLiteral("asked"), { { QStringLiteral("token"), QStringLiteral("planted-bearer-token") } }, v1);
        for (const QByteArray &mode : { QByteArray(), QByteArray("      interactiveMode: Always\n") }) {
            const QByteArray kubeconfig = execConfig(asked, v1.toUtf8(), mode);
            const KubeResponse r = read(kubeconfig, QStringLiteral("asked-config"));
            QCOMPARE(r.failure, KubeResponse::Failure::Configuration);
            QVERIFY2(r.error.contains(QLatin1String("interactiveMode")), qPrintable(r.error));
            QCOMPARE(runsOf(QStringLiteral("asked")), 0);
            if (const auto k = kubectlGet(kubeconfig, QStringLiteral("asked-kubectl-config"))) {
                QVERIFY(k->exitCode != 0);
                QVERIFY2(k->err.contains("interactive"), k->err.constData());
            }
        }
    }

    // While one read waits on a plugin (a browser login, say), another read
    // as the same user waits for that run instead of starting a second —
    // and still hears its own cancel at once.
    void aReadWaitingOnAnotherReadsPluginHearsItsOwnCancel()
    {
        const QString go = m_tmp.filePath(QStringLiteral("login-done"));
        const QString started = m_tmp.filePath(QStringLiteral("login-started"));
        const QString script = m_tmp.filePath(QStringLiteral("slow-login.sh"));
        writeFile(script,
            "#!/bin/sh\necho started >> '" + started.toUtf8() + "'\nwhile [ ! -f '" + go.toUtf8()
                + "' ]; do sleep 0.05; done\n"
                  "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                  "\"status\":{\"token\":\"planted-bearer-token\"}}'\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray text = execConfig(script, "client.authentication.k8s.io/v1", "      interactiveMode: Never\n");
        const Kubeconfig c = KubeconfigLoader::parse(text, m_tmp.filePath(QStringLiteral("slow-config")));
        const QString path = QStringLiteral("/api/v1/namespaces/shop/configmaps/flags");
        KubeClient first(c, QStringLiteral("token"));
        first.setExecApproved(true);
        KubeResponse firstAnswer;
        std::thread waiting([&] { firstAnswer = first.get(path); });
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(started), 20000);

        KubeClient second(c, QStringLiteral("token"));
        second.setExecApproved(true);
        KubeRequest how;
        how.cancelled = [] { return true; };
        const KubeResponse cancelled = second.get(path, how);
        QCOMPARE(cancelled.failure, KubeResponse::Failure::Configuration);
        QVERIFY2(cancelled.error.contains(QLatin1String("cancelled")), qPrintable(cancelled.error));
        QVERIFY(!QFileInfo::exists(go)); // answered while the first run still waited

        writeFile(go, "");
        waiting.join();
        QVERIFY2(firstAnswer.ok(), qPrintable(firstAnswer.error));
        KubeClient third(c, QStringLiteral("token"));
        third.setExecApproved(true);
        QVERIFY(third.get(path).ok());
        QCOMPARE(readFile(started).count('\n'), 1); // one run for all three
    }

    // A plugin on no PATH Strata has, only on the one the user's shell sets
    // up for a terminal (.bashrc, .zshrc): found through that shell, started
    // as a terminal starts it, whatever its startup files print.
    void aPluginOnlyTheInteractiveShellFindsIsRun()
    {
        const QString bin = m_tmp.filePath(QStringLiteral("interactive-bin"));
        QDir().mkpath(bin);
        writeExecPlugin(bin + QStringLiteral("/strata-sso-plugin"), "planted-bearer-token",
            m_tmp.filePath(QStringLiteral("sso-runs")));
        const QString shell = m_tmp.filePath(QStringLiteral("fake-shell"));
        writeFile(shell,
            "#!/bin/sh\necho 'Welcome! You have new mail. @strata-path@/bin/false@strata-path@'\n"
            "case \"$1\" in *i*) PATH=\"$PATH:"
                + bin.toUtf8() + "\"; export PATH;; esac\nexec /bin/sh -c \"$2\"\n");
        QFile::setPermissions(shell, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(QStandardPaths::findExecutable(QStringLiteral("strata-sso-plugin")).isEmpty());
        KubeExecConfig exec;
        exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        exec.interactiveMode = QStringLiteral("Never");
        exec.command = QStringLiteral("strata-sso-plugin");
        const std::optional<QByteArray> saved
            = qEnvironmentVariableIsSet("SHELL") ? std::optional<QByteArray>(qgetenv("SHELL")) : std::nullopt;
        qputenv("SHELL", shell.toUtf8());
        const ExecCredential found = ExecCredentials::run(exec, KubeCluster());
        exec.command = QStringLiteral("strata-no-such-plugin");
        const ExecCredential missing = ExecCredentials::run(exec, KubeCluster());
        saved ? qputenv("SHELL", *saved) : qunsetenv("SHELL");
        QVERIFY2(found.ok(), qPrintable(found.error));
        QCOMPARE(found.token, QStringLiteral("planted-bearer-token"));
        QVERIFY2(missing.error.contains(QLatin1String("was not found")), qPrintable(missing.error));
    }

    void aHungExecPluginIsCancelled()
    {
        // A wrapper script (as cloud CLIs are) whose child does the waiting.
        const QString pidFile = m_tmp.filePath(QStringLiteral("hung-plugin.pids"));
        const QString script = m_tmp.filePath(QStringLiteral("hung-plugin.sh"));
        writeFile(script,
            "#!/bin/sh\nsleep 600 &\nchild=$!\necho \"$$ $child\" > '" + pidFile.toUtf8() + ".tmp'\nmv '"
                + pidFile.toUtf8() + ".tmp' '" + pidFile.toUtf8() + "'\nwait\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        KubeExecConfig exec;
        exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        exec.interactiveMode = QStringLiteral("Never");
        exec.command = script;
        // Cancelled once the plugin and its child are known to run.
        const ExecCredential stopped
            = ExecCredentials::run(exec, KubeCluster(), 600000, [&pidFile] { return QFileInfo::exists(pidFile); });
        QVERIFY2(stopped.error.contains(QLatin1String("cancelled")), qPrintable(stopped.error));
        QVERIFY(!stopped.ok());
        const QList<QByteArray> pids = readFile(pidFile).trimmed().split(' ');
        QCOMPARE(pids.size(), 2);
        // Gone, or a zombie waiting for init to reap it: not running either way.
        const auto running = [](const QByteArray &pid) {
            QFile file(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
            const QByteArray stat = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            const qsizetype close = stat.lastIndexOf(')');
            return close > 0 && stat.size() > close + 2 && stat.at(close + 2) != 'Z';
        };
        // SIGKILL is delivered when the killed process is next scheduled: wait
        // (bounded) for the child to be gone; one that was never signalled
        // sleeps on for ten minutes and fails this.
        for (const QByteArray &pid : pids)
            QTRY_VERIFY2_WITH_TIMEOUT(!running(pid), pid.constData(), 10000);

        // A read cancelled before its plugin starts does not start it.
        const QString ran = m_tmp.filePath(QStringLiteral("never-ran"));
        writeExecPlugin(m_tmp.filePath(QStringLiteral("never.sh")), "t", ran);
        exec.command = m_tmp.filePath(QStringLiteral("never.sh"));
        const ExecCredential notRun = ExecCredentials::run(exec, KubeCluster(), 600000, [] { return true; });
        QVERIFY(notRun.error.contains(QLatin1String("not run")));
        QVERIFY(!QFileInfo::exists(ran));
    }

private:
    QTemporaryDir m_tmp;
    TestApiServer *m_server = nullptr;
};

STRATA_TEST_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
