#pragma once

#include "case/CaseFile.h"
#include "evidence/EntryImport.h"
#include "evidence/EvidenceSet.h"
#include "kube/KubeObject.h"

namespace strata {

class JobContext;

// Reads every evidence entry of a case with the parser its kind calls for,
// and normalises the results into one EvidenceSet. A bad file is reported
// (file:line:col) and skipped; the rest still loads. Only regular files are
// read, each up to evidenceReadLimit() (core/RegularFile.h).
namespace EvidenceImporter {

EvidenceSet import(const CaseFile &caseFile, const JobContext *context = nullptr);
// Reads one entry on its own (the case's evidence, or a file of a live capture).
EntryImport importEntry(const CaseFile &caseFile, const EvidenceEntry &entry);
// Adds what one entry or source gave (a context of a live capture) to `into`.
void append(EvidenceSet &into, EntryImport &&one);
// Adds what one set holds (objects, etcd records, metrics, events) to `into`;
// its files and diagnostics are the caller's.
void merge(EvidenceSet &into, EvidenceSet &&from);
// Says where an object appears twice in one column (the diff compares the
// first copy): run once everything is in.
void reportDuplicates(EvidenceSet &set);
// A kubectl-shaped object for a diff column.
ColumnObject columnObject(const KubeObject &k, Column column, const QString &origin);
} // namespace EvidenceImporter

} // namespace strata
