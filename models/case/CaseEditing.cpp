#include "CaseEditing.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace strata::CaseEditing {

CaseFile newCase(const QString &folder)
{
    CaseFile c;
    const QDir dir(folder);
    c.filePath = dir.absoluteFilePath(QStringLiteral("case.yaml"));
    c.title = QFileInfo(dir.absolutePath()).fileName();
    return c;
}

int addEvidence(CaseFile &caseFile, const QStringList &paths)
{
    const bool saved = caseFile.hasOwnFile();
    const QDir base(caseFile.baseDirectory());
    int added = 0;
    for (const QString &path : paths) {
        const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        bool listed = false;
        for (const EvidenceEntry &e : std::as_const(caseFile.evidence))
            listed = listed || caseFile.resolvedPath(e) == absolute;
        if (listed)
            continue;
        EvidenceEntry entry;
        const QString relative = base.relativeFilePath(absolute);
        // Relative only inside a saved case's folder: the case can then move with its evidence.
        entry.path = saved && !relative.startsWith(QLatin1String("..")) ? relative : absolute;
        caseFile.evidence.append(entry);
        ++added;
    }
    return added;
}

bool removeEvidence(CaseFile &caseFile, int index)
{
    if (index < 0 || index >= caseFile.evidence.size())
        return false;
    caseFile.evidence.removeAt(index);
    return true;
}

bool setRole(CaseFile &caseFile, int index, EvidenceRole role)
{
    if (index < 0 || index >= caseFile.evidence.size() || caseFile.evidence.at(index).role == role)
        return false;
    caseFile.evidence[index].role = role;
    return true;
}

bool looksLikeCaseFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // The first key that is not a comment, a blank or a document marker.
    for (int lines = 0; lines < 200 && !file.atEnd(); ++lines) {
        const QByteArray line = file.readLine(4096).trimmed();
        if (line.isEmpty() || line.startsWith('#') || line == "---")
            continue;
        return line.startsWith("strata:");
    }
    return false;
}

bool setContextRole(CaseFile &caseFile, const QString &context, EvidenceRole role)
{
    if (context.isEmpty()
        || (role != EvidenceRole::Unspecified && role != EvidenceRole::Live && role != EvidenceRole::Replica))
        return false;
    KubernetesSource source = caseFile.kubernetesSource.value_or(KubernetesSource {});
    const KubernetesSource before = source;
    if (source.liveContext == context)
        source.liveContext.clear();
    if (source.replicaContext == context)
        source.replicaContext.clear();
    if (role == EvidenceRole::Live)
        source.liveContext = context;
    else if (role == EvidenceRole::Replica)
        source.replicaContext = context;
    if (caseFile.kubernetesSource && source.liveContext == before.liveContext
        && source.replicaContext == before.replicaContext)
        return false;
    caseFile.kubernetesSource = source;
    return true;
}

} // namespace strata::CaseEditing
