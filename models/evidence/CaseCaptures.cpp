#include "CaseCaptures.h"

#include "evidence/CaptureImport.h"
#include "evidence/EtcdCaptureImport.h"
#include "live/EtcdCapture.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace strata::CaseCaptures {

namespace {

bool sameFolder(const QString &a, const QString &b)
{
    const QString ca = QFileInfo(a).canonicalFilePath(), cb = QFileInfo(b).canonicalFilePath();
    if (!ca.isEmpty() && !cb.isEmpty())
        return ca == cb;
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}

// False when the file could not be brought (said in `result`).
bool bringFile(const QString &from, const QString &to, CarryResult &result)
{
    if (QFileInfo(to).exists() || QFileInfo(to).isSymLink())
        return true; // what is already there stays
    const QString folder = QFileInfo(to).path();
    if (!QDir().mkpath(folder)) {
        result.errors.append(QStringLiteral("%1: cannot create the folder").arg(folder));
        return false;
    }
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0) {
        ++result.files;
        return true;
    }
    const int linkError = errno;
    QFile source(from);
    if (source.copy(to)) {
        ++result.files;
        return true;
    }
    result.errors.append(
        QStringLiteral("%1: cannot bring it to %2: %3 (link: %4)")
            .arg(from, folder, source.errorString(), QString::fromLocal8Bit(std::strerror(linkError))));
    return false;
}

// Every regular file under `fromRoot`, at the same relative path under
// `toRoot`. Links are not followed (what a link points at is not the case's).
// A capture's manifest comes last, so a folder brought in part is never
// taken for a capture.
void bringTree(const QString &fromRoot, const QString &toRoot, CarryResult &result)
{
    if (!QFileInfo(fromRoot).isDir())
        return;
    const QDir from(fromRoot);
    QStringList manifests, failed;
    QDirIterator it(fromRoot, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!it.fileInfo().isFile())
            continue;
        if (it.fileName() == QLatin1String("manifest.json")) {
            manifests.append(path);
            continue;
        }
        const QString relative = from.relativeFilePath(path);
        if (!bringFile(path, toRoot + QLatin1Char('/') + relative, result))
            failed.append(relative);
    }
    // A capture with a file missing stays without its manifest: the next
    // save brings what is missing, then the manifest.
    for (const QString &path : std::as_const(manifests)) {
        const QString relative = from.relativeFilePath(path);
        const QString folder = QFileInfo(relative).path() + QLatin1Char('/');
        const bool whole = std::none_of(failed.cbegin(), failed.cend(),
            [&folder](const QString &f) { return folder == QLatin1String("./") || f.startsWith(folder); });
        if (whole)
            bringFile(path, toRoot + QLatin1Char('/') + relative, result);
        else
            result.errors.append(QStringLiteral("%1: not brought, as files of its capture were not").arg(path));
    }
}

QString folderName(const QString &folder)
{
    return QFileInfo(folder).fileName();
}

} // namespace

CarryResult carry(const CaseFile &before, const CaseFile &after, const QProcessEnvironment &environment)
{
    CarryResult result;
    const QString toCaptures = after.capturesFolder();
    if (!sameFolder(before.capturesFolder(), toCaptures)) {
        if (before.hasOwnFile()) {
            bringTree(before.capturesFolder(), toCaptures, result);
        } else {
            if (before.kubernetesSource && before.kubernetesSource->hasContexts()) {
                if (const auto kube = CaptureImport::newestFor(before))
                    bringTree(kube->folder, toCaptures + QLatin1Char('/') + folderName(kube->folder), result);
            }
            // Only a capture of the endpoints the case names: without them the
            // newest capture would be any cluster's.
            if (before.etcdSource && !before.etcdSource->endpoints.isEmpty()) {
                if (const auto etcd = EtcdCaptureImport::newestFor(before, environment))
                    bringTree(etcd->folder,
                        EtcdCapture::capturesRoot(after) + QLatin1Char('/') + folderName(etcd->folder), result);
            }
        }
    }
    // An unsaved case's recordings are not its own (the analysis reads only a saved case's).
    if (before.hasOwnFile() && !sameFolder(before.recordingsFolder(), after.recordingsFolder()))
        bringTree(before.recordingsFolder(), after.recordingsFolder(), result);
    return result;
}

} // namespace strata::CaseCaptures
