// KubectlReader: kubectl -o yaml/json output as pasted from terminals and
// tickets — single objects, Lists, multi-document streams, noise lines, bad
// documents — into KubeObjects with positions.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "kube/KubectlReader.h"

#include <QDir>
#include <QFile>

using namespace strata;

class TestKubectlReader : public QObject
{
    Q_OBJECT

private:
    static KubectlReadResult parse(const QByteArray &text)
    {
        return KubectlReader::read(text, QStringLiteral("paste.txt"));
    }

    static int count(const QList<Diagnostic> &diagnostics, Diagnostic::Severity severity)
    {
        int n = 0;
        for (const Diagnostic &d : diagnostics)
            n += d.severity == severity ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void referenceCaseLiveAndReplica()
    {
        const QString live = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/feature-flags.live.yaml");
        const QString replica
            = QStringLiteral(STRATA_SHARED_DIR "/reference-case/artifacts/feature-flags.replica.yaml");
        const auto a = KubectlReader::read(readFile(live), live);
        const auto b = KubectlReader::read(readFile(replica), replica);
        QVERIFY(a.diagnostics.isEmpty());
        QVERIFY(b.diagnostics.isEmpty());
        QCOMPARE(a.objects.size(), 1);
        QCOMPARE(b.objects.size(), 1);
        const KubeObject &o = a.objects.first();
        QCOMPARE(o.id.toString(), QStringLiteral("configmap/platform/feature-flags"));
        QCOMPARE(o.id, b.objects.first().id);
        QCOMPARE(o.kind, QStringLiteral("ConfigMap"));
        QCOMPARE(o.apiVersion, QStringLiteral("v1"));
        QCOMPARE(o.location.file, live);
        QCOMPARE(o.location.line, 2);
        QVERIFY(!o.resourceVersion.isEmpty());
        QVERIFY(o.resourceVersion != b.objects.first().resourceVersion);
        QVERIFY(o.managedFields.isNull());
        const Value *data = o.object.find(QStringLiteral("data"));
        QVERIFY(data);
        QVERIFY(!data->sameAs(*b.objects.first().object.find(QStringLiteral("data"))));
        // Values stay strings as kubectl quoted them.
        QCOMPARE(data->entries().first().second.type(), Value::Type::String);
    }

    void storageTestVectors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("id");
        const QString dir = QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/");
        for (const char *ext : { "yaml", "json" }) {
            const QString e = QString::fromLatin1(ext);
            QTest::newRow(qPrintable(QStringLiteral("ConfigMap.") + e)) << dir + QStringLiteral("core.v1.ConfigMap.")
                    + e << QStringLiteral("configmap/namespaceValue/nameValue");
            QTest::newRow(qPrintable(QStringLiteral("Secret.") + e))
                << dir + QStringLiteral("core.v1.Secret.") + e << QStringLiteral("secret/namespaceValue/nameValue");
            QTest::newRow(qPrintable(QStringLiteral("Namespace.") + e)) << dir + QStringLiteral("core.v1.Namespace.")
                    + e << QStringLiteral("namespace/namespaceValue/nameValue");
            QTest::newRow(qPrintable(QStringLiteral("Deployment.") + e)) << dir + QStringLiteral("apps.v1.Deployment.")
                    + e << QStringLiteral("deployment/namespaceValue/nameValue");
            QTest::newRow(qPrintable(QStringLiteral("auger pod.") + e)) << dir + QStringLiteral("auger/") + e
                    + QStringLiteral("-pod.") + e << QStringLiteral("pod/default/pi-dqtsw");
        }
    }

