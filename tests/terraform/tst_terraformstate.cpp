// Terraform state v4: the real test vectors from hashicorp/terraform, the
// reference case, unsupported versions and malformed input (positioned
// diagnostics, the rest still read).
#include "StrataTestMain.h"

#include "terraform/TerraformAddress.h"
#include "terraform/TerraformStateReader.h"

#include <QDir>
#include <QFile>

using namespace strata;

class TestTerraformState : public QObject
{
    Q_OBJECT

private:
    static QString vectors() { return QStringLiteral(STRATA_SHARED_DIR "/testdata/tfstate"); }
    static QString referenceState()
    {
        return QStringLiteral(
            STRATA_TEST_SOURCE_DIR "/../../resources/reference-case/terraform/platform/terraform.tfstate");
    }
    static TerraformStateReadResult read(const QByteArray &json)
    {
        return TerraformStateReader::read(json, QStringLiteral("s.tfstate"));
    }
    // Fixtures live in files: moc cannot read multi-line raw strings.
    static QByteArray fixture(const char *name)
    {
        QFile f(QStringLiteral(STRATA_TEST_SOURCE_DIR "/data/") + QString::fromUtf8(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", name);
        return f.readAll();
    }
    static const TerraformStateResource *findResource(const TerraformState &s, const QString &address)
    {
        for (const TerraformStateResource &r : s.resources) {
            if (r.address() == address)
                return &r;
        }
        return nullptr;
    }

private Q_SLOTS:
    void everyV4VectorParses_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(vectors());
        int rows = 0;
        for (const QString &name : dir.entryList({ QStringLiteral("*.tfstate") }, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray head = f.read(64).trimmed();
            // Upstream's .out files are often symlinks, stored here as the target's name.
            if (!head.startsWith('{'))
                continue;
            if (name.startsWith(QLatin1String("v3-")) && name.endsWith(QLatin1String(".in.tfstate")))
                continue; // the old format: see v3VectorsAreRefused
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
            ++rows;
        }
        QVERIFY(rows >= 13);
    }
    void everyV4VectorParses()
    {
        QFETCH(QString, path);
        const auto result = TerraformStateReader::readFile(path);
        QVERIFY2(result.state, qPrintable(diagnosticsText(result.diagnostics)));
        QVERIFY2(!hasErrors(result.diagnostics), qPrintable(diagnosticsText(result.diagnostics)));
        const TerraformState &s = *result.state;
        QCOMPARE(s.version, 4);
        QCOMPARE(s.lineage.size(), 36); // a UUID
        QVERIFY(!s.terraformVersion.isEmpty());
        QVERIFY(!s.resources.isEmpty());
        for (const TerraformStateOutput &o : s.outputs) {
            QVERIFY(!o.name.isEmpty());
            QVERIFY(!o.value.isNull());
            QVERIFY(o.location.line > 0);
        }
        for (const TerraformStateResource &r : s.resources) {
            QVERIFY(!r.type.isEmpty() && !r.name.isEmpty());
            QVERIFY(r.location.line > 0);
            QVERIFY(!r.instances.isEmpty());
            for (const TerraformStateInstance &i : r.instances) {
                QVERIFY(i.attributes.type() == Value::Type::Map || i.attributesFlat.type() == Value::Type::Map);
                QCOMPARE(i.location.file, path);
            }
        }
    }

    void v3VectorsAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(vectors());
        for (const QString &name : dir.entryList({ QStringLiteral("v3-*.in.tfstate") }, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }
    void v3VectorsAreRefused()
    {
        QFETCH(QString, path);
        const auto result = TerraformStateReader::readFile(path);
        QVERIFY(!result.state);
        QCOMPARE(result.diagnostics.size(), 1);
        const Diagnostic &d = result.diagnostics.first();
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        QCOMPARE(d.message, QStringLiteral("state format version 3 is not supported (Strata reads version 4)"));
        QCOMPARE(d.file, path);
        QCOMPARE(d.line, 2);
        QCOMPARE(d.column, 16); // the 3
    }

    void modulesForEachAndFlatAttributes()
    {
        const auto result = TerraformStateReader::readFile(vectors() + QStringLiteral("/v4-modules.in.tfstate"));
        QVERIFY(result.state);
        const TerraformState &s = *result.state;
        QCOMPARE(s.resources.size(), 3);
        const TerraformStateResource *modB = findResource(s, QStringLiteral("module.modB.null_resource.bar"));
        QVERIFY(modB);
        QCOMPARE(modB->each, QStringLiteral("map"));
        QCOMPARE(modB->instances.size(), 2);
        QCOMPARE(modB->instances.at(1).indexKey.type(), Value::Type::String);
        QCOMPARE(modB->instances.at(1).indexKey.text(), QStringLiteral("b"));
        QCOMPARE(TerraformAddress::instance(modB->address(), modB->instances.at(1).indexKey),
            QStringLiteral("module.modB.null_resource.bar[\"b\"]"));
        QCOMPARE(
            modB->instances.at(0).dependencies, QStringList { QStringLiteral("module.modA.null_resource.resource") });
        QCOMPARE(modB->instances.at(0).attributesFlat.find(QStringLiteral("id"))->text(),
            QStringLiteral("8212585058302700791"));
        QVERIFY(modB->instances.at(0).attributes.isNull());

        const TerraformStateResource *bar = findResource(s, QStringLiteral("null_resource.bar"));
        QVERIFY(bar);
        QCOMPARE(bar->instances.first().attributesFlat.find(QStringLiteral("triggers.whaaat"))->text(),
            QStringLiteral("0,1"));
        const TerraformStateResource *modA = findResource(s, QStringLiteral("module.modA.null_resource.resource"));
        QVERIFY(modA);
        QCOMPARE(
            modA->instances.first().attributes.find({ QStringLiteral("triggers"), QStringLiteral("input") })->text(),
            QStringLiteral("test"));
    }

    void countIndexKeysAndFutureVersions()
    {
        const auto result = TerraformStateReader::readFile(vectors() + QStringLiteral("/v4-future.in.tfstate"));
        QVERIFY(result.state);
        QCOMPARE(result.state->terraformVersion, QStringLiteral("999.0.0"));
        const TerraformStateResource *foo = findResource(*result.state, QStringLiteral("null_resource.foo"));
        QVERIFY(foo);
        QCOMPARE(foo->each, QStringLiteral("list"));
        QCOMPARE(foo->instances.size(), 2);
        QCOMPARE(foo->instances.at(1).indexKey.type(), Value::Type::Number);
        QCOMPARE(TerraformAddress::indexKey(foo->instances.at(1).indexKey), QStringLiteral("[1]"));
    }

    void createBeforeDestroy()
    {
        const auto result = TerraformStateReader::readFile(vectors() + QStringLiteral("/v4-cbd.in.tfstate"));
        QVERIFY(result.state);
        QCOMPARE(result.state->resources.size(), 1);
        const TerraformStateResource &r = result.state->resources.first();
        QCOMPARE(r.module, QStringLiteral("module.modA"));
        QCOMPARE(r.provider, QStringLiteral("provider[\"registry.terraform.io/-/null\"]"));
        QVERIFY(r.instances.first().createBeforeDestroy);
        const auto other = TerraformStateReader::readFile(vectors() + QStringLiteral("/v4-foreach.in.tfstate"));
        QVERIFY(other.state);
        QVERIFY(!other.state->resources.first().instances.first().createBeforeDestroy);
    }

    void referenceCase()
    {
        const auto result = TerraformStateReader::readFile(referenceState());
        QVERIFY2(result.state, qPrintable(diagnosticsText(result.diagnostics)));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        const TerraformState &s = *result.state;
        QCOMPARE(s.serial, quint64(112));
        QCOMPARE(s.serialLocation.line, 4);
        QCOMPARE(s.serialLocation.column, 13);
        QCOMPARE(s.terraformVersion, QStringLiteral("1.9.8"));
        QCOMPARE(s.lineage, QStringLiteral("7c1e0d2a-5b3f-4e8a-9c6d-1f2e3a4b5c6d"));
        QVERIFY(s.outputs.isEmpty());
        QCOMPARE(s.resources.size(), 4);

        const TerraformStateResource *flags = findResource(s, QStringLiteral("kubernetes_config_map.feature_flags"));
        QVERIFY(flags);
        QCOMPARE(flags->mode, QStringLiteral("managed"));
        QCOMPARE(flags->location.line, 39);
        QCOMPARE(flags->instances.size(), 1);
        const TerraformStateInstance &i = flags->instances.first();
        QVERIFY(i.indexKey.isNull());
        QCOMPARE(i.dependencies, QStringList { QStringLiteral("kubernetes_namespace.platform") });
        const Value *flag = i.attributes.find({ QStringLiteral("data"), QStringLiteral("enable_new_checkout") });
        QVERIFY(flag);
        QCOMPARE(flag->text(), QStringLiteral("false"));
        QCOMPARE(flag->location().line, 51);
        QCOMPARE(flag->location().file, referenceState());
        const Value &meta = i.attributes.find(QStringLiteral("metadata"))->items().first();
        QCOMPARE(meta.find(QStringLiteral("resource_version"))->text(), QStringLiteral("288847"));

        const TerraformStateResource *secret = findResource(s, QStringLiteral("kubernetes_secret.checkout_api"));
        QVERIFY(secret);
        const TerraformStateInstance &si = secret->instances.first();
        QCOMPARE(si.sensitiveAttributes.size(), 2);
        QCOMPARE(si.sensitiveAttributes.at(0).size(), 1);
        QCOMPARE(si.sensitiveAttributes.at(0).first().kind, TerraformPathStep::Kind::Attribute);
        QCOMPARE(si.sensitiveAttributes.at(0).first().key.text(), QStringLiteral("data"));
        QCOMPARE(si.sensitiveAttributes.at(1).first().key.text(), QStringLiteral("binary_data"));
    }

    void sensitiveOutputValuesAreNotKept()
    {
        const auto result = read(fixture("sensitive-outputs.tfstate"));
        QVERIFY(result.state);
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.state->outputs.size(), 2);
        const TerraformStateOutput &password = result.state->outputs.at(0);
        QCOMPARE(password.name, QStringLiteral("password"));
        QVERIFY(password.sensitive);
        QVERIFY(password.value.isUnknown());
        QVERIFY(!password.value.text().contains(QStringLiteral("hunter2")));
        QVERIFY(!password.value.displayText().contains(QStringLiteral("hunter2")));
        QCOMPARE(password.value.location().line, 3);
        QCOMPARE(result.state->outputs.at(1).value.text(), QStringLiteral("example.org"));
        QVERIFY(!result.state->outputs.at(1).sensitive);
    }

    void currentLayoutWithIndexPathsAndCheckResults()
    {
        const auto result = read(fixture("current-layout.tfstate"));
        QVERIFY2(result.state, qPrintable(diagnosticsText(result.diagnostics)));
        QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
        QCOMPARE(result.state->serial, std::numeric_limits<quint64>::max());
        const TerraformStateResource &r = result.state->resources.first();
        QCOMPARE(r.address(), QStringLiteral("module.app[\"eu\"].kubernetes_secret_v1.s"));
        QCOMPARE(r.instances.size(), 2);
        const TerraformStateInstance &a = r.instances.at(0);
        QCOMPARE(a.status, QStringLiteral("tainted"));
        QCOMPARE(a.schemaVersion, 1);
        QCOMPARE(a.sensitiveAttributes.size(), 2);
        QCOMPARE(a.sensitiveAttributes.at(0).at(1).kind, TerraformPathStep::Kind::Index);
        QCOMPARE(a.sensitiveAttributes.at(0).at(1).key.text(), QStringLiteral("a"));
        QCOMPARE(a.sensitiveAttributes.at(1).at(1).key.type(), Value::Type::Number);
        QCOMPARE(r.instances.at(1).deposed, QStringLiteral("00000001"));
    }

    void otherVersionsAreRefusedAtTheVersion()
    {
        for (const char *v : { "0", "1", "2", "5", "4.5" }) {
            const QByteArray json = QByteArray("{\n  \"serial\": 1,\n  \"version\": ") + v + "\n}";
            const auto result = TerraformStateReader::read(json, QStringLiteral("s.tfstate"));
            QVERIFY(!result.state);
            QCOMPARE(result.diagnostics.size(), 1);
            QCOMPARE(result.diagnostics.first().message,
                QStringLiteral("state format version %1 is not supported (Strata reads version 4)")
                    .arg(QString::fromLatin1(v)));
            QCOMPARE(result.diagnostics.first().line, 3);
            QCOMPARE(result.diagnostics.first().column, 14);
        }
    }

    void notAState()
    {
        auto r = read("");
        QVERIFY(!r.state);
        QVERIFY(hasErrors(r.diagnostics));

        r = read("{\"version\": 4,\n  \"resources\": [}");
        QVERIFY(!r.state);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().line, 2);
        QVERIFY(r.diagnostics.first().column > 0);

        r = read("[1, 2]");
        QVERIFY(!r.state);
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("not an object")));

