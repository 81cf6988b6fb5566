#include "OutputTarget.h"

#include <QFileInfo>

namespace strata {

QString outputTargetProblem(const QString &path, const QStringList &protectedFiles)
{
    const QFileInfo target(path);
    if (!target.exists() && !target.isSymLink())
        return QString(); // a new file: the folder is checked when writing
    if (!target.isFile())
        return QStringLiteral("not a regular file (a folder, FIFO, device or socket); "
                              "--output writes only to a regular file or a new path");
    const QString canonical = target.canonicalFilePath();
    for (const QString &file : protectedFiles) {
        if (QFileInfo(file).canonicalFilePath() == canonical)
            return QStringLiteral("is %1 of this case; Strata does not overwrite its own input")
                .arg(file == protectedFiles.first() ? QStringLiteral("the case file") : QStringLiteral("evidence"));
    }
    return QString();
}

QString outputTargetProblem(const QString &path, const CaseFile &caseFile)
{
    QStringList inputs { caseFile.filePath };
    for (const EvidenceEntry &e : caseFile.evidence)
        inputs.append(caseFile.resolvedPath(e));
    return outputTargetProblem(path, inputs);
}

} // namespace strata
