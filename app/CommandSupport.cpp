#include "CommandSupport.h"

#include "report/ReportBundle.h"

#include "output/OutputTarget.h"

#include "core/ControlCharacters.h"

namespace CommandSupport {

void print(FILE *stream, const QString &text)
{
    std::fputs(strata::escapeControlCharacters(text, true).toLocal8Bit().constData(), stream);
}

std::optional<strata::CaseFileReadResult> readCase(const QString &path, FILE *err)
{
    QString casePath = path;
    if (strata::ReportBundle::isBundle(path)) {
        // An evidence bundle: its case, unpacked (and checked) under the cache.
        QString error;
        const QString folder = strata::ReportBundle::cacheFolderFor(path, &error);
        const strata::ReportBundle::Unpacked unpacked = folder.isEmpty()
            ? strata::ReportBundle::Unpacked { {}, {}, error }
            : strata::ReportBundle::unpack(path, folder);
        if (unpacked.caseFile.isEmpty()) {
            print(err, QStringLiteral("strata: %1\n").arg(unpacked.error));
            return std::nullopt;
        }
        casePath = unpacked.caseFile;
    }
    strata::CaseFileReadResult read = strata::CaseFileReader::readFile(casePath);
    if (read.caseFile)
        return read;
    for (const strata::Diagnostic &d : read.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    if (read.diagnostics.isEmpty())
        print(err, QStringLiteral("strata: %1: not a case file\n").arg(path));
    return std::nullopt;
}

bool outputAllowed(const strata::CaseFile &caseFile, const QString &path, FILE *err)
{
    const QString problem = strata::outputTargetProblem(path, caseFile);
    if (problem.isEmpty())
        return true;
    print(err, QStringLiteral("strata: --output %1: %2\n").arg(path, problem));
    return false;
}

} // namespace CommandSupport
