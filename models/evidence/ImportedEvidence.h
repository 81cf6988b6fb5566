#pragma once

#include "case/CaseFile.h"
#include "case/EvidenceKind.h"
#include "core/Diagnostic.h"

namespace strata {

// How much of an evidence entry (or, later, a live source) was read: all of
// it, part of it (with positioned errors for the rest), or nothing usable.
enum class EvidenceState { Read, PartlyRead, Failed };
QString evidenceStateName(EvidenceState state); // "read", "partly read", "failed"

// One evidence entry after import: what it turned out to be and what it gave.
struct ImportedEvidence
{
    EvidenceEntry entry;
    QString resolvedPath;
    EvidenceKind kind = EvidenceKind::Unknown;
    EvidenceRole role = EvidenceRole::Unspecified; // the column it feeds, if any
    QString summary; // "3 etcd members", "1 ConfigMap", "4 resources, serial 112"
    bool loaded = false; // false: unreadable or nothing usable in it
    bool fromSource = false; // read through `sources:` (a repository), not an evidence entry
    QList<Diagnostic> diagnostics;

    // Failed when nothing usable came of it; partly read when it gave
    // something but also errors (warnings alone do not count).
    EvidenceState state() const;
};

} // namespace strata
