#include "AnalysisResult.h"

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

QString TimelineEvent::field(const QString &key) const
{
    for (const auto &[k, v] : fields) {
        if (k == key)
            return v;
    }
    return {};
}

} // namespace strata