        r = read("{\"serial\": 1}");
        QVERIFY(!r.state);
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("no \"version\"")));

        r = read("{\"version\": \"4\"}");
        QVERIFY(!r.state);
        QVERIFY(r.diagnostics.first().message.contains(QStringLiteral("must be a number")));
        QCOMPARE(r.diagnostics.first().column, 13);
    }

    void illTypedFieldsArePositionedAndTheRestLoads()
    {
        const auto result = read(fixture("ill-typed.tfstate"));
        QVERIFY(result.state);
        const TerraformState &s = *result.state;
        QCOMPARE(s.serial, quint64(0));
        QVERIFY(s.lineage.isEmpty());
        QCOMPARE(s.resources.size(), 2);
        QCOMPARE(s.resources.at(0).name, QStringLiteral("ok"));
        QCOMPARE(s.resources.at(0).instances.size(), 3); // the bool index key is skipped
        QCOMPARE(s.resources.at(0).instances.at(0).attributes.find(QStringLiteral("id"))->text(), QStringLiteral("x"));
        QVERIFY(s.resources.at(0).instances.at(2).sensitiveAttributes.isEmpty());
        QCOMPARE(s.resources.at(1).address(), QStringLiteral("data.t.nop"));

        auto at = [&](int line, const QString &needle) {
            for (const Diagnostic &d : result.diagnostics) {
                if (d.line == line && d.message.contains(needle) && d.column > 0)
                    return true;
            }
            return false;
        };
        QVERIFY2(at(2, QStringLiteral("\"serial\"")), qPrintable(diagnosticsText(result.diagnostics)));
        QVERIFY(at(3, QStringLiteral("\"lineage\" must be a string")));
        QVERIFY(at(4, QStringLiteral("\"outputs\" must be an object")));
        QVERIFY(at(6, QStringLiteral("needs a \"type\" and a \"name\"")));
        QVERIFY(at(7, QStringLiteral("mode \"weird\"")));
        QVERIFY(at(8, QStringLiteral("a resource must be an object")));
        QVERIFY(at(10, QStringLiteral("\"index_key\"")));
        QVERIFY(at(11, QStringLiteral("\"dependencies\" must be a list")));
        QVERIFY(at(11, QStringLiteral("\"create_before_destroy\" must be true or false")));
        QVERIFY(at(12, QStringLiteral("t.ok has no \"attributes\"")));
        QVERIFY(at(13, QStringLiteral("sensitive attribute path")));
        QVERIFY(at(15, QStringLiteral("\"instances\" of data.t.nop must be a list")));
        for (const Diagnostic &d : result.diagnostics)
            QCOMPARE(d.file, QStringLiteral("s.tfstate"));
    }

    void missingFile()
    {
        const auto result = TerraformStateReader::readFile(QStringLiteral("/nonexistent/terraform.tfstate"));
        QVERIFY(!result.state);
        QCOMPARE(result.diagnostics.size(), 1);
        QCOMPARE(result.diagnostics.first().file, QStringLiteral("/nonexistent/terraform.tfstate"));
    }

    void manyResourcesKeepTheirOrderAndPositions()
    {
        QByteArray json = "{\"version\": 4, \"serial\": 3, \"lineage\": \"l\", \"resources\": [\n";
        const int count = 3000;
        for (int n = 0; n < count; ++n) {
            json += "{\"mode\": \"managed\", \"type\": \"kubernetes_config_map\", \"name\": \"c" + QByteArray::number(n)
                + "\", \"provider\": \"p\", \"instances\": [{\"schema_version\": 0, \"attributes\": "
                  "{\"data\": {\"k\": \"v\"}, \"metadata\": [{\"name\": \"n\"}]}}]}";
            json += n + 1 < count ? ",\n" : "\n";
        }
        json += "]}";
        const auto result = TerraformStateReader::read(json, QStringLiteral("big.tfstate"));
        QVERIFY(result.state);
        QVERIFY(result.diagnostics.isEmpty());
        QCOMPARE(result.state->resources.size(), count);
        QCOMPARE(result.state->resources.last().name, QStringLiteral("c2999"));
        QCOMPARE(result.state->resources.last().location.line, count + 1);
    }
};

STRATA_TEST_MAIN(TestTerraformState)
#include "tst_terraformstate.moc"
