// No secret ever leaves: distinctive values are planted in every place a
// secret hides in real evidence (Secret data and its last-applied annotation,
// stringData, Terraform sensitive attributes on a ConfigMap, a sensitive
// output and variable, a PEM key pasted into a value and into a log, a
// kubeconfig without apiVersion/kind, an ExecCredential, a key file). Every
// output `strata analyze` writes, its stderr, and every text the window's
// models show are searched for each plaintext and its base64.
#include "HeadlessRun.h"
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "case/CaseFileReader.h"
#include "evidence/CredentialMaterial.h"
#include "investigation/Analyzer.h"
#include "itemmodels/DiffModel.h"
#include "itemmodels/FindingsModel.h"
#include "itemmodels/TimelineModel.h"
#include "output/AnalysisJson.h"
#include "output/AnalysisMarkdown.h"
#include "output/FindingDetail.h"

#include <QRegularExpression>
#include <QTemporaryDir>

using namespace strata;

namespace {

const QList<QByteArray> plants = {
    "PlantLiveSecretData7f3a",
    "PlantLastAppliedData91bc",
    "PlantLastAppliedString44de",
    "PlantTfSensitiveC0de",
    "PlantTfOutput5eed",
    "PlantTfVariableBabe",
    "PlantPemInValue0a1b",
    "PlantPemInLog2c3d",
    "PlantKubeconfigToken8e8e",
    "PlantExecToken6f6f",
    "PlantPemFile4b4b",
};

QByteArray b64(const QByteArray &s)
{
    return s.toBase64();
}

// Writes the case into `dir` and returns the case file's path.
QString writeCase(const QTemporaryDir &dir)
{
    auto at = [&dir](const char *name) { return dir.filePath(QString::fromLatin1(name)); };
    const QByteArray lastAppliedSecret
        = R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-creds","namespace":"shop"},"data":{"password":")"
        + b64(plants[1]) + R"("},"stringData":{"token":")" + plants[2] + R"("}})";
    const QByteArray lastAppliedConfig
        = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app-config","namespace":"shop"},"data":{"color":"blue","db_password":")"
        + plants[3] + R"("}})";
    writeFile(at("live.yaml"),
        "apiVersion: v1\nkind: List\nitems:\n"
        "- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: db-creds\n    namespace: shop\n"
        "    annotations:\n      kubectl.kubernetes.io/last-applied-configuration: '"
            + lastAppliedSecret + "'\n  data:\n    password: " + b64(plants[0])
            + "\n"
              "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: app-config\n    namespace: shop\n"
              "    annotations:\n      kubectl.kubernetes.io/last-applied-configuration: '"
            + lastAppliedConfig + "'\n  data:\n    color: blue\n    db_password: " + plants[3]
            + "\n    tls.key: \"-----BEGIN RSA PRIVATE KEY-----\\n" + plants[6]
            + "\\n-----END RSA PRIVATE KEY-----\\n\"\n");
    writeFile(at("terraform.tfstate"),
        R"({"version": 4, "terraform_version": "1.9.8", "serial": 7, "lineage": "11111111-2222-3333-4444-555555555555",
  "outputs": {"db": {"value": ")"
            + plants[4] + R"(", "type": "string", "sensitive": true}},
  "resources": [
    {"mode": "managed", "type": "kubernetes_config_map", "name": "app_config",
     "provider": "provider[\"registry.terraform.io/hashicorp/kubernetes\"]",
     "instances": [{"schema_version": 0,
       "attributes": {"data": {"color": "blue", "db_password": ")"
            + plants[3] + R"("}, "id": "shop/app-config",
         "metadata": [{"name": "app-config", "namespace": "shop", "resource_version": "10", "uid": "u1"}]},
       "sensitive_attributes": [[{"type": "get_attr", "value": "data"},
                                 {"type": "index", "value": {"value": "db_password", "type": "string"}}]]}]},
    {"mode": "managed", "type": "kubernetes_secret", "name": "db_creds",
     "provider": "provider[\"registry.terraform.io/hashicorp/kubernetes\"]",
     "instances": [{"schema_version": 0,
       "attributes": {"data": {"password": ")"
            + plants[0] + R"("}, "id": "shop/db-creds", "type": "Opaque",
         "metadata": [{"name": "db-creds", "namespace": "shop", "resource_version": "11", "uid": "u2"}]},
       "sensitive_attributes": []}]}
  ]}
)");
    QDir(dir.path()).mkpath(QStringLiteral("tf"));
    writeFile(at("tf/main.tf"),
        "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"" + plants[5]
            + "\"\n}\n\nresource \"kubernetes_config_map\" \"app_config\" {\n  metadata {\n    name      = "
              "\"app-config\"\n    namespace = \"shop\"\n  }\n  data = {\n    color       = \"blue\"\n"
              "    db_password = var.db_password\n  }\n}\n");
    writeFile(at("events.log"),
        "2026-11-02T10:00:00Z app started\n-----BEGIN EC PRIVATE KEY-----\n" + plants[7]
            + "\n-----END EC PRIVATE KEY-----\n2026-11-02T10:01:00Z app ready\n");
    writeFile(at("kubeconfig.yaml"),
        "clusters:\n- cluster:\n    server: https://127.0.0.1:6443\n  name: c\nusers:\n- name: u\n  user:\n    token: "
            + plants[8] + "\ncontexts:\n- context:\n    cluster: c\n    user: u\n  name: ctx\ncurrent-context: ctx\n");
    writeFile(at("exec.json"),
        R"({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": {"token": ")"
            + plants[9] + "\"}}\n");
    writeFile(at("key.pem"), "-----BEGIN PRIVATE KEY-----\n" + plants[10] + "\n-----END PRIVATE KEY-----\n");
    const QString casePath = at("case.yaml");
    writeFile(casePath,
        "strata: 1\nresources:\n  - secret/shop/db-creds\n  - configmap/shop/app-config\nevidence:\n"
        "  - path: live.yaml\n    role: live\n  - path: terraform.tfstate\n  - path: tf\n  - path: events.log\n"
        "  - path: kubeconfig.yaml\n  - path: exec.json\n    kind: kubectl\n  - path: key.pem\n");
    return casePath;
}

