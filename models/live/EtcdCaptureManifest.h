#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// What one read of a case's etcd endpoints found, written beside the files
// it captured (captures/etcd/<UTC time>/manifest.json) so that the read can
// be analysed again offline exactly as it was. Names and URLs only: no
// password or token is ever part of it.
struct CapturedEndpoint
{
    QString url;
    QString memberIdHex; // from its status ("" when it did not answer)
    bool discovered = false; // from the member list (cluster: true), not named by the case
    bool reachable = false; // its status answered
    QString error; // why its status is missing: refused, TLS, timeout, not etcd …
    qint64 latencyMs = -1; // of the status request
    QString metricsFile; // relative to the capture folder; "" when none
    QString metricsError;
};

// A file of the capture and the evidence kind it is read as (etcdctl, prometheus).
struct CapturedEtcdFile
{
    QString file; // relative to the capture folder
    QString kind;
};

struct EtcdCaptureManifest
{
    static constexpr int formatVersion = 1;
    QString folder; // absolute
    QDateTime time; // UTC, when the read started
    QStringList configured; // the endpoints the case (or ETCDCTL_ENDPOINTS) named
    bool cluster = false;
    QString user; // the auth user's name, "" without auth
    QString error; // the read as a whole failed (no endpoint, no folder …)
    QString discoveryError; // cluster: true, and members not read (no usable member list, URLs refused, unpublished)
    QString membersError;
    QString alarmsError;
    QString hashNote; // the hash check was not possible (etcd 3.4's gateway)
    QString hashError;
    qint64 hashRevision = 0; // the revision every endpoint hashed at
    QList<CapturedEndpoint> endpoints;
    QList<CapturedEtcdFile> files;
    bool cancelled = false; // nothing was kept

    bool allReachable() const;
    QByteArray toJson() const;
    static std::optional<EtcdCaptureManifest> read(const QString &folder, QString *error);
};

} // namespace strata
