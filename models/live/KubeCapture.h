#pragma once

#include "case/CaseFile.h"
#include "core/ResourceId.h"
#include "live/CaptureManifest.h"

#include <functional>

namespace strata {

class JobContext;

struct KubeCaptureOptions
{
    // `strata analyze --allow-exec`: any exec plugin of the case's contexts may run.
    bool allowExec = false;
    // Whether the user approved one plugin; ExecApprovals::isApproved when not set.
    std::function<bool(const QString &kubeconfig, const QString &commandLine)> approved;
    int readersPerContext = 4; // GETs in flight per context
    int retryFirstDelayMs = 500; // after a 429 or 5xx (tests shorten it)
};

// An exec plugin a context of the case would run: what the user is asked about.
struct ExecPluginUse
{
    QString context;
    QString kubeconfig; // the file that defines the user
    QString commandLine; // exactly what runs
};

// Reads the case's objects from the contexts `sources.kubernetes` names —
// each role's context at the same time, several GETs in flight per context,
// every one with the case's timeout, retried on 429/5xx — and writes what
// the servers answered into the case folder as evidence:
// captures/<UTC time>/<role>/0001-<kind>.<namespace>.<name>.json (the object as
// `kubectl get -o json` prints it) and manifest.json (contexts, servers,
// versions, users' names, statuses, latencies). The analysis then imports
// that folder like any other evidence, so a capture re-opened offline gives
// the same analysis. Secret values never reach the disk: `data`,
// `stringData` and a last-applied-configuration annotation of a Secret are
// written as this machine's fingerprints. Off the GUI thread; cancellable:
// a cancelled read leaves no capture behind.
namespace KubeCapture {
CaptureManifest capture(const CaseFile &caseFile, const QList<ResourceId> &resources,
    const KubeCaptureOptions &options = {}, const JobContext *job = nullptr);
// The exec plugins the case's contexts use, for asking before a read.
QList<ExecPluginUse> execPlugins(const CaseFile &caseFile);
// What is written for one answer: the object as the server sent it, unless
// it holds secret values (a Secret's data, stringData and last-applied
// annotation; a PEM private key in any field), which become this machine's
// fingerprints. An answer that is not the object asked for (`kind`, `name`)
// is an error and nothing is written.
struct CapturedBody
{
    QByteArray bytes;
    QString error;
};
CapturedBody capturedBody(const QByteArray &objectJson, const QString &kind, const QString &name);
} // namespace KubeCapture

} // namespace strata
