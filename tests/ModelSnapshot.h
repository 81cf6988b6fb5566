#pragma once

#include <QString>

class QAbstractItemModel;

// Readable text snapshots of item models, compared against files in
// tests/snapshots/. Set STRATA_UPDATE_SNAPSHOTS=1 to rewrite the files after a
// deliberate change (and review the diff before committing).
namespace ModelSnapshot {
// Headers, then one line per row: cells separated by " | ", children indented.
QString dump(const QAbstractItemModel &model);
// Compares `actual` with tests/snapshots/<name>; returns an empty string when
// equal, else a message with both texts.
QString compare(const QString &name, const QString &actual);
} // namespace ModelSnapshot
