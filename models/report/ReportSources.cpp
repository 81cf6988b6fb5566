#include "ReportSources.h"

#include "core/RegularFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace strata::ReportSources {

namespace {
constexpr qint64 hashLimit = qint64(1) << 30; // the evidence size limit

ReportSourceFile hashed(const QString &shown, const QString &absolute, const ImportedEvidence &e)
{
    ReportSourceFile f { shown, evidenceKindName(e.kind),
        e.role == EvidenceRole::Unspecified ? QString() : evidenceRoleName(e.role), {}, {} };
    const FileContents contents = readRegularFile(absolute, hashLimit);
    if (!contents.ok())
        f.note = contents.error;
    else
        f.sha256 = QString::fromLatin1(QCryptographicHash::hash(contents.bytes, QCryptographicHash::Sha256).toHex());
    return f;
}
} // namespace

QList<ReportSourceFile> files(const AnalysisResult &result)
{
    QList<ReportSourceFile> out;
    for (const ImportedEvidence &e : result.evidence) {
        if (e.fromSource) {
            out.append({ e.entry.path, evidenceKindName(e.kind),
                e.role == EvidenceRole::Unspecified ? QString() : evidenceRoleName(e.role), {},
                QStringLiteral("read from sources (see below)") });
            continue;
        }
        const QString absolute = e.resolvedPath.isEmpty() ? result.caseFile.resolvedPath(e.entry) : e.resolvedPath;
        const QFileInfo info(absolute);
        if (info.isDir()) {
            // A Terraform folder: each file Terraform reads, by name.
            const QStringList names = QDir(absolute).entryList(
                { QStringLiteral("*.tf"), QStringLiteral("*.tfvars"), QStringLiteral("*.tf.json") }, QDir::Files,
                QDir::Name);
            for (const QString &name : names)
                out.append(hashed(e.entry.path + QLatin1Char('/') + name, QDir(absolute).filePath(name), e));
            if (names.isEmpty())
                out.append({ e.entry.path, evidenceKindName(e.kind), {}, {}, QStringLiteral("an empty folder") });
            continue;
        }
        out.append(hashed(e.entry.path, absolute, e));
    }
    return out;
}

QString eventKey(const TimelineEvent &event)
{
    return QStringLiteral("%1:%2").arg(event.location.file).arg(event.location.line);
}

QString findingKey(const Finding &f)
{
    return f.resource.isEmpty() ? f.id : f.id + QLatin1Char(':') + f.resource;
}

} // namespace strata::ReportSources
