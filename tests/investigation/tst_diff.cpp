// The four-column diff and the findings read off it, on hand-built columns
// (names and numbers unlike the reference case, on purpose), and the item
// models that show it.
#include "StrataTestMain.h"

#include "ModelSnapshot.h"

#include "diff/DiffEngine.h"
#include "diff/SecretFingerprint.h"
#include "itemmodels/DiffFilterModel.h"
#include "itemmodels/DiffModel.h"
#include "rules/DriftRules.h"

#include <QAbstractItemModelTester>

using namespace strata;

namespace {

SourceLocation at(const char *file, int line)
{
    return { QString::fromLatin1(file), line, 3 };
}

Value configMap(const QString &ns, const QString &name, const QList<Value::Entry> &data, const char *file,
    int firstLine, const QString &rv = {})
{
    QList<Value::Entry> meta { { QStringLiteral("name"), Value::string(name) },
        { QStringLiteral("namespace"), Value::string(ns) } };
    if (!rv.isEmpty())
        meta.append({ QStringLiteral("resourceVersion"), Value::string(rv) });
    QList<Value::Entry> located;
    int line = firstLine;
    for (const auto &e : data)
        located.append({ e.first, e.second.withLocation(at(file, line++)) });
    return Value::map({ { QStringLiteral("apiVersion"), Value::string(QStringLiteral("v1")) },
        { QStringLiteral("kind"), Value::string(QStringLiteral("ConfigMap")) },
        { QStringLiteral("metadata"), Value::map(meta) }, { QStringLiteral("data"), Value::map(located) } });
}

ColumnObject column(Column c, const Value &object, const QString &rv, const char *origin)
{
    ColumnObject o;
    o.column = c;
    o.id = ResourceId { QStringLiteral("configmap"), QStringLiteral("payments"), QStringLiteral("limits") };
    o.object = object;
    o.identity.origin = QString::fromLatin1(origin);
    o.identity.location = at(origin, 1);
    o.identity.resourceVersion = rv;
    o.secretDataIsBase64 = c == Column::Live || c == Column::Replica;
    if (c == Column::State)
        o.identity.stateSerial = 7;
    return o;
}

Value s(const char *text)
{
    return Value::string(QString::fromUtf8(text));
}

// code == state; live changed two keys out of band; replica still at the state's version.
QList<ColumnObject> scenario()
{
    const QString ns = QStringLiteral("payments");
    const QString name = QStringLiteral("limits");
    const QList<Value::Entry> recorded { { QStringLiteral("burst"), s("10") }, { QStringLiteral("mode"), s("strict") },
        { QStringLiteral("region"), s("eu") } };
    const QList<Value::Entry> changed { { QStringLiteral("burst"), s("40") }, { QStringLiteral("mode"), s("lenient") },
        { QStringLiteral("region"), s("eu") } };
    return { column(Column::Code, configMap(ns, name, recorded, "limits.tf", 5), {}, "limits.tf"),
        column(
            Column::State, configMap(ns, name, recorded, "prod.tfstate", 30), QStringLiteral("5001"), "prod.tfstate"),
        column(Column::Live, configMap(ns, name, changed, "live.json", 12, QStringLiteral("5090")),
            QStringLiteral("5090"), "live.json"),
        column(Column::Replica, configMap(ns, name, recorded, "replica.json", 12, QStringLiteral("5001")),
            QStringLiteral("5001"), "replica.json") };
}

const FieldDiff *row(const ResourceDiff &d, const QString &path)
{
    for (const FieldDiff &f : d.fields) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

const Finding *finding(const QList<Finding> &findings, const char *id)
{
    for (const Finding &f : findings) {
        if (f.id == QLatin1String(id))
            return &f;
    }
    return nullptr;
}

} // namespace

class TestDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statusesPerField()
    {
        const auto diffs = DiffEngine::diff(scenario(), {});
        QCOMPARE(diffs.size(), 1);
        const ResourceDiff &d = diffs.first();
        QCOMPARE(d.id.toString(), QStringLiteral("configmap/payments/limits"));
        QCOMPARE(row(d, QStringLiteral("data.burst"))->statusNames(),
            (QStringList { QStringLiteral("drift"), QStringLiteral("stale") }));
        QCOMPARE(row(d, QStringLiteral("data.mode"))->statusNames(),
            (QStringList { QStringLiteral("drift"), QStringLiteral("stale") }));
        QCOMPARE(row(d, QStringLiteral("data.region"))->statusNames(), QStringList { QStringLiteral("same") });
        QCOMPARE(row(d, QStringLiteral("data.burst"))->cell(Column::Live).value.text, QStringLiteral("40"));
        QCOMPARE(row(d, QStringLiteral("data.burst"))->cell(Column::Live).value.location.line, 12);
        // resourceVersion exists only in kubectl's columns: noise, not a finding.
        QVERIFY(row(d, QStringLiteral("metadata.resourceVersion"))->noise);
        QCOMPARE(d.identity(Column::State).stateSerial, 7);
    }

