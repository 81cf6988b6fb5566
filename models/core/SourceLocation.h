#pragma once

#include <QString>

namespace strata {

// Where a value came from: a file (as the user named it) with a 1-based line
// and column, or an endpoint/context with no position. Every parsed value
// carries one so findings can quote their evidence.
struct SourceLocation
{
    QString file;
    int line = 0;
    int column = 0;

    bool isValid() const { return !file.isEmpty(); }
    // "file:line:col", "file:line" or "file", as much as is known.
    QString toString() const;
    bool operator==(const SourceLocation &other) const = default;
};

} // namespace strata
