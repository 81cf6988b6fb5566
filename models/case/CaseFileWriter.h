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
// Replaces only the `report:` of the case file at `path` as it is on disk
// (read again, so other unsaved edits in the window stay unsaved), atomically.
// The report editor's autosave. Returns the reason when it could not.
QString saveReport(const QString &path, const ReportSections &report);
} // namespace CaseFileWriter

} // namespace strata
