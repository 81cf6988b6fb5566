#include "EtcdProvenance.h"

#include "history/FieldHistory.h"

namespace strata {

namespace {

const EtcdObjectHistory *historyOf(const QList<EtcdObjectHistory> &histories, const QString &object)
{
    for (const EtcdObjectHistory &h : histories) {
        if (h.object == object && h.error.isEmpty() && !h.revisions.isEmpty())
            return &h;
    }
    return nullptr;
}

const FieldDiff *rowOf(const ResourceDiff &d, const QString &path)
{
    for (const FieldDiff &f : d.fields) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

SourceLocation where(const EtcdObjectHistory &h)
{
    return SourceLocation { h.endpoint + h.key, 0, 0 };
}

// "since revision 57" — or, where the oldest version etcd still holds has
// it already and the history does not reach the creation, "since revision 40 at least".
QString sinceText(const EtcdObjectHistory &h, qint64 since)
{
    // The version before it is not decoded: the value may be older still.
    for (qsizetype i = 0; i + 1 < h.revisions.size(); ++i) {
        if (h.revisions.at(i).modRevision == since && !h.revisions.at(i + 1).known)
            return QStringLiteral("since revision %1 at least (the version before it is %2)")
                .arg(since)
                .arg(h.revisions.at(i + 1).error.isEmpty() ? h.revisions.at(i + 1).encoding
                                                           : QStringLiteral("not decoded"));
    }
    const bool oldest = !h.revisions.isEmpty() && h.revisions.constLast().modRevision == since;
    if (oldest && h.revisions.constLast().version == 1)
        return QStringLiteral("since the object was created at revision %1").arg(since);
    if (oldest && !h.complete)
        return QStringLiteral("since revision %1 at least (%2)").arg(since).arg(h.stop);
    return QStringLiteral("since revision %1").arg(since);
}

void annotateLiveDrift(Finding &f, const ResourceDiff &d, const EtcdObjectHistory &h, const EtcdRevisionTimes &times)
{
    QStringList said;
    for (const QString &path : f.paths) {
        const FieldDiff *row = rowOf(d, path);
        if (!row || !row->cell(Column::Live).present)
            continue;
        const std::optional<qint64> since = h.heldSince(path, row->cell(Column::Live).value);
        if (!since)
            continue;
        said.append(QStringLiteral("%1 has been %2 %3")
                        .arg(path, FieldHistory::shownValue(row->cell(Column::Live).value),
                            sinceText(h, *since) + times.describe(*since)));
        f.evidence.append({ where(h), QStringLiteral("%1 at revision %2").arg(path).arg(*since) });
    }
    if (!said.isEmpty())
        f.detail += QStringLiteral(" etcd's history of %1: %2.").arg(h.key, said.join(QStringLiteral("; ")));
}

void annotateStaleReplica(Finding &f, const ResourceDiff &d, const EtcdObjectHistory &h, const EtcdRevisionTimes &times)
{
    QStringList said;
    for (const QString &path : f.paths) {
        const FieldDiff *row = rowOf(d, path);
        if (!row || !row->cell(Column::Replica).present)
            continue;
        const auto held = h.lastHeld(path, row->cell(Column::Replica).value);
        if (!held || held->supersededAt == 0)
            continue;
        said.append(
            QStringLiteral("its %1 (%2) was last current at revision %3; %4 replaced it")
                .arg(path, FieldHistory::shownValue(row->cell(Column::Replica).value))
                .arg(held->revision)
                .arg((held->supersededAtTheLatest ? QStringLiteral("revision %1 at the latest").arg(held->supersededAt)
                                                  : QStringLiteral("revision %1").arg(held->supersededAt))
                    + times.describe(held->supersededAt)));
        f.evidence.append({ where(h), QStringLiteral("%1 replaced at revision %2").arg(path).arg(held->supersededAt) });
    }
    const qint64 newest = h.revisions.constFirst().modRevision;
    const QString replicaRv = d.identity(Column::Replica).resourceVersion;
    for (const ObjectRevision &r : h.revisions) {
        if (QString::number(r.modRevision) == replicaRv && r.modRevision != newest) {
            said.prepend(QStringLiteral("the replica serves version %1 (revision %2); etcd's newest is version %3 "
                                        "(revision %4)")
                             .arg(r.version)
                             .arg(r.modRevision)
                             .arg(h.revisions.constFirst().version)
                             .arg(newest));
            break;
        }
    }
    if (!said.isEmpty())
        f.detail += QStringLiteral(" etcd's history of %1: %2.").arg(h.key, said.join(QStringLiteral("; ")));
}

} // namespace

void EtcdProvenance::annotate(QList<Finding> &findings, const QList<ResourceDiff> &resources,
    const QList<EtcdObjectHistory> &histories, const EtcdRevisionTimes &times)
{
    for (Finding &f : findings) {
        const bool drift = f.id == QLatin1String("live-drift");
        if (!drift && f.id != QLatin1String("stale-replica"))
            continue;
        const EtcdObjectHistory *h = historyOf(histories, f.resource);
        if (!h)
            continue;
        for (const ResourceDiff &d : resources) {
            if (d.id.toString() != f.resource)
                continue;
            if (drift)
                annotateLiveDrift(f, d, *h, times);
            else
                annotateStaleReplica(f, d, *h, times);
        }
    }
}

QList<TimelineEvent> EtcdProvenance::timelineEvents(
    const QList<EtcdObjectHistory> &histories, const EtcdRevisionTimes &times)
{
    QList<TimelineEvent> events;
    for (const EtcdObjectHistory &h : histories) {
        if (!h.error.isEmpty())
            continue;
        for (const ObjectRevision &r : h.revisions) {
            const auto bounds = times.of(r.modRevision);
            if (!bounds)
                continue; // not dated: the History panel lists it
            TimelineEvent e;
            e.time = QDateTime::fromMSecsSinceEpoch(bounds->byMs, Qt::UTC);
            e.source = QStringLiteral("etcd history");
            e.text = QStringLiteral("%1 resourceVersion %2 (version %3): %4%5")
                         .arg(h.object)
                         .arg(r.modRevision)
                         .arg(r.version)
                         .arg(EtcdObjectHistories::changeText(r), times.describe(r.modRevision));
            e.fields.append({ QStringLiteral("revision"), QString::number(r.modRevision) });
            e.location = where(h);
            events.append(e);
        }
    }
    std::sort(
        events.begin(), events.end(), [](const TimelineEvent &a, const TimelineEvent &b) { return a.time < b.time; });
    return events;
}

} // namespace strata
