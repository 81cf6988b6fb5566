#include "SourceLocation.h"

namespace strata {

QString SourceLocation::toString() const
{
    QString out = file;
    if (line > 0) {
        out += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            out += QLatin1Char(':') + QString::number(column);
    }
    return out;
}

} // namespace strata
