// Live Kubernetes sources end to end: a case naming two contexts is read
// from two test API servers (which the real kubectl accepts,
// tst_kubeapiserver), captured into the case folder, and analysed by the
// same importer, diff and rules as the kubectl output files the real kubectl
// writes from the same servers — the outcome must be identical, live, from
// files, and re-opened offline. Also: discovery (kinds, short names, custom
// resources, aggregated discovery), Secret values never on disk, and each
// failure said per context while the other context is still read.
// Loopback only.

#include "StrataTestMain.h"
#include "TestApiServer.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "case/CaseFileWriter.h"
#include "core/JobRunner.h"
#include "diff/SecretFingerprint.h"
#include "evidence/CaseCaptures.h"
#include "investigation/Analyzer.h"
#include "kube/ExecApprovals.h"
#include "kube/KubeDiscovery.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <memory>
#include <thread>

using namespace strata;

namespace {

const QString referenceCase = QStringLiteral(STRATA_SHARED_DIR "/reference-case");
const QString flagsPath = QStringLiteral("/api/v1/namespaces/platform/configmaps/feature-flags");

// The reference case's ConfigMap as an API server serves it, with the
// managedFields that say who last wrote its data.
QByteArray flags(const QByteArray &rv, const QByteArray &checkout, const QByteArray &cart, const QByteArray &manager)
{
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"feature-flags\",\"namespace\":"
           "\"platform\",\"uid\":\"6c0b5a8e-1d2f-4c3b-9a7e-2f1e0d9c8b7a\",\"resourceVersion\":\""
        + rv + "\",\"creationTimestamp\":\"2025-02-20T08:00:00Z\",\"managedFields\":[{\"manager\":\"" + manager
        + "\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2025-03-01T09:58:31Z\",\"fieldsType\":"
          "\"FieldsV1\",\"fieldsV1\":{\"f:data\":{\".\":{},\"f:enable_dark_mode\":{},\"f:enable_new_checkout\":{},"
          "\"f:max_cart_items\":{}}}}]},\"data\":{\"enable_dark_mode\":\"true\",\"enable_new_checkout\":\""
        + checkout + "\",\"max_cart_items\":\"" + cart + "\"}}";
}

QByteArray secret(const QByteArray &value)
{
    const QByteArray b64 = value.toBase64();
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"Opaque\",\"metadata\":{\"name\":\"db\",\"namespace\":"
           "\"platform\",\"resourceVersion\":\"77\",\"annotations\":{\"kubectl.kubernetes.io/"
           "last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"v1\\\",\\\"data\\\":{\\\"password\\\":\\\""
        + b64 + "\\\"},\\\"kind\\\":\\\"Secret\\\"}\"}},\"data\":{\"password\":\"" + b64 + "\"}}";
}

// Everything the diff and the rules said, without where it was read from.
// Rows are sorted within an object: they come in the order of the first
// copy's keys, and kubectl prints keys sorted where the server does not.
QStringList outcome(const AnalysisResult &r)
{
    QStringList out;
    for (const ResourceDiff &d : r.resources) {
        for (const FieldDiff &f : d.fields) {
            if (f.noise)
                continue;
            QStringList cells;
            for (Column c : allColumns)
                cells.append(f.cell(c).present ? f.cell(c).value.text : QStringLiteral("-"));
            out.append(QStringLiteral("%1 %2 %3 [%4]")
                           .arg(d.id.toString(), f.path, f.statusNames().join(QLatin1Char('+')),
                               cells.join(QStringLiteral(" | "))));
        }
    }
    std::sort(out.begin(), out.end());
    for (const Finding &f : r.findings)
        out.append(QStringLiteral("finding %1 %2 %3 | %4").arg(f.id, f.resource, f.title, f.detail));
    return out;
}

const Finding *finding(const AnalysisResult &r, const QString &id, const QString &resource = {})
{
    for (const Finding &f : r.findings) {
        if (f.id == id && (resource.isEmpty() || f.resource == resource))
            return &f;
    }
    return nullptr;
}

const FieldDiff *row(const AnalysisResult &r, const QString &resource, const QString &path)
{
    for (const ResourceDiff &d : r.resources) {
        if (d.id.toString() != resource)
            continue;
        for (const FieldDiff &f : d.fields) {
            if (f.path == path)
                return &f;
        }
    }
    return nullptr;
}

QByteArray allBytesUnder(const QString &folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += readFile(it.next());
    return all;
}

} // namespace

