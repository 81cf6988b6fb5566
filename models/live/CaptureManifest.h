#pragma once

#include "case/CaseFile.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata {

// What one live read of a case's contexts found, written beside the objects
// it captured (captures/<UTC time>/manifest.json) so that the capture can be
// analysed again without a network exactly as it was the first time. Names
// only: no token, key or password is ever part of it.
struct CapturedObject
{
    QString resource; // as the case asked for it: configmap/shop/flags
    QString kind; // as the server calls it: ConfigMap ("" when not resolved)
    QString path; // the REST path read
    int status = 0; // HTTP status; 0 when there was no answer
    qint64 latencyMs = -1;
    int attempts = 0;
    QString file; // relative to the capture folder: live/configmap.shop.flags.json; "" when nothing was written
    QString error; // why it was not read ("" when read, or 404: not found is an answer)

    bool notFound() const { return status == 404; }
};

struct CapturedContext
{
    EvidenceRole role = EvidenceRole::Live;
    QString context;
    QString cluster;
    QString server;
    QString user; // the kubeconfig user's name
    QString authKind; // "token", "client certificate", "exec plugin aws" …: never the secret
    QString serverVersion; // gitVersion from /version
    qint64 versionLatencyMs = -1;
    bool reachable = false;
    QString error; // why the context could not be read (DNS, refused, TLS …), "" when it was
    QString warning; // e.g. TLS verification is off for its cluster
    QList<CapturedObject> objects;
};

struct CaptureManifest
{
    static constexpr int formatVersion = 1;
    QString folder; // absolute; where the manifest and the objects are
    QDateTime time; // UTC, when the read started
    // SecretFingerprint::of of a fixed text: tells whether Secret
    // fingerprints in this capture were made with this machine's key.
    QString fingerprintCheck;
    QList<CapturedContext> contexts;
    bool cancelled = false; // the read was cancelled: nothing was kept (not written)

    const CapturedContext *context(EvidenceRole role) const;
    // Every context answered (objects may still be absent or refused).
    bool allReachable() const;
    QByteArray toJson() const;
    // Reads `folder`/manifest.json; the error says what and where when it cannot.
    static std::optional<CaptureManifest> read(const QString &folder, QString *error);
    static QString fingerprintCheckText();
};

} // namespace strata
