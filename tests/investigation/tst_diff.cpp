// The four-column diff and the findings read off it, on hand-built columns
// (names and numbers unlike the reference case, on purpose), and the item
// models that show it.
#include "StrataTestMain.h"

#include "DiffText.h"
#include "ModelSnapshot.h"

#include "diff/DiffEngine.h"
#include "diff/FieldManagers.h"
#include "diff/SecretFingerprint.h"
#include "diff/StatusText.h"
#include "formats/JsonReader.h"
#include "itemmodels/DiffFilterModel.h"
#include "itemmodels/DiffModel.h"
#include "rules/DriftRules.h"

#include <QAbstractItemModelTester>

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace strata;

namespace {

// Three managers' fieldsV1, as the API server writes them.
const char *const managedFieldsJson
    = "[{\"manager\": \"kubectl-edit\", \"operation\": \"Update\", \"time\": \"2026-11-30T10:00:00Z\","
      " \"fieldsV1\": {\"f:data\": {\"f:limit\": {}, \"f:app.json\": {}}}},"
      " {\"manager\": \"terraform\", \"operation\": \"Apply\", \"time\": \"2026-11-01T08:00:00Z\","
      " \"fieldsV1\": {\"f:data\": {\"f:owner\": {}}, \"f:spec\": {\"f:template\": {\"f:spec\": {\"f:containers\":"
      " {\"k:{\\\"name\\\":\\\"web\\\"}\": {\"f:image\": {}}}}}}}},"
      " {\"manager\": \"argo\", \"operation\": \"Apply\", \"time\": \"2026-11-02T08:00:00Z\","
      " \"fieldsV1\": {\"f:spec\": {\"f:template\": {\"f:spec\": {\"f:args\": {}}}}}}]";

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
        QCOMPARE(row(d, QStringLiteral("data.burst"))->cell(Column::Live).value.location.line(), 12);
        // resourceVersion exists only in kubectl's columns: noise, not a finding.
        QVERIFY(row(d, QStringLiteral("metadata.resourceVersion"))->noise);
        QCOMPARE(d.identity(Column::State).stateSerial, 7);
    }

    // Rows are found by path whatever order each column lists its fields in,
    // below and above the size where the diff starts indexing an object's rows.
    void rowsMatchByPathInAnyOrder_data()
    {
        QTest::addColumn<int>("keys");
        QTest::newRow("few") << 5;
        QTest::newRow("many") << 300;
    }

    // A field holds a cell only for the columns that have it, in column order,
    // whatever order the columns come in; the others read as absent.
    void fieldCellsHoldOnlyTheColumnsGiven()
    {
        FieldCells cells;
        for (size_t column : { size_t(3), size_t(0), size_t(2) }) {
            DiffCell &c = cells.make(column);
            c.present = true;
            c.value.text = QStringLiteral("c%1").arg(column);
            c.value.location = at("f.yaml", int(column) + 1);
        }
        QCOMPARE(cells.make(2).value.text, QStringLiteral("c2")); // made once
        QCOMPARE(cells.count(), 3);
        QStringList order;
        for (const DiffCell &c : cells)
            order.append(c.value.text);
        QCOMPARE(order, QStringList({ QStringLiteral("c0"), QStringLiteral("c2"), QStringLiteral("c3") }));
        QVERIFY(!cells[1].present);
        QVERIFY(cells[1].value.text.isEmpty());
        QCOMPARE(cells[3].value.location.line(), 4);
        QCOMPARE(cells[3].value.location.file(), QStringLiteral("f.yaml"));

        FieldCells copy = cells;
        copy.make(1).value.text = QStringLiteral("only in the copy");
        QCOMPARE(copy.count(), 4);
        QCOMPARE(copy[2].value.text, QStringLiteral("c2"));
        QCOMPARE(cells.count(), 3); // the original is its own
        QVERIFY(cells[1].value.text.isEmpty());

        FieldCells moved = std::move(copy);
        QCOMPARE(moved.count(), 4);
        QCOMPARE(moved[1].value.text, QStringLiteral("only in the copy"));
        copy = cells; // a moved-from FieldCells can be assigned again
        QCOMPARE(copy.count(), 3);
    }

    // managedFields name who set a field; a manager that owns only other
    // items of the same list (keyed by contents the diff no longer holds) is
    // named as owning fields around it, not as the field's writer.
    void fieldManagersNameTheWriterOrSayWhatTheyOwnAround()
    {
        const JsonReadResult read = JsonReader::read(managedFieldsJson, QStringLiteral("managed.json"));
        QVERIFY(read.ok());
        const Value &m = read.value;
        QCOMPARE(FieldManagers::lastWriters(m, QStringLiteral("data.limit")),
            QStringList { QStringLiteral("kubectl-edit (Update, 2026-11-30T10:00:00Z)") });
        // Inside a value owned whole (JSON in a data key): its owner.
        QCOMPARE(FieldManagers::lastWriters(m, QStringLiteral("data[\"app.json\"].server.port")),
            QStringList { QStringLiteral("kubectl-edit (Update, 2026-11-30T10:00:00Z)") });
        // Another key of the same map, one level down: nobody.
        QVERIFY(FieldManagers::lastWriters(m, QStringLiteral("data.other")).isEmpty());
        // An item of a keyed list: the manager owns some item, perhaps not this one.
        QCOMPARE(FieldManagers::lastWriters(m, QStringLiteral("spec.template.spec.containers[0].image")),
            QStringList { QStringLiteral("terraform (Apply, 2026-11-01T08:00:00Z), which owns fields of "
                                         "spec.template.spec.containers, perhaps not this one") });
        // An atomic list owned whole: its owner, exactly.
        QCOMPARE(FieldManagers::lastWriters(m, QStringLiteral("spec.template.spec.args[1]")),
            QStringList { QStringLiteral("argo (Apply, 2026-11-02T08:00:00Z)") });
    }

    void rowsMatchByPathInAnyOrder()
    {
        QFETCH(int, keys);
        QList<Value::Entry> forward, backward;
        for (int i = 0; i < keys; ++i)
            forward.append({ QStringLiteral("key_%1").arg(i), Value::string(QStringLiteral("v%1").arg(i)) });
        for (int i = keys - 1; i >= 0; --i) {
            const QString value = i == keys / 2 ? QStringLiteral("changed") : QStringLiteral("v%1").arg(i);
            backward.append({ QStringLiteral("key_%1").arg(i), Value::string(value) });
        }
        backward.insert(1, { QStringLiteral("only_live"), s("x") });
        const QString ns = QStringLiteral("payments");
        const QString name = QStringLiteral("limits");
        const QList<ColumnObject> objects {
            column(Column::State, configMap(ns, name, forward, "prod.tfstate", 30), {}, "prod.tfstate"),
            column(Column::Live, configMap(ns, name, backward, "live.json", 12), {}, "live.json"),
        };
        const auto diffs = DiffEngine::diff(objects, {});
        QCOMPARE(diffs.size(), 1);
        const ResourceDiff &d = diffs.first();
        int dataRows = 0, drifted = 0;
        QSet<QString> paths;
        for (const FieldDiff &f : d.fields) {
            QVERIFY2(!paths.contains(f.path), qPrintable(f.path));
            paths.insert(f.path);
            if (!f.path.startsWith(QLatin1String("data.")))
                continue;
            ++dataRows;
            if (f.path == QLatin1String("data.only_live")) {
                QVERIFY(!f.cell(Column::State).present);
                QVERIFY(f.has(FieldStatus::Drift));
                continue;
            }
            QVERIFY2(f.cell(Column::State).present && f.cell(Column::Live).present, qPrintable(f.path));
            if (f.has(FieldStatus::Drift)) {
                ++drifted;
                QCOMPARE(f.path, QStringLiteral("data.key_%1").arg(keys / 2));
                QCOMPARE(f.cell(Column::Live).value.text, QStringLiteral("changed"));
            }
        }
        QCOMPARE(dataRows, keys + 1);
        QCOMPARE(drifted, 1);
        // Rows follow the first column read (live): its order, not state's.
        QCOMPARE(row(d, QStringLiteral("data.key_0")) > row(d, QStringLiteral("data.key_1")), true);
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

    void objectsOnlyLiveOrOnlyReplicaAndNotNamedAreLeftOut()
    {
        // The investigated object in all four columns, plus copies of it under
        // other names held by one or two columns.
        auto objects = scenario();
        const ResourceId investigated = objects.first().id;
        const auto renamed = [&](int from, const char *name) {
            ColumnObject o = objects[from];
            o.id.name = QString::fromLatin1(name);
            return o;
        };
        objects.append(renamed(2, "live-only-a")); // live
        objects.append(renamed(2, "live-only-a")); // pasted twice: one object still
        objects.append(renamed(2, "live-only-b"));
        objects.append(renamed(3, "replica-only")); // replica
        objects.append(renamed(2, "live-and-replica"));
        objects.append(renamed(3, "live-and-replica"));
        objects.append(renamed(0, "code-only")); // "the next apply would create it"
        objects.append(renamed(1, "state-only")); // "the next apply would delete it"
        ColumnObject unread = renamed(3, "live-only-b"); // asked of the replica, which could not say
        unread.object = Value();
        unread.unread = true;
        objects.append(unread);

        std::array<qsizetype, columnCount> leftOut {};
        const auto names = [](const QList<ResourceDiff> &diffs) {
            QStringList out;
            for (const ResourceDiff &d : diffs)
                out.append(d.id.name);
            return out;
        };
        const auto diffs = DiffEngine::diff(objects, { investigated }, {}, std::nullopt, &leftOut);
        // live-only-b stays: the replica was asked for it and could not say, which the diff must show.
        QCOMPARE(names(diffs),
            QStringList({ QStringLiteral("limits"), QStringLiteral("code-only"), QStringLiteral("live-and-replica"),
                QStringLiteral("live-only-b"), QStringLiteral("state-only") }));
        QCOMPARE(leftOut[size_t(columnIndex(Column::Live))], 1);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Replica))], 1);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Code))], 0);
        QCOMPARE(leftOut[size_t(columnIndex(Column::State))], 0);
        // What the rules say of what stays is unchanged: code-only and state-only are missing somewhere.
        int missing = 0;
        for (const Finding &f : DriftRules::evaluate(diffs))
            missing += f.id == QLatin1String("missing-resource") ? 1 : 0;
        QCOMPARE(missing, 2);

        // One a rule could still speak of (here: any with a `burst` key) stays.
        const auto withBurst = [](const QList<FieldValue> &fields) {
            return std::any_of(fields.cbegin(), fields.cend(),
                [](const FieldValue &f) { return f.path == QLatin1String("data.burst"); });
        };
        QCOMPARE(names(DiffEngine::diff(objects, { investigated }, {}, std::nullopt, &leftOut, withBurst)).size(), 7);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Live))], 0);

        // Named, a live-only object is compared (and unknown elsewhere); without
        // any resources named, every object is.
        const ResourceId liveOnly { investigated.kind, investigated.ns, QStringLiteral("live-only-a") };
        QCOMPARE(DiffEngine::diff(objects, { investigated, liveOnly }, {}, std::nullopt, &leftOut).size(), 6);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Live))], 0);
        QCOMPARE(DiffEngine::diff(objects, {}, {}, std::nullopt, &leftOut).size(), 7);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Replica))], 0);
    }

    // Shared out between threads by object, the diff is the same diff: rows
    // in the same order, the same cells, statuses, identities, objects left
    // out and counts, with every path of the loop taken (named and unnamed
    // objects, left out and kept for a rule, unread copies, second copies,
    // sensitive paths, partial owners).
    void theSameOnAnyNumberOfThreads()
    {
        const QList<ColumnObject> base = scenario();
        QList<ColumnObject> objects;
        const auto add = [&](int from, const QString &name, const char *burst) {
            ColumnObject o = base[from];
            o.id.name = name;
            o.object = configMap(o.id.ns, name,
                { { QStringLiteral("burst"), s(burst) }, { QStringLiteral("token"), s("t0p") } }, "many.json", 3);
            objects.append(o);
            return &objects.last();
        };
        QList<ResourceId> named;
        for (int i = 0; i < 60; ++i) {
            const QString name = QStringLiteral("cm-%1").arg(i);
            switch (i % 6) {
            case 0: // in every column; state marks `data.token` sensitive, every other is partial
                for (int c = 0; c < 4; ++c) {
                    ColumnObject *o = add(c, name, i % 12 == 0 ? "1" : "2");
                    if (c == 1)
                        o->sensitivePaths = { QStringLiteral("data.token") };
                    o->partial = c == 0 && i % 12 == 0;
                }
                break;
            case 1: // live only, some with a key a rule wants; some pasted twice, one copy wanted
                add(2, name, i % 4 == 1 ? "wanted" : "3");
                if (i % 12 == 7)
                    add(2, name, i % 24 == 7 ? "3" : "12");
                break;
            case 2: // live and replica; the replica's copy pasted twice
                add(2, name, "4");
                add(3, name, "5");
                add(3, name, "6");
                break;
            case 3: { // code only, and asked of the replica, which could not say
                add(0, name, "7");
                ColumnObject *unread = add(3, name, "8");
                unread->object = Value();
                unread->unread = true;
                break;
            }
            case 4: // state and live, named
                add(1, name, "9");
                add(2, name, "10");
                named.append(objects.last().id);
                break;
            default: // replica only, named at times
                add(3, name, "11");
                if (i % 4 == 1)
                    named.append(objects.last().id);
            }
        }
        named.append(ResourceId { QStringLiteral("configmap"), QStringLiteral("nowhere"), QStringLiteral("asked") });
        const auto wanted = [](const QList<FieldValue> &fields) {
            return std::any_of(
                fields.cbegin(), fields.cend(), [](const FieldValue &f) { return f.text == QLatin1String("wanted"); });
        };
        for (const QList<ResourceId> &investigated : { named, QList<ResourceId>() }) {
            for (bool withRule : { false, true }) {
                std::array<qsizetype, columnCount> leftOne {}, leftMany {};
                std::function<bool(const QList<FieldValue> &)> rule;
                if (withRule)
                    rule = wanted;
                const auto one = DiffEngine::diff(objects, investigated, {}, std::nullopt, &leftOne, rule, 1);
                QVERIFY(one.size() > 30);
                const QString expected = diffText(one);
                QVERIFY(expected.contains(QStringLiteral("kind=2"))); // the sensitive token, fingerprinted
                for (int threads : { 2, 3 }) {
                    const auto many
                        = DiffEngine::diff(objects, investigated, {}, std::nullopt, &leftMany, rule, threads);
                    QCOMPARE(diffText(many), expected);
                    QCOMPARE(leftMany, leftOne);
                }
            }
        }
        // The work is shared out: each worker asks whether to go on.
        std::mutex mutex;
        std::set<std::thread::id> asking;
        const auto notCancelled = [&] {
            const std::lock_guard lock(mutex);
            asking.insert(std::this_thread::get_id());
            return false;
        };
        QCOMPARE(diffText(DiffEngine::diff(objects, named, notCancelled, std::nullopt, nullptr, {}, 2)),
            diffText(DiffEngine::diff(objects, named, {}, std::nullopt, nullptr, {}, 1)));
        QCOMPARE(asking.size(), size_t(2));
        // Cancelled on any thread, the diff is nothing, not a part.
        std::atomic_int asked { 0 };
        const auto cancelLater = [&asked] { return ++asked > 40; };
        QVERIFY(DiffEngine::diff(objects, named, cancelLater, std::nullopt, nullptr, {}, 2).isEmpty());
    }

    // A live dump whose every object was left out still is live evidence: the
    // named object state manages and the dump lacks is missing from live.
    // Each column read its uid and resourceVersion from its own file: a row
    // keeps one string where they are equal, and each column's own where not.
    void equalIdentityStringsAreKeptOnce()
    {
        QList<ColumnObject> objects = scenario();
        for (ColumnObject &o : objects) {
            // Made apart, as two readers would make them.
            o.identity.uid = QString::fromLatin1("6a1f0c3e-2b4d-4e8f-9a7b-0000000000%1").arg(2 * 21);
            o.identity.resourceVersion
                = QString(o.identity.resourceVersion.constData(), o.identity.resourceVersion.size());
        }
        const QList<ResourceDiff> diffs = DiffEngine::diff(objects, {});
        QCOMPARE(diffs.size(), 1);
        const ResourceDiff &d = diffs.first();
        const ColumnIdentity &state = d.identity(Column::State), &live = d.identity(Column::Live),
                             &replica = d.identity(Column::Replica), &code = d.identity(Column::Code);
        QCOMPARE(state.uid, live.uid);
        QVERIFY(state.uid.constData() == live.uid.constData());
        QVERIFY(code.uid.constData() == replica.uid.constData());
        QCOMPARE(state.resourceVersion, replica.resourceVersion);
        QVERIFY(state.resourceVersion.constData() == replica.resourceVersion.constData());
        QCOMPARE(live.resourceVersion, QStringLiteral("5090")); // its own, not another column's
        QVERIFY(live.resourceVersion.constData() != state.resourceVersion.constData());
        QCOMPARE(state.origin, QStringLiteral("prod.tfstate"));
        QCOMPARE(replica.origin, QStringLiteral("replica.json"));
    }

    void aLeftOutDumpStillMakesTheNamedObjectMissingFromLive()
    {
        auto objects = scenario();
        const ResourceId investigated = objects.first().id;
        objects.removeAt(2); // the named object's live copy
        ColumnObject other = scenario()[2];
        other.id.name = QStringLiteral("unrelated");
        objects.append(other);
        ColumnCoverage coverage {};
        coverage.fill(ColumnEvidence::Read);
        std::array<qsizetype, columnCount> leftOut {};
        const auto diffs = DiffEngine::diff(objects, { investigated }, {}, coverage, &leftOut);
        QCOMPARE(leftOut[size_t(columnIndex(Column::Live))], 1);
        QCOMPARE(diffs.size(), 1);
        QStringList missing;
        for (const Finding &f : DriftRules::evaluate(diffs)) {
            if (f.id == QLatin1String("missing-resource"))
                missing.append(f.title);
        }
        QCOMPARE(missing, QStringList({ QStringLiteral("configmap/payments/limits is missing from live") }));
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

    void fingerprintKeysLiveInOneOwnerOnlyFile()
    {
        QTemporaryDir dir;
        const QString keyFile = dir.filePath(QStringLiteral("data/strata/secret-fingerprint.key"));
        QCOMPARE(SecretFingerprint::useKeyFile(keyFile), QString());
        QCOMPARE(QFileInfo(keyFile).size(), 32);
        QCOMPARE(QFileInfo(keyFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
        const QString first = SecretFingerprint::of("hunter2");
        // Another run (another random key first), the same file: the same fingerprint.
        SecretFingerprint::setKeyForTesting("something else");
        QVERIFY(SecretFingerprint::of("hunter2") != first);
        QCOMPARE(SecretFingerprint::useKeyFile(keyFile), QString());
        QCOMPARE(SecretFingerprint::of("hunter2"), first);
        // Another machine (another key file): a different one.
        QCOMPARE(SecretFingerprint::useKeyFile(dir.filePath(QStringLiteral("other.key"))), QString());
        QVERIFY(SecretFingerprint::of("hunter2") != first);
        // A damaged key is refused, not used.
        const QString bad = dir.filePath(QStringLiteral("bad.key"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("short");
        f.close();
        const QString before = SecretFingerprint::of("hunter2");
        QVERIFY(SecretFingerprint::useKeyFile(bad).contains(QStringLiteral("not a Strata key")));
        QCOMPARE(SecretFingerprint::of("hunter2"), before);
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

    void theOddCellCarriesTheMark()
    {
        const ResourceDiff d = DiffEngine::diff(scenario(), {}).first();
        const FieldDiff *burst = row(d, QStringLiteral("data.burst"));
        // live moved (drift); the replica lags live (stale) but still agrees with code and state:
        // live is the odd value, and only its cell carries the mark.
        QVERIFY(burst->has(FieldStatus::Stale));
        QCOMPARE(burst->cellStatus(Column::Live), unsigned(FieldStatus::Drift));
        QCOMPARE(burst->cellStatus(Column::Replica), 0u);
        QCOMPARE(burst->cellStatus(Column::Code), 0u);
        QCOMPARE(burst->cellStatus(Column::State), 0u);
        for (Column c : allColumns)
            QCOMPARE(row(d, QStringLiteral("data.region"))->cellStatus(c), 0u);

        auto objects = scenario();
        objects[0].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("burst"), s("10") }, { QStringLiteral("mode"), s("strict") },
                { QStringLiteral("region"), s("us") } },
            "limits.tf", 5);
        const ResourceDiff pending = DiffEngine::diff(objects, {}).first();
        const FieldDiff *region = row(pending, QStringLiteral("data.region"));
        QCOMPARE(region->cellStatus(Column::Code), unsigned(FieldStatus::Pending));
        QCOMPARE(region->cellStatus(Column::State), 0u);
        QCOMPARE(region->cellStatus(Column::Live), 0u);

        // A replica that differs from everything is the odd one itself.
        objects = scenario();
        objects[3].object = configMap(QStringLiteral("payments"), QStringLiteral("limits"),
            { { QStringLiteral("burst"), s("10") }, { QStringLiteral("mode"), s("strict") },
                { QStringLiteral("region"), s("ap") } },
            "replica.json", 12);
        const ResourceDiff stale = DiffEngine::diff(objects, {}).first();
        QCOMPARE(row(stale, QStringLiteral("data.region"))->cellStatus(Column::Replica), unsigned(FieldStatus::Stale));
        QCOMPARE(row(stale, QStringLiteral("data.region"))->cellStatus(Column::Live), 0u);
    }

    void aColumnWithoutEvidenceIsUnknownNeverSame()
    {
        // The live evidence failed: only code, state and replica hold the object.
        auto objects = scenario();
        objects.removeAt(2);
        const ColumnCoverage coverage { ColumnEvidence::Read, ColumnEvidence::Read, ColumnEvidence::Incomplete,
            ColumnEvidence::Read };
        const ResourceDiff d = DiffEngine::diff(objects, {}, {}, coverage).first();
        const FieldDiff *region = row(d, QStringLiteral("data.region"));
        QVERIFY(!region->has(FieldStatus::Same));
        QVERIFY(region->isUnknown());
        QVERIFY(!region->isDifference());
        QCOMPARE(region->unknownColumns, columnBit(Column::Live));
        QCOMPARE(region->cellStatus(Column::Live), unsigned(FieldStatus::NoEvidence));
        QCOMPARE(StatusText::field(d, *region), QStringLiteral("no live evidence"));
        QVERIFY(StatusText::fieldExplanation(d, *region).contains(QStringLiteral("could not be read")));
        QVERIFY(d.hasUnknowns());
        QVERIFY(!d.hasDifferences());
        QVERIFY(StatusText::resource(d).contains(QStringLiteral("not compared")));

        // The same capture read completely but without this object: "not in live evidence".
        const ColumnCoverage read { ColumnEvidence::Read, ColumnEvidence::Read, ColumnEvidence::Read,
            ColumnEvidence::Read };
        const ResourceDiff r = DiffEngine::diff(objects, {}, {}, read).first();
        QCOMPARE(StatusText::field(r, *row(r, QStringLiteral("data.region"))), QStringLiteral("not in live evidence"));

        // A column the case has no evidence for at all says nothing.
        const ColumnCoverage none { ColumnEvidence::Read, ColumnEvidence::Read, ColumnEvidence::None,
            ColumnEvidence::Read };
        QVERIFY(row(DiffEngine::diff(objects, {}, {}, none).first(), QStringLiteral("data.region"))
                    ->has(FieldStatus::Same));

        // An object in one column only is compared against nothing: not "same".
        const ResourceDiff alone = DiffEngine::diff({ scenario().at(2) }, {}).first();
        const FieldDiff *aloneRegion = row(alone, QStringLiteral("data.region"));
        QVERIFY(!aloneRegion->has(FieldStatus::Same));
        QCOMPARE(StatusText::field(alone, *aloneRegion), QStringLiteral("only in live"));
    }

    void filterBoxNarrowsRows()
    {
        DiffModel model;
        DiffFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto objects = scenario();
        ColumnObject other = objects[2];
        other.id.name = QStringLiteral("quotas");
        objects.append(other);
        model.setDiff(DiffEngine::diff(objects, {}));
        QCOMPARE(filter.rowCount(), 2);
        filter.setTextFilter(QStringLiteral("QUOTAS")); // a resource name: all its fields
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("configmap/payments/quotas"));
        QVERIFY(filter.rowCount(filter.index(0, 0)) > 3);
        filter.setTextFilter(QStringLiteral("lenient")); // a value
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 1);
        QCOMPARE(filter.index(0, 0, filter.index(0, 0)).data().toString(), QStringLiteral("data.mode"));
        filter.setTextFilter(QStringLiteral("data.bur")); // a path
        QCOMPARE(filter.rowCount(filter.index(1, 0)), 1);
        filter.setTextFilter(QStringLiteral("no such text"));
        QCOMPARE(filter.rowCount(), 0);
        filter.setTextFilter(QString());
        QCOMPARE(filter.rowCount(), 2);
    }

    void modelsUnderTesterAndSnapshot()
    {
        DiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DiffFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ QStringLiteral("tf/limits"), QStringLiteral("prod.tfstate"), QStringLiteral("live.json"),
                             QStringLiteral("replica.json") },
            { ColumnEvidence::Read, ColumnEvidence::Read, ColumnEvidence::Read, ColumnEvidence::Read });
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
