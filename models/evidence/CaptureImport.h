#pragma once

#include "case/CaseFile.h"
#include "evidence/EntryImport.h"
#include "live/CaptureManifest.h"

namespace strata {

// Reads a capture of live contexts (KubeCapture) as evidence: one entry per
// context, its objects in that role's column with the kubectl reader every
// other kubectl file goes through, its failures as errors (the analysis is
// then incomplete), a 404 as the object's absence from a column that was
// read. The same code reads a capture just made and one re-opened offline.
namespace CaptureImport {
// The folders under `capturesFolder` that hold a manifest.json, newest first.
QStringList captureFolders(const QString &capturesFolder);
// The newest capture under `root` that `matches` (a Kubernetes or an etcd
// manifest), preferring one in which every source answered: a failed read
// made while offline does not hide yesterday's good one.
template<class Manifest, class Matches> std::optional<Manifest> newestOf(const QString &root, Matches matches)
{
    std::optional<Manifest> newestFailed;
    for (const QString &folder : captureFolders(root)) {
        QString error;
        auto manifest = Manifest::read(folder, &error);
        if (!manifest || !matches(*manifest))
            continue;
        if (manifest->allReachable())
            return manifest;
        if (!newestFailed)
            newestFailed = std::move(manifest);
    }
    return newestFailed;
}
// How the case names a path under its folder: relative when inside it.
QString shownPath(const CaseFile &caseFile, const QString &absolute);
// The newest folder under `capturesFolder` holding a manifest; "" when none.
QString newest(const QString &capturesFolder);
// The newest capture that read exactly the contexts the case gives its roles
// now (an older one, when the roles changed back), preferring one in which
// every context answered; none when there is none.
std::optional<CaptureManifest> newestFor(const CaseFile &caseFile);
QList<EntryImport> import(const CaseFile &caseFile, const CaptureManifest &manifest);
// Whether the capture read exactly the contexts the case gives its roles now.
bool matches(const CaseFile &caseFile, const CaptureManifest &manifest);
// One failed entry per context the case names, when there is no capture to
// read (offline, none made yet) or it cannot be read: said, never silent.
QList<EntryImport> unavailable(const CaseFile &caseFile, const QString &reason);
} // namespace CaptureImport

} // namespace strata
