#include "LeaderBands.h"

#include <QAreaSeries>
#include <QBrush>
#include <QLineSeries>
#include <QPen>

namespace LeaderBands {

namespace {
bool overlaps(const strata::TimelineChartData::LeaderSpan &s, qint64 fromMs, qint64 toMs)
{
    return !s.leader.isEmpty() && s.toMs >= fromMs && s.fromMs <= toMs;
}
} // namespace

qsizetype countIn(const QList<strata::TimelineChartData::LeaderSpan> &spans, qint64 fromMs, qint64 toMs)
{
    return std::count_if(spans.cbegin(), spans.cend(),
        [&](const strata::TimelineChartData::LeaderSpan &s) { return overlaps(s, fromMs, toMs); });
}

QList<QAreaSeries *> make(const QList<strata::TimelineChartData::LeaderSpan> &spans, qint64 fromMs, qint64 toMs,
    const std::function<QColor(const QString &member)> &colourOf)
{
    QList<QAreaSeries *> bands;
    if (countIn(spans, fromMs, toMs) > maxBands)
        return bands;
    for (const strata::TimelineChartData::LeaderSpan &s : spans) {
        if (!overlaps(s, fromMs, toMs))
            continue;
        const double from = double(std::max(s.fromMs, fromMs)), to = double(std::min(s.toMs, toMs));
        auto *upper = new QLineSeries;
        upper->append({ QPointF(from, 1), QPointF(to, 1) });
        auto *lower = new QLineSeries;
        lower->append({ QPointF(from, 0), QPointF(to, 0) });
        auto *band = new QAreaSeries(upper, lower); // which makes `upper` its parent
        band->setParent(nullptr);
        upper->setParent(band); // the area does not delete its edges: its children do go with it
        lower->setParent(band);
        band->setName(QStringLiteral("leader · %1").arg(s.leader));
        QColor colour = colourOf(s.leader);
        colour.setAlpha(38); // a tint behind the lines, not over them
        band->setBrush(colour);
        band->setPen(Qt::NoPen);
        bands.append(band);
    }
    return bands;
}

} // namespace LeaderBands
