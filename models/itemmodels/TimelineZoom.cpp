#include "TimelineZoom.h"

#include <algorithm>
#include <cmath>

namespace strata {

void TimelineZoom::setSpan(qint64 first, qint64 last)
{
    fullFrom = first;
    fullTo = std::max(last, first + minimumSpanMs);
    reset();
}

void TimelineZoom::clamp()
{
    const qint64 full = fullTo - fullFrom;
    qint64 width = std::clamp<qint64>(to - from, std::min(minimumSpanMs, full), full);
    from = std::clamp(from, fullFrom, fullTo - width);
    to = from + width;
}

void TimelineZoom::zoomAt(qint64 centerMs, double factor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    centerMs = std::clamp(centerMs, from, to);
    const double left = double(centerMs - from) * factor;
    const double right = double(to - centerMs) * factor;
    from = centerMs - qint64(std::llround(left));
    to = centerMs + qint64(std::llround(right));
    if (to - from < minimumSpanMs) { // as narrow as it goes, still around the cursor
        const qint64 extra = minimumSpanMs - (to - from);
        from -= extra / 2;
        to = from + minimumSpanMs;
    }
    clamp();
}

void TimelineZoom::pan(double fraction)
{
    if (!std::isfinite(fraction))
        return;
    const qint64 shift = qint64(std::llround(double(to - from) * fraction));
    from += shift;
    to += shift;
    clamp();
}

void TimelineZoom::panBy(qint64 ms)
{
    from += ms;
    to += ms;
    clamp();
}

void TimelineZoom::show(qint64 first, qint64 last)
{
    if (last < first)
        std::swap(first, last);
    from = first;
    to = std::max(last, first + minimumSpanMs);
    clamp();
}

TimelineZoom::Ticks TimelineZoom::roundTicks(qint64 fromMs, qint64 toMs)
{
    static constexpr qint64 second = 1000, minute = 60 * second, hour = 60 * minute, day = 24 * hour;
    static constexpr qint64 steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, second, 2 * second, 5 * second, 10 * second,
        15 * second, 30 * second, minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour, 2 * hour,
        3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 28 * day };
    if (toMs <= fromMs)
        toMs = fromMs + 1;
    Ticks t;
    for (const qint64 step : steps) {
        t.stepMs = step;
        // Floor and ceiling to whole steps (UTC: days start at midnight UTC).
        t.from = fromMs - ((fromMs % step) + step) % step;
        t.to = toMs + (step - ((toMs % step) + step) % step) % step;
        t.count = int((t.to - t.from) / step) + 1;
        if (t.count <= 7)
            return t;
    }
    // Longer than half a year: as many 28-day steps as it takes, at most 8 ticks apart.
    const qint64 step = ((toMs - fromMs) / 6 / day + 1) * day;
    t.stepMs = step;
    t.from = fromMs - ((fromMs % day) + day) % day;
    t.count = int((toMs - t.from) / step) + 2;
    t.to = t.from + step * (t.count - 1);
    return t;
}

} // namespace strata
