#include "CaseFile.h"

#include "core/RemoteUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace strata {

QString evidenceRoleName(EvidenceRole role)
{
    switch (role) {
    case EvidenceRole::Unspecified:
        return {};
    case EvidenceRole::Code:
        return QStringLiteral("code");
    case EvidenceRole::State:
        return QStringLiteral("state");
    case EvidenceRole::Live:
        return QStringLiteral("live");
    case EvidenceRole::Replica:
        return QStringLiteral("replica");
    }
    return {};
}

std::optional<EvidenceRole> evidenceRoleFromName(const QString &name)
{
    for (EvidenceRole r : { EvidenceRole::Code, EvidenceRole::State, EvidenceRole::Live, EvidenceRole::Replica }) {
        if (evidenceRoleName(r) == name)
            return r;
    }
    return std::nullopt;
}

QString CaseFile::baseDirectory() const
{
    if (filePath.isEmpty())
        return QDir::currentPath();
    // Clean ("a/../b" → "b"), so paths under it compare as the same folder.
    return QDir::cleanPath(QFileInfo(filePath).absolutePath());
}

QString CaseFile::resolvedPath(const QString &path) const
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(QDir::homePath() + path.mid(1));
    if (path.startsWith(QLatin1Char(':')) || QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(baseDirectory() + QLatin1Char('/') + path);
}

QString CaseFile::repositoryPath() const
{
    if (!terraformSource)
        return {};
    // A URL is read from Strata's own clone of it (GitRemote keeps it up to date).
    if (RemoteUrl::isUrl(terraformSource->repo))
        return RemoteUrl::cacheFolder(terraformSource->repo);
    return resolvedPath(terraformSource->repo);
}

QList<KubernetesSource::RoleContext> KubernetesSource::roleContexts() const
{
    QList<RoleContext> out;
    if (!liveContext.isEmpty())
        out.append({ EvidenceRole::Live, liveContext });
    if (!replicaContext.isEmpty())
        out.append({ EvidenceRole::Replica, replicaContext });
    return out;
}

QStringList CaseFile::kubeconfigPaths() const
{
    QStringList out;
    if (kubernetesSource) {
        for (const QString &k : kubernetesSource->kubeconfigs)
            out.append(resolvedPath(k));
    }
    return out;
}

QString CaseFile::capturesFolder() const
{
    if (hasOwnFile())
        return baseDirectory() + QStringLiteral("/captures");
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/strata/captures/unsaved-case");
}

QString CaseFile::recordingsFolder() const
{
    if (hasOwnFile())
        return baseDirectory() + QStringLiteral("/recordings");
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/strata/recordings/unsaved-case");
}

QString CaseFile::resolvedPath(const EvidenceEntry &entry) const
{
    return resolvedPath(entry.path);
}

QString CaseFile::displayName() const
{
    if (!title.trimmed().isEmpty())
        return title.trimmed();
    if (!filePath.isEmpty())
        return QFileInfo(filePath).fileName();
    return QStringLiteral("Untitled case");
}

} // namespace strata