class TestLiveCapture : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    TestApiServer *m_live = nullptr;
    TestApiServer *m_replica = nullptr;
    QString m_kubeconfig;
    quint16 m_closedPort = 0;

    // A case folder holding the reference case's Terraform, etcd, metrics and
    // log evidence; `extra` is appended to the case file.
    QString makeCase(const QString &name, const QByteArray &evidence, const QByteArray &sources,
        const QByteArray &resources = "[configmap/platform/feature-flags]")
    {
        const QString folder = m_tmp.filePath(name);
        QDir().mkpath(folder + QStringLiteral("/terraform"));
        for (const QString &f : QDir(referenceCase + QStringLiteral("/terraform/platform")).entryList(QDir::Files))
            writeFile(folder + QStringLiteral("/terraform/") + f,
                readFile(referenceCase + QStringLiteral("/terraform/platform/") + f));
        writeFile(folder + QStringLiteral("/status.txt"),
            readFile(referenceCase + QStringLiteral("/artifacts/etcdctl-endpoint-status.txt")));
        writeFile(folder + QStringLiteral("/case.yaml"),
            "strata: 1\ntitle: live\nresources: " + resources
                + "\nevidence:\n  - path: status.txt\n  - path: terraform\n    role: code\n"
                  "  - path: terraform/terraform.tfstate\n    role: state\n"
                + evidence + sources);
        return folder + QStringLiteral("/case.yaml");
    }

    QByteArray sources(const QByteArray &live, const QByteArray &replica, const QByteArray &extra = {}) const
    {
        return "sources:\n  kubernetes:\n    kubeconfig: " + m_kubeconfig.toUtf8() + "\n    contexts: {live: " + live
            + ", replica: " + replica + "}\n" + extra;
    }

    static AnalysisResult analyze(const QString &casePath, const AnalyzeOptions &options = fastOptions())
    {
        const CaseFileReadResult read = CaseFileReader::readFile(casePath);
        if (!read.caseFile)
            qFatal("case file %s not read", qPrintable(casePath));
        return Analyzer::analyze(*read.caseFile, nullptr, read.diagnostics, options);
    }

    static AnalyzeOptions fastOptions()
    {
        AnalyzeOptions o;
        o.capture.retryFirstDelayMs = 1; // 429/5xx retried at once: no waiting in tests
        return o;
    }

    static AnalyzeOptions offline()
    {
        AnalyzeOptions o = fastOptions();
        o.offline = true;
        return o;
    }

    // The plan's read-only kubectl commands, pasted into a shell as an
    // engineer would: they name this case's kubeconfig and contexts, and the
    // real kubectl reads the right server with them.
    void planCommandsRunWithTheRealKubectl(const AnalysisResult &live)
    {
        const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        if (kubectl.isEmpty()) {
            qWarning("kubectl is not installed: the plan's kubectl commands were not run");
            return;
        }
        QStringList ran;
        for (const Proposal &p : live.proposals) {
            for (const PlanCommand &c : p.commands) {
                if (!c.readOnly || !c.command.startsWith(QStringLiteral("kubectl ")))
                    continue;
                QVERIFY2(c.command.contains(QStringLiteral("--kubeconfig=") + m_kubeconfig), qPrintable(c.command));
                const TestApiServer::ClientRun r = TestApiServer::runClient(QStringLiteral("/bin/sh"),
                    { QStringLiteral("-c"),
                        QStringLiteral("KUBECACHEDIR=%1; export KUBECACHEDIR; cd %2 && %3")
                            .arg(m_tmp.filePath(QStringLiteral("kubectl-cache")),
                                m_tmp.filePath(QStringLiteral("live")), c.command) });
                // The test server serves objects, not /readyz: reaching it and being told so is enough.
                const bool raw = c.command.contains(QStringLiteral("--raw="));
                QVERIFY2(r.exitCode == 0 || (raw && r.err.contains("NotFound")),
                    qPrintable(c.command + QLatin1Char('\n') + QString::fromUtf8(r.err)));
                if (c.command.contains(QStringLiteral("--show-managed-fields"))
                    && c.command.contains(QStringLiteral("feature-flags")))
                    QVERIFY2(r.out.contains("kubectl-edit"), r.out.constData());
                if (c.command.contains(QStringLiteral("resourceVersion")))
                    QCOMPARE(r.out.trimmed(),
                        c.command.contains(QStringLiteral("--context=prod-read-replica")) ? QByteArray("288847")
                                                                                          : QByteArray("289102"));
                ran.append(c.command);
            }
        }
        QVERIFY2(ran.size() >= 4, qPrintable(ran.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: no certificates for the test API servers");
        QDir().mkpath(m_tmp.filePath(QStringLiteral("live-server")));
        QDir().mkpath(m_tmp.filePath(QStringLiteral("replica-server")));
        m_live = new TestApiServer(m_tmp.filePath(QStringLiteral("live-server")), this);
        m_replica = new TestApiServer(m_tmp.filePath(QStringLiteral("replica-server")), this);
        m_live->setToken(QStringLiteral("planted-live-token"));
        m_replica->setToken(QStringLiteral("planted-replica-token"));
        // Live was edited by hand after the last apply; the replica still
        // serves an older revision, the one Terraform state recorded.
        m_live->addObject(flagsPath, flags("289102", "true", "50", "kubectl-edit"));
        m_replica->addObject(flagsPath, flags("288847", "false", "25", "terraform-provider-kubernetes"));
        QString error;
        QVERIFY2(m_live->start(&error), qPrintable(error));
        QVERIFY2(m_replica->start(&error), qPrintable(error));
        QTcpServer probe; // a port nobody listens on once freed
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_closedPort = probe.serverPort();
        probe.close();

        m_kubeconfig = m_tmp.filePath(QStringLiteral("kubeconfig"));
        const auto cluster = [](const QByteArray &name, const QString &url, const QString &ca) -> QByteArray {
            return "- name: " + name + "\n  cluster:\n    server: " + url.toUtf8()
                + "\n    certificate-authority: " + ca.toUtf8() + "\n";
        };
        writeFile(m_kubeconfig,
            "apiVersion: v1\nkind: Config\nclusters:\n" + cluster("prod", m_live->url(), m_live->caFile())
                + cluster("prod-replica", m_replica->url(), m_replica->caFile())
                + cluster("gone", QStringLiteral("https://127.0.0.1:%1").arg(m_closedPort), m_live->caFile())
                + "users:\n- name: sre\n  user: {token: planted-live-token}\n"
                  "- name: reader\n  user: {token: planted-replica-token}\n"
                  "- name: stranger\n  user: {token: planted-wrong-token}\n"
                  "contexts:\n- name: prod\n  context: {cluster: prod, user: sre}\n"
                  "- name: prod-read-replica\n  context: {cluster: prod-replica, user: reader}\n"
                  "- name: gone\n  context: {cluster: gone, user: sre}\n"
                  "- name: wrong-user\n  context: {cluster: prod-replica, user: stranger}\n"
                  "current-context: prod\n");
        ExecApprovals::setFileForTesting(m_tmp.filePath(QStringLiteral("exec-approvals.json")));
    }

    // Kinds as users type them, resolved through discovery as kubectl
    // resolves them; aggregated discovery needs only the two root documents.
    void discoveryResolvesKindsShortNamesAndCustomResources()
    {
        const Kubeconfig config = KubeconfigLoader::load({ m_kubeconfig }, true);
        KubeClient client(config, QStringLiteral("prod"));
        client.setRetryPolicy(3, 1); // a 5xx is retried at once: no waiting in tests
        for (bool aggregated : { false, true }) {
            m_live->setAggregatedDiscovery(aggregated);
            const int before = m_live->requests().size();
            KubeDiscovery discovery([&](const QString &path, const QByteArray &accept) {
                KubeRequest how;
                how.accept = accept;
                return client.get(path, how);
            });
            QString error;
            const auto cm = discovery.resolve(QStringLiteral("cm"), &error);
            QVERIFY2(cm, qPrintable(error));
            QCOMPARE(cm->objectPath(QStringLiteral("platform"), QStringLiteral("feature-flags")), flagsPath);
            const struct
            {
                const char *typed, *path;
            } cases[] = {
                { "ConfigMap", "/api/v1/namespaces/n/configmaps/x" },
                { "configmaps", "/api/v1/namespaces/n/configmaps/x" },
                { "deploy", "/apis/apps/v1/namespaces/n/deployments/x" },
                { "deployment.apps", "/apis/apps/v1/namespaces/n/deployments/x" },
                { "deployments.v1.apps", "/apis/apps/v1/namespaces/n/deployments/x" },
                { "sts", "/apis/apps/v1/namespaces/n/statefulsets/x" },
                { "wd", "/apis/example.com/v1/namespaces/n/widgets/x" },
                { "widgets.example.com", "/apis/example.com/v1/namespaces/n/widgets/x" },
                { "ns", "/api/v1/namespaces/x" }, // cluster-scoped: no namespace in the path
            };
            for (const auto &c : cases) {
                const auto t = discovery.resolve(QString::fromLatin1(c.typed), &error);
                QVERIFY2(t, qPrintable(QString::fromLatin1(c.typed) + QStringLiteral(": ") + error));
                QCOMPARE(t->objectPath(QStringLiteral("n"), QStringLiteral("x")), QString::fromLatin1(c.path));
            }
            QVERIFY(!discovery.resolve(QStringLiteral("gizmo"), &error));
            QCOMPARE(error, QStringLiteral("the server has no resource type 'gizmo'"));
            QVERIFY(!discovery.resolve(QStringLiteral("deployment.example.com"), &error));
            // Read once for all of them; aggregated: /api and /apis only.
            const QStringList asked = m_live->requests().mid(before);
            QCOMPARE(asked.size(), aggregated ? 2 : 5);
        }
        m_live->setAggregatedDiscovery(false);

        // A group whose document fails (a stale APIService) hides only its own kinds, and says so.
        m_live->failWith(QStringLiteral("/apis/example.com/v1"), 503);
        KubeDiscovery partial([&](const QString &path, const QByteArray &accept) {
            KubeRequest how;
            how.accept = accept;
            return client.get(path, how);
        });
        QString error;
        QVERIFY(partial.resolve(QStringLiteral("deploy"), &error));
        QVERIFY(!partial.resolve(QStringLiteral("wd"), &error));
        QVERIFY2(error.contains(QLatin1String("could not read example.com/v1")), qPrintable(error));
        m_live->failWith(QStringLiteral("/apis/example.com/v1"), 503, 0);
    }

    // The same servers read live, and through the files the real kubectl
    // writes from them: the same rows, statuses, cells and findings.
    void liveAnalysisEqualsTheKubectlFiles()
    {
        const QString liveCase = makeCase(QStringLiteral("live"), {}, sources("prod", "prod-read-replica"));
        const AnalysisResult live = analyze(liveCase);
        QVERIFY2(live.completeness.isComplete(), qPrintable(live.completeness.summary()));
        QVERIFY(live.capture);
        QCOMPARE(live.capture->contexts.size(), 2);
        for (const CapturedContext &c : live.capture->contexts) {
            QVERIFY2(c.reachable && c.error.isEmpty(), qPrintable(c.error));
            QCOMPARE(c.serverVersion, QStringLiteral("v1.30.0-strata-test"));
            // The case's resource first, then what Terraform's code and state hold.
            QStringList read;
            for (const CapturedObject &o : c.objects) {
                read.append(QStringLiteral("%1 %2").arg(o.resource).arg(o.status));
                QVERIFY(o.latencyMs >= 0);
            }
            QCOMPARE(read.first(), QStringLiteral("configmap/platform/feature-flags 200"));
            QVERIFY2(read.contains(QStringLiteral("namespace/platform 200")), qPrintable(read.join(QLatin1Char(','))));
            QVERIFY2(read.contains(QStringLiteral("configmap/platform/checkout-settings 404")),
                qPrintable(read.join(QLatin1Char(','))));
        }
        QCOMPARE(live.capture->contexts.at(0).user, QStringLiteral("sre"));
        QCOMPARE(live.capture->contexts.at(0).authKind, QStringLiteral("token"));
        // The capture is in the case folder, kubectl-shaped, without a credential.
        const QString folder = live.capture->folder;
        QVERIFY(folder.startsWith(m_tmp.filePath(QStringLiteral("live/captures/"))));
        QVERIFY(QFile::exists(folder + QStringLiteral("/manifest.json")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/live/0001-configmap.platform.feature-flags.json")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/replica/0001-configmap.platform.feature-flags.json")));
        QVERIFY(!allBytesUnder(folder).contains("planted"));

        // Who changed it, from the live object's managedFields.
        const Finding *drift = finding(live, QStringLiteral("live-drift"));
        QVERIFY(drift);
        QVERIFY2(drift->detail.contains(QLatin1String("kubectl-edit (Update, 2025-03-01T09:58:31Z)")),
            qPrintable(drift->detail));
        const Finding *stale = finding(live, QStringLiteral("stale-replica"));
        QVERIFY(stale);
        QVERIFY2(stale->detail.contains(QLatin1String("288847")) && stale->detail.contains(QLatin1String("289102")),
            qPrintable(stale->detail));
        planCommandsRunWithTheRealKubectl(live);

        // The same objects as kubectl prints them (when kubectl is here; the
        // served JSON otherwise), as evidence files.
        const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        QByteArray files;
        QDir().mkpath(m_tmp.filePath(QStringLiteral("files")));
        for (const auto &[context, role] :
            { std::pair { "prod", "live" }, std::pair { "prod-read-replica", "replica" } }) {
            QByteArray text;
            if (!kubectl.isEmpty()) {
                const TestApiServer::ClientRun r = TestApiServer::runClient(kubectl,
                    { QStringLiteral("--kubeconfig=") + m_kubeconfig,
                        QStringLiteral("--context=") + QLatin1String(context),
                        QStringLiteral("--cache-dir=") + m_tmp.filePath(QStringLiteral("kubectl-cache")),
                        QStringLiteral("get"), QStringLiteral("configmap/feature-flags"),
                        QStringLiteral("namespace/platform"), QStringLiteral("-n"), QStringLiteral("platform"),
                        QStringLiteral("-o"), QStringLiteral("yaml"), QStringLiteral("--show-managed-fields") });
                QVERIFY2(r.exitCode == 0, r.err.constData());
                text = "# kubectl get configmap/feature-flags namespace/platform -n platform -o yaml --context="
                    + QByteArray(context) + "\n" + r.out;
            } else {
                qWarning("kubectl is not installed: the files are the served JSON, not kubectl's own output");
                const QString captured = folder + QLatin1Char('/') + QLatin1String(role);
                text = "# --context=" + QByteArray(context) + "\n";
                for (const QString &f : QDir(captured).entryList(QDir::Files))
                    text += readFile(captured + QLatin1Char('/') + f) + "\n";
            }
            writeFile(m_tmp.filePath(QStringLiteral("files/%1.yaml").arg(QLatin1String(role))), text);
            files += "  - path: " + QByteArray(role) + ".yaml\n    role: " + role + "\n";
        }
        const AnalysisResult fromFiles = analyze(makeCase(QStringLiteral("files"), files, {}));
        QVERIFY2(fromFiles.completeness.isComplete(), qPrintable(fromFiles.completeness.summary()));
        QCOMPARE(outcome(live), outcome(fromFiles));

        // Re-opened without a network: the newest capture, the same analysis.
        const AnalysisResult again = analyze(liveCase, offline());
        QVERIFY(again.capture);
        QCOMPARE(again.capture->folder, folder);
        QCOMPARE(outcome(again), outcome(live));

        // A later read that fails (the replica answers as a web server) is
        // said; offline then prefers the last read in which both answered.
        m_replica->setVersionBody("<html>maintenance</html>");
        const AnalysisResult failed = analyze(liveCase);
        m_replica->setVersionBody({});
        QVERIFY(!failed.completeness.isComplete());
        const AnalysisResult preferred = analyze(liveCase, offline());
        QCOMPARE(preferred.capture->folder, folder);
        QCOMPARE(outcome(preferred), outcome(live));
    }

    void offlineWithoutACaptureIsIncomplete()
    {
        const AnalysisResult r
            = analyze(makeCase(QStringLiteral("never-read"), {}, sources("prod", "prod-read-replica")), offline());
        QVERIFY(!r.completeness.isComplete());
        QCOMPARE(r.completeness.coverage[size_t(columnIndex(Column::Live))], ColumnEvidence::Incomplete);
        QVERIFY(r.completeness.problems.first().reason.contains(QLatin1String("no capture")));
        const int before = m_live->requests().size();
        analyze(makeCase(QStringLiteral("never-read-2"), {}, sources("prod", "prod-read-replica")), offline());
        QCOMPARE(m_live->requests().size(), before); // offline: not one request
    }

    // Saved in another folder, a case brings what it read along: re-opened
    // there without a network, the same analysis from the same capture. An
    // unsaved case's captures share a cache with every other unsaved case:
    // only the capture of its own contexts comes along.
    void capturesComeAlongWhenSavedElsewhere()
    {
        const QString original = makeCase(QStringLiteral("carried"), {}, sources("prod", "prod-read-replica"));
        const AnalysisResult live = analyze(original);
        QVERIFY2(live.completeness.isComplete(), qPrintable(live.completeness.summary()));
        QVERIFY(live.capture);
        const QString recording = QFileInfo(original).path() + QStringLiteral("/recordings/etcd-20261201T000000Z.tsv");
        QDir().mkpath(QFileInfo(recording).path());
        writeFile(recording, "{\"recorded\":true}\n");

        CaseFile moved = *CaseFileReader::readFile(original).caseFile;
        const CaseFile before = moved;
        QDir().mkpath(m_tmp.filePath(QStringLiteral("moved")));
        QCOMPARE(CaseFileWriter::save(moved, m_tmp.filePath(QStringLiteral("moved/case.yaml"))), QString());
        const CaseCaptures::CarryResult carried = CaseCaptures::carry(before, moved);
        QVERIFY2(carried.ok(), qPrintable(carried.errors.join(QLatin1Char('\n'))));
        const qsizetype capturedFiles
            = QDir(live.capture->folder).entryList(QDir::Files).size() + 2; // manifest and the two roles' objects
        QVERIFY2(carried.files >= capturedFiles, qPrintable(QString::number(carried.files)));
        QCOMPARE(readFile(m_tmp.filePath(QStringLiteral("moved/recordings/etcd-20261201T000000Z.tsv"))),
            QByteArray("{\"recorded\":true}\n"));

        const int requests = m_live->requests().size();
        const AnalysisResult reopened = analyze(m_tmp.filePath(QStringLiteral("moved/case.yaml")), offline());
        QCOMPARE(m_live->requests().size(), requests);
        QVERIFY(reopened.capture);
        QVERIFY2(reopened.capture->folder.startsWith(m_tmp.filePath(QStringLiteral("moved/captures/"))),
            qPrintable(reopened.capture->folder));
        QVERIFY2(reopened.completeness.isComplete(), qPrintable(reopened.completeness.summary()));
        QCOMPARE(outcome(reopened), outcome(live));
        // Nothing is taken from where it was, nor replaced where it went.
        QVERIFY(QFile::exists(live.capture->folder + QStringLiteral("/manifest.json")));
        QCOMPARE(CaseCaptures::carry(before, moved).files, 0);

        // A capture that cannot be brought whole comes without its manifest
        // (so it is not read as a capture), and whole on the next save.
        const QString captureName = QFileInfo(live.capture->folder).fileName();
        const QString blocked = m_tmp.filePath(QStringLiteral("partly/captures/%1/live").arg(captureName));
        QDir().mkpath(QFileInfo(blocked).path());
        writeFile(blocked, "a file where the capture's folder must go");
        CaseFile partly = *CaseFileReader::readFile(original).caseFile;
        QCOMPARE(CaseFileWriter::save(partly, m_tmp.filePath(QStringLiteral("partly/case.yaml"))), QString());
        const CaseCaptures::CarryResult broken = CaseCaptures::carry(before, partly);
        QVERIFY(!broken.ok());
        QVERIFY(!QFileInfo::exists(QFileInfo(blocked).path() + QStringLiteral("/manifest.json")));
        QVERIFY(!analyze(m_tmp.filePath(QStringLiteral("partly/case.yaml")), offline()).capture);
        QFile::remove(blocked);
        QVERIFY2(CaseCaptures::carry(before, partly).ok(), "the second save brings the rest");
        const AnalysisResult mended = analyze(m_tmp.filePath(QStringLiteral("partly/case.yaml")), offline());
        QVERIFY(mended.capture);
        QCOMPARE(outcome(mended), outcome(live));

        // Two unsaved cases read into the shared cache; the first, saved,
        // brings only its own.
        const auto unsaved = [this](const QByteArray &replica) {
            return *CaseFileReader::readText(
                "strata: 1\ntitle: unsaved\nresources: [configmap/platform/feature-flags]\n" + sources("prod", replica),
                QString())
                        .caseFile;
        };
        CaseFile mine = unsaved("prod-read-replica");
        QVERIFY(!mine.hasOwnFile());
        const AnalysisResult mineRead = Analyzer::analyze(mine, nullptr, {}, fastOptions());
        QVERIFY(mineRead.capture);
        const AnalysisResult otherRead = Analyzer::analyze(unsaved("wrong-user"), nullptr, {}, fastOptions());
        QVERIFY(otherRead.capture);
        QCOMPARE(QFileInfo(otherRead.capture->folder).path(), QFileInfo(mineRead.capture->folder).path());
        const CaseFile mineBefore = mine;
        QDir().mkpath(m_tmp.filePath(QStringLiteral("unsaved-saved")));
        QCOMPARE(CaseFileWriter::save(mine, m_tmp.filePath(QStringLiteral("unsaved-saved/case.yaml"))), QString());
        const CaseCaptures::CarryResult fromCache = CaseCaptures::carry(mineBefore, mine);
        QVERIFY2(fromCache.ok(), qPrintable(fromCache.errors.join(QLatin1Char('\n'))));
        const QStringList broughtFolders = QDir(m_tmp.filePath(QStringLiteral("unsaved-saved/captures")))
                                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(broughtFolders, QStringList { QFileInfo(mineRead.capture->folder).fileName() });
        const AnalysisResult mineAgain = analyze(m_tmp.filePath(QStringLiteral("unsaved-saved/case.yaml")), offline());
        QVERIFY(mineAgain.capture);
        QCOMPARE(outcome(mineAgain), outcome(mineRead));
    }

    // Secret values never reach the capture; equal values still compare
    // equal and different ones differ, also re-opened offline; a capture made
    // with another machine's key is unknown, never "same".
    void secretValuesNeverReachTheCapture()
    {
        const QString secretPath = QStringLiteral("/api/v1/namespaces/platform/secrets/db");
        m_live->addObject(secretPath, secret("planted-password-one"));
        m_replica->addObject(secretPath, secret("planted-password-two"));
        const QString casePath = makeCase(QStringLiteral("secret"), {}, sources("prod", "prod-read-replica"),
            "[configmap/platform/feature-flags, secret/platform/db]");
        const AnalysisResult r = analyze(casePath);
        QVERIFY2(r.completeness.isComplete(), qPrintable(r.completeness.summary()));
        const QByteArray onDisk = allBytesUnder(r.capture->folder);
        for (const QByteArray &value : { QByteArray("planted-password-one"), QByteArray("planted-password-two") }) {
            QVERIFY(!onDisk.contains(value));
            QVERIFY(!onDisk.contains(value.toBase64()));
        }
        QVERIFY(onDisk.contains(SecretFingerprint::of("planted-password-one").toUtf8()));
        const FieldDiff *password = row(r, QStringLiteral("secret/platform/db"), QStringLiteral("data.password"));
        QVERIFY(password);
        QVERIFY(password->has(FieldStatus::Stale));
        QCOMPARE(password->cell(Column::Live).value.text, SecretFingerprint::of("planted-password-one"));
        QCOMPARE(outcome(analyze(casePath, offline())), outcome(r));

        // The same capture as if made elsewhere: not comparable here.
        QFile manifest(r.capture->folder + QStringLiteral("/manifest.json"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
        manifest.close();
        m.insert(QStringLiteral("fingerprintCheck"), QStringLiteral("secret:00000000"));
        writeFile(manifest.fileName(), QJsonDocument(m).toJson());
        const AnalysisResult elsewhere = analyze(casePath, offline());
        const FieldDiff *unknown
            = row(elsewhere, QStringLiteral("secret/platform/db"), QStringLiteral("data.password"));
        QVERIFY(unknown);
        QVERIFY(!unknown->has(FieldStatus::Same));
        QVERIFY(unknown->cell(Column::Live).value.text.contains(QLatin1String("another machine")));
        m_live->removeObject(secretPath);
        m_replica->removeObject(secretPath);

        // A private key pasted into a ConfigMap: its fingerprint on disk, not the key.
        const QByteArray pem = "-----BEGIN PRIVATE KEY-----\\nplanted-key-material\\n-----END PRIVATE KEY-----\\n";
        const QString notesPath = QStringLiteral("/api/v1/namespaces/platform/configmaps/notes");
        m_live->addObject(notesPath,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"notes\",\"namespace\":"
            "\"platform\",\"resourceVersion\":\"9\"},\"data\":{\"key.pem\":\""
                + pem + "\"}}");
        // And a server that answers for something else than was asked (a proxy turning GET into LIST).
        m_replica->addObject(
            notesPath, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMapList\",\"metadata\":{},\"items\":[]}");
        const AnalysisResult keys = analyze(
            makeCase(QStringLiteral("keys"), {}, sources("prod", "prod-read-replica"), "[configmap/platform/notes]"));
        const QByteArray captured = allBytesUnder(keys.capture->folder);
        QVERIFY(!captured.contains("planted-key-material"));
        const FieldDiff *key
            = row(keys, QStringLiteral("configmap/platform/notes"), QStringLiteral("data[\"key.pem\"]"));
        QVERIFY(key);
        QCOMPARE(key->cell(Column::Live).value.text, SecretFingerprint::of(QByteArray(pem).replace("\\n", "\n")));
        const Finding *other = finding(keys, QStringLiteral("context-unreachable"));
        QVERIFY(other);
        QVERIFY2(other->detail.contains(QLatin1String("answered with ConfigMapList")), qPrintable(other->detail));
        m_live->removeObject(notesPath);
        m_replica->removeObject(notesPath);
    }

    // Each failure is said for its context, as what it is; the other context
    // is still read; the analysis is incomplete, never an all-clear.
    // Both contexts are read at once: each server holds its GET unanswered,
    // and both are seen waiting together (read one after the other, the
    // second would only come once the first was answered).
    void contextsAreReadAtOnce()
    {
        m_live->hold(flagsPath);
        m_replica->hold(flagsPath);
        std::atomic_bool together { false };
        std::thread releaser([&] {
            QDeadlineTimer deadline(20000);
            while (!deadline.hasExpired() && !together) {
                together = m_live->heldRequests(flagsPath) > 0 && m_replica->heldRequests(flagsPath) > 0;
                QThread::msleep(10); // polling for a state, not timing anything
            }
            m_live->release(flagsPath);
            m_replica->release(flagsPath);
        });
        const AnalysisResult r = analyze(makeCase(QStringLiteral("at-once"), {}, sources("prod", "prod-read-replica")));
        releaser.join();
        QVERIFY(together);
        QVERIFY(r.completeness.isComplete());
    }

    void failuresAreSaidPerContext()
    {
        // Refused: the replica context's server is not there.
        {
            const AnalysisResult r = analyze(makeCase(QStringLiteral("refused"), {}, sources("prod", "gone")));
            QVERIFY(!r.completeness.isComplete());
            const Finding *f = finding(r, QStringLiteral("context-unreachable"), QStringLiteral("context gone"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("connection refused")), qPrintable(f->detail));
            QCOMPARE(r.completeness.coverage[size_t(columnIndex(Column::Replica))], ColumnEvidence::Incomplete);
            QCOMPARE(r.completeness.coverage[size_t(columnIndex(Column::Live))], ColumnEvidence::Read);
            const FieldDiff *cart
                = row(r, QStringLiteral("configmap/platform/feature-flags"), QStringLiteral("data.max_cart_items"));
            QVERIFY(cart && cart->cell(Column::Live).present && !cart->cell(Column::Replica).present);
            QVERIFY(!cart->has(FieldStatus::Stale));
        }
        // 401 with a wrong token; a context the kubeconfig does not have.
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("unauthorized"), {}, sources("nope", "wrong-user")));
            const Finding *f = finding(r, QStringLiteral("context-unreachable"), QStringLiteral("context wrong-user"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("401")), qPrintable(f->detail));
            QVERIFY(!f->detail.contains(QLatin1String("planted")));
            const Finding *missing = finding(r, QStringLiteral("context-unreachable"), QStringLiteral("context nope"));
            QVERIFY(missing);
            QVERIFY2(missing->detail.contains(QLatin1String("no context 'nope'")), qPrintable(missing->detail));
        }
        // 403 on the object: the server's own words, with verb and resource.
        m_replica->failWith(flagsPath, 403);
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("forbidden"), {}, sources("prod", "prod-read-replica")));
            QVERIFY(!r.completeness.isComplete());
            const Finding *f = finding(r, QStringLiteral("context-unreachable"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("cannot get resource \"configmaps\"")), qPrintable(f->detail));
            QVERIFY(f->detail.contains(QLatin1String("403")));
            // Refused is unknown, not deleted: no missing-resource for it, and its replica cells are unknown.
            QVERIFY(
                !finding(r, QStringLiteral("missing-resource"), QStringLiteral("configmap/platform/feature-flags")));
            const FieldDiff *cart
                = row(r, QStringLiteral("configmap/platform/feature-flags"), QStringLiteral("data.max_cart_items"));
            QVERIFY(cart && cart->has(FieldStatus::NoEvidence) && !cart->has(FieldStatus::Missing));
        }
        // 429 once, then the object: retried, read.
        m_replica->failWith(flagsPath, 429, 1);
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("throttled"), {}, sources("prod", "prod-read-replica")));
            QVERIFY2(r.completeness.isComplete(), qPrintable(r.completeness.summary()));
            QCOMPARE(r.capture->contexts.at(1).objects.first().attempts, 2);
        }
        // 500 every time: three retries, then said.
        m_replica->failWith(flagsPath, 500);
        const int before = m_replica->requestCount(flagsPath);
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("failing"), {}, sources("prod", "prod-read-replica")));
            QVERIFY(!r.completeness.isComplete());
            QCOMPARE(m_replica->requestCount(flagsPath) - before, 4);
            const Finding *f = finding(r, QStringLiteral("context-unreachable"));
            QVERIFY(f && f->detail.contains(QLatin1String("etcdserver: request timed out")));
        }
        m_replica->failWith(flagsPath, 500, 0);
        // A hung answer: the case's timeout, then said.
        m_replica->delay(flagsPath, -1);
        {
            const AnalysisResult r = analyze(
                makeCase(QStringLiteral("hung"), {}, sources("prod", "prod-read-replica", "    timeout: 2s\n")));
            const Finding *f = finding(r, QStringLiteral("context-unreachable"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("no answer within 2 s")), qPrintable(f->detail));
            QVERIFY(r.capture->contexts.at(0).objects.first().status == 200); // live still read
        }
        m_replica->delay(flagsPath, 0);
        // A server that is not Kubernetes (a web server behind the same address).
        m_replica->setVersionBody("<html><body>It works!</body></html>");
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("not-kubernetes"), {}, sources("prod", "prod-read-replica")));
            const Finding *f = finding(r, QStringLiteral("context-unreachable"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("is not a Kubernetes API server")), qPrintable(f->detail));
        }
        // … or one that has no /version at all: a 404 that is not a Kubernetes Status.
        m_replica->setVersionBody("<html><body>Not Found</body></html>", 404);
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("no-version"), {}, sources("prod", "prod-read-replica")));
            const Finding *f = finding(r, QStringLiteral("context-unreachable"));
            QVERIFY(f);
            QVERIFY2(f->detail.contains(QLatin1String("/version answered 404 without a Kubernetes Status")),
                qPrintable(f->detail));
            QVERIFY(!r.capture->contexts.at(1).reachable);
        }
        m_replica->setVersionBody({});
        // 404: an answer, not an error — the object is missing from that column.
        m_replica->removeObject(flagsPath);
        {
            const AnalysisResult r
                = analyze(makeCase(QStringLiteral("missing"), {}, sources("prod", "prod-read-replica")));
            QVERIFY2(r.completeness.isComplete(), qPrintable(r.completeness.summary()));
            QVERIFY(!finding(r, QStringLiteral("context-unreachable")));
            QVERIFY(finding(r, QStringLiteral("missing-resource"), QStringLiteral("configmap/platform/feature-flags")));
        }
        m_replica->addObject(flagsPath, flags("288847", "false", "25", "terraform-provider-kubernetes"));
    }

    // Esc in the window: a read in flight is abandoned, not waited out.
    void aReadInFlightIsCancelled()
    {
        m_replica->delay(flagsPath, -1); // hung: only the timeout (10 s) or a cancel ends it
        const CaseFileReadResult read
            = CaseFileReader::readFile(makeCase(QStringLiteral("cancelled"), {}, sources("prod", "prod-read-replica")));
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        const JobContext job(1, cancelled, [](quint64, int, int) {});
        const int before = m_replica->requestCount(flagsPath);
        CaptureManifest manifest;
        std::thread reader([&] {
            manifest = KubeCapture::capture(*read.caseFile,
                { ResourceId {
                    QStringLiteral("configmap"), QStringLiteral("platform"), QStringLiteral("feature-flags") } },
                {}, &job);
        });
        QTRY_VERIFY_WITH_TIMEOUT(m_replica->requestCount(flagsPath) > before, 30000); // the GET is in flight
        cancelled->store(true);
        reader.join();
        m_replica->delay(flagsPath, 0);
        QCOMPARE(manifest.contexts.size(), 2);
        QVERIFY(manifest.cancelled);
        QVERIFY(!QFileInfo::exists(manifest.folder)); // nothing half-read is left to be re-opened
        const CapturedObject &o = manifest.contexts.at(1).objects.first();
        QVERIFY2(o.error.contains(QLatin1String("cancelled")), qPrintable(o.error));
        QVERIFY2(manifest.contexts.at(1).error.contains(QLatin1String("cancelled")),
            qPrintable(manifest.contexts.at(1).error));
    }

    // An exec plugin runs only when approved: remembered in the window, or --allow-exec.
    void execPluginsRunOnlyOnceApproved()
    {
        const QString script = m_tmp.filePath(QStringLiteral("token-plugin.sh"));
        writeExecPlugin(script, "planted-live-token", m_tmp.filePath(QStringLiteral("plugin-runs")));
        const QString config = m_tmp.filePath(QStringLiteral("exec-kubeconfig"));
        writeFile(config,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: " + m_live->url().toUtf8()
                + "\n    certificate-authority: " + m_live->caFile().toUtf8()
                + "\nusers:\n- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                  "      command: "
                + script.toUtf8()
                + "\n      interactiveMode: Never\ncontexts:\n- name: sso\n  context: {cluster: prod, user: sso}\n");
        const QString casePath = makeCase(QStringLiteral("exec"), {},
            "sources:\n  kubernetes:\n    kubeconfig: " + config.toUtf8() + "\n    contexts: {live: sso}\n");
        const CaseFileReadResult read = CaseFileReader::readFile(casePath);
        const QList<ExecPluginUse> uses = KubeCapture::execPlugins(*read.caseFile);
        QCOMPARE(uses.size(), 1);
        QCOMPARE(uses.first().commandLine, script);
        QCOMPARE(uses.first().kubeconfig, config);

        const AnalysisResult refused = analyze(casePath);
        QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("plugin-runs"))));
        const Finding *f = finding(refused, QStringLiteral("context-unreachable"));
        QVERIFY(f && f->detail.contains(QLatin1String("runs only once approved")));

        AnalyzeOptions allow = fastOptions();
        allow.capture.allowExec = true;
        QVERIFY(analyze(casePath, allow).completeness.isComplete());
        QCOMPARE(readFile(m_tmp.filePath(QStringLiteral("plugin-runs"))).count('\n'), 1);

        // Approved once (the window's question): remembered for this kubeconfig
        // and command. The credential the first run gave is still good and
        // kept for the process, so the plugin is not asked again.
        QVERIFY(ExecApprovals::approve(config, script).isEmpty());
        QVERIFY(analyze(casePath).completeness.isComplete());
        QCOMPARE(readFile(m_tmp.filePath(QStringLiteral("plugin-runs"))).count('\n'), 1);
        QVERIFY(!ExecApprovals::isApproved(m_kubeconfig, script));
    }
};

STRATA_TEST_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
