#include "Duration.h"

#include <QRegularExpression>

#include <cmath>

namespace strata::Duration {

std::optional<qint64> parseMs(const QString &text)
{
    const QString t = text.trimmed();
    bool plain = false;
    const double seconds = t.toDouble(&plain);
    if (plain)
        return std::isfinite(seconds) && seconds > 0 && seconds < 1e12
            ? std::optional<qint64>(std::llround(seconds * 1000))
            : std::nullopt;
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|h|m|s)"));
    double total = 0;
    qsizetype at = 0;
    auto it = part.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != at)
            return std::nullopt;
        at = m.capturedEnd();
        const QString unit = m.captured(2);
        const double factor = unit == QLatin1String("h") ? 3600000.0
            : unit == QLatin1String("m")                 ? 60000.0
            : unit == QLatin1String("s")                 ? 1000.0
                                                         : 1.0;
        total += m.captured(1).toDouble() * factor;
    }
    if (at == 0 || at != t.size() || !(total >= 1) || total > 1e15)
        return std::nullopt;
    return std::llround(total);
}

} // namespace strata::Duration
