#include "MetricValue.h"

#include <QStringList>

namespace strata {

QString MetricValue::labelText() const
{
    if (labels.isEmpty())
        return {};
    QStringList parts;
    for (const auto &[k, v] : labels)
        parts.append(QStringLiteral("%1=\"%2\"").arg(k, v));
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace strata
