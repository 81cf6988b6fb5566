#include "EvidenceItem.h"

#include "core/JobRunner.h"

#include <QDir>
#include <QFileInfo>

namespace strata {

QList<EvidenceItem> inspectEvidence(const CaseFile &caseFile, const JobContext *context)
{
    QList<EvidenceItem> items;
    items.reserve(caseFile.evidence.size());
    int done = 0;
    for (const EvidenceEntry &entry : caseFile.evidence) {
        if (context && context->isCancelled())
            break;
        EvidenceItem item;
        item.entry = entry;
        item.resolvedPath = caseFile.resolvedPath(entry);
        const QFileInfo info(item.resolvedPath);
        item.exists = info.exists();
        item.isDirectory = info.isDir();
        if (item.isDirectory) {
            const QFileInfoList files = QDir(item.resolvedPath).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
            item.fileCount = int(files.size());
            for (const QFileInfo &f : files)
                item.size += f.size();
        } else if (item.exists) {
            item.size = info.size();
        }
        items.append(item);
        if (context)
            context->reportProgress(++done, int(caseFile.evidence.size()));
    }
    return items;
}

QString formatByteSize(qint64 bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = { "kB", "MB", "GB", "TB" };
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000.0 && unit < 3) {
        value /= 1000.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 1 : 0).arg(QLatin1String(units[unit]));
}

} // namespace strata
