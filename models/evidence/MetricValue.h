#pragma once

#include "core/SourceLocation.h"

#include <QList>
#include <QPair>
#include <QString>

namespace strata {

// One Prometheus sample as the rules read it.
struct MetricValue
{
    QString name;
    QList<QPair<QString, QString>> labels;
    double value = 0;
    SourceLocation location;
    QString labelText() const; // {a="b",c="d"}
};

} // namespace strata
