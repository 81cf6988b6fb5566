// The Terraform → Kubernetes mapping: kubectl-shaped objects from state (the
// reference case, modules, for_each, manifests, partial ownership) and from
// code (hand-built TerraformConfig values in the shapes of the provider's own
// examples), with provider defaults, unknowns and secrets handled.
#include "StrataTestMain.h"

#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <QDir>
#include <QFile>

using namespace strata;

namespace {

const QString tf = QStringLiteral("main.tf");

SourceLocation at(int line, int column = 3)
{
    return SourceLocation { tf, line, column };
}
Value str(const char *s, int line = 1)
{
    return Value::string(QString::fromUtf8(s), at(line));
}
Value num(double n, int line = 1)
{
    return Value::number(n, {}, at(line));
}
Value unknown(const char *reason, int line = 1)
{
    return Value::unknown(QString::fromUtf8(reason), at(line));
}
Value map(const QList<Value::Entry> &entries, int line = 1)
{
    return Value::map(entries, at(line));
}
Value block(const QList<Value::Entry> &entries, int line = 1)
{
    return Value::list({ Value::map(entries, at(line)) }, at(line));
}
Value::Entry kv(const char *key, const Value &value)
{
    return { QString::fromUtf8(key), value };
}
TerraformResource resource(const char *type, const char *name, const Value &body, int line = 1)
{
    TerraformResource r;
    r.mode = QStringLiteral("managed");
    r.type = QString::fromUtf8(type);
    r.name = QString::fromUtf8(name);
    r.location = at(line, 1);
    r.instances = { TerraformInstance { Value(), body } };
    return r;
}

QString text(const Value &object, std::initializer_list<QString> path)
{
    const Value *v = object.find(path);
    return v ? v->text() : QStringLiteral("<absent>");
}

const ManagedKubernetesObject *byId(const KubernetesMappingResult &r, const QString &id)
{
    for (const ManagedKubernetesObject &o : r.objects) {
        if (o.id.toString() == id)
            return &o;
    }
    return nullptr;
}

// Fixtures live in files: moc cannot read multi-line raw strings.
QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/") + QString::fromUtf8(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

KubernetesMappingResult mapState(const QByteArray &json)
{
    const auto read = TerraformStateReader::read(json, QStringLiteral("t.tfstate"));
    if (!read.state)
        qFatal("test state does not read: %s", qPrintable(diagnosticsText(read.diagnostics)));
    return mapStateToKubernetes(*read.state);
}

// Every node of a value with where it was read, so two mappings compare
// location for location, not only by content.
void dumpValue(const Value &v, const QString &path, QStringList &out)
{
    out.append(QStringLiteral("%1 = %2 @%3:%4")
                   .arg(path, v.isScalar() ? v.displayText() : QString())
                   .arg(v.line())
                   .arg(v.column()));
    if (v.type() == Value::Type::List) {
        for (qsizetype i = 0; i < v.items().size(); ++i)
            dumpValue(v.items().at(i), path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), out);
    } else if (v.type() == Value::Type::Map) {
        for (const Value::Entry &e : v.entries())
            dumpValue(e.second, path + QLatin1Char('.') + e.first, out);
    }
}

// What a state read and its mapping say, line by line.
QStringList describe(const TerraformStateReadResult &read, const KubernetesMappingResult &mapped)
{
    QStringList out;
    for (const Diagnostic &d : read.diagnostics + mapped.diagnostics)
        out.append(QStringLiteral("diagnostic %1:%2:%3 %4 %5")
                       .arg(d.file)
                       .arg(d.line)
                       .arg(d.column)
                       .arg(int(d.severity))
                       .arg(d.message));
    if (!read.state)
        return out << QStringLiteral("no state");
    out.append(QStringLiteral("serial %1 lineage %2 outputs %3")
                   .arg(read.state->serial)
                   .arg(read.state->lineage)
                   .arg(read.state->outputs.size()));
    for (const TerraformStateResource &r : read.state->resources)
        out.append(QStringLiteral("resource %1 @%2:%3 instances %4 dependencies %5")
                       .arg(r.address())
                       .arg(r.location.line)
                       .arg(r.location.column)
                       .arg(r.instances.size())
                       .arg(r.instances.isEmpty() ? QString() : r.instances.first().dependencies.join(u',')));
    for (const QString &a : mapped.unmappedAddresses)
        out.append(QStringLiteral("unmapped ") + a);
    for (const ManagedKubernetesObject &o : mapped.objects) {
        out.append(QStringLiteral("object %1 %2 %3 @%4:%5 partial %6 encoding %7 rv %8 uid %9 sensitive %10")
                       .arg(o.id.toString(), o.address, o.terraformType)
                       .arg(o.location.line)
                       .arg(o.location.column)
                       .arg(o.partial)
                       .arg(int(o.secretDataEncoding))
                       .arg(o.stateResourceVersion, o.stateUid, o.sensitivePaths.join(u',')));
        dumpValue(o.object, QStringLiteral("  "), out);
    }
    return out;
}

} // namespace

