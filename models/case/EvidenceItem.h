#pragma once

#include "case/CaseFile.h"

#include <QList>

namespace strata {

class JobContext;

// An evidence entry as found on disk: whether it is there, how big it is.
// Produced off the GUI thread (it touches the disk) and shown by EvidenceListModel.
struct EvidenceItem
{
    EvidenceEntry entry;
    QString resolvedPath;
    bool exists = false;
    bool isDirectory = false;
    qint64 size = 0; // bytes; for a folder, the sum of its files (not recursive)
    int fileCount = 0; // files in a folder entry
    // Filled in once the evidence has been imported (analysis):
    QString detectedKind; // "etcdctl", "kubectl", … ; empty before import
    QString summary; // what the import found: "3 endpoint statuses", "1 ConfigMap …"
    int problems = 0; // diagnostics for this entry
    EvidenceRole effectiveRole = EvidenceRole::Unspecified; // the column it fed: the role, or the one detected
};

// Looks at each evidence entry of `caseFile` on disk. Checks `context` for
// cancellation between entries when given.
QList<EvidenceItem> inspectEvidence(const CaseFile &caseFile, const JobContext *context = nullptr);

// "4.1 KB", "182 B", "12.5 MB": sizes the way people read them (decimal units, like etcdctl).
QString formatByteSize(qint64 bytes);

} // namespace strata
