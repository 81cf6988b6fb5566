#pragma once

#include "case/CaseFile.h"

#include <QString>
#include <QStringList>

namespace strata {

// Whether `strata analyze --output PATH` may write there, and why not. Only a
// new path or an existing regular file is written (through QSaveFile, which
// renames a finished temporary file over the target): renaming over a FIFO,
// a device or a socket would replace it. The case file and its evidence are
// never overwritten. Returns an empty string when the path is fine.
QString outputTargetProblem(const QString &path, const QStringList &protectedFiles);
// The same for a case: its file and every evidence entry are protected.
QString outputTargetProblem(const QString &path, const CaseFile &caseFile);

} // namespace strata
