#pragma once

#include "itemmodels/TimelineChartData.h"

#include <QColor>
#include <QList>

#include <functional>

class QAreaSeries;

// The timeline chart's leader bands: one translucent area per interval in
// which a member led, in that member's colour, spanning the plot's height
// (on an axis of its own, 0 to 1); an interval with no leader is left blank.
namespace LeaderBands {

// At most this many bands are drawn in one window: beyond, the leader
// changed too often to read as bands and the chart says so instead.
constexpr qsizetype maxBands = 500;

// The bands of the spans that overlap [fromMs, toMs], clipped to it; empty
// when there are more than maxBands.
QList<QAreaSeries *> make(const QList<strata::TimelineChartData::LeaderSpan> &spans, qint64 fromMs, qint64 toMs,
    const std::function<QColor(const QString &member)> &colourOf);

// How many spans with a leader overlap the window.
qsizetype countIn(const QList<strata::TimelineChartData::LeaderSpan> &spans, qint64 fromMs, qint64 toMs);

} // namespace LeaderBands
