#include "PrometheusScrape.h"

#include <QStringList>

namespace strata {

QString MetricSample::labelText() const
{
    if (labels.isEmpty())
        return {};
    QStringList parts;
    for (const auto &[k, v] : labels)
        parts.append(QStringLiteral("%1=\"%2\"").arg(k, v));
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString MetricSample::label(const QString &key) const
{
    for (const auto &l : labels) {
        if (l.first == key)
            return l.second;
    }
    return {};
}

bool MetricSample::hasLabels(const MetricLabels &subset) const
{
    for (const auto &wanted : subset) {
        if (!labels.contains(wanted))
            return false;
    }
    return true;
}

QString metricTypeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return QStringLiteral("counter");
    case MetricType::Gauge:
        return QStringLiteral("gauge");
    case MetricType::Histogram:
        return QStringLiteral("histogram");
    case MetricType::Summary:
        return QStringLiteral("summary");
    case MetricType::Untyped:
        break;
    }
    return QStringLiteral("untyped");
}

const MetricFamily *PrometheusScrape::family(const QString &name) const
{
    for (const MetricFamily &f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QList<const MetricSample *> PrometheusScrape::findAll(const QString &name, const MetricLabels &labels) const
{
    QList<const MetricSample *> out;
    for (const MetricFamily &f : families) {
        // A sample's name starts with its family's name (a histogram's
        // _bucket/_sum/_count live in the base family).
        if (!name.startsWith(f.name))
            continue;
        for (const MetricSample &s : f.samples) {
            if (s.name == name && s.hasLabels(labels))
                out.append(&s);
        }
    }
    return out;
}

const MetricSample *PrometheusScrape::find(const QString &name, const MetricLabels &labels) const
{
    const auto all = findAll(name, labels);
    return all.isEmpty() ? nullptr : all.first();
}

std::optional<double> PrometheusScrape::value(const QString &name, const MetricLabels &labels) const
{
    if (const MetricSample *s = find(name, labels))
        return s->value;
    return std::nullopt;
}

} // namespace strata
