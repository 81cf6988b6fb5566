// Kubeconfigs as kubectl reads them: files written by `kubectl config
// set-cluster/set-credentials/set-context`, merged and compared with what
// `kubectl config get-contexts` and `kubectl config view --merge --flatten`
// say about the same files; bad files and entries said with their position
// while the rest loads; `strata contexts` prints kubectl's table. Skipped,
// with a message, where kubectl is not installed.

#include "StrataTestMain.h"
#include "TestFiles.h"

#include "kube/Kubeconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace strata;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run run(const QString &program, const QStringList &args, const QString &kubeconfig = {}, const QString &folder = {})
{
    QProcess p;
    if (!folder.isEmpty())
        p.setWorkingDirectory(folder);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!kubeconfig.isEmpty())
        env.insert(QStringLiteral("KUBECONFIG"), kubeconfig);
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(60000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

QString kubectl()
{
    return QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

void kubectlConfig(const QString &file, const QStringList &args)
{
    // Relative paths given to kubectl are relative to where it runs: beside the file.
    const Run r = run(kubectl(),
        QStringList { QStringLiteral("config") } + args + QStringList { QStringLiteral("--kubeconfig=") + file }, {},
        QFileInfo(file).absolutePath());
    if (r.exitCode != 0)
        qFatal("kubectl config %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
}

const QByteArray pem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

} // namespace

class TestKubeconfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (kubectl().isEmpty())
            QSKIP("kubectl is not installed: kubeconfigs are not compared with kubectl");
        QVERIFY(m_tmp.isValid());
        const QString a = m_tmp.filePath(QStringLiteral("a.yaml"));
        const QString b = m_tmp.filePath(QStringLiteral("sub/b.yaml"));
        QDir(m_tmp.path()).mkpath(QStringLiteral("sub/bin"));
        QDir(m_tmp.path()).mkpath(QStringLiteral("certs"));
        writeFile(m_tmp.filePath(QStringLiteral("certs/ca.crt")), pem);
        writeFile(m_tmp.filePath(QStringLiteral("certs/client.crt")), pem);
        writeFile(m_tmp.filePath(QStringLiteral("certs/client.key")),
            "-----BEGIN EC PRIVATE KEY-----\nkey\n-----END EC PRIVATE KEY-----\n");
        kubectlConfig(a,
            { QStringLiteral("set-cluster"), QStringLiteral("prod"), QStringLiteral("--server=https://127.0.0.1:6443"),
                QStringLiteral("--certificate-authority=certs/ca.crt") });
        kubectlConfig(a,
            { QStringLiteral("set-cluster"), QStringLiteral("shared"),
                QStringLiteral("--server=https://127.0.0.3:443") });
        kubectlConfig(a,
            { QStringLiteral("set-credentials"), QStringLiteral("admin"), QStringLiteral("--token=planted-token-a") });
        kubectlConfig(a,
            { QStringLiteral("set-credentials"), QStringLiteral("cert-user"),
                QStringLiteral("--client-certificate=certs/client.crt"),
                QStringLiteral("--client-key=certs/client.key") });
        kubectlConfig(a,
            { QStringLiteral("set-context"), QStringLiteral("prod"), QStringLiteral("--cluster=prod"),
                QStringLiteral("--user=admin"), QStringLiteral("--namespace=shop") });
        kubectlConfig(a,
            { QStringLiteral("set-context"), QStringLiteral("shared-a"), QStringLiteral("--cluster=shared"),
                QStringLiteral("--user=cert-user") });
        // The second file redefines shared, admin and prod: the first file's stay.
        kubectlConfig(b,
            { QStringLiteral("set-cluster"), QStringLiteral("shared"),
                QStringLiteral("--server=https://127.0.0.4:443") });
        kubectlConfig(b,
            { QStringLiteral("set-cluster"), QStringLiteral("replica"),
                QStringLiteral("--server=https://127.0.0.2:6443"), QStringLiteral("--insecure-skip-tls-verify=true") });
        kubectlConfig(b,
            { QStringLiteral("set-credentials"), QStringLiteral("admin"), QStringLiteral("--token=planted-token-b") });
        kubectlConfig(b,
            { QStringLiteral("set-credentials"), QStringLiteral("plugin-user"),
                QStringLiteral("--exec-command=./bin/get-token"),
                QStringLiteral("--exec-api-version=client.authentication.k8s.io/v1"),
                QStringLiteral("--exec-arg=--cluster=replica"), QStringLiteral("--exec-env=REGION=eu"),
                QStringLiteral("--exec-interactive-mode=Never") });
        kubectlConfig(b,
            { QStringLiteral("set-context"), QStringLiteral("replica"), QStringLiteral("--cluster=replica"),
                QStringLiteral("--user=plugin-user"), QStringLiteral("--namespace=shop") });
        kubectlConfig(b,
            { QStringLiteral("set-context"), QStringLiteral("prod"), QStringLiteral("--cluster=replica"),
                QStringLiteral("--user=admin"), QStringLiteral("--namespace=other") });
        kubectlConfig(b, { QStringLiteral("use-context"), QStringLiteral("replica") });
        m_a = a;
        m_b = b;
    }

    void mergedAsKubectlMergesThem()
    {
        const Kubeconfig c = KubeconfigLoader::load({ m_a, m_b });
        QVERIFY2(!hasErrors(c.diagnostics), qPrintable(c.diagnostics.value(0).toString()));
        QCOMPARE(c.currentContext, QStringLiteral("replica"));
        QCOMPARE(c.cluster(QStringLiteral("shared"))->server, QStringLiteral("https://127.0.0.3:443")); // first wins
        QCOMPARE(c.user(QStringLiteral("admin"))->token, QStringLiteral("planted-token-a"));
        QCOMPARE(c.context(QStringLiteral("prod"))->ns, QStringLiteral("shop"));
        QCOMPARE(
            c.cluster(QStringLiteral("prod"))->certificateAuthority, m_tmp.filePath(QStringLiteral("certs/ca.crt")));
        const KubeUser *plugin = c.user(QStringLiteral("plugin-user"));
        QVERIFY(plugin && plugin->exec);
        QCOMPARE(plugin->exec->command,
            QDir::cleanPath(m_tmp.filePath(QStringLiteral("sub/bin/get-token")))); // beside b.yaml
        QCOMPARE(plugin->exec->args, QStringList { QStringLiteral("--cluster=replica") });
        QCOMPARE(plugin->exec->env.value(0), qMakePair(QStringLiteral("REGION"), QStringLiteral("eu")));
        QCOMPARE(plugin->exec->interactiveMode, QStringLiteral("Never"));
        QCOMPARE(plugin->authKind(), QStringLiteral("exec plugin get-token"));
        QCOMPARE(c.user(QStringLiteral("cert-user"))->authKind(), QStringLiteral("client certificate"));
        QVERIFY(c.cluster(QStringLiteral("replica"))->insecureSkipTlsVerify);

        // kubectl on the same files: every cluster, user and context the same.
        const Run view = run(kubectl(),
            { QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--merge"), QStringLiteral("--flatten"),
                QStringLiteral("-o"), QStringLiteral("json") },
            m_a + QLatin1Char(':') + m_b);
        QCOMPARE(view.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(view.out).object();
        QCOMPARE(doc.value(QStringLiteral("current-context")).toString(), c.currentContext);
        const QJsonArray clusters = doc.value(QStringLiteral("clusters")).toArray();
        QCOMPARE(clusters.size(), c.clusters.size());
        for (const QJsonValue &v : clusters) {
            const QJsonObject cl = v.toObject().value(QStringLiteral("cluster")).toObject();
            const KubeCluster *ours = c.cluster(v.toObject().value(QStringLiteral("name")).toString());
            QVERIFY(ours);
            QCOMPARE(ours->server, cl.value(QStringLiteral("server")).toString());
            QCOMPARE(ours->insecureSkipTlsVerify, cl.value(QStringLiteral("insecure-skip-tls-verify")).toBool());
            const QByteArray ca
                = QByteArray::fromBase64(cl.value(QStringLiteral("certificate-authority-data")).toString().toLatin1());
            QCOMPARE(ours->certificateAuthority.isEmpty() ? QByteArray() : readFile(ours->certificateAuthority), ca);
        }
        const QJsonArray users = doc.value(QStringLiteral("users")).toArray();
        QCOMPARE(users.size(), c.users.size());
        for (const QJsonValue &v : users) {
            const QJsonObject u = v.toObject().value(QStringLiteral("user")).toObject();
            const KubeUser *ours = c.user(v.toObject().value(QStringLiteral("name")).toString());
            QVERIFY(ours);
            QCOMPARE(ours->token, u.value(QStringLiteral("token")).toString());
            const QByteArray cert
                = QByteArray::fromBase64(u.value(QStringLiteral("client-certificate-data")).toString().toLatin1());
            QCOMPARE(ours->clientCertificate.isEmpty() ? QByteArray() : readFile(ours->clientCertificate), cert);
            if (ours->exec) {
                // view shows the command as stored; kubectl runs it from the folder of its file.
                const QString stored
                    = u.value(QStringLiteral("exec")).toObject().value(QStringLiteral("command")).toString();
                QCOMPARE(
                    ours->exec->command, QDir::cleanPath(QFileInfo(m_b).absolutePath() + QLatin1Char('/') + stored));
            }
        }
        QStringList ourContexts, theirContexts;
        for (const KubeContext &x : c.contexts)
            ourContexts.append(QStringLiteral("%1 %2 %3 %4").arg(x.name, x.cluster, x.user, x.ns));
        for (const QJsonValue &v : doc.value(QStringLiteral("contexts")).toArray()) {
            const QJsonObject x = v.toObject().value(QStringLiteral("context")).toObject();
            theirContexts.append(
                QStringLiteral("%1 %2 %3 %4")
                    .arg(v.toObject().value(QStringLiteral("name")).toString(),
                        x.value(QStringLiteral("cluster")).toString(), x.value(QStringLiteral("user")).toString(),
                        x.value(QStringLiteral("namespace")).toString()));
        }
        ourContexts.sort();
        theirContexts.sort();
        QCOMPARE(ourContexts, theirContexts);
    }

    void theContextsCommandPrintsKubectlsTable()
    {
        const Run kube = run(
            kubectl(), { QStringLiteral("config"), QStringLiteral("get-contexts") }, m_a + QLatin1Char(':') + m_b);
        QCOMPARE(kube.exitCode, 0);
        const Run ours = run(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("contexts"), QStringLiteral("--kubeconfig"), m_a, QStringLiteral("--kubeconfig"), m_b });
        QCOMPARE(ours.exitCode, 0);
        const QList<QByteArray> theirs = kube.out.split('\n');
        const QList<QByteArray> mine = ours.out.split('\n');
        QCOMPARE(mine.size(), theirs.size());
        for (qsizetype i = 0; i < theirs.size(); ++i)
            QVERIFY2(mine.at(i).startsWith(theirs.at(i)), QByteArray(mine.at(i) + " | " + theirs.at(i)).constData());
        QVERIFY(mine.at(0).endsWith("SERVER"));
        // The same from $KUBECONFIG, the way kubectl finds the files.
        const Run fromEnv
            = run(QStringLiteral(STRATA_BINARY), { QStringLiteral("contexts") }, m_a + QLatin1Char(':') + m_b);
        QCOMPARE(fromEnv.out, ours.out);
        const Run json = run(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("contexts"), QStringLiteral("--format"), QStringLiteral("json") },
            m_a + QLatin1Char(':') + m_b);
        QCOMPARE(json.exitCode, 0);
        for (const Run &r : { ours, fromEnv, json })
            QVERIFY(!r.out.contains("planted-token") && !r.err.contains("planted-token"));
        QVERIFY(json.out.contains("\"auth\": \"exec plugin get-token\""));
    }

    void badFilesAndEntriesAreSaidAndTheRestLoads()
    {
        const QString broken = m_tmp.filePath(QStringLiteral("broken.yaml"));
        writeFile(broken, "apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: [\n");
        const QString odd = m_tmp.filePath(QStringLiteral("odd.yaml"));
        writeFile(odd,
            "apiVersion: v1\ncontexts:\n- context: {cluster: prod}\n- name: flat\n  context: just-a-string\n"
            "- name: fine\n  context: {cluster: prod, user: admin}\nusers:\n- name: bad-data\n  user:\n"
            "    client-certificate-data: \"not base64 !!\"\n");
        const Kubeconfig c
            = KubeconfigLoader::load({ broken, odd, m_a, m_tmp.filePath(QStringLiteral("missing.yaml")) });
        QStringList said;
        for (const Diagnostic &d : c.diagnostics)
            said.append(d.toString());
        const QString all = said.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(broken + QStringLiteral(":5:1: error")), qPrintable(all)); // where libyaml found it
        QVERIFY2(
            all.contains(odd + QStringLiteral(":3:3: error: an entry of 'contexts' has no name")), qPrintable(all));
        QVERIFY2(all.contains(odd + QStringLiteral(":5:12: error: 'context' of flat must be a map")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("'client-certificate-data' is not base64")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("missing.yaml: warning: no such file")), qPrintable(all));
        QVERIFY(!all.contains(QLatin1String("not base64 !!")) && !all.contains(QLatin1String("planted")));
        QVERIFY(c.context(QStringLiteral("fine")));
        QVERIFY(c.context(QStringLiteral("prod"))); // the good file still loads
        QVERIFY(!c.context(QStringLiteral("flat")));

        const Run cli = run(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("contexts"), QStringLiteral("--kubeconfig"), odd, QStringLiteral("--kubeconfig"), m_a });
        QCOMPARE(cli.exitCode, 3); // listed what it could, said what it could not
        QVERIFY(cli.out.contains("fine"));
        QVERIFY(cli.err.contains("has no name"));
        const Run none = run(QStringLiteral(STRATA_BINARY),
            { QStringLiteral("contexts"), QStringLiteral("--kubeconfig"),
                m_tmp.filePath(QStringLiteral("missing.yaml")) });
        QCOMPARE(none.exitCode, 3); // named explicitly, it must exist (as for kubectl --kubeconfig)
        QVERIFY(none.err.contains("no such kubeconfig"));
    }

    // A big merged kubeconfig loads whole, with no network (behaviour, not time).
    void fiveThousandContexts()
    {
        QByteArray text = "apiVersion: v1\nkind: Config\nclusters:\n";
        for (int i = 0; i < 5000; ++i)
            text += "- name: c" + QByteArray::number(i)
                + "\n  cluster: {server: \"https://127.0.0.1:" + QByteArray::number(10000 + i) + "\"}\n";
        text += "users:\n- name: u\n  user: {token: t}\ncontexts:\n";
        for (int i = 0; i < 5000; ++i)
            text += "- name: ctx" + QByteArray::number(i) + "\n  context: {cluster: c" + QByteArray::number(i)
                + ", user: u}\n";
        const Kubeconfig c = KubeconfigLoader::parse(text, QStringLiteral("big.yaml"));
        QCOMPARE(c.contexts.size(), 5000);
        QCOMPARE(c.cluster(c.context(QStringLiteral("ctx4999"))->cluster)->server,
            QStringLiteral("https://127.0.0.1:14999"));
    }

private:
    QTemporaryDir m_tmp;
    QString m_a, m_b;
};

STRATA_TEST_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
