#pragma once

#include "core/SourceLocation.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace strata {

// A dated (or undated) event from a log line or a dated comment.
struct TimelineEvent
{
    QDateTime time; // UTC; invalid when the evidence gives none
    QString source; // component or evidence kind
    QString level;
    QString text;
    // The structured fields of the log line that Strata reads (its raft
    // `term`); the line itself, as written, is `text` and its location.
    QList<QPair<QString, QString>> fields;
    SourceLocation location;
    QString field(const QString &key) const;
};

} // namespace strata

// Implicitly shared Qt members only: a million log lines grow by realloc
// instead of being moved one by one into a second buffer.
Q_DECLARE_TYPEINFO(strata::TimelineEvent, Q_RELOCATABLE_TYPE);
