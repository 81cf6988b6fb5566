#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

#include <QString>
#include <QStringList>

namespace strata {

// The evidence bundle: one .zip (libzip) another engineer opens to see the
// exact investigation offline —
//   manifest.json          what is inside, each file's SHA-256 and size, what
//                          was redacted and what was left out, and why
//   report/report.{md,html,pdf,json} and report/report.chart.png
//   case/<case file>       the case, its evidence at the same relative paths
//                          (evidence from outside the case folder under
//                          case/external/N/, the case's copy pointing there),
//                          its captures/ and recordings/
// Evidence is copied as collected, except Secret values, credentials and
// private keys (EvidenceRedaction): those copies are marked redacted, with
// the original's SHA-256 beside the copy's. Kubeconfig files and a
// Terraform repository are not copied (credentials; a whole history): the
// manifest says so. The zip is written to a temporary file and renamed, so
// a failed export leaves nothing behind.
namespace ReportBundle {
constexpr int manifestVersion = 1;
inline const QString manifestName = QStringLiteral("manifest.json");

// "" when written, else the reason.
QString write(const AnalysisResult &result, const ReportOptions &options, const QString &zipPath);

struct Unpacked
{
    QString caseFile; // the bundle's case, in `folder`; "" when it could not be unpacked
    QString folder;
    QString error;
};
// Unpacks `zipPath` into `folder` (made if missing; a folder that already
// holds it is written again, whole, from the zip) and checks every file against
// the manifest's SHA-256. Names that would leave the folder, more than
// 100,000 entries or more than 4 GiB unpacked are refused.
Unpacked unpack(const QString &zipPath, const QString &folder);
// The folder under the user's cache where `zipPath` is unpacked: one per
// bundle content (its SHA-256), so re-opening is instant and two bundles never mix.
QString cacheFolderFor(const QString &zipPath, QString *error);
bool isBundle(const QString &path);
} // namespace ReportBundle

} // namespace strata
