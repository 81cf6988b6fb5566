#include "DiffEngine.h"

#include "diff/FieldFlattener.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <optional>
#include <thread>
#include <tuple>
#include <utility>

namespace strata::DiffEngine {

namespace {

// Finds the rows of one object (its ResourceDiff's `fields`) by path. Columns
// list an object's fields in much the same order, so the row after the last
// one found is tried first and a hash is built only for objects with many
// fields: a hash per object was a fifth of the diff's memory at 20,000
// objects. Kept beside the ResourceDiffs, not around them, so the finished
// list is handed over whole instead of moved into a second one.
struct Builder
{
    static constexpr qsizetype hashFrom = 32;
    static constexpr qsizetype maxSharedPaths = 262144;

    QHash<QString, qsizetype> rowOfPath; // only past hashFrom rows
    qsizetype next = 0;
    std::array<bool, columnCount> partial {};

    // `paths` shares each row's path with every object that has the same
    // field ("metadata.name" once, not once per object).
    FieldDiff &row(QList<FieldDiff> &rows, QString &&path, QSet<QString> &paths)
    {
        const qsizetype n = rows.size();
        qsizetype at = -1;
        if (next < n && rows[next].path == path) {
            at = next;
        } else if (!rowOfPath.isEmpty()) {
            at = rowOfPath.value(path, -1);
        } else if (n < hashFrom) {
            for (qsizetype i = 0; i < n && at < 0; ++i) {
                if (rows[i].path == path)
                    at = i;
            }
        }
        if (at < 0) {
            at = n;
            if (n + 1 == hashFrom) {
                for (qsizetype i = 0; i < n; ++i)
                    rowOfPath.insert(rows[i].path, i);
            }
            if (n + 1 >= hashFrom)
                rowOfPath.insert(path, at);
            FieldDiff f;
            const auto shared = paths.constFind(path);
            if (shared != paths.cend())
                f.path = *shared;
            else if (paths.size() < maxSharedPaths)
                f.path = *paths.insert(std::move(path));
            else
                f.path = std::move(path);
            rows.append(std::move(f));
        }
        next = at + 1;
        return rows[at];
    }
};

bool cellsDiffer(const DiffCell &a, const DiffCell &b)
{
    if (a.present != b.present)
        return true;
    return a.present && !a.value.sameValueAs(b.value);
}

void classify(FieldDiff &f, const std::array<bool, columnCount> &objectPresent,
    const std::array<bool, columnCount> &partial, const ColumnCoverage &coverage)
{
    auto applicable = [&](Column c) {
        const size_t i = size_t(columnIndex(c));
        // A partial owner (e.g. kubernetes_config_map_v1_data) says nothing about fields it does not set.
        return objectPresent[i] && (f.cells[i].present || !partial[i]);
    };
    auto differ = [&](Column a, Column b) {
        if (!applicable(a) || !applicable(b))
            return false;
        const DiffCell &ca = f.cell(a);
        const DiffCell &cb = f.cell(b);
        // An unknown code value is not a difference we can claim.
        if ((ca.present && ca.value.kind == FieldValue::Kind::Unknown)
            || (cb.present && cb.value.kind == FieldValue::Kind::Unknown))
            return false;
        return cellsDiffer(ca, cb);
    };

    unsigned s = 0;
    f.cellStatuses = {};
    auto mark = [&](Column c, FieldStatus status) {
        s |= unsigned(status);
        f.cellStatuses[size_t(columnIndex(c))] |= static_cast<unsigned char>(status);
    };
    std::optional<Column> driftReference;
    if (applicable(Column::Live)) {
        if (applicable(Column::State)) {
            if (differ(Column::Live, Column::State))
                driftReference = Column::State;
        } else if (differ(Column::Live, Column::Code)) {
            driftReference = Column::Code;
        }
    }
    if (driftReference)
        mark(Column::Live, FieldStatus::Drift);
    if (differ(Column::Code, Column::State))
        mark(Column::Code, FieldStatus::Pending);
    if (differ(Column::Replica, Column::Live)) {
        // A replica that still agrees with what live drifted away from is behind, but
        // live is the odd value of the row: the Status says stale, the mark stays on live.
        const bool agreesWithReference
            = driftReference && !cellsDiffer(f.cell(Column::Replica), f.cell(*driftReference));
        if (agreesWithReference)
            s |= unsigned(FieldStatus::Stale);
        else
            mark(Column::Replica, FieldStatus::Stale);
    }
    // Drift, pending and stale already compare presence; an absent cell is the
    // odd one only when nothing else says which is.
    const bool comparedPairs = s != 0;
    int holding = 0;
    unsigned unknown = 0;
    for (Column c : allColumns) {
        const size_t i = size_t(columnIndex(c));
        if (applicable(c)) {
            ++holding;
            if (!f.cell(c).present) {
                s |= unsigned(FieldStatus::Missing);
                if (!comparedPairs)
                    mark(c, FieldStatus::Missing);
            }
        } else if (!objectPresent[i] && coverage[i] != ColumnEvidence::None) {
            unknown |= columnBit(c); // the column has evidence, but none of this object
            mark(c, FieldStatus::NoEvidence);
        }
    }
    f.unknownColumns = unknown;
    // An object compared against nothing is not "agreeing".
    if (holding < 2)
        s |= unsigned(FieldStatus::NoEvidence);
    f.statuses = s ? s : unsigned(FieldStatus::Same);
}

// Each column read its copy's uid, resourceVersion and address from its own
// file: where they are equal (they mostly are), the row keeps one string.
void shareEqualStrings(ColumnIdentity &identity, const ColumnSlots<ColumnIdentity> &others)
{
    for (const ColumnIdentity &other : others) {
        if (&other == &identity)
            continue;
        for (const auto member : { &ColumnIdentity::uid, &ColumnIdentity::resourceVersion,
                 &ColumnIdentity::terraformAddress, &ColumnIdentity::origin }) {
            QString &mine = identity.*member;
            const QString &theirs = other.*member;
            if (!mine.isEmpty() && mine.constData() != theirs.constData() && mine == theirs)
                mine = theirs;
        }
    }
}

// Each copy's slot (`slots` for none: left out), found once, so the
// workers need no lookup by id and the index can go before they start.
std::vector<qsizetype> slotsOf(
    const QList<ColumnObject *> &ordered, const QHash<ResourceId, qsizetype> &index, qsizetype slots)
{
    std::vector<qsizetype> slotOf(size_t(ordered.size()));
    for (qsizetype k = 0; k < ordered.size(); ++k)
        slotOf[size_t(k)] = index.value(ordered.at(k)->id, slots);
    return slotOf;
}

} // namespace

QList<ResourceDiff> diff(const QList<ColumnObject> &objects, const QList<ResourceId> &investigated,
    const std::function<bool()> &cancelled, std::optional<ColumnCoverage> coverage,
    std::array<qsizetype, columnCount> *leftOut, const std::function<bool(const QList<FieldValue> &)> &stillWanted,
    int threads)
{
    QList<ColumnObject> copy = objects; // the caller's trees stay; only the copy's are emptied
    return diffReleasing(copy, investigated, cancelled, coverage, leftOut, stillWanted, threads);
}

QList<ResourceDiff> diffReleasing(QList<ColumnObject> &objects, const QList<ResourceId> &investigated,
    const std::function<bool()> &cancelled, std::optional<ColumnCoverage> coverage,
    std::array<qsizetype, columnCount> *leftOut, const std::function<bool(const QList<FieldValue> &)> &stillWanted,
    int threads)
{
    if (!coverage) {
        ColumnCoverage held {};
        for (const ColumnObject &o : objects)
            held[size_t(columnIndex(o.column))] = ColumnEvidence::Read;
        coverage = held;
    }
    if (leftOut)
        leftOut->fill(0);
    const QSet<ResourceId> named(investigated.cbegin(), investigated.cend());
    // Which columns hold each object. A copy a source could not read counts:
    // that column is unknown for the object, which the diff must say.
    QHash<ResourceId, unsigned> heldBy;
    if (!named.isEmpty()) {
        heldBy.reserve(objects.size());
        for (const ColumnObject &o : std::as_const(objects))
            heldBy[o.id] |= columnBit(o.column);
    }
    const unsigned liveOrReplica[] = { columnBit(Column::Live), columnBit(Column::Replica) };
    const auto leftOutOfDiff = [&](const ColumnObject &o) {
        if (named.isEmpty() || o.unread || named.contains(o.id))
            return false;
        const unsigned held = heldBy.value(o.id);
        return held == liveOrReplica[0] || held == liveOrReplica[1];
    };

    // Kubernetes' own field order reads best: fill rows from live, replica, state, then code.
    QList<ColumnObject *> ordered;
    ordered.reserve(objects.size());
    for (Column c : { Column::Live, Column::Replica, Column::State, Column::Code }) {
        for (ColumnObject &o : objects) {
            if (o.column == c)
                ordered.append(&o);
        }
    }

    // One slot (a builder and its ResourceDiff) per object, not per copy:
    // most objects come in four columns. The named ones first, in the
    // case's order, then every other the diff keeps; an object left out
    // that a rule still wants gets its slot as it is found (below).
    QHash<ResourceId, qsizetype> index;
    QList<Builder> builders;
    QList<ResourceDiff> diffs; // builders[i] builds diffs[i]
    {
        QSet<ResourceId> ids;
        ids.reserve(objects.size());
        for (const ColumnObject &o : std::as_const(objects)) {
            if (!leftOutOfDiff(o))
                ids.insert(o.id);
        }
        for (const ResourceId &id : investigated)
            ids.insert(id);
        builders.reserve(ids.size());
        diffs.reserve(ids.size());
        index.reserve(ids.size());
    }
    const auto addSlot
        = [](const ResourceId &id, QHash<ResourceId, qsizetype> &into, QList<Builder> &b, QList<ResourceDiff> &d) {
              into.insert(id, b.size());
              b.append(Builder());
              ResourceDiff r;
              r.id = id;
              d.append(std::move(r));
          };
    for (const ResourceId &id : investigated) {
        if (!index.contains(id)) {
            addSlot(id, index, builders, diffs);
            diffs.last().investigated = true;
        }
    }
    const qsizetype firstUninvestigated = builders.size();
    for (const ColumnObject *o : std::as_const(ordered)) {
        if (!o->unread && !leftOutOfDiff(*o) && !index.contains(o->id))
            addSlot(o->id, index, builders, diffs);
    }
    const std::vector<qsizetype> slotOf = slotsOf(ordered, index, diffs.size());
    // What the slots were found by is not needed again: its room goes to the rows.
    index = {};
    heldBy = {};

    // What Terraform marks sensitive in one column is secret in all of them:
    // live holds the same plaintext that state hides.
    QHash<ResourceId, QStringList> sensitive;
    for (const ColumnObject &o : objects) {
        if (o.sensitivePaths.isEmpty())
            continue;
        QStringList &paths = sensitive[o.id];
        for (const QString &p : o.sensitivePaths) {
            if (!paths.contains(p))
                paths.append(p);
        }
    }

    // Objects a source could not read: they make a column unknown for an
    // object the other columns hold, and add no object of their own.
    QHash<ResourceId, unsigned> unread;
    for (const ColumnObject &o : objects) {
        if (o.unread)
            unread[o.id] |= columnBit(o.column);
    }

    // Objects are independent of each other: the work is shared out by
    // object, every copy of one object to the same worker, which fills its
    // rows in the same order as one worker would. Not for speed (the diff is
    // bound by allocation and page faults, which threads share), but for
    // room: a freed tree goes back to the heap of the thread that read it,
    // and only that thread's allocations use it again. With one worker per
    // reading thread, each worker's rows take the place of the trees its
    // heap held (N = 50,000 in four columns: 786 -> 707-739 MiB).
    const int workers = std::max(1, threads);
    // Which worker has each object copy and each slot, worked out once.
    std::vector<int> owner(size_t(ordered.size()));
    std::vector<int> slotOwner(size_t(diffs.size()));
    if (workers > 1) {
        const auto workerOf = [workers](const ResourceId &id) { return int(qHash(id, 0) % size_t(workers)); };
        for (qsizetype k = 0; k < ordered.size(); ++k)
            owner[size_t(k)] = workerOf(ordered[k]->id);
        for (qsizetype i = 0; i < diffs.size(); ++i)
            slotOwner[size_t(i)] = workerOf(diffs[i].id);
    }
    struct Worker
    {
        QSet<QString> sharedPaths;
        QSet<ResourceId> counted; // objects left out, each counted once
        std::array<qsizetype, columnCount> leftOut {};
        // Objects left out that a rule still wants: slots of this worker's own.
        QHash<ResourceId, qsizetype> extraIndex;
        QList<Builder> extraBuilders;
        QList<ResourceDiff> extraDiffs;
        bool cancelled = false;
    };
    std::vector<Worker> work(static_cast<size_t>(workers));
    Builder *const slotBuilders = builders.data();
    ResourceDiff *const slotDiffs = diffs.data();
    const auto classifySlot = [&coverage, &unread](ResourceDiff &d, const Builder &b) {
        // Identity fields Terraform does not write (apiVersion, kind) are bookkeeping, not findings.
        std::array<bool, columnCount> present {};
        for (Column c : allColumns)
            present[size_t(columnIndex(c))] = d.identities.has(size_t(columnIndex(c)));
        for (FieldDiff &f : d.fields) {
            if (f.path == QLatin1String("apiVersion") || f.path == QLatin1String("kind"))
                f.noise = true;
            classify(f, present, b.partial, *coverage);
        }
        d.coverage = *coverage;
        d.unreadColumns = unread.value(d.id);
    };
    const auto run = [&](int t) {
        Worker &w = work[size_t(t)];
        for (qsizetype k = 0; k < ordered.size(); ++k) {
            if (owner[size_t(k)] != t)
                continue;
            ColumnObject *o = ordered.at(k);
            if (cancelled && cancelled()) {
                w.cancelled = true;
                return;
            }
            if (o->unread)
                continue;
            FieldFlattener::Options options;
            options.secretDataIsBase64 = o->secretDataIsBase64;
            options.secretValues = o->secretValues;
            options.sensitivePaths = sensitive.value(o->id);
            std::optional<QList<FieldValue>> flattened;
            Builder *b = nullptr;
            ResourceDiff *d = nullptr;
            if (const qsizetype slot = slotOf[size_t(k)]; slot < diffs.size()) {
                b = slotBuilders + slot;
                d = slotDiffs + slot;
            } else {
                // Left out, unless a rule could still speak of it from the logs or metrics.
                if (stillWanted)
                    flattened = FieldFlattener::flatten(o->object, options);
                if (!stillWanted || !stillWanted(*flattened)) {
                    o->object = Value();
                    o->identity.managedFields = Value();
                    if (!w.counted.contains(o->id)) { // one object, however many copies
                        w.counted.insert(o->id);
                        ++w.leftOut[size_t(columnIndex(o->column))];
                    }
                    continue;
                }
                if (!w.extraIndex.contains(o->id))
                    addSlot(o->id, w.extraIndex, w.extraBuilders, w.extraDiffs);
                const qsizetype at = w.extraIndex.value(o->id);
                b = &w.extraBuilders[at];
                d = &w.extraDiffs[at];
            }
            const size_t col = size_t(columnIndex(o->column));
            if (d->identities.has(col))
                continue; // the first copy of an object in a column wins; the importer reports duplicates
            ColumnIdentity &identity = d->identities.make(col);
            identity = o->identity;
            identity.present = true;
            shareEqualStrings(identity, d->identities);
            o->identity.managedFields = Value();
            b->partial[col] = o->partial;
            QList<FieldValue> fields = flattened ? std::move(*flattened) : FieldFlattener::flatten(o->object, options);
            o->object = Value(); // read: the diff's cells are all that is kept of it
            if (d->fields.isEmpty())
                d->fields.reserve(fields.size());
            b->next = 0;
            for (FieldValue &f : fields) {
                FieldDiff &r = b->row(d->fields, std::move(f.path), w.sharedPaths);
                r.noise = r.noise || f.noise;
                r.secret = r.secret || f.kind == FieldValue::Kind::Secret;
                DiffCell &cell = r.cells.make(col);
                cell.value = static_cast<CellValue &&>(f);
                cell.present = true; // after the value: it sits in the value's padding
                // Most columns agree: equal texts share one string.
                for (const DiffCell &other : r.cells) {
                    if (&other != &cell && other.present && other.value.text == cell.value.text) {
                        cell.value.text = other.value.text;
                        break;
                    }
                }
            }
        }
        // Every copy of this worker's objects is in: their rows are final.
        for (qsizetype i = 0; i < diffs.size(); ++i) {
            if (slotOwner[size_t(i)] == t)
                classifySlot(slotDiffs[i], slotBuilders[i]);
        }
        for (qsizetype i = 0; i < w.extraDiffs.size(); ++i)
            classifySlot(w.extraDiffs[i], w.extraBuilders[i]);
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < workers; ++t)
        helpers.emplace_back(run, t);
    run(0);
    for (std::thread &t : helpers)
        t.join();

    for (Worker &w : work) {
        if (w.cancelled)
            return {};
        if (leftOut) {
            for (size_t c = 0; c < columnCount; ++c)
                (*leftOut)[c] += w.leftOut[c];
        }
        for (ResourceDiff &d : w.extraDiffs)
            diffs.append(std::move(d));
    }
    work.clear();
    builders = QList<Builder>();
    QList<ResourceDiff> out = std::move(diffs);
    // By id as written; two ids written alike ("a/b" in no namespace, "b"
    // in "a") by their parts, so the order never depends on which worker made them.
    std::sort(out.begin() + std::min(firstUninvestigated, out.size()), out.end(),
        [](const ResourceDiff &a, const ResourceDiff &b) {
            const QString x = a.id.toString(), y = b.id.toString();
            if (x != y)
                return x < y;
            return std::tie(a.id.kind, a.id.ns, a.id.name) < std::tie(b.id.kind, b.id.ns, b.id.name);
        });
    return out;
}

} // namespace strata::DiffEngine
