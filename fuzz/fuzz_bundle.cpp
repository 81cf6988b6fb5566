// libFuzzer target: an evidence bundle (.zip) from anyone — a corrupt zip,
// a lying manifest, names that climb out — is refused with a message or
// unpacked inside its folder; never a crash, a hang or a file outside it.
#include "report/ReportBundle.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("input.zip"));
    {
        QFile f(zip);
        if (!f.open(QIODevice::WriteOnly))
            return 0;
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const QString into = dir.filePath(QStringLiteral("unpacked"));
    const strata::ReportBundle::Unpacked u = strata::ReportBundle::unpack(zip, into);
    if (!u.caseFile.isEmpty() && !u.caseFile.startsWith(into + QLatin1Char('/')))
        __builtin_trap(); // a case outside the folder it was unpacked into
    QDir(into).removeRecursively();
    return 0;
}
