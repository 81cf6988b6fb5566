#pragma once

#include "core/SourceLocation.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace strata {

// One event from a pasted log: when, from whom, how severe, what it said, and
// the structured fields it carried (etcd's term/from/to, klog's caller).
// Produced by LogParser; the timeline and the log-based findings (leader
// changes, the value an application ran with) read it.
struct LogEvent
{
    QDateTime time; // UTC; invalid when the line had no usable timestamp
    bool yearInferred = false; // the line had no year (klog); it came from context
    QString source; // component: "etcd-1", "api-server", a zap logger name
    QString level; // "debug", "info", "warning", "error", "fatal", or empty when unknown
    QString message; // continuation lines are appended after '\n'
    QList<QPair<QString, QString>> fields; // in the order written
    SourceLocation location; // the event's first line

    // The first field named `key`, or an empty string.
    QString field(const QString &key) const
    {
        for (const auto &f : fields) {
            if (f.first == key)
                return f.second;
        }
        return {};
    }
};

} // namespace strata
