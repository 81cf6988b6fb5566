#pragma once

#include "case/CaseFile.h"
#include "core/ResourceId.h"

#include <QDateTime>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <optional>

namespace strata {

class JobContext;

// An object whose etcd history is asked for: a Kubernetes object (its key
// made as kube-apiserver makes it) or a key given as such.
struct EtcdHistoryTarget
{
    ResourceId id; // empty for a bare key
    QString apiVersion; // names a custom resource's group for its key
    QString key; // given: used as is; empty: made from `id`

    // "configmap/platform/feature-flags" or the key.
    QString label() const;
};

// What one key's walk found, as the manifest keeps it.
struct CapturedKeyHistory
{
    struct Version
    {
        qint64 modRevision = 0;
        qint64 createRevision = 0;
        qint64 version = 0;
        QString encoding; // StoredObject::encodingText()
        QString error; // why the value could not be decoded ("" when it was)
        bool kept = false; // the decoded object is in `file`
    };

    QString object; // EtcdHistoryTarget::label()
    QString key;
    bool keyGuessed = false; // made from a custom kind's plural guess
    QString endpoint;
    qint64 headerRevision = 0;
    QList<Version> versions; // newest first
    QString stop; // EtcdKeyHistory::stopText()
    bool complete = false; // Created: the key's whole life is here
    QString error; // the walk failed ("" when it did not)
    QString file; // the kubectl List of the decoded versions, relative to the folder
};

// captures/etcd-history/<UTC>/manifest.json.
struct EtcdHistoryManifest
{
    static constexpr int formatVersion = 1;

    QString folder; // absolute
    QDateTime time; // UTC
    QString fingerprintCheck; // CaptureManifest::fingerprintCheckText(): whose key made the Secret fingerprints
    QList<CapturedKeyHistory> keys;
    QString error; // nothing could be read (no endpoint, the folder could not be made)
    bool cancelled = false;

    QByteArray toJson() const;
    static std::optional<EtcdHistoryManifest> read(const QString &folder, QString *error);
};

// Reads every revision etcd still holds of each target (EtcdKeyHistories::walk
// from the first endpoint `sources.etcd` names that answers), decodes each
// stored value as kube-apiserver wrote it, and writes them into the case
// folder: captures/etcd-history/<UTC>/NN-<kind>.<ns>.<name>.json, a kubectl
// List of the versions newest first (each with resourceVersion = its mod
// revision, Secret values as this machine's fingerprints — never the
// values), and manifest.json. EtcdObjectHistory reads that folder, live or
// offline alike. Off the GUI thread; a cancelled read leaves nothing.
namespace EtcdHistoryCapture {
EtcdHistoryManifest capture(const CaseFile &caseFile, const QList<EtcdHistoryTarget> &targets, int limit = 100,
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(), const JobContext *job = nullptr);
// captures/etcd-history under the case's captures folder.
QString capturesRoot(const CaseFile &caseFile);
} // namespace EtcdHistoryCapture

} // namespace strata