    void storageTestVectors()
    {
        QFETCH(QString, path);
        QFETCH(QString, id);
        const QByteArray text = readFile(path);
        QVERIFY(KubectlReader::looksLikeKubectl(text));
        const auto r = KubectlReader::read(text, path);
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.objects.size(), 1);
        const KubeObject &o = r.objects.first();
        QCOMPARE(o.id.toString(), id);
        QVERIFY(o.object.find(QStringLiteral("metadata")));
        if (id.contains(QStringLiteral("nameValue"))) {
            QCOMPARE(o.resourceVersion, QStringLiteral("resourceVersionValue"));
            QCOMPARE(o.uid, QStringLiteral("uidValue"));
            QCOMPARE(o.managedFields.type(), Value::Type::List);
            QCOMPARE(o.managedFields.items().first().find(QStringLiteral("manager"))->text(),
                QStringLiteral("managerValue"));
        } else {
            QCOMPARE(o.uid, QStringLiteral("a4adc7ca-5b56-11e7-8d4b-42010a800002"));
        }
    }

    void yamlAndJsonOfTheSameObjectAgree()
    {
        const QString dir = QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/");
        const auto y
            = KubectlReader::read(readFile(dir + QStringLiteral("core.v1.ConfigMap.yaml")), QStringLiteral("y"));
        const auto j
            = KubectlReader::read(readFile(dir + QStringLiteral("core.v1.ConfigMap.json")), QStringLiteral("j"));
        QCOMPARE(y.objects.size(), 1);
        QCOMPARE(j.objects.size(), 1);
        QVERIFY(y.objects.first()
                    .object.find(QStringLiteral("data"))
                    ->sameAs(*j.objects.first().object.find(QStringLiteral("data"))));
        QVERIFY(y.objects.first()
                    .object.find(QStringLiteral("metadata"))
                    ->sameAs(*j.objects.first().object.find(QStringLiteral("metadata"))));
    }

    void kindListIsFlattened()
    {
        const auto r
            = parse("apiVersion: v1\nkind: List\nitems:\n"
                    "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    namespace: ns1\n"
                    "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n    namespace: ns2\n"
                    "metadata:\n  resourceVersion: \"\"\n");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.objects.size(), 2);
        QCOMPARE(r.objects.at(0).id.toString(), QStringLiteral("configmap/ns1/a"));
        QCOMPARE(r.objects.at(0).location.line, 4);
        QCOMPARE(r.objects.at(1).id.toString(), QStringLiteral("deployment/ns2/web"));
        QCOMPARE(r.objects.at(1).apiVersion, QStringLiteral("apps/v1"));
    }

    void typedJsonListGivesItemsTheirKind()
    {
        const auto r = parse("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMapList\", \"items\": [\n"
                             "  {\"metadata\": {\"name\": \"x\", \"namespace\": \"n\", \"resourceVersion\": \"42\"}}\n"
                             "]}");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.objects.size(), 1);
        QCOMPARE(r.objects.first().kind, QStringLiteral("ConfigMap"));
        QCOMPARE(r.objects.first().apiVersion, QStringLiteral("v1"));
        QCOMPARE(r.objects.first().id.toString(), QStringLiteral("configmap/n/x"));
        QCOMPARE(r.objects.first().resourceVersion, QStringLiteral("42"));
        QCOMPARE(r.objects.first().location.line, 2);
        QCOMPARE(r.objects.first().location.column, 3);
    }

    void multiDocumentYamlAndClusterScoped()
    {
        const auto r = parse("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n"
                             "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: platform\n"
                             "  resourceVersion: 7\n");
        QVERIFY(r.ok());
        QCOMPARE(r.objects.size(), 2);
        QCOMPARE(r.objects.at(0).id.toString(), QStringLiteral("namespace/platform"));
        QVERIFY(r.objects.at(0).id.ns.isEmpty());
        QCOMPARE(r.objects.at(1).location.line, 7);
        QCOMPARE(r.objects.at(1).resourceVersion, QStringLiteral("7"));
    }

    void pastedNoiseIsSkippedAndNoted()
    {
        const QByteArray text("user@bastion:~$ kubectl get cm flags -n app -o yaml\n"
                              "Warning: short names are deprecated\n"
                              "W1214 22:15:03.123456   12345 loader.go:221] Config not found: /root/.kube/config\n"
                              "# the replica\n"
                              "apiVersion: v1\n"
                              "kind: ConfigMap\n"
                              "metadata:\n"
                              "  name: flags\n"
                              "  namespace: app\n"
                              "data:\n"
                              "  k: v\n"
                              "$ kubectl get cm other -n app -o json\n"
                              "{\n"
                              "  \"apiVersion\": \"v1\",\n"
                              "  \"kind\": \"ConfigMap\",\n"
                              "  \"metadata\": {\"name\": \"other\", \"namespace\": \"app\"}\n"
                              "}\n"
                              "$ kubectl get cm missing -n app -o yaml\n"
                              "Error from server (NotFound): configmaps \"missing\" not found\n");
        QVERIFY(KubectlReader::looksLikeKubectl(text));
        const auto r = parse(text);
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.objects.size(), 2);
        QCOMPARE(r.objects.at(0).id.toString(), QStringLiteral("configmap/app/flags"));
        QCOMPARE(r.objects.at(0).location.line, 5);
        QCOMPARE(r.objects.at(0).object.find({ QStringLiteral("data"), QStringLiteral("k") })->location().line, 11);
        QCOMPARE(r.objects.at(1).id.toString(), QStringLiteral("configmap/app/other"));
        QCOMPARE(r.objects.at(1).location.line, 13);
        QCOMPARE(
            r.objects.at(1).object.find({ QStringLiteral("metadata"), QStringLiteral("name") })->location().line, 16);
        QCOMPARE(count(r.diagnostics, Diagnostic::Severity::Note), 5);
        QCOMPARE(count(r.diagnostics, Diagnostic::Severity::Warning), 1);
        QCOMPARE(r.diagnostics.first().line, 1);
        QVERIFY(r.diagnostics.last().message.contains(QStringLiteral("NotFound")));
        QCOMPARE(r.diagnostics.last().line, 19);
    }

    void commentAboveJsonIsAllowed()
    {
        const auto r = parse("# kubectl get cm a -o json\n{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                             "\"metadata\":{\"name\":\"a\",\"namespace\":\"b\",\"uid\":\"u-1\"}}\n");
        QVERIFY2(r.ok(), qPrintable(r.diagnostics.value(0).toString()));
        QCOMPARE(r.objects.size(), 1);
        QCOMPARE(r.objects.first().uid, QStringLiteral("u-1"));
        QCOMPARE(r.objects.first().location.line, 2);
    }

    void malformedYamlDocumentDoesNotHideTheOthers()
    {
        const auto r = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                             "---\napiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n  name: b\n"
                             "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.objects.size(), 2);
        QCOMPARE(r.objects.at(0).id.name, QStringLiteral("a"));
        QCOMPARE(r.objects.at(1).id.name, QStringLiteral("c"));
        QCOMPARE(r.objects.at(1).location.line, 11);
        QCOMPARE(count(r.diagnostics, Diagnostic::Severity::Error), 1);
        QVERIFY(r.diagnostics.first().line >= 8 && r.diagnostics.first().line <= 10);
    }

    void malformedJsonObjectDoesNotHideTheOthers()
    {
        const auto r
            = parse("{\n  \"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}\n}\n"
                    "{\n  \"apiVersion\": \"v1\", \"kind\": \"ConfigMap\" \"metadata\": {}\n}\n"
                    "{\n  \"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}\n}\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.objects.size(), 2);
        QCOMPARE(r.objects.at(1).id.name, QStringLiteral("c"));
        QCOMPARE(r.objects.at(1).location.line, 7);
        QCOMPARE(
            r.objects.at(1).object.find({ QStringLiteral("metadata"), QStringLiteral("name") })->location().line, 8);
        QCOMPARE(count(r.diagnostics, Diagnostic::Severity::Error), 1);
        QCOMPARE(r.diagnostics.first().line, 5);
        QCOMPARE(r.diagnostics.first().column, 43);
    }

    // Handed over, the text is let go once its last part is parsed: what is
    // read is the same, pasted noise, errors and resumed parts included.
    void handedOverTextReadsTheSame()
    {
        const QList<QByteArray> inputs {
            "$ kubectl get cm a -o yaml\nWarning: x\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
            "$ kubectl get cm b -o "
            "json\n{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}\n",
            "{\n  \"apiVersion\": \"v1\", \"kind\": \"ConfigMap\" \"metadata\": {}\n}\n"
            "{\n  \"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}\n}\n",
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: d}\n"
            "- apiVersion: v1\n  kind: Secret\n  metadata: [unclosed\n",
            "# kubectl get cm e -o json\n{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\","
            "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"e\",\"uid\":\"u\"}}]}\n",
        };
        const auto dump = [](const KubectlReadResult &r) {
            QStringList out;
            for (const KubeObject &o : r.objects)
                out.append(o.id.toString() + QLatin1Char(' ') + o.location.toString() + QLatin1Char(' ')
                    + o.object.displayText());
            for (const Diagnostic &d : r.diagnostics)
                out.append(d.toString());
            return out;
        };
        for (const QByteArray &input : inputs) {
            QByteArray handed = QByteArray(input.constData(), input.size()); // its own bytes
            const QStringList kept = dump(KubectlReader::read(input, QStringLiteral("k.txt")));
            QCOMPARE(dump(KubectlReader::read(std::move(handed), QStringLiteral("k.txt"))), kept);
            QVERIFY(handed.isEmpty()); // NOLINT(bugprone-use-after-move): handed over
            QVERIFY(!kept.isEmpty());
        }
    }

    void documentsThatAreNotObjects()
    {
        const auto r = parse("- 1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x}\n"
                             "- kind: Secret\n  metadata: {}\n- apiVersion: v1\n  metadata: {name: y}\n");
        QCOMPARE(r.objects.size(), 1);
        QCOMPARE(r.objects.first().id.toString(), QStringLiteral("configmap/x"));
        QCOMPARE(r.diagnostics.size(), 4);
        QCOMPARE(count(r.diagnostics, Diagnostic::Severity::Error), 3);
        QCOMPARE(r.diagnostics.at(0).line, 1);
        QVERIFY(r.diagnostics.at(1).message.contains(QStringLiteral("apiVersion")));
        QCOMPARE(r.diagnostics.at(1).severity, Diagnostic::Severity::Warning);
        QVERIFY(r.diagnostics.at(2).message.contains(QStringLiteral("metadata.name")));
        QCOMPARE(r.diagnostics.at(2).line, 6);
        QVERIFY(r.diagnostics.at(3).message.contains(QStringLiteral("'kind'")));
        QCOMPARE(r.diagnostics.at(3).line, 7);
    }

    void detection()
    {
        QVERIFY(KubectlReader::looksLikeKubectl("# x\napiVersion: v1\nkind: Pod\n"));
        QVERIFY(KubectlReader::looksLikeKubectl("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}"));
        QVERIFY(!KubectlReader::looksLikeKubectl("strata: 1\ntitle: x\n"));
        QVERIFY(!KubectlReader::looksLikeKubectl("{\"version\": 4, \"resources\": [{\"instances\": [{\"attributes\": "
                                                 "{\"manifest\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\"}}}]}]}"));
        QVERIFY(!KubectlReader::looksLikeKubectl("resource \"kubernetes_manifest\" \"x\" {\n  manifest = {\n"
                                                 "    apiVersion = \"v1\"\n    kind = \"ConfigMap\"\n  }\n}\n"));
        QVERIFY(!KubectlReader::looksLikeKubectl(""));
    }

    void emptyInputGivesNothing()
    {
        const auto r = parse("\n# nothing\n\n");
        QVERIFY(r.objects.isEmpty());
        QVERIFY(r.diagnostics.isEmpty());
    }
};

STRATA_TEST_MAIN(TestKubectlReader)
#include "tst_kubectlreader.moc"
