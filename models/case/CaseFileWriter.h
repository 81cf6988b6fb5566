#pragma once

#include "case/CaseFile.h"

#include <QByteArray>

namespace strata {

// Saves case files atomically (QSaveFile: the old file stays intact until the
// new one is complete). Saving to another folder rewrites relative evidence
// paths so they still point at the same files. Nothing but what the case
// holds is written: no credentials ever reach a case file.
namespace CaseFileWriter {
// The case as YAML with its evidence paths rebased for `targetPath`.
QByteArray toYaml(const CaseFile &caseFile, const QString &targetPath);
// Writes the case to `targetPath`; on success updates the case's filePath and
// evidence paths and returns an empty string, else returns the reason.
QString save(CaseFile &caseFile, const QString &targetPath);
} // namespace CaseFileWriter

} // namespace strata
