// An object's history from a real etcd (Debian's etcd-server, 3 members on
// 127.0.0.1): Kubernetes objects written as kube-apiserver writes them (the
// protobuf envelope, by the test encoder checked against kubernetes/api's
// vector; a custom resource as JSON; a value encrypted at rest), changed a
// few times, then read back version by version — revisions checked against
// the real etcdctl, field changes, Secret values never on disk, the capture
// re-opened offline, and a compaction that cuts the history short.

#include "EtcdTestCluster.h"
#include "EtcdTestSupport.h"
#include "StrataTestMain.h"
#include "TestFiles.h"
#include "kube/StoredObjectEncoder.h"

#include "etcd/EtcdKeyHistory.h"
#include "history/EtcdObjectHistory.h"
#include "investigation/Analyzer.h"
#include "kubestorage/StorageKey.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace strata;
using namespace EtcdTestSupport;

namespace {

QByteArray configMap(const QByteArray &mode, const QByteArray &limit)
{
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"feature-flags\",\"namespace\":"
           "\"platform\",\"uid\":\"6f1c\",\"creationTimestamp\":\"2026-11-30T10:00:00Z\",\"labels\":{\"team\":\"shop\"}"
           "},"
           "\"data\":{\"mode\":\""
        + mode + "\",\"limit\":\"" + limit + "\"}}";
}

QByteArray secret(const QByteArray &password)
{
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"platform\","
           "\"creationTimestamp\":\"2026-11-30T10:00:00Z\"},\"type\":\"Opaque\",\"data\":{\"password\":\""
        + password.toBase64() + "\"}}";
}

// What the real etcdctl says of a key: mod_revision, create_revision and version.
QList<qint64> etcdctlRevisions(const QString &url, const QString &key)
{
    const QJsonObject kv
        = QJsonDocument::fromJson(etcdctl({ QStringLiteral("--endpoints=") + url, QStringLiteral("get"), key,
                                      QStringLiteral("-w"), QStringLiteral("json") }))
              .object()
              .value(QStringLiteral("kvs"))
              .toArray()
              .first()
              .toObject();
    return { kv.value(QStringLiteral("mod_revision")).toInteger(),
        kv.value(QStringLiteral("create_revision")).toInteger(), kv.value(QStringLiteral("version")).toInteger() };
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runStrata(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    p.start(QStringLiteral(STRATA_BINARY), args);
    p.waitForFinished(60000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

const EtcdObjectHistory *find(const QList<EtcdObjectHistory> &all, const QString &object)
{
    for (const EtcdObjectHistory &h : all) {
        if (h.object == object)
            return &h;
    }
    return nullptr;
}

QStringList lines(const EtcdObjectHistory &h)
{
    QStringList out;
    for (const ObjectRevision &r : h.revisions)
        out.append(QStringLiteral("v%1 %2").arg(r.version).arg(EtcdObjectHistories::changeText(r)));
    return out;
}

} // namespace

class TestEtcdHistory : public QObject
{
    Q_OBJECT

    EtcdTestCluster m_cluster { 3 };
    QString m_url;

private Q_SLOTS:
    void initTestCase()
    {
        if (!haveEtcd())
            QSKIP(skipReason());
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
        m_url = m_cluster.clientUrls().first();
    }

    void objectHistoryVersionByVersion()
    {
        const QByteArray cmKey = "/registry/configmaps/platform/feature-flags";
        const qint64 created = put(m_url, cmKey, StoredObjectEncoder::encode(configMap("classic", "25")));
        put(m_url, "/registry/configmaps/platform/other", StoredObjectEncoder::encode(configMap("x", "1")));
        const qint64 second = put(m_url, cmKey, StoredObjectEncoder::encode(configMap("new-checkout", "25")));
        const qint64 third = put(m_url, cmKey, StoredObjectEncoder::encode(configMap("new-checkout", "40")));
        const QByteArray planted = "s3cr3t-Pa55word-for-history";
        put(m_url, "/registry/secrets/platform/db", StoredObjectEncoder::encode(secret("first-" + planted)));
        put(m_url, "/registry/secrets/platform/db", StoredObjectEncoder::encode(secret(planted)));
        const QByteArray widget
            = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\","
              "\"namespace\":\"platform\"},\"spec\":{\"size\":";
        put(m_url, "/registry/example.com/widgets/platform/w1", widget + "3}}");
        put(m_url, "/registry/example.com/widgets/platform/w1", widget + "5}}");
        put(m_url, "/registry/secrets/platform/sealed", QByteArray("k8s:enc:aescbc:v1:key1:") + QByteArray(48, '\x8e'));

        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [http://127.0.0.1:1, " + m_url.toUtf8() + "]\n");
        const QList<EtcdHistoryTarget> targets {
            { *ResourceId::parse(QStringLiteral("configmap/platform/feature-flags")), {}, {} },
            { *ResourceId::parse(QStringLiteral("secret/platform/db")), {}, {} },
            { *ResourceId::parse(QStringLiteral("widget/platform/w1")), QStringLiteral("example.com/v1"), {} },
            { {}, {}, QStringLiteral("/registry/secrets/platform/sealed") },
            { *ResourceId::parse(QStringLiteral("configmap/platform/missing")), {}, {} },
        };
        const EtcdHistoryManifest manifest = EtcdHistoryCapture::capture(c, targets, 100, QProcessEnvironment());
        QVERIFY2(manifest.error.isEmpty(), qPrintable(manifest.error));
        QCOMPARE(manifest.keys.size(), 5);
        QCOMPARE(manifest.keys.first().endpoint, m_url); // the unreachable first endpoint was passed over
        QStringList problems;
        const QList<EtcdObjectHistory> all = EtcdObjectHistories::read(manifest, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // The ConfigMap: three versions, newest first, each field change said;
        // revisions as the real etcdctl reports them.
        const EtcdObjectHistory *cm = find(all, QStringLiteral("configmap/platform/feature-flags"));
        QVERIFY(cm);
        QCOMPARE(cm->key, QString::fromLatin1(cmKey));
        QCOMPARE(lines(*cm),
            QStringList({ QStringLiteral("v3 data.limit: \"25\" → \"40\""),
                QStringLiteral("v2 data.mode: \"classic\" → \"new-checkout\""), QStringLiteral("v1 created") }));
        const QList<qint64> oracle = etcdctlRevisions(m_url, QString::fromLatin1(cmKey));
        QCOMPARE(cm->revisions.first().modRevision, oracle.at(0));
        QCOMPARE(cm->revisions.first().createRevision, oracle.at(1));
        QCOMPARE(cm->revisions.first().version, oracle.at(2));
        QCOMPARE(cm->revisions.at(1).modRevision, second);
        QCOMPARE(cm->revisions.last().modRevision, created);
        QCOMPARE(cm->revisions.first().modRevision, third);
        QVERIFY(cm->complete);
        QCOMPARE(cm->stop, QStringLiteral("created at revision %1").arg(created));
        QCOMPARE(cm->revisions.first().encoding, QStringLiteral("protobuf"));
        // Which revision a value has held since, and when an old one was last current.
        CellValue mode;
        mode.text = QStringLiteral("new-checkout");
        QCOMPARE(cm->heldSince(QStringLiteral("data.mode"), mode), std::optional<qint64>(second));
        CellValue classic;
        classic.text = QStringLiteral("classic");
        const auto held = cm->lastHeld(QStringLiteral("data.mode"), classic);
        QVERIFY(held);
        QCOMPARE(held->revision, created);
        QCOMPARE(held->supersededAt, second);

        // The Secret: a change is seen, its values never are.
        const EtcdObjectHistory *db = find(all, QStringLiteral("secret/platform/db"));
        QVERIFY(db);
        QCOMPARE(db->revisions.size(), 2);
        QVERIFY(db->revisions.first().changes.size() == 1);
        QCOMPARE(db->revisions.first().changes.first().after->kind, CellValue::Kind::Secret);
        QDirIterator files(manifest.folder, QDir::Files, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            const QByteArray bytes = readFile(files.next());
            ++read;
            QVERIFY2(!bytes.contains(planted) && !bytes.contains(planted.toBase64())
                    && !bytes.contains(QByteArray("first-" + planted).toBase64()),
                qPrintable(files.filePath()));
        }
        QVERIFY(read >= 4);

        // The custom resource, stored as JSON under its group; the encrypted value named, not decoded.
        const EtcdObjectHistory *w = find(all, QStringLiteral("widget/platform/w1"));
        QVERIFY(w);
        QVERIFY(w->keyGuessed);
        QCOMPARE(
            lines(*w), QStringList({ QStringLiteral("v2 spec.size: \"3\" → \"5\""), QStringLiteral("v1 created") }));
        QCOMPARE(w->revisions.first().encoding, QStringLiteral("JSON"));
        const EtcdObjectHistory *sealed = find(all, QStringLiteral("/registry/secrets/platform/sealed"));
        QVERIFY(sealed);
        QCOMPARE(lines(*sealed), QStringList({ QStringLiteral("v1 value encrypted at rest (aescbc v1, key key1)") }));
        const EtcdObjectHistory *missing = find(all, QStringLiteral("configmap/platform/missing"));
        QVERIFY(missing && missing->revisions.isEmpty());
        QVERIFY2(missing->stop.startsWith(QStringLiteral("the key does not exist")), qPrintable(missing->stop));

        // Offline: the newest capture gives the same history.
        QString error;
        const std::optional<EtcdHistoryManifest> again = EtcdObjectHistories::newest(c, &error);
        QVERIFY2(again, qPrintable(error));
        const QList<EtcdObjectHistory> offline = EtcdObjectHistories::read(*again, &problems);
        QCOMPARE(offline.size(), all.size());
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(lines(offline.at(i)), lines(all.at(i)));

        // `strata history CASE --etcd`: the same versions, live and --offline; JSON with the revisions.
        const QStringList expected { QStringLiteral("revision %1  version 3  data.limit: \"25\" → \"40\"").arg(third),
            QStringLiteral("revision %1  version 2  data.mode: \"classic\" → \"new-checkout\"").arg(second),
            QStringLiteral("revision %1  version 1  created").arg(created) };
        for (const bool offlineRun : { false, true }) {
            QStringList args { QStringLiteral("history"), c.filePath, QStringLiteral("--etcd"),
                QStringLiteral("configmap/platform/feature-flags") };
            if (offlineRun)
                args.append(QStringLiteral("--offline"));
            const CliRun run = runStrata(args);
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
            QVERIFY2(run.err.contains("created at revision"), run.err.constData());
        }
        const CliRun json = runStrata({ QStringLiteral("history"), c.filePath, QStringLiteral("--etcd"),
            QStringLiteral("secret/platform/db"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("versions")).toArray().size(), 2);
        QCOMPARE(doc.value(QStringLiteral("key")).toString(), QStringLiteral("/registry/secrets/platform/db"));
        QVERIFY(!json.out.contains(planted) && !json.out.contains(planted.toBase64()));
        // A key etcd does not hold is an incomplete answer; a case without sources.etcd a usage error.
        QCOMPARE(runStrata({ QStringLiteral("history"), c.filePath, QStringLiteral("--etcd"),
                               QStringLiteral("cm/platform/nope") })
                     .exitCode,
            3);
        const CaseFile plain = caseAt(dir.filePath(QStringLiteral("plain.yaml")), "strata: 1\n");
        QCOMPARE(
            runStrata({ QStringLiteral("history"), plain.filePath, QStringLiteral("--etcd"), QStringLiteral("cm/a/b") })
                .exitCode,
            2);
    }

    // The analysis reads the history of what live and the replica serve: the
    // findings say at which revision live drifted and the replica fell behind
    // — the same live and --offline.
    void findingsNameTheRevisions()
    {
        const QByteArray key = "/registry/configmaps/shop/flags";
        const auto cm = [](const QByteArray &mode) -> QByteArray {
            return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"flags\",\"namespace\":"
                   "\"shop\",\"creationTimestamp\":\"2026-11-30T10:00:00Z\"},\"data\":{\"mode\":\""
                + mode + "\"}}";
        };
        const qint64 applied = put(m_url, key, StoredObjectEncoder::encode(cm("classic")));
        const qint64 edited = put(m_url, key, StoredObjectEncoder::encode(cm("new-checkout")));
        const auto served = [&](const QByteArray &mode, qint64 rv) -> QByteArray {
            QByteArray o = cm(mode);
            const QByteArray withVersion
                = "\"namespace\":\"shop\",\"resourceVersion\":\"" + QByteArray::number(rv) + "\"";
            // Indented, as kubectl prints it (one line of JSON reads as a zap log line).
            return QJsonDocument::fromJson(o.replace("\"namespace\":\"shop\"", withVersion)).toJson();
        };
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("live.json")), served("new-checkout", edited));
        writeFile(dir.filePath(QStringLiteral("replica.json")), served("classic", applied));
        // An object both serve alike at one resourceVersion: nothing to explain, its history is not walked.
        writeFile(dir.filePath(QStringLiteral("calm.json")),
            QByteArray(served("classic", applied)).replace("\"flags\"", "\"calm\""));
        writeFile(dir.filePath(QStringLiteral("terraform.tfstate")),
            "{\"version\":4,\"terraform_version\":\"1.5.7\",\"serial\":3,\"lineage\":\"l\",\"outputs\":{},"
            "\"resources\":[{\"mode\":\"managed\",\"type\":\"kubernetes_config_map\",\"name\":\"flags\","
            "\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/kubernetes\\\"]\",\"instances\":[{"
            "\"schema_version\":0,\"attributes\":{\"id\":\"shop/flags\",\"metadata\":[{\"name\":\"flags\","
            "\"namespace\":\"shop\",\"resource_version\":\""
                + QByteArray::number(applied)
                + "\"}],\"data\":{\"mode\":\"classic\"}},\"sensitive_attributes\":[]}]}]}");
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nresources: [configmap/shop/flags, configmap/shop/calm]\nevidence:\n"
            "  - path: live.json\n    role: live\n  - path: calm.json\n    role: live\n"
            "  - path: replica.json\n    role: replica\n  - path: calm.json\n    role: replica\n"
            "  - path: terraform.tfstate\n    role: state\n"
            "sources:\n  etcd:\n    endpoints: ["
                + m_url.toUtf8() + "]\n");
        // A recording that saw the store's revision pass both versions dates them.
        const qint64 t0 = QDateTime(QDate(2026, 11, 30), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
        QByteArray recording = "# strata etcd recording 1\n# started 2026-11-30T10:00:00.000Z every 1000 ms\n"
                               "E\t0\t"
            + m_url.toUtf8() + "\n";
        qint64 t = t0;
        for (const qint64 revision : { applied - 1, applied, edited - 1, edited }) {
            recording += "S\t" + QByteArray::number(t) + "\t0\taa\t2\t100\t100\t" + QByteArray::number(revision)
                + "\taa\t20480\t3\t\n";
            t += 1000;
        }
        QDir(dir.path()).mkpath(QStringLiteral("recordings"));
        writeFile(dir.filePath(QStringLiteral("recordings/etcd-20261130T100000Z.tsv")), recording);
        for (const bool offline : { false, true }) {
            AnalyzeOptions options;
            options.offline = offline;
            options.etcd.environment = QProcessEnvironment();
            const AnalysisResult r = Analyzer::analyze(c, nullptr, {}, options);
            QStringList said;
            for (const Diagnostic &d : r.diagnostics)
                said.append(d.toString());
            QVERIFY2(r.etcdHistories.size() == 1, qPrintable(said.join(QLatin1Char('\n'))));
            QCOMPARE(r.etcdHistories.first().key, QStringLiteral("/registry/configmaps/shop/flags"));
            QString drift, stale;
            for (const Finding &f : r.findings) {
                if (f.id == QLatin1String("live-drift"))
                    drift = f.detail;
                if (f.id == QLatin1String("stale-replica"))
                    stale = f.detail;
            }
            QVERIFY2(
                drift.contains(QStringLiteral("data.mode has been \"new-checkout\" since revision %1").arg(edited)),
                qPrintable(drift));
            QVERIFY2(stale.contains(QStringLiteral("the replica serves version 1 (revision %1); etcd's newest is "
                                                   "version 2 (revision %2)")
                                        .arg(applied)
                                        .arg(edited)),
                qPrintable(stale));
            QVERIFY2(drift.contains(QStringLiteral("(written between 2026-11-30 10:00:02.000 and 10:00:03.000 UTC, by "
                                                   "the etcd recording)")),
                qPrintable(drift));
            // Each dated version is on the timeline, in the "etcd history" lane.
            QStringList versions;
            for (const TimelineEvent &e : r.timeline) {
                if (e.source == QLatin1String("etcd history"))
                    versions.append(e.time.toString(Qt::ISODateWithMs) + QLatin1Char(' ') + e.text);
            }
            QCOMPARE(versions.size(), 2);
            QVERIFY2(versions.at(1).startsWith(QStringLiteral("2026-11-30T10:00:03.000Z configmap/shop/flags "
                                                              "resourceVersion %1 (version 2): data.mode")
                                                   .arg(edited)),
                qPrintable(versions.join(QLatin1Char('\n'))));
            QVERIFY2(stale.contains(QStringLiteral("its data.mode (\"classic\") was last current at revision %1; "
                                                   "revision %2 (written between 2026-11-30 10:00:02.000 and "
                                                   "10:00:03.000 UTC, by the etcd recording) replaced it")
                                        .arg(applied)
                                        .arg(edited)),
                qPrintable(stale));
        }
    }

    // After a compaction the walk stops where etcd refuses, and says so.
    void compactionCutsTheHistoryShort()
    {
        const QByteArray key = "/registry/configmaps/platform/compacted";
        put(m_url, key, StoredObjectEncoder::encode(configMap("a", "1")));
        put(m_url, key, StoredObjectEncoder::encode(configMap("b", "1")));
        const qint64 last = put(m_url, key, StoredObjectEncoder::encode(configMap("c", "1")));
        etcdctl({ QStringLiteral("--endpoints=") + m_url, QStringLiteral("compaction"), QString::number(last) });
        EtcdEndpoint e;
        e.url = m_url;
        const EtcdKeyHistory h = EtcdKeyHistories::walk(e, key);
        QVERIFY2(h.error.isEmpty(), qPrintable(h.error));
        QCOMPARE(h.versions.size(), 1);
        QCOMPARE(h.versions.first().version, 3);
        QVERIFY(h.stop == EtcdKeyHistory::Stop::Compacted);
        QCOMPARE(
            h.stopText(), QStringLiteral("older revisions are compacted (etcd refused revision %1)").arg(last - 1));
    }

    void unreachableEndpointsSayWhy()
    {
        QTemporaryDir dir;
        const CaseFile c = caseAt(dir.filePath(QStringLiteral("case.yaml")),
            "strata: 1\nsources:\n  etcd:\n    endpoints: [http://127.0.0.1:1]\n    timeout: 2s\n");
        const EtcdHistoryManifest m = EtcdHistoryCapture::capture(
            c, { { *ResourceId::parse(QStringLiteral("cm/a/b")), {}, {} } }, 10, QProcessEnvironment());
        QVERIFY2(m.error.contains(QStringLiteral("127.0.0.1:1")), qPrintable(m.error));
        QVERIFY(m.folder.isEmpty());
        QVERIFY(!QFileInfo::exists(EtcdHistoryCapture::capturesRoot(c)));
    }
};

STRATA_TEST_MAIN(TestEtcdHistory)
#include "tst_etcdhistory.moc"
