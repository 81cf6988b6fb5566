#include "Finding.h"

namespace strata {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return {};
}

void Finding::recommend(const QStringList &checkFirst, const QStringList &thenChange)
{
    checks = checkFirst;
    changes = thenChange;
    QStringList parts;
    if (!checks.isEmpty())
        parts.append(QStringLiteral("Check first: ") + checks.join(QLatin1Char(' ')));
    if (!changes.isEmpty())
        parts.append(QStringLiteral("Then: ") + changes.join(QLatin1Char(' ')));
    recommendation = parts.join(QLatin1Char(' '));
}

} // namespace strata
