#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace strata {

// One commit as Strata shows it: where code came from ("a1b2c3d by Ana
// Lima, 2026-11-03 14:05 +0100: Raise the cart limit") and, later, each step
// of a field's history.
struct GitCommit
{
    QString id; // 40 hex digits
    QString shortId; // the first 7
    QString author;
    QString email;
    QDateTime time; // the author date, in the author's own UTC offset
    QString subject; // the first line of the message
    QStringList parents; // ids

    bool isValid() const { return !id.isEmpty(); }
    // "2026-11-03 14:05:09 +0100", as `git log --date=iso` prints it.
    QString timeText() const;
};

} // namespace strata
