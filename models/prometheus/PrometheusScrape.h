#pragma once

#include "core/Diagnostic.h"
#include "core/SourceLocation.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace strata {

// One scrape in the Prometheus text exposition format (0.0.4), as read by
// PrometheusParser from a /metrics endpoint or a paste: metric families with
// their samples, the free comment lines (people write evidence there, e.g.
// "# Last successful apply: …") and what was wrong with the text. Used by the
// etcd health view, the timeline and the findings.
using MetricLabels = QList<QPair<QString, QString>>; // in the order written

struct MetricSample
{
    QString name; // as written, with any _bucket/_sum/_count suffix
    MetricLabels labels; // in the order written
    double value = 0; // NaN and ±Inf allowed
    std::optional<qint64> timestampMs;
    SourceLocation location; // the start of the sample's line

    // The value of label `key`, or an empty string (as Prometheus treats a missing label).
    QString label(const QString &key) const;
    // True when every pair in `subset` is among the labels.
    bool hasLabels(const MetricLabels &subset) const;
    QString labelText() const; // {a="b",c="d"}, or "" without labels
};

enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };
QString metricTypeName(MetricType type);

struct MetricFamily
{
    QString name;
    QString help; // unescaped; empty when there is no HELP line
    MetricType type = MetricType::Untyped;
    QList<MetricSample> samples;
    SourceLocation location; // first HELP, TYPE or sample line
};

struct PrometheusComment
{
    QString text; // without the leading '#' and surrounding blanks
    SourceLocation location;
};

struct PrometheusScrape
{
    QList<MetricFamily> families; // in order of first appearance
    QList<PrometheusComment> comments;
    QList<Diagnostic> diagnostics;

    bool ok() const { return !hasErrors(diagnostics); }
    const MetricFamily *family(const QString &name) const;
    // The first sample named `name` (suffix included) carrying every label in `labels`.
    const MetricSample *find(const QString &name, const MetricLabels &labels = {}) const;
    // Every such sample, in order.
    QList<const MetricSample *> findAll(const QString &name, const MetricLabels &labels = {}) const;
    // The value of find(name, labels), if there is one.
    std::optional<double> value(const QString &name, const MetricLabels &labels = {}) const;
};

} // namespace strata

// Implicitly shared Qt members only: a QList of a million grows by realloc
// (mremap for big blocks) instead of moving each sample into a second buffer.
Q_DECLARE_TYPEINFO(strata::MetricSample, Q_RELOCATABLE_TYPE);
