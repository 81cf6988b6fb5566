// Strata's Kubernetes client against the test API server (which the real
// kubectl accepts, tst_kubeapiserver): token, client certificate, a token
// file re-read as it rotates; 401 and 404 as Statuses; an untrusted
// certificate, a refused port and a server that never answers, each said as
// what it is; insecure-skip-tls-verify honoured only when set, with a
// warning; no credential in any message. Loopback only.

#include "StrataTestMain.h"
#include "TestApiServer.h"
#include "TestFiles.h"

#include "core/NetworkFailure.h"
#include "kube/KubeClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
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
