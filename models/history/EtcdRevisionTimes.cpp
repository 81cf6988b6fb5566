#include "EtcdRevisionTimes.h"

#include <QDateTime>

#include <algorithm>

namespace strata {

EtcdRevisionTimes::EtcdRevisionTimes(const QList<std::shared_ptr<const EtcdRecordingData>> &recordings)
{
    // Samples are in time order but for a few ms between endpoints of one
    // tick: a running maximum over them is the store's revision over time.
    std::vector<Rise> all;
    for (const auto &r : recordings) {
        qint64 highest = -1, previousMs = -1;
        for (const EtcdSample &s : r->samples) {
            if (!s.answered())
                continue;
            if (s.revision > highest) {
                highest = s.revision;
                all.push_back({ s.revision, s.timeMs, previousMs });
            }
            previousMs = std::max(previousMs, s.timeMs);
        }
    }
    // Recordings of one case follow each other: in revision order, time must agree.
    std::sort(all.begin(), all.end(), [](const Rise &a, const Rise &b) { return a.revision < b.revision; });
    for (const Rise &rise : all) {
        if (m_rises.empty() || (rise.revision > m_rises.back().revision && rise.seenMs >= m_rises.back().seenMs))
            m_rises.push_back(rise);
    }
}

std::optional<EtcdRevisionTimes::Bounds> EtcdRevisionTimes::of(qint64 revision) const
{
    const auto at = std::lower_bound(
        m_rises.cbegin(), m_rises.cend(), revision, [](const Rise &rise, qint64 r) { return rise.revision < r; });
    if (at == m_rises.cend() || at->beforeMs < 0)
        return std::nullopt; // after the last sample, or no sample before it saw less
    return Bounds { at->beforeMs, at->seenMs };
}

QString EtcdRevisionTimes::describe(qint64 revision) const
{
    const auto bounds = of(revision);
    if (!bounds)
        return {};
    const QDateTime after = QDateTime::fromMSecsSinceEpoch(bounds->afterMs, Qt::UTC);
    const QDateTime by = QDateTime::fromMSecsSinceEpoch(bounds->byMs, Qt::UTC);
    const QString format
        = after.date() == by.date() ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz");
    return QStringLiteral(" (written between %1 and %2 UTC, by the etcd recording)")
        .arg(after.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), by.toString(format));
}

} // namespace strata
