#pragma once

#include "case/CaseFile.h"
#include "core/Diagnostic.h"

#include <optional>

namespace strata {

struct CaseFileReadResult
{
    std::optional<CaseFile> caseFile; // empty when the file could not be used at all
    QList<Diagnostic> diagnostics; // errors for entries that were skipped, warnings for unknown keys
};

// Reads case files (YAML, format version 1). A bad entry is reported with its
// file:line:col and skipped; the rest of the case still loads. Unknown keys are
// warnings and are kept for saving.
namespace CaseFileReader {
// Larger files are refused: a case file lists evidence, it does not hold it.
constexpr qint64 maxFileSize = 8 * 1024 * 1024;

CaseFileReadResult readFile(const QString &path);
// `path` is used for messages and as the case's location.
CaseFileReadResult readText(const QByteArray &text, const QString &path);
} // namespace CaseFileReader

} // namespace strata
