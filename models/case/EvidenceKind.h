#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace strata {

// What a piece of evidence is, decided from the case file's `kind` when given,
// else from the path and the first bytes of the content.
enum class EvidenceKind {
    Unknown,
    Etcdctl, // etcdctl endpoint status / member list / endpoint health / hashkv output
    Kubectl, // kubectl get -o yaml|json
    Prometheus, // Prometheus text exposition (a /metrics scrape)
    Log, // log lines
    TerraformCode, // a folder of .tf files (or one .tf file)
    TerraformState, // terraform.tfstate
    EtcdRecording, // etcd status samples recorded by Strata (recordings/etcd-*.tsv)
};

QString evidenceKindName(EvidenceKind kind);
// Accepts the names above and common aliases ("kubectl-yaml", "metrics", "tfstate", …).
std::optional<EvidenceKind> evidenceKindFromName(const QString &name);
// The first bytes of a Strata etcd recording.
inline constexpr char etcdRecordingMagic[] = "# strata etcd recording ";
// `head` is the start of the file (a few KiB is enough); ignored for folders.
EvidenceKind detectEvidenceKind(const QString &path, bool isDirectory, const QByteArray &head);

} // namespace strata