class TestTerraformKubernetes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The import reads a state resource by resource, mapping each as it comes
    // and dropping its attribute trees (a whole state's were most of the
    // import's memory): it must say exactly what reading the whole state and
    // mapping it says, object for object, location for location, diagnostic
    // for diagnostic — on every state the tests know and on broken ones.
    void streamedStateMapsAsTheWholeState_data()
    {
        QTest::addColumn<QByteArray>("json");
        const auto addFolder = [](const QString &folder) {
            const QDir dir(folder);
            const QStringList names = dir.entryList({ QStringLiteral("*.tfstate") }, QDir::Files, QDir::Name);
            QVERIFY2(!names.isEmpty(), qPrintable(folder));
            for (const QString &name : names) {
                QFile f(dir.filePath(name));
                QVERIFY(f.open(QIODevice::ReadOnly));
                QTest::newRow(qPrintable(dir.dirName() + QLatin1Char('/') + name)) << f.readAll();
            }
        };
        addFolder(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data"));
        addFolder(QStringLiteral(STRATA_SHARED_DIR "/testdata/tfstate"));
        addFolder(QStringLiteral(STRATA_TEST_SOURCE_DIR "/../../resources/reference-case/terraform/platform"));
        const QByteArray one = fixture("modules-foreach.tfstate");
        const qsizetype resources = one.indexOf("\"resources\"");
        QVERIFY(resources > 0);
        // "resources" twice: the last one is meant, as for any repeated key.
        QTest::newRow("resources twice") << QByteArray(one).insert(resources,
            "\"resources\": [{\"mode\": \"managed\", "
            "\"type\": \"kubernetes_namespace\", \"name\": \"gone\", "
            "\"instances\": []}],\n  ");
        QTest::newRow("resources not a list") << QByteArray("{\"version\": 4, \"resources\": {\"a\": 1}}");
        // Repeated, the last value counts whatever it is: a list read first must not stay.
        QTest::newRow("resources twice, then null") << one.trimmed().chopped(1) + ", \"resources\": null}";
        QTest::newRow("resources twice, then an object") << one.trimmed().chopped(1) + ", \"resources\": {\"a\": 1}}";
        // Past 64 keys the JSON reader no longer searches for repeats: both lists are read.
        QByteArray wide = one;
        QByteArray filler;
        for (int i = 0; i < 70; ++i)
            filler += "\"x" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ", ";
        wide.insert(resources,
            filler
                + "\"resources\": [{\"mode\": \"managed\", \"type\": \"kubernetes_namespace\", "
                  "\"name\": \"first\", \"instances\": [{\"attributes\": {\"metadata\": "
                  "[{\"name\": \"first\"}]}}]}], ");
        QTest::newRow("resources twice past 64 keys") << wide;
        QTest::newRow("resources before version 3") << QByteArray(one).replace("\"version\": 4", "\"version\": 3");
        QTest::newRow("cut in a resource") << one.left(one.size() * 2 / 3);
        QTest::newRow("a resource that is not an object")
            << QByteArray("{\"version\": 4, \"serial\": 1, \"resources\": [7, {\"mode\": \"data\"}]}");
    }

    void streamedStateMapsAsTheWholeState()
    {
        QFETCH(QByteArray, json);
        const QString file = QStringLiteral("s.tfstate");
        const TerraformStateReadResult whole = TerraformStateReader::read(json, file);
        const KubernetesMappingResult wholeMapped
            = whole.state ? mapStateToKubernetes(*whole.state) : KubernetesMappingResult();

        KubernetesMappingResult streamedMapped;
        int restarts = 0;
        TerraformStateReader::ResourceSink sink;
        sink.restart = [&] {
            ++restarts;
            streamedMapped = KubernetesMappingResult();
        };
        sink.resource = [&](const TerraformStateResource &r) { mapStateResource(r, streamedMapped); };
        const TerraformStateReadResult streamed = TerraformStateReader::read(json, file, sink);
        if (!streamed.state)
            streamedMapped = KubernetesMappingResult(); // void when there is no state, as the sink's contract says

        QCOMPARE(describe(streamed, streamedMapped), describe(whole, wholeMapped));
        // A repeated "resources" is read whole: what the stream saw is void, once.
        QCOMPARE(restarts, QByteArray(QTest::currentDataTag()).startsWith("resources twice") ? 1 : 0);
        // Streamed, the state keeps no attribute trees.
        if (streamed.state) {
            for (const TerraformStateResource &r : streamed.state->resources) {
                for (const TerraformStateInstance &i : r.instances)
                    QVERIFY(i.attributes.isNull() && i.attributesFlat.isNull());
            }
        }
    }

    void referenceCaseState()
    {
        const QString path = QStringLiteral(
            STRATA_TEST_SOURCE_DIR "/../../resources/reference-case/terraform/platform/terraform.tfstate");
        const auto read = TerraformStateReader::readFile(path);
        QVERIFY(read.state);
        QCOMPARE(read.state->serial, quint64(112));
        const KubernetesMappingResult r = mapStateToKubernetes(*read.state);
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(diagnosticsText(r.diagnostics)));
        QVERIFY(r.unmappedAddresses.isEmpty());
        QCOMPARE(r.objects.size(), 4);

        const ManagedKubernetesObject *flags = byId(r, QStringLiteral("configmap/platform/feature-flags"));
        QVERIFY(flags);
        QCOMPARE(flags->address, QStringLiteral("kubernetes_config_map.feature_flags"));
        QCOMPARE(flags->terraformType, QStringLiteral("kubernetes_config_map"));
        QCOMPARE(flags->location.file, path);
        QCOMPARE(flags->location.line, 39);
        QCOMPARE(flags->stateResourceVersion, QStringLiteral("288847"));
        QCOMPARE(flags->stateUid, QStringLiteral("5d2c9f8e-31a4-4c7b-b0e6-8a9d7f1e2c34"));
        QVERIFY(!flags->partial);
        QVERIFY(flags->sensitivePaths.isEmpty());
        const Value &o = flags->object;
        QCOMPARE(text(o, { QStringLiteral("apiVersion") }), QStringLiteral("v1"));
        QCOMPARE(text(o, { QStringLiteral("kind") }), QStringLiteral("ConfigMap"));
        QCOMPARE(text(o, { QStringLiteral("metadata"), QStringLiteral("name") }), QStringLiteral("feature-flags"));
        QCOMPARE(text(o, { QStringLiteral("metadata"), QStringLiteral("namespace") }), QStringLiteral("platform"));
        QCOMPARE(o.find(QStringLiteral("data"))->entries().size(), 3);
        const Value *flag = o.find({ QStringLiteral("data"), QStringLiteral("enable_new_checkout") });
        QCOMPARE(flag->text(), QStringLiteral("false"));
        QCOMPARE(flag->location().line, 51);
        QCOMPARE(text(o, { QStringLiteral("data"), QStringLiteral("max_cart_items") }), QStringLiteral("25"));
        QCOMPARE(text(o, { QStringLiteral("data"), QStringLiteral("enable_dark_mode") }), QStringLiteral("true"));
        // What Kubernetes leaves out is left out: null labels, null binary_data, immutable=false.
        QVERIFY(!o.find({ QStringLiteral("metadata"), QStringLiteral("labels") }));
        QVERIFY(!o.find(QStringLiteral("binaryData")));
        QVERIFY(!o.find(QStringLiteral("immutable")));
        QVERIFY(!o.find({ QStringLiteral("metadata"), QStringLiteral("resource_version") }));
        QVERIFY(!o.find(QStringLiteral("id")));

        const ManagedKubernetesObject *settings = byId(r, QStringLiteral("configmap/platform/checkout-settings"));
        QVERIFY(settings);
        QCOMPARE(
            text(settings->object, { QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("app") }),
            QStringLiteral("checkout"));

        const ManagedKubernetesObject *secret = byId(r, QStringLiteral("secret/platform/checkout-api"));
        QVERIFY(secret);
        QCOMPARE(secret->secretDataEncoding, ManagedKubernetesObject::SecretDataEncoding::Plain);
        QCOMPARE(secret->sensitivePaths, QStringList { QStringLiteral("data") });
        QCOMPARE(text(secret->object, { QStringLiteral("type") }), QStringLiteral("Opaque"));
        QCOMPARE(text(secret->object, { QStringLiteral("kind") }), QStringLiteral("Secret"));
        QCOMPARE(secret->object.find(QStringLiteral("data"))->entries().size(), 1);
        QCOMPARE(secret->stateResourceVersion, QStringLiteral("241911"));

        const ManagedKubernetesObject *ns = byId(r, QStringLiteral("namespace/platform"));
        QVERIFY(ns);
        QVERIFY(ns->id.ns.isEmpty());
        QCOMPARE(text(ns->object, { QStringLiteral("kind") }), QStringLiteral("Namespace"));
        QVERIFY(!ns->object.find({ QStringLiteral("metadata"), QStringLiteral("namespace") }));
        QCOMPARE(text(ns->object, { QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("team") }),
            QStringLiteral("platform"));
        QCOMPARE(ns->stateResourceVersion, QStringLiteral("1187"));
    }

    void stateModulesForEachAndOtherTypes()
    {
        const auto r = mapState(fixture("modules-foreach.tfstate"));
        QCOMPARE(r.objects.size(), 4);
        QCOMPARE(r.unmappedAddresses,
            QStringList({ QStringLiteral("kubernetes_namespace_v1.ns[1] (deposed d1)"),
                QStringLiteral("null_resource.n"), QStringLiteral("data.kubernetes_config_map.existing"),
                QStringLiteral("kubernetes_config_map.flat") }));
        QCOMPARE(r.diagnostics.size(), 1); // only attributes_flat: the rest is skipped silently
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("attributes_flat")));

        const ManagedKubernetesObject *a = byId(r, QStringLiteral("configmap/eu/cfg-a"));
        QVERIFY(a);
        QCOMPARE(a->address, QStringLiteral("module.tenant[\"eu\"].kubernetes_config_map_v1.cfg[\"a\"]"));
        QCOMPARE(a->stateResourceVersion, QStringLiteral("77"));
        QCOMPARE(a->stateUid, QStringLiteral("u-a"));
        QCOMPARE(text(a->object, { QStringLiteral("binaryData"), QStringLiteral("blob.bin") }), QStringLiteral("AAEC"));
        QVERIFY(a->object.find(QStringLiteral("immutable"))->toBool());
        QCOMPARE(
            text(a->object, { QStringLiteral("metadata"), QStringLiteral("annotations"), QStringLiteral("owner") }),
            QStringLiteral("team-x"));
        const ManagedKubernetesObject *b = byId(r, QStringLiteral("configmap/eu/cfg-b"));
        QVERIFY(b);
        QVERIFY(!b->object.find(QStringLiteral("data"))); // empty data is omitted, as kubectl does

        const ManagedKubernetesObject *zero = byId(r, QStringLiteral("namespace/zero"));
        QVERIFY(zero);
        QCOMPARE(zero->address, QStringLiteral("kubernetes_namespace_v1.ns[0]"));

        // Secret binary_data is base64; the API merges it into data, so it is decoded into data.
        const ManagedKubernetesObject *bin = byId(r, QStringLiteral("secret/ops/bin"));
        QVERIFY(bin);
        const Value *data = bin->object.find(QStringLiteral("data"));
        QCOMPARE(data->entries().size(), 3);
        QCOMPARE(text(bin->object, { QStringLiteral("data"), QStringLiteral("plain") }), QStringLiteral("p"));
        QCOMPARE(text(bin->object, { QStringLiteral("data"), QStringLiteral("hello") }), QStringLiteral("hello"));
        QVERIFY(bin->object.find({ QStringLiteral("data"), QStringLiteral("raw") })->isUnknown());
        QVERIFY(!bin->object.find(QStringLiteral("binaryData")));
        QVERIFY(!bin->object.find({ QStringLiteral("metadata"), QStringLiteral("labels") }));
        QCOMPARE(text(bin->object, { QStringLiteral("type") }), QStringLiteral("kubernetes.io/tls"));
        QCOMPARE(bin->sensitivePaths,
            QStringList({ QStringLiteral("data"), QStringLiteral("data[\"tls.key\"]"),
                QStringLiteral("metadata.generateName") }));
    }

    void stateManifestAndPartialOwnership()
    {
        const auto r = mapState(fixture("manifest-partial.tfstate"));
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(diagnosticsText(r.diagnostics)));
        QCOMPARE(r.objects.size(), 4);

        const ManagedKubernetesObject *cm = byId(r, QStringLiteral("configmap/apps/test-config"));
        QVERIFY(cm);
        QCOMPARE(cm->stateResourceVersion, QStringLiteral("4242"));
        QCOMPARE(cm->stateUid, QStringLiteral("uid-1"));
        QCOMPARE(cm->secretDataEncoding, ManagedKubernetesObject::SecretDataEncoding::Base64);
        QCOMPARE(text(cm->object, { QStringLiteral("data"), QStringLiteral("foo") }), QStringLiteral("bar"));
        QCOMPARE(text(cm->object, { QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("app") }),
            QStringLiteral("test-app"));
        QVERIFY(!cm->object.find(QStringLiteral("binaryData"))); // the manifest, not the nulled-out object

        const ManagedKubernetesObject *widget = byId(r, QStringLiteral("widget/default/w"));
        QVERIFY(widget);
        QVERIFY(!widget->object.find({ QStringLiteral("spec"), QStringLiteral("color") }));
        QCOMPARE(text(widget->object, { QStringLiteral("spec"), QStringLiteral("size") }), QStringLiteral("3"));
        QCOMPARE(text(widget->object, { QStringLiteral("metadata"), QStringLiteral("namespace") }),
            QStringLiteral("default"));

        const ManagedKubernetesObject *role = byId(r, QStringLiteral("clusterrole/reader"));
        QVERIFY(role);
        QVERIFY(!role->object.find({ QStringLiteral("metadata"), QStringLiteral("namespace") }));

        const ManagedKubernetesObject *owner = byId(r, QStringLiteral("configmap/default/my-config"));
        QVERIFY(owner);
        QVERIFY(owner->partial);
        QVERIFY(!cm->partial);
        QCOMPARE(text(owner->object, { QStringLiteral("data"), QStringLiteral("owner") }), QStringLiteral("myteam"));
        QVERIFY(!owner->object.find(QStringLiteral("force")));
        QVERIFY(!owner->object.find(QStringLiteral("immutable")));
    }

    void codeWithProviderDefaultsAndConversions()
    {
        // examples_resources_config_map_v1_example_1.tf, as the HCL reader evaluates it.
        TerraformConfig config;
        config.resources.append(resource("kubernetes_config_map_v1", "example",
            map({ kv("metadata", block({ kv("name", str("my-config", 3)) }, 2)),
                kv("data",
                    map({ kv("api_host", str("myhost:443", 7)), kv("db_host", str("dbhost:5432", 8)),
                            kv("my_config_file.yml", unknown("file(...) reads a file", 9)),
                            kv("replicas", num(3, 10)) },
                        6)),
                kv("binary_data", map({ kv("my_payload.bin", unknown("filebase64(...)", 13)) }, 12)) }),
            1));
        // feature-flags.tf of the reference case, with a namespace
        config.resources.append(resource("kubernetes_config_map", "feature_flags",
            map({ kv("metadata",
                      block({ kv("name", str("feature-flags", 3)), kv("namespace", str("platform", 4)) }, 2)),
                kv("data", map({ kv("enable_new_checkout", str("false", 8)), kv("max_cart_items", str("25", 10)) }, 7)),
                kv("immutable", Value::boolean(false, at(12))) }),
            20));
        const KubernetesMappingResult r = mapConfigToKubernetes(config);
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(diagnosticsText(r.diagnostics)));
        QCOMPARE(r.objects.size(), 2);

        const ManagedKubernetesObject &ex = r.objects.at(0);
        QCOMPARE(ex.id.toString(), QStringLiteral("configmap/default/my-config"));
        QCOMPARE(ex.address, QStringLiteral("kubernetes_config_map_v1.example"));
        QCOMPARE(ex.location, at(1, 1));
        QVERIFY(ex.stateResourceVersion.isEmpty());
        QCOMPARE(
            text(ex.object, { QStringLiteral("metadata"), QStringLiteral("namespace") }), QStringLiteral("default"));
        QCOMPARE(ex.object.find({ QStringLiteral("metadata"), QStringLiteral("name") })->location(), at(3));
        const Value *file = ex.object.find({ QStringLiteral("data"), QStringLiteral("my_config_file.yml") });
        QVERIFY(file->isUnknown());
        QCOMPARE(file->location(), at(9));
        const Value *replicas = ex.object.find({ QStringLiteral("data"), QStringLiteral("replicas") });
        QCOMPARE(replicas->type(), Value::Type::String); // map(string): Terraform converts the number
        QCOMPARE(replicas->text(), QStringLiteral("3"));
        QCOMPARE(replicas->location(), at(10));
        QVERIFY(ex.object.find({ QStringLiteral("binaryData"), QStringLiteral("my_payload.bin") })->isUnknown());

        const ManagedKubernetesObject &flags = r.objects.at(1);
        QCOMPARE(flags.id.toString(), QStringLiteral("configmap/platform/feature-flags"));
        QCOMPARE(
            flags.object.find({ QStringLiteral("data"), QStringLiteral("enable_new_checkout") })->location(), at(8));
        QVERIFY(!flags.object.find(QStringLiteral("immutable")));
    }

    void codeNamespaceReferencesAndUnknownNames()
    {
        TerraformConfig config;
        config.resources.append(resource("kubernetes_namespace", "platform",
            map({ kv("metadata",
                block({ kv("name", str("platform", 3)), kv("labels", map({ kv("team", str("platform", 4)) }, 4)) },
                    2)) }),
            1));
        config.resources.append(resource("kubernetes_config_map", "checkout_settings",
            map({ kv("metadata",
                block({ kv("name", str("checkout-settings", 8)),
                          kv("namespace", unknown("kubernetes_namespace.platform.metadata[0].name", 9)) },
                    7)) }),
            6));
        config.resources.append(resource("kubernetes_config_map", "elsewhere",
            map({ kv("metadata",
                block({ kv("name", str("x", 13)), kv("namespace", unknown("data.external.ns.result", 14)) }, 12)) }),
            11));
        config.resources.append(resource("kubernetes_config_map", "by_var",
            map({ kv("metadata", block({ kv("name", unknown("var.name has no value", 18)) }, 17)) }), 16));
        config.resources.append(resource("kubernetes_secret", "gen",
            map({ kv("metadata", block({ kv("generate_name", str("tok-", 22)) }, 21)) }), 20));
        config.resources.append(resource("kubernetes_config_map", "dyn", unknown("dynamic block", 25), 24));
        TerraformResource counted = resource("kubernetes_namespace", "team", Value(), 30);
        counted.module = QStringLiteral("module.teams");
        counted.instances = {
            TerraformInstance {
                Value::number(0, {}, at(30)), map({ kv("metadata", block({ kv("name", str("t0")) })) }) },
            TerraformInstance {
                Value::number(1, {}, at(30)), map({ kv("metadata", block({ kv("name", str("t1")) })) }) },
        };
        config.resources.append(counted);
        TerraformResource other = resource("helm_release", "x", map({}), 40);
        other.instances.append(TerraformInstance { Value::string(QStringLiteral("k"), at(40)), map({}) });
        other.instances.removeFirst();
        config.resources.append(other);
        TerraformResource lookup = resource("kubernetes_config_map", "existing", map({}), 45);
        lookup.mode = QStringLiteral("data");
        config.resources.append(lookup);

        const KubernetesMappingResult r = mapConfigToKubernetes(config);
        QStringList ids;
        for (const ManagedKubernetesObject &o : r.objects)
            ids.append(o.id.toString() + QLatin1Char(' ') + o.address);
        QCOMPARE(ids,
            QStringList({ QStringLiteral("namespace/platform kubernetes_namespace.platform"),
                QStringLiteral("configmap/platform/checkout-settings "
                               "kubernetes_config_map.checkout_settings"),
                QStringLiteral("namespace/t0 module.teams.kubernetes_namespace.team[0]"),
                QStringLiteral("namespace/t1 module.teams.kubernetes_namespace.team[1]") }));
        // The resolved namespace points at the reference in the code.
        QCOMPARE(r.objects.at(1).object.find({ QStringLiteral("metadata"), QStringLiteral("namespace") })->location(),
            at(9));
        QCOMPARE(r.unmappedAddresses,
            QStringList(
                { QStringLiteral("kubernetes_config_map.elsewhere"), QStringLiteral("kubernetes_config_map.by_var"),
                    QStringLiteral("kubernetes_secret.gen"), QStringLiteral("kubernetes_config_map.dyn"),
                    QStringLiteral("helm_release.x[\"k\"]"), QStringLiteral("data.kubernetes_config_map.existing") }));
        QCOMPARE(r.diagnostics.size(), 4);
        QCOMPARE(r.diagnostics.at(0).line, 14);
        QVERIFY(r.diagnostics.at(0).message.contains(QStringLiteral("namespace is not known")));
        QCOMPARE(r.diagnostics.at(1).line, 18);
        QVERIFY(r.diagnostics.at(1).message.contains(QStringLiteral("var.name has no value")));
        QVERIFY(r.diagnostics.at(2).message.contains(QStringLiteral("generate_name")));
        QCOMPARE(r.diagnostics.at(3).line, 25);
        for (const Diagnostic &d : r.diagnostics)
            QCOMPARE(d.severity, Diagnostic::Severity::Warning);
    }

    void codeSecretsAndManifests()
    {
        TerraformConfig config;
        // checkout.tf of the reference case: the key comes from a sensitive variable.
        config.resources.append(resource("kubernetes_secret", "checkout_api",
            map({ kv("metadata", block({ kv("name", str("checkout-api", 3)), kv("namespace", str("platform", 4)) }, 2)),
                kv("data", map({ kv("api_key", unknown("var.checkout_api_key is sensitive", 8)) }, 7)) }),
            1));
        config.resources.append(resource("kubernetes_secret_v1", "literal",
            map({ kv("metadata", block({ kv("name", str("lit", 13)) }, 12)),
                kv("data", map({ kv("password", str("s3cr3t-plain", 15)) }, 14)),
                kv("type", str("kubernetes.io/basic-auth", 16)), kv("immutable", Value::boolean(true, at(17))) }),
            11));
        // _examples_kubernetes_manifest_configmap_main.tf
        config.resources.append(resource("kubernetes_manifest", "test-configmap",
            map({ kv("manifest",
                map({ kv("apiVersion", str("v1", 7)), kv("kind", str("ConfigMap", 8)),
                        kv("metadata",
                            map({ kv("name", str("test-config", 10)), kv("namespace", str("default", 11)),
                                    kv("labels",
                                        map({ kv("app", str("test-app", 13)),
                                                kv("environment", str("production", 14)) },
                                            12)) },
                                9)),
                        kv("data", map({ kv("foo", str("bar", 18)) }, 17)) },
                    6)) }),
            4));
        // manifest_test_acceptance_testdata_ConfigMap_configmap.tf: name and namespace are variables without values.
        config.resources.append(resource("kubernetes_manifest", "test",
            map({ kv("manifest",
                map({ kv("apiVersion", str("v1", 7)), kv("kind", str("ConfigMap", 8)),
                    kv("metadata",
                        map({ kv("name", unknown("var.name has no value", 10)),
                                kv("namespace", unknown("var.namespace has no value", 11)) },
                            9)),
                    kv("data", map({ kv("foo", str("bar", 14)) }, 13)) })) }),
            4));
        config.resources.append(resource("kubernetes_manifest", "sec",
            map({ kv("manifest",
                map({ kv("apiVersion", str("v1")), kv("kind", str("Secret")),
                    kv("metadata", map({ kv("name", str("m")) })), kv("data", map({ kv("k", str("c2VjcmV0")) })) })) }),
            30));

        const KubernetesMappingResult r = mapConfigToKubernetes(config);
        QCOMPARE(r.objects.size(), 4);
        QCOMPARE(r.unmappedAddresses, QStringList { QStringLiteral("kubernetes_manifest.test") });

        const ManagedKubernetesObject *api = byId(r, QStringLiteral("secret/platform/checkout-api"));
        QVERIFY(api);
        QCOMPARE(api->sensitivePaths, QStringList { QStringLiteral("data") });
        QCOMPARE(api->secretDataEncoding, ManagedKubernetesObject::SecretDataEncoding::Plain);
        QVERIFY(api->object.find({ QStringLiteral("data"), QStringLiteral("api_key") })->isUnknown());
        QCOMPARE(text(api->object, { QStringLiteral("type") }), QStringLiteral("Opaque"));

        const ManagedKubernetesObject *lit = byId(r, QStringLiteral("secret/default/lit"));
        QVERIFY(lit);
        QCOMPARE(
            text(lit->object, { QStringLiteral("data"), QStringLiteral("password") }), QStringLiteral("s3cr3t-plain"));
        QCOMPARE(text(lit->object, { QStringLiteral("type") }), QStringLiteral("kubernetes.io/basic-auth"));
        QVERIFY(lit->object.find(QStringLiteral("immutable"))->toBool());

        const ManagedKubernetesObject *cm = byId(r, QStringLiteral("configmap/default/test-config"));
        QVERIFY(cm);
        QCOMPARE(cm->address, QStringLiteral("kubernetes_manifest.test-configmap"));
        QCOMPARE(
            text(cm->object, { QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("environment") }),
            QStringLiteral("production"));
        QCOMPARE(cm->object.find({ QStringLiteral("data"), QStringLiteral("foo") })->location(), at(18));
        QVERIFY(cm->sensitivePaths.isEmpty());

        const ManagedKubernetesObject *sec = byId(r, QStringLiteral("secret/default/m"));
        QVERIFY(sec);
        QCOMPARE(sec->secretDataEncoding, ManagedKubernetesObject::SecretDataEncoding::Base64);
        QVERIFY(sec->sensitivePaths.contains(QStringLiteral("data")));
        QVERIFY(sec->sensitivePaths.contains(QStringLiteral("stringData")));
        QCOMPARE(
            text(sec->object, { QStringLiteral("metadata"), QStringLiteral("namespace") }), QStringLiteral("default"));

        // Nothing but the Value itself carries secret text.
        for (const Diagnostic &d : r.diagnostics)
            QVERIFY(!d.message.contains(QStringLiteral("s3cr3t")));
        for (const QString &a : r.unmappedAddresses)
            QVERIFY(!a.contains(QStringLiteral("s3cr3t")));
    }

    void configMapV1DataFromCode()
    {
        // examples_resources_config_map_v1_data_example_1.tf
        TerraformConfig config;
        config.resources.append(resource("kubernetes_config_map_v1_data", "example",
            map({ kv("metadata", block({ kv("name", str("my-config", 3)) }, 2)),
                kv("data", map({ kv("owner", str("myteam", 6)) }, 5)) }),
            1));
        const KubernetesMappingResult r = mapConfigToKubernetes(config);
        QCOMPARE(r.objects.size(), 1);
        const ManagedKubernetesObject &o = r.objects.first();
        QVERIFY(o.partial);
        QCOMPARE(o.id.toString(), QStringLiteral("configmap/default/my-config"));
        QCOMPARE(text(o.object, { QStringLiteral("data"), QStringLiteral("owner") }), QStringLiteral("myteam"));
    }
};

STRATA_TEST_MAIN(TestTerraformKubernetes)
#include "tst_terraformkubernetes.moc"
