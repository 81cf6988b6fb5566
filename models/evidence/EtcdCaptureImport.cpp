#include "EtcdCaptureImport.h"

#include "evidence/CaptureImport.h"
#include "evidence/EvidenceImporter.h"
#include "live/CaptureFolder.h"
#include "live/EtcdCapture.h"
#include "live/EtcdConnection.h"

namespace strata::EtcdCaptureImport {

namespace {

EntryImport entryFor(const CaseFile &caseFile, const QString &folder)
{
    EntryImport one;
    one.out.entry.path = CaptureImport::shownPath(caseFile, folder);
    one.out.entry.kind = QStringLiteral("etcdctl");
    one.out.entry.line = caseFile.etcdSource ? caseFile.etcdSource->line : 0;
    one.out.resolvedPath = folder;
    one.out.kind = EvidenceKind::Etcdctl;
    one.out.fromSource = true;
    return one;
}

} // namespace

std::optional<EtcdCaptureManifest> newestFor(const CaseFile &caseFile, const QProcessEnvironment &environment)
{
    const bool caseNamesEndpoints = caseFile.etcdSource && !caseFile.etcdSource->endpoints.isEmpty();
    const QStringList wanted = EtcdConnections::forCase(caseFile, environment).urls();
    // The newest, failed or not: an endpoint that was down at the last read
    // is the cluster's latest known state, never hidden by an older healthy read.
    for (const QString &folder : CaptureImport::captureFolders(EtcdCapture::capturesRoot(caseFile))) {
        QString error;
        auto manifest = EtcdCaptureManifest::read(folder, &error);
        if (manifest && (!caseNamesEndpoints || manifest->configured == wanted))
            return manifest;
    }
    return std::nullopt;
}

EntryImport unavailable(const CaseFile &caseFile, const QString &reason)
{
    EntryImport one = entryFor(caseFile, EtcdCapture::capturesRoot(caseFile));
    one.out.diagnostics.append(Diagnostic::error(QStringLiteral("sources.etcd"), one.out.entry.line, 0, reason));
    one.out.summary = QStringLiteral("not read: ") + reason;
    return one;
}

EntryImport import(const CaseFile &caseFile, const EtcdCaptureManifest &manifest)
{
    EntryImport one = entryFor(caseFile, manifest.folder);
    ImportedEvidence &out = one.out;
    const auto error = [&out](const QString &where, const QString &message) {
        out.diagnostics.append(Diagnostic::error(where, 0, 0, message));
    };
    if (!manifest.error.isEmpty())
        error(QStringLiteral("sources.etcd"), manifest.error);
    if (!manifest.discoveryError.isEmpty())
        error(QStringLiteral("sources.etcd"), manifest.discoveryError);
    int answered = 0;
    QStringList failed;
    for (const CapturedEndpoint &e : manifest.endpoints) {
        const QString where = QStringLiteral("etcd endpoint ") + e.url;
        if (e.reachable)
            ++answered;
        else {
            failed.append(e.url);
            error(where, QStringLiteral("not read: ") + e.error);
        }
        if (!e.metricsError.isEmpty())
            out.diagnostics.append(
                Diagnostic::warning(where, 0, 0, QStringLiteral("/metrics not read: ") + e.metricsError));
    }
    if (!manifest.membersError.isEmpty())
        error(QStringLiteral("sources.etcd"), QStringLiteral("member list not read: ") + manifest.membersError);
    if (!manifest.alarmsError.isEmpty())
        error(QStringLiteral("sources.etcd"), QStringLiteral("alarm list not read: ") + manifest.alarmsError);
    if (!manifest.hashError.isEmpty())
        error(QStringLiteral("sources.etcd"), QStringLiteral("hash check failed: ") + manifest.hashError);
    if (!manifest.hashNote.isEmpty())
        out.diagnostics.append(
            Diagnostic { Diagnostic::Severity::Note, QStringLiteral("sources.etcd"), 0, 0, manifest.hashNote });

    // The capture's files, each read as the evidence it is shaped like.
    QStringList files;
    for (const CapturedEtcdFile &f : manifest.files)
        files.append(f.file);
    for (const CapturedEndpoint &e : manifest.endpoints) {
        if (!e.metricsFile.isEmpty())
            files.append(e.metricsFile);
    }
    for (const QString &file : std::as_const(files)) {
        if (!CaptureFolder::isInside(file)) {
            error(out.entry.path, QStringLiteral("the manifest names %1, outside the capture; not read").arg(file));
            continue;
        }
        EvidenceEntry entry;
        entry.path = CaptureImport::shownPath(caseFile, manifest.folder + QLatin1Char('/') + file);
        entry.kind = file.endsWith(QLatin1String(".prom")) ? QStringLiteral("prometheus") : QStringLiteral("etcdctl");
        EntryImport part = EvidenceImporter::importEntry(caseFile, entry);
        // Strata scraped /metrics itself: the capture's time dates every sample (uptime, rates).
        if (manifest.time.isValid()) {
            for (MetricValue &m : part.set.metrics) {
                if (!m.timestampMs)
                    m.timestampMs = manifest.time.toMSecsSinceEpoch();
            }
        }
        out.diagnostics += part.out.diagnostics;
        EvidenceImporter::merge(one.set, std::move(part.set));
    }
    out.loaded = answered > 0;
    out.summary = QStringLiteral("%1 of %2 answered")
                      .arg(answered)
                      .arg(plural(manifest.endpoints.size(), QStringLiteral("etcd endpoint"),
                          QStringLiteral("etcd endpoints")));
    if (!failed.isEmpty())
        out.summary += QStringLiteral("; not read: ") + failed.join(QStringLiteral(", "));
    if (manifest.time.isValid())
        out.summary += QStringLiteral(" (read %1)")
                           .arg(manifest.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
    return one;
}

} // namespace strata::EtcdCaptureImport