// The plants (or their base64) found in `text`.
QStringList leaksIn(const QByteArray &text)
{
    QStringList found;
    for (const QByteArray &p : plants) {
        if (text.contains(p) || text.contains(b64(p)))
            found.append(QString::fromLatin1(p));
    }
    return found;
}

// Every string any role of every index holds, children included.
void collectModelText(const QAbstractItemModel &model, const QModelIndex &parent, QByteArray &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex i = model.index(row, column, parent);
            for (int role = 0; role < Qt::UserRole + 64; ++role) {
                const QVariant v = model.data(i, role);
                if (v.canConvert<QString>())
                    out += v.toString().toUtf8() + '\n';
                else if (v.canConvert<QStringList>())
                    out += v.toStringList().join(QLatin1Char('\n')).toUtf8() + '\n';
            }
        }
        collectModelText(model, model.index(row, 0, parent), out);
    }
}

} // namespace

class TestSecretLeaks : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dataHome;
    QTemporaryDir m_case;
    QString m_casePath;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dataHome.path()));
        m_casePath = writeCase(m_case);
    }

    void credentialFilesAreRecognised_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("structured");
        QTest::addColumn<QString>("expected"); // a word of the description, or "" for none
        QTest::newRow("kubeconfig") << QByteArray("apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n") << true
                                    << QStringLiteral("kubeconfig");
        QTest::newRow("kubeconfig json, no kind")
            << QByteArray("{\n  \"clusters\": [],\n  \"contexts\": []\n}\n") << false << QStringLiteral("kubeconfig");
        QTest::newRow("exec credential") << QByteArray(
            R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1"})")
                                         << true << QStringLiteral("ExecCredential");
        QTest::newRow("openssh key") << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n") << false
                                     << QStringLiteral("private key");
        QTest::newRow("certificate") << QByteArray("\n-----BEGIN CERTIFICATE-----\nMIIB\n") << false
                                     << QStringLiteral("certificate");
        // Not credentials: the words in prose, a ConfigMap List, a state holding a key in a sensitive attribute.
        QTest::newRow("log mentioning users")
            << QByteArray("2026-11-02T10:00:00Z loaded users: 3, clusters: 2\n") << false << QString();
        QTest::newRow("configmap list") << QByteArray("apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n") << true
                                        << QString();
        QTest::newRow("state with tls key")
            << QByteArray(R"({"version":4,"resources":[{"private_key_pem":"-----BEGIN RSA PRIVATE KEY-----\nx"}]})")
            << true << QString();
        QTest::newRow("BEGIN without a key label")
            << QByteArray("-----BEGIN PUBLIC KEY-----\nPRIVATE KEY-----\n") << false << QString();
    }
    void credentialFilesAreRecognised()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, structured);
        QFETCH(QString, expected);
        const QString described = CredentialMaterial::describe(text, structured);
        if (expected.isEmpty())
            QVERIFY2(described.isEmpty(), qPrintable(described));
        else
            QVERIFY2(described.contains(expected), qPrintable(described));
    }

    void cliOutputsHoldNoPlaintextOrBase64()
    {
        const QString program = QStringLiteral(STRATA_BINARY);
        for (const char *format : { "json", "markdown" }) {
            const QString out = m_case.filePath(QStringLiteral("report.") + QLatin1String(format));
            const HeadlessRun toStdout = runHeadless(
                program, { QStringLiteral("analyze"), m_casePath, QStringLiteral("--format"), QLatin1String(format) });
            const HeadlessRun toFile = runHeadless(program,
                { QStringLiteral("analyze"), m_casePath, QStringLiteral("--format"), QLatin1String(format),
                    QStringLiteral("-o"), out });
            // The credential files are refused: the analysis is incomplete, never an all-clear.
            QCOMPARE(toStdout.exitCode, 3);
            QCOMPARE(toFile.exitCode, 3);
            QVERIFY2(!toStdout.out.isEmpty(), format);
            QVERIFY2(leaksIn(toStdout.out).isEmpty(), qPrintable(leaksIn(toStdout.out).join(u',')));
            QVERIFY2(leaksIn(toStdout.err.toUtf8()).isEmpty(), qPrintable(toStdout.err));
            QVERIFY2(leaksIn(readFile(out)).isEmpty(), qPrintable(leaksIn(readFile(out)).join(u',')));
            QVERIFY2(leaksIn(toFile.err.toUtf8()).isEmpty(), qPrintable(toFile.err));
            for (const char *refused : { "kubeconfig.yaml", "exec.json", "key.pem", "events.log" }) {
                QVERIFY2(toStdout.err.contains(
                             QLatin1String(refused) + QStringLiteral(": error: not read: this looks like")),
                    qPrintable(toStdout.err));
            }
        }
    }

    void sensitiveValuesCompareAsFingerprints()
    {
        const auto read = CaseFileReader::readFile(m_casePath);
        QVERIFY(read.caseFile);
        const AnalysisResult result = Analyzer::analyze(*read.caseFile);
        bool sawTfSensitive = false;
        int appliedSecretFields = 0;
        for (const ResourceDiff &r : result.resources) {
            for (const FieldDiff &f : r.fields) {
                if (f.path == QLatin1String("data.db_password")) {
                    sawTfSensitive = true;
                    QVERIFY(f.secret);
                    // Live plaintext and state's value are the same secret: the same fingerprint, no drift.
                    QCOMPARE(f.cell(Column::Live).value.text, f.cell(Column::State).value.text);
                    QVERIFY(!f.has(FieldStatus::Drift));
                }
                // The annotation is compared as the object it holds, its Secret data fingerprinted.
                static const QRegularExpression applied(
                    QStringLiteral(R"(^metadata\.annotations\[.*\]\.(data|stringData)\.)"));
                if (r.id.kind == QLatin1String("secret") && f.path.contains(applied)) {
                    ++appliedSecretFields;
                    QVERIFY2(f.secret, qPrintable(f.path));
                }
            }
        }
        QVERIFY(sawTfSensitive);
        QCOMPARE(appliedSecretFields, 2); // data.password and stringData.token
        const QByteArray outputs = AnalysisJson::write(result) + AnalysisMarkdown::write(result);
        QVERIFY2(leaksIn(outputs).isEmpty(), qPrintable(leaksIn(outputs).join(u',')));
    }

    void windowModelsHoldNoPlaintext()
    {
        const auto read = CaseFileReader::readFile(m_casePath);
        const AnalysisResult result = Analyzer::analyze(*read.caseFile);
        DiffModel diff;
        diff.setDiff(result.resources);
        diff.setColumns(result.columnOrigins, result.completeness.coverage);
        FindingsModel findings;
        findings.setFindings(result.findings);
        TimelineModel timeline;
        timeline.setEvents(result.timeline);
        QByteArray shown;
        collectModelText(diff, {}, shown);
        collectModelText(findings, {}, shown);
        collectModelText(timeline, {}, shown);
        for (const Finding &f : result.findings)
            shown += findingDetailHtml(f).toUtf8();
        QVERIFY(shown.contains("secret:")); // the fingerprints are there, in place of the values
        QVERIFY2(leaksIn(shown).isEmpty(), qPrintable(leaksIn(shown).join(u',')));
    }
};

STRATA_TEST_MAIN(TestSecretLeaks)
#include "tst_secretleaks.moc"
