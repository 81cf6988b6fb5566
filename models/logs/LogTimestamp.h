#pragma once

#include <QDateTime>
#include <QStringView>

#include <optional>

namespace strata {

// The timestamp and severity spellings found in the logs SREs paste: RFC 3339
// and ISO 8601 variants, Go's log date, epoch seconds, klog's year-less
// header, and every common way of writing a level. Used by LogParser.
namespace LogTimestamp {
// "2024-12-15T03:22:14Z", "2024-12-15 03:22:14.123", "2024-12-15T03:22:14.5+01:00",
// "2024/12/15 03:22:14". A missing zone means UTC. `consumed` is the length read.
std::optional<QDateTime> parseIso(QStringView text, qsizetype *consumed = nullptr);
// Seconds since the epoch (zap's default), also milliseconds or nanoseconds
// when the magnitude says so.
std::optional<QDateTime> fromEpoch(double value);

// klog's "W1215 03:22:18.847291": no year.
struct YearlessTime
{
    int month = 0;
    int day = 0;
    QTime time;
};
// Builds the date in the year closest to `reference` (a Dec 31 line near a
// Jan 1 reference belongs to the year before).
QDateTime placeNear(const YearlessTime &t, const QDateTime &reference);

// "debug", "info", "warning", "error", "fatal", or empty when not a level.
QString normaliseLevel(QStringView word);
} // namespace LogTimestamp

} // namespace strata
