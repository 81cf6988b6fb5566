#pragma once

#include "case/CaseFile.h"
#include "evidence/EvidenceSet.h"

namespace strata {

class JobContext;

// Reads every evidence entry of a case with the parser its kind calls for,
// and normalises the results into one EvidenceSet. A bad file is reported
// (file:line:col) and skipped; the rest still loads. Only regular files are
// read, each up to evidenceReadLimit() (core/RegularFile.h).
namespace EvidenceImporter {

EvidenceSet import(const CaseFile &caseFile, const JobContext *context = nullptr);
} // namespace EvidenceImporter

} // namespace strata
