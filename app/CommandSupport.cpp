#include "CommandSupport.h"

#include "core/ControlCharacters.h"

namespace CommandSupport {

void print(FILE *stream, const QString &text)
{
    std::fputs(strata::escapeControlCharacters(text, true).toLocal8Bit().constData(), stream);
}

std::optional<strata::CaseFileReadResult> readCase(const QString &path, FILE *err)
{
    strata::CaseFileReadResult read = strata::CaseFileReader::readFile(path);
    if (read.caseFile)
        return read;
    for (const strata::Diagnostic &d : read.diagnostics)
        print(err, QStringLiteral("strata: %1\n").arg(d.toString()));
    if (read.diagnostics.isEmpty())
        print(err, QStringLiteral("strata: %1: not a case file\n").arg(path));
    return std::nullopt;
}

} // namespace CommandSupport
