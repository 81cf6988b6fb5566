#pragma once

#include "case/CaseFile.h"
#include "case/EvidenceKind.h"
#include "core/Diagnostic.h"

namespace strata {

// One evidence entry after import: what it turned out to be and what it gave.
struct ImportedEvidence
{
    EvidenceEntry entry;
    QString resolvedPath;
    EvidenceKind kind = EvidenceKind::Unknown;
    EvidenceRole role = EvidenceRole::Unspecified; // the column it feeds, if any
    QString summary; // "3 etcd members", "1 ConfigMap", "4 resources, serial 112"
    bool loaded = false; // false: unreadable or nothing usable in it
    QList<Diagnostic> diagnostics;
};

} // namespace strata