    void pendingWhenCodeMoves()
    {
        auto objects = scenario();
        objects[0].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("burst"), s("10") }, { QStringLiteral("mode"), s("strict") },
                { QStringLiteral("region"), s("us") } },
            "limits.tf", 5);
        const ResourceDiff d = DiffEngine::diff(objects, {}).first();
        QCOMPARE(row(d, QStringLiteral("data.region"))->statusNames(), QStringList { QStringLiteral("pending") });
        const auto findings = DriftRules::evaluate({ d });
        const Finding *pending = finding(findings, "pending-change");
        QVERIFY(pending);
        QCOMPARE(pending->paths, QStringList { QStringLiteral("data.region") });
        QCOMPARE(pending->evidence.first().location.file, QStringLiteral("limits.tf"));
    }

    void unknownCodeValuesAreNotDifferences()
    {
        auto objects = scenario();
        objects[0].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("burst"), s("10") },
                { QStringLiteral("mode"), Value::unknown(QStringLiteral("var.mode has no value")) },
                { QStringLiteral("region"), s("eu") } },
            "limits.tf", 5);
        const ResourceDiff d = DiffEngine::diff(objects, {}).first();
        QVERIFY(!row(d, QStringLiteral("data.mode"))->has(FieldStatus::Pending));
        const auto findings = DriftRules::evaluate({ d });
        QVERIFY(!finding(findings, "revert-risk")->paths.contains(QStringLiteral("data.mode")));
    }

    void driftFindingsQuoteBothSides()
    {
        const auto findings = DriftRules::evaluate(DiffEngine::diff(scenario(), {}));
        const Finding *drift = finding(findings, "live-drift");
        QVERIFY(drift);
        QCOMPARE(drift->paths, (QStringList { QStringLiteral("data.burst"), QStringLiteral("data.mode") }));
        QVERIFY(drift->detail.contains(QStringLiteral("5090")));
        QVERIFY(drift->detail.contains(QStringLiteral("89 revisions")));
        QCOMPARE(drift->evidence.at(0).location, at("live.json", 12));
        QCOMPARE(drift->evidence.at(1).location, at("prod.tfstate", 30));
        QVERIFY(drift->evidence.at(0).quote.contains(QStringLiteral("\"40\"")));

        const Finding *revert = finding(findings, "revert-risk");
        QVERIFY(revert);
        QVERIFY(revert->detail.contains(QStringLiteral("data.burst \"40\" → \"10\"")));
        QVERIFY(revert->detail.contains(QStringLiteral("data.mode \"lenient\" → \"strict\"")));

        const Finding *stale = finding(findings, "stale-replica");
        QVERIFY(stale);
        QCOMPARE(stale->severity, Severity::High);
        QVERIFY(stale->title.contains(QStringLiteral("89 revisions behind")));
        QVERIFY(stale->detail.contains(QStringLiteral("exactly the version recorded in Terraform state")));
        QVERIFY(!finding(findings, "pending-change"));
        QVERIFY(!finding(findings, "missing-resource"));
    }

    void noDriftNoFindings()
    {
        auto objects = scenario();
        objects[2].object = objects[3].object;
        objects[2].identity.resourceVersion = QStringLiteral("5001");
        QVERIFY(DriftRules::evaluate(DiffEngine::diff(objects, {})).isEmpty());
    }

    void missingObjectsAndFields()
    {
        auto objects = scenario();
        // State manages a second object the code no longer declares.
        ColumnObject orphan = objects[1];
        orphan.id.name = QStringLiteral("old-limits");
        objects.append(orphan);
        // An investigated object no live capture shows.
        const ResourceId wanted { QStringLiteral("configmap"), QStringLiteral("payments"), QStringLiteral("absent") };
        const auto diffs = DiffEngine::diff(objects, { wanted });
        QCOMPARE(diffs.first().id, wanted);
        QVERIFY(diffs.first().investigated);
        const auto findings = DriftRules::evaluate(diffs);
        int missing = 0;
        for (const Finding &f : findings) {
            if (f.id == QLatin1String("missing-resource")) {
                ++missing;
                QVERIFY(
                    f.resource == QLatin1String("configmap/payments/old-limits") || f.resource == wanted.toString());
            }
        }
        QCOMPARE(missing, 5); // old-limits missing from code; `absent` from all four columns that have evidence
    }

    void structuredValuesAreComparedAsSubPaths()
    {
        auto objects = scenario();
        const QString json1 = QStringLiteral("{\"server\": {\"port\": 8080, \"tls\": true}, \"name\": \"a\"}");
        const QString json2 = QStringLiteral("{\"name\": \"a\", \"server\": {\"tls\": true, \"port\": 9090}}");
        objects[1].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("app.json"), Value::string(json1) } }, "prod.tfstate", 30);
        objects[2].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("app.json"), Value::string(json2) } }, "live.json", 12);
        const ResourceDiff d = DiffEngine::diff({ objects[1], objects[2] }, {}).first();
        QVERIFY(row(d, QStringLiteral("data[\"app.json\"].name"))->has(FieldStatus::Same));
        QVERIFY(row(d, QStringLiteral("data[\"app.json\"].server.tls"))->has(FieldStatus::Same));
        const FieldDiff *port = row(d, QStringLiteral("data[\"app.json\"].server.port"));
        QVERIFY(port);
        QVERIFY(port->has(FieldStatus::Drift));
        QCOMPARE(port->cell(Column::Live).value.text, QStringLiteral("9090"));
    }

    void secretsAreFingerprintedNeverShown()
    {
        SecretFingerprint::setKeyForTesting("test-key");
        auto secret = [](const Value &data) {
            return Value::map({ { QStringLiteral("kind"), Value::string(QStringLiteral("Secret")) },
                { QStringLiteral("metadata"),
                    Value::map({ { QStringLiteral("name"), Value::string(QStringLiteral("db")) } }) },
                { QStringLiteral("data"), data } });
        };
        ColumnObject state;
        state.column = Column::State;
        state.id = ResourceId { QStringLiteral("secret"), QStringLiteral("payments"), QStringLiteral("db") };
        state.secretDataIsBase64 = false;
        state.object = secret(
            Value::map({ { QStringLiteral("password"), s("hunter2") }, { QStringLiteral("user"), s("app") } }));
        ColumnObject live = state;
        live.column = Column::Live;
        live.secretDataIsBase64 = true;
        // base64("hunter2") = aHVudGVyMg==, base64("admin") = YWRtaW4=
        live.object = secret(Value::map(
            { { QStringLiteral("password"), s("aHVudGVyMg==") }, { QStringLiteral("user"), s("YWRtaW4=") } }));
        const ResourceDiff d = DiffEngine::diff({ state, live }, {}).first();
        const FieldDiff *password = row(d, QStringLiteral("data.password"));
        QVERIFY(password->secret);
        QVERIFY(password->has(FieldStatus::Same));
        QVERIFY(row(d, QStringLiteral("data.user"))->has(FieldStatus::Drift));
        for (const FieldDiff &f : d.fields) {
            for (const DiffCell &c : f.cells) {
                QVERIFY(!c.value.text.contains(QStringLiteral("hunter2")));
                QVERIFY(!c.value.text.contains(QStringLiteral("aHVudGVyMg")));
            }
        }
        for (const Finding &f : DriftRules::evaluate({ d })) {
            QVERIFY(!f.detail.contains(QStringLiteral("admin")) && !f.detail.contains(QStringLiteral("YWRtaW4")));
            for (const EvidenceRef &e : f.evidence)
                QVERIFY(!e.quote.contains(QStringLiteral("YWRtaW4")));
        }
    }

    void modelsUnderTesterAndSnapshot()
    {
        DiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DiffFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumnOrigins({ QStringLiteral("tf/limits"), QStringLiteral("prod.tfstate"),
            QStringLiteral("live.json"), QStringLiteral("replica.json") });
        model.setDiff(DiffEngine::diff(scenario(), {}));
        const QString diff = ModelSnapshot::compare(QStringLiteral("diff-scenario.txt"), ModelSnapshot::dump(model));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // Default: noise hidden, all other rows shown.
        const QModelIndex resource = filter.index(0, 0);
        const int allRows = filter.rowCount(resource);
        filter.setDifferencesOnly(true);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 2);
        QVERIFY(allRows > 2);
        filter.setShowNoise(true);
        filter.setDifferencesOnly(false);
        QVERIFY(filter.rowCount(filter.index(0, 0)) > allRows);

        const QModelIndex burst = model.indexOf(
            QStringLiteral("configmap/payments/limits"), QStringLiteral("data.burst"), DiffModel::LiveColumn);
        QCOMPARE(burst.data().toString(), QStringLiteral("40"));
        QCOMPARE(burst.data(DiffModel::LocationRole).toString(), QStringLiteral("live.json:12:3"));
        QVERIFY(model.headerData(DiffModel::LiveColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("live.json")));
    }
};

STRATA_TEST_MAIN(TestDiff)
#include "tst_diff.moc"
