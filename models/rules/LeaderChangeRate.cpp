#include "LeaderChangeRate.h"

#include <QLocale>
#include <QSet>

#include <cmath>

namespace strata {

namespace {
QString amount(double v)
{
    // 3.5 hours, 30 days: one decimal below ten, whole numbers above.
    return v < 10 && std::fabs(v - std::round(v)) > 0.05 ? QString::number(v, 'f', 1)
                                                         : QString::number(qint64(std::llround(v)));
}
// A label's value ("" without it): a federated scrape holds several targets.
QString label(const MetricValue &m, const char *name)
{
    for (const auto &[key, value] : m.labels) {
        if (key == QLatin1String(name))
            return value;
    }
    return {};
}
} // namespace

QString durationInWords(double seconds)
{
    const struct
    {
        double size;
        const char *one;
        const char *many;
    } units[] = { { 86400, "day", "days" }, { 3600, "hour", "hours" }, { 60, "minute", "minutes" },
        { 1, "second", "seconds" } };
    for (const auto &u : units) {
        if (seconds >= u.size * (u.size == 1 ? 0 : 1.5) || u.size == 1) {
            const QString n = amount(seconds / u.size);
            return n + QLatin1Char(' ') + QLatin1String(n == QLatin1String("1") ? u.one : u.many);
        }
    }
    return {};
}

std::optional<LeaderChangeRate> LeaderChangeRate::of(const MetricValue *counter, double counted,
    const QList<MetricValue> &metrics, const LeaderElectionCount &elections, const QList<TimelineEvent> &events)
{
    // The counter, over the uptime of the process that counted: its start
    // from the same scrape, "now" from the scrape's own time.
    if (counter && counted >= double(elections.changes()) && counter->timestampMs) {
        for (const MetricValue &m : metrics) {
            if (m.name != QLatin1String("process_start_time_seconds") || m.location.file != counter->location.file
                || label(m, "instance") != label(*counter, "instance") || label(m, "job") != label(*counter, "job"))
                continue;
            const double uptime = double(*counter->timestampMs) / 1000.0 - m.value;
            if (!(uptime > 0) || !std::isfinite(uptime))
                break;
            LeaderChangeRate r;
            r.changes = counted;
            r.seconds = uptime;
            r.window
                = QStringLiteral("since the member scraped started %1 before the scrape").arg(durationInWords(uptime));
            r.evidence = EvidenceRef { m.location,
                QStringLiteral("process_start_time_seconds %1 (started %2 before the scrape)")
                    .arg(QString::number(m.value, 'f', 0), durationInWords(uptime)) };
            return r;
        }
    }
    // Elections from the logs, over the span the dated logs cover.
    if (elections.changes() > 0 && double(elections.changes()) >= counted) {
        // Only the logs the elections were read from: an application's log of
        // last month must not stretch the window and hide churn.
        QSet<QString> files;
        for (const LeaderElection &e : elections.elections) {
            for (const TimelineEvent *line : e.lines)
                files.insert(line->location.file);
        }
        QDateTime first, last;
        for (const TimelineEvent &e : events) {
            if (!e.time.isValid() || !files.contains(e.location.file))
                continue;
            if (!first.isValid() || e.time < first)
                first = e.time;
            if (!last.isValid() || e.time > last)
                last = e.time;
        }
        const double span = first.isValid() ? double(first.msecsTo(last)) / 1000.0 : 0;
        if (span > 0) {
            LeaderChangeRate r;
            r.changes = double(elections.changes());
            r.seconds = span;
            r.window = QStringLiteral("in the %1 the dated logs cover").arg(durationInWords(span));
            return r;
        }
    }
    return std::nullopt;
}

} // namespace strata
