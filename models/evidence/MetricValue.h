#pragma once

#include "core/SourceLocation.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace strata {

// One Prometheus sample as the rules read it.
struct MetricValue
{
    QString name;
    QList<QPair<QString, QString>> labels;
    double value = 0;
    SourceLocation location;
    // When it was scraped (ms since the epoch, UTC): the sample's own
    // timestamp, else the time of Strata's capture; unknown for a pasted file.
    std::optional<qint64> timestampMs;
    QString labelText() const; // {a="b",c="d"}
};

} // namespace strata
