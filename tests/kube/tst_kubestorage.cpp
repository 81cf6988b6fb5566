// What kube-apiserver stores in etcd: keys for objects (the irregular old
// names included) and stored values decoded into the API's JSON — checked
// against kubernetes/api's storage test vectors (.pb must decode to .json)
// and real stored values from auger; the test encoder that writes objects
// into a real etcd in tst_etcdhistory is checked byte for byte against the
// same vector.
#include "StrataTestMain.h"
#include "TestFiles.h"

#include "StoredObjectEncoder.h"
#include "kubestorage/StorageKey.h"
#include "kubestorage/StoredObject.h"

#include <nlohmann/json.hpp>

using namespace strata;
using Json = nlohmann::json;

namespace {

QByteArray vector(const QString &name)
{
    return readFile(QStringLiteral(STRATA_SHARED_DIR "/testdata/k8s-storage/") + name);
}

Json json(const QByteArray &text)
{
    return Json::parse(text.constData(), text.constData() + text.size());
}

// Sorted, indented text: equal for equal JSON whatever the key order, and readable when QCOMPARE prints it.
QByteArray canon(const Json &value)
{
    return QByteArray::fromStdString(value.dump(1));
}

} // namespace

class TestKubeStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protobufDecodesToTheApiJson_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ConfigMap") << QStringLiteral("core.v1.ConfigMap");
        QTest::newRow("Secret") << QStringLiteral("core.v1.Secret");
        QTest::newRow("Namespace") << QStringLiteral("core.v1.Namespace");
    }

    void protobufDecodesToTheApiJson()
    {
        QFETCH(QString, type);
        const StoredObject decoded = StoredObjects::decode(vector(type + QStringLiteral(".pb")));
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QVERIFY(decoded.encoding == StoredObject::Encoding::Protobuf);
        QVERIFY(!decoded.metadataOnly);
        QCOMPARE(canon(json(decoded.json)), canon(json(vector(type + QStringLiteral(".json")))));
    }

    // Any other type: apiVersion, kind and the whole ObjectMeta, said to be metadata only.
    void otherTypesDecodeTheirMetadata()
    {
        const StoredObject decoded = StoredObjects::decode(vector(QStringLiteral("apps.v1.Deployment.pb")));
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QVERIFY(decoded.metadataOnly);
        QCOMPARE(decoded.kind, QStringLiteral("Deployment"));
        QCOMPARE(decoded.apiVersion, QStringLiteral("apps/v1"));
        const Json expected = json(vector(QStringLiteral("apps.v1.Deployment.json")));
        const Json got = json(decoded.json);
        QCOMPARE(canon(got["metadata"]), canon(expected["metadata"]));
        QVERIFY(!got.contains("spec"));
        QCOMPARE(decoded.encodingText(), QStringLiteral("protobuf (metadata decoded)"));
    }

    // Values as found in a real etcd: a Pod and a Job, and a dump line "key\nvalue".
    void realStoredValues()
    {
        for (const auto &[bin, expectedJson] : { std::pair { "auger/storage-pod.bin", "auger/json-pod.json" },
                 { "auger/storage-job.bin", "auger/json-job.json" } }) {
            const StoredObject decoded = StoredObjects::decode(vector(QString::fromLatin1(bin)), 4242);
            QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
            Json expected = json(vector(QString::fromLatin1(expectedJson)))["metadata"];
            expected["resourceVersion"] = "4242"; // the mod revision, as the API sets it on read
            QCOMPARE(canon(json(decoded.json)["metadata"]), canon(expected));
        }
        const QByteArray withKey = vector(QStringLiteral("auger/storage-pod-with-key.bin"));
        const qsizetype newline = withKey.indexOf('\n');
        QCOMPARE(withKey.left(newline), QByteArray("/registry/pods/default/xyz"));
        QCOMPARE(StoredObjects::decode(withKey.mid(newline + 1)).kind, QStringLiteral("Pod"));
    }

    void jsonValuesGetTheirRevision()
    {
        const StoredObject decoded
            = StoredObjects::decode("  "
                                    "{\"apiVersion\":\"example.com/"
                                    "v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3}}",
                17);
        QVERIFY(decoded.encoding == StoredObject::Encoding::Json);
        QCOMPARE(decoded.kind, QStringLiteral("Widget"));
        const Json got = json(decoded.json);
        QCOMPARE(canon(got["metadata"]["resourceVersion"]), canon(Json("17")));
        QCOMPARE(canon(got["spec"]["size"]), canon(Json(3)));
        QVERIFY(!StoredObjects::decode("{\"kind\":").error.isEmpty());
        QVERIFY(!StoredObjects::decode("[1,2]").error.isEmpty());
    }

    // Encrypted at rest: the provider is named, nothing is decoded or kept.
    void encryptedValuesAreNeverDecoded()
    {
        const StoredObject aes
            = StoredObjects::decode(QByteArray(QByteArray("k8s:enc:aescbc:v1:key1:") + QByteArray(64, '\x9c')));
        QVERIFY(aes.encoding == StoredObject::Encoding::Encrypted);
        QVERIFY(!aes.decoded());
        QCOMPARE(aes.encodingText(), QStringLiteral("encrypted at rest (aescbc v1, key key1)"));
        const StoredObject kms = StoredObjects::decode("k8s:enc:kms:v2:vault-kms:\x01\x02");
        QCOMPARE(kms.provider, QStringLiteral("kms"));
        QCOMPARE(kms.keyName, QStringLiteral("vault-kms"));
        QVERIFY(StoredObjects::decode("plain text").encoding == StoredObject::Encoding::NotAnObject);
    }

    // Every truncation of a real value is an error naming a byte offset (or a
    // shorter object), never a crash or a read past the end.
    void truncatedProtobufIsAnErrorWithItsOffset()
    {
        const QByteArray pb = vector(QStringLiteral("core.v1.ConfigMap.pb"));
        int errors = 0;
        for (qsizetype n = 5; n < pb.size(); ++n) {
            const StoredObject d = StoredObjects::decode(QByteArrayView(pb).first(n));
            if (!d.error.isEmpty()) {
                ++errors;
                QVERIFY2(d.error.contains(QStringLiteral("at byte")) || d.error.contains(QStringLiteral("no kind")),
                    qPrintable(d.error));
            }
        }
        QVERIFY(errors > pb.size() / 2);
        const StoredObject bad = StoredObjects::decode(QByteArray("k8s\0\x0a\x7f", 6));
        QCOMPARE(bad.error, QStringLiteral("length 127 runs past the end at byte 6"));
    }

    // Hostile JSON from etcd: a kind that is not a string, nesting deep enough
    // to overflow a recursive writer, a wrong wire type — each an answer, never a crash.
    void hostileValuesAreErrorsNotCrashes()
    {
        const StoredObject numberKind
            = StoredObjects::decode("{\"kind\":1,\"apiVersion\":{\"a\":2},\"metadata\":3}", 5);
        QVERIFY2(numberKind.error.isEmpty(), qPrintable(numberKind.error));
        QVERIFY(numberKind.kind.isEmpty() && numberKind.apiVersion.isEmpty());
        QCOMPARE(canon(json(numberKind.json)["metadata"]["resourceVersion"]), canon(Json("5")));
        QByteArray deep = "{\"a\":";
        deep += QByteArray(200000, '[');
        deep += QByteArray(200000, ']');
        deep += "}";
        const StoredObject tooDeep = StoredObjects::decode(deep);
        QVERIFY(!tooDeep.decoded());
        QCOMPARE(tooDeep.error, QStringLiteral("the stored JSON nests deeper than 256 levels; not read"));
        // ConfigMap.immutable (field 4) sent length-delimited: an error at its byte.
        QByteArray raw("\x22\x01\x01", 3); // field 4, wire type 2, one byte
        QByteArray typeMeta("\x0a\x02"
                            "v1"
                            "\x12\x09"
                            "ConfigMap",
            15);
        const QByteArray envelope
            = QByteArray("k8s\0", 4) + "\x0a" + char(typeMeta.size()) + typeMeta + "\x12" + char(raw.size()) + raw;
        const StoredObject wrongType = StoredObjects::decode(envelope);
        QCOMPARE(wrongType.error, QStringLiteral("field 4 is not a varint at byte %1").arg(envelope.size() - 1));
    }

    // The tests' encoder writes what kube-apiserver writes: the vector, byte for byte.
    void encoderMatchesTheVector_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ConfigMap") << QStringLiteral("core.v1.ConfigMap");
        QTest::newRow("Secret") << QStringLiteral("core.v1.Secret");
    }

    void encoderMatchesTheVector()
    {
        QFETCH(QString, type);
        QCOMPARE(StoredObjectEncoder::encode(vector(type + QStringLiteral(".json"))).toHex(),
            vector(type + QStringLiteral(".pb")).toHex());
    }

    void keys_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("apiVersion");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("guessed");
        QTest::newRow("configmap") << "configmap/platform/feature-flags"
                                   << ""
                                   << "/registry/configmaps/platform/feature-flags" << false;
        QTest::newRow("cm short name") << "cm/a/b"
                                       << ""
                                       << "/registry/configmaps/a/b" << false;
        QTest::newRow("namespace") << "namespace/platform"
                                   << ""
                                   << "/registry/namespaces/platform" << false;
        QTest::newRow("service") << "service/shop/web"
                                 << ""
                                 << "/registry/services/specs/shop/web" << false;
        QTest::newRow("endpoints") << "endpoints/shop/web"
                                   << ""
                                   << "/registry/services/endpoints/shop/web" << false;
        QTest::newRow("node") << "node/worker-1"
                              << ""
                              << "/registry/minions/worker-1" << false;
        QTest::newRow("rc") << "replicationcontroller/a/b"
                            << ""
                            << "/registry/controllers/a/b" << false;
        QTest::newRow("ingress") << "ingress/a/web"
                                 << "networking.k8s.io/v1"
                                 << "/registry/ingress/a/web" << false;
        QTest::newRow("deployments plural") << "deployments/a/b"
                                            << "apps/v1"
                                            << "/registry/deployments/a/b" << false;
        QTest::newRow("networkpolicy") << "networkpolicy/a/b"
                                       << ""
                                       << "/registry/networkpolicies/a/b" << false;
        QTest::newRow("storageclass") << "storageclass/fast"
                                      << ""
                                      << "/registry/storageclasses/fast" << false;
        QTest::newRow("crd") << "customresourcedefinition/widgets.example.com"
                             << ""
                             << "/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com" << false;
        QTest::newRow("custom resource") << "widget/a/w1"
                                         << "example.com/v1"
                                         << "/registry/example.com/widgets/a/w1" << true;
        QTest::newRow("custom -ies") << "policy/a/p"
                                     << "example.com/v1"
                                     << "/registry/example.com/policies/a/p" << true;
    }

    void keys()
    {
        QFETCH(QString, object);
        QFETCH(QString, apiVersion);
        QFETCH(QString, key);
        QFETCH(bool, guessed);
        const StorageKey k = StorageKeys::forObject(*ResourceId::parse(object), apiVersion);
        QCOMPARE(k.key, key);
        QCOMPARE(k.guessed, guessed);
    }

    void keysWithAnotherPrefix()
    {
        QCOMPARE(StorageKeys::forObject(*ResourceId::parse(QStringLiteral("cm/a/b")), {}, QStringLiteral("/k3s/")).key,
            QStringLiteral("/k3s/configmaps/a/b"));
        QCOMPARE(StorageKeys::prefixEnd("/registry/"), QByteArray("/registry0"));
        QCOMPARE(StorageKeys::prefixEnd(QByteArray("a\xff", 2)), QByteArray("b"));
    }
};

STRATA_TEST_MAIN(TestKubeStorage)
#include "tst_kubestorage.moc"
