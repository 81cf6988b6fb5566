#include "LogTimestamp.h"

#include <cmath>

namespace strata::LogTimestamp {

namespace {

bool digitsAt(QStringView s, qsizetype pos, int count, int *value)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s.at(pos + i);
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        v = v * 10 + (c.unicode() - '0');
    }
    *value = v;
    return true;
}

} // namespace

std::optional<QDateTime> parseIso(QStringView s, qsizetype *consumed)
{
    int year, month, day, hour, minute, second = 0;
    if (!digitsAt(s, 0, 4, &year) || s.size() < 16)
        return std::nullopt;
    const QChar dateSep = s.at(4);
    if ((dateSep != QLatin1Char('-') && dateSep != QLatin1Char('/')) || s.at(7) != dateSep)
        return std::nullopt;
    if (!digitsAt(s, 5, 2, &month) || !digitsAt(s, 8, 2, &day))
        return std::nullopt;
    const QChar sep = s.at(10);
    if (sep != QLatin1Char('T') && sep != QLatin1Char(' ') && sep != QLatin1Char('t') && sep != QLatin1Char('_'))
        return std::nullopt;
    if (!digitsAt(s, 11, 2, &hour) || s.at(13) != QLatin1Char(':') || !digitsAt(s, 14, 2, &minute))
        return std::nullopt;
    qsizetype pos = 16;
    if (pos < s.size() && s.at(pos) == QLatin1Char(':')) {
        if (!digitsAt(s, pos + 1, 2, &second))
            return std::nullopt;
        pos += 3;
    }
    int msec = 0;
    if (pos + 1 < s.size() && (s.at(pos) == QLatin1Char('.') || s.at(pos) == QLatin1Char(','))
        && s.at(pos + 1).isDigit()) {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s.at(pos) >= QLatin1Char('0') && s.at(pos) <= QLatin1Char('9')) {
            if (digits < 3)
                msec = msec * 10 + (s.at(pos).unicode() - '0');
            ++digits;
            ++pos;
        }
        for (int d = digits; d < 3; ++d)
            msec *= 10;
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second == 60 ? 59 : second, msec); // a leap second is kept in its minute
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    if (pos < s.size() && (s.at(pos) == QLatin1Char('Z') || s.at(pos) == QLatin1Char('z'))) {
        ++pos;
    } else if (pos < s.size() && (s.at(pos) == QLatin1Char('+') || s.at(pos) == QLatin1Char('-'))) {
        int oh, om = 0;
        const int sign = s.at(pos) == QLatin1Char('-') ? -1 : 1;
        if (digitsAt(s, pos + 1, 2, &oh)) {
            qsizetype p = pos + 3;
            if (p < s.size() && s.at(p) == QLatin1Char(':') && digitsAt(s, p + 1, 2, &om))
                p += 3;
            else if (digitsAt(s, p, 2, &om))
                p += 2;
            else
                om = 0;
            if (oh <= 14 && om < 60) {
                offsetSeconds = sign * (oh * 3600 + om * 60);
                pos = p;
            }
        }
    } else if (s.mid(pos).startsWith(QLatin1String(" UTC"))) {
        pos += 4;
    }
    if (consumed)
        *consumed = pos;
    QDateTime result(date, time, Qt::UTC);
    return result.addSecs(-offsetSeconds);
}

std::optional<QDateTime> fromEpoch(double value)
{
    if (!std::isfinite(value) || value < 0)
        return std::nullopt;
    double ms;
    if (value < 1e11)
        ms = value * 1000; // seconds (zap's epoch float)
    else if (value < 1e14)
        ms = value; // milliseconds
    else if (value < 1e17)
        ms = value / 1000; // microseconds
    else if (value < 1e20)
        ms = value / 1e6; // nanoseconds
    else
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(ms)), Qt::UTC);
}

QDateTime placeNear(const YearlessTime &t, const QDateTime &reference)
{
    const int year = reference.date().year();
    QDateTime best;
    qint64 bestDistance = 0;
    for (const int y : { year - 1, year, year + 1 }) {
        const QDate date(y, t.month, t.day);
        if (!date.isValid())
            continue;
        const QDateTime candidate(date, t.time, Qt::UTC);
        const qint64 distance = std::abs(candidate.secsTo(reference));
        if (!best.isValid() || distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString normaliseLevel(QStringView word)
{
    const QString w = word.toString().toLower();
    static const struct
    {
        const char *spelling;
        const char *level;
    } table[] = {
        { "trace", "debug" },
        { "debug", "debug" },
        { "dbg", "debug" },
        { "verbose", "debug" },
        { "info", "info" },
        { "inf", "info" },
        { "information", "info" },
        { "notice", "info" },
        { "warn", "warning" },
        { "warning", "warning" },
        { "wrn", "warning" },
        { "error", "error" },
        { "err", "error" },
        { "eror", "error" },
        { "fatal", "fatal" },
        { "panic", "fatal" },
        { "dpanic", "fatal" },
        { "crit", "fatal" },
        { "critical", "fatal" },
        { "alert", "fatal" },
        { "emerg", "fatal" },
        { "emergency", "fatal" },
    };
    for (const auto &entry : table) {
        if (w == QLatin1String(entry.spelling))
            return QString::fromLatin1(entry.level);
    }
    return {};
}

} // namespace strata::LogTimestamp
