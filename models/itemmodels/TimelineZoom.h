#pragma once

#include <QtGlobal>

namespace strata {

// The time window the timeline chart shows, within the whole span of the
// evidence: zoomed around a point (the wheel under the cursor, + and −),
// panned by a fraction of the window (drag, ← →), set to a range (a rubber
// band), reset to the whole span (0, Home, double-click). Always inside the
// span and never narrower than a second, so zooming can neither lose the
// data nor divide by nothing.
struct TimelineZoom
{
    static constexpr qint64 minimumSpanMs = 1000;

    qint64 fullFrom = 0, fullTo = 0; // msecs since the epoch
    qint64 from = 0, to = 0;

    void setSpan(qint64 first, qint64 last); // a new chart: the whole span, not zoomed
    bool isZoomed() const { return from > fullFrom || to < fullTo; }
    // factor < 1 zooms in (0.8: the window gets 20 % narrower), keeping `centerMs`
    // where it is on screen (up to the axis rounding out to whole ticks).
    void zoomAt(qint64 centerMs, double factor);
    void pan(double fraction); // + later, − earlier, as a fraction of the window
    void panBy(qint64 ms); // + later, − earlier (a drag: the time under the press follows the cursor)
    void show(qint64 first, qint64 last); // a range chosen by the user, clamped
    void reset() { from = fullFrom, to = fullTo; }

    // Round ticks for a time axis over [from, to]: the axis widened to whole
    // multiples of a round step (1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min;
    // 1, 2, 3, 6, 12 h; days) so that 3 to 8 ticks fall on round times.
    struct Ticks
    {
        qint64 from = 0, to = 0, stepMs = 0;
        int count = 0; // ticks including both ends
    };
    static Ticks roundTicks(qint64 fromMs, qint64 toMs);

private:
    void clamp();
};

} // namespace strata
