#pragma once

#include "evidence/EvidenceSet.h"

namespace strata {

// What one evidence entry or source gave, read on its own into its own set:
// entries are independent, so they are imported in parallel and merged in
// case order.
struct EntryImport
{
    ImportedEvidence out;
    EvidenceSet set;
};

// "1 object", "3 objects".
inline QString plural(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace strata
