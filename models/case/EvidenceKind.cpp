#include "EvidenceKind.h"

#include <QList>
#include <QRegularExpression>

namespace strata {

QString evidenceKindName(EvidenceKind kind)
{
    switch (kind) {
    case EvidenceKind::Unknown:
        return QStringLiteral("unknown");
    case EvidenceKind::Etcdctl:
        return QStringLiteral("etcdctl");
    case EvidenceKind::Kubectl:
        return QStringLiteral("kubectl");
    case EvidenceKind::Prometheus:
        return QStringLiteral("prometheus");
    case EvidenceKind::Log:
        return QStringLiteral("log");
    case EvidenceKind::TerraformCode:
        return QStringLiteral("terraform-code");
    case EvidenceKind::TerraformState:
        return QStringLiteral("terraform-state");
    case EvidenceKind::EtcdRecording:
        return QStringLiteral("etcd-recording");
    }
    return {};
}

std::optional<EvidenceKind> evidenceKindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    static const QList<QPair<QString, EvidenceKind>> names = {
        { QStringLiteral("etcdctl"), EvidenceKind::Etcdctl },
        { QStringLiteral("etcd"), EvidenceKind::Etcdctl },
        { QStringLiteral("kubectl"), EvidenceKind::Kubectl },
        { QStringLiteral("kubectl-yaml"), EvidenceKind::Kubectl },
        { QStringLiteral("kubectl-json"), EvidenceKind::Kubectl },
        { QStringLiteral("kubernetes"), EvidenceKind::Kubectl },
        { QStringLiteral("prometheus"), EvidenceKind::Prometheus },
        { QStringLiteral("metrics"), EvidenceKind::Prometheus },
        { QStringLiteral("log"), EvidenceKind::Log },
        { QStringLiteral("logs"), EvidenceKind::Log },
        { QStringLiteral("terraform-code"), EvidenceKind::TerraformCode },
        { QStringLiteral("terraform"), EvidenceKind::TerraformCode },
        { QStringLiteral("hcl"), EvidenceKind::TerraformCode },
        { QStringLiteral("terraform-state"), EvidenceKind::TerraformState },
        { QStringLiteral("tfstate"), EvidenceKind::TerraformState },
        { QStringLiteral("etcd-recording"), EvidenceKind::EtcdRecording },
        { QStringLiteral("recording"), EvidenceKind::EtcdRecording },
    };
    for (const auto &[key, kind] : names) {
        if (key == n)
            return kind;
    }
    return std::nullopt;
}

namespace {

// The first lines that are not blank, comments or a pasted shell prompt.
QList<QByteArray> contentLines(const QByteArray &head, int count)
{
    QList<QByteArray> lines;
    for (const QByteArray &raw : head.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith("$ ") || line.startsWith('#'))
            continue;
        lines.append(line);
        if (lines.size() >= count)
            break;
    }
    return lines;
}

bool looksLikeEtcdctl(const QByteArray &head)
{
    if (head.contains("etcdctl"))
        return true;
    const QByteArray upper = head.toUpper();
    if (upper.contains("RAFT TERM") || upper.contains("RAFT INDEX") || upper.contains("PEER ADDRS"))
        return true;
    return head.contains("\"raftTerm\"") || head.contains("\"raft_term\"") || head.contains("\"peerURLs\"")
        || head.contains("is healthy: successfully committed proposal");
}

bool looksLikeKubectl(const QByteArray &head)
{
    static const QRegularExpression apiVersion(QStringLiteral("(^|\\n)\\s*\"?apiVersion\"?\\s*:"));
    static const QRegularExpression kind(QStringLiteral("(^|\\n)\\s*\"?kind\"?\\s*:"));
    const QString text = QString::fromUtf8(head);
    return text.contains(apiVersion) && text.contains(kind);
}

bool looksLikePrometheus(const QByteArray &head)
{
    if (head.contains("# TYPE ") || head.contains("# HELP "))
        return true;
    static const QRegularExpression sample(
        QStringLiteral("^[A-Za-z_:][A-Za-z0-9_:]*(\\{[^}]*\\})?\\s+[-+]?([0-9.eE+-]+|NaN|Inf)(\\s+-?[0-9]+)?$"));
    const QList<QByteArray> lines = contentLines(head, 10);
    if (lines.isEmpty())
        return false;
    int samples = 0;
    for (const QByteArray &l : lines)
        samples += QString::fromUtf8(l).contains(sample) ? 1 : 0;
    return samples * 2 > lines.size();
}

bool looksLikeState(const QByteArray &head)
{
    return head.contains("\"lineage\"") || (head.contains("\"terraform_version\"") && head.contains("\"serial\""));
}

} // namespace

EvidenceKind detectEvidenceKind(const QString &path, bool isDirectory, const QByteArray &head)
{
    if (isDirectory)
        return EvidenceKind::TerraformCode;
    if (head.startsWith(etcdRecordingMagic))
        return EvidenceKind::EtcdRecording;
    const QString lower = path.toLower();
    if (lower.endsWith(QStringLiteral(".tf")))
        return EvidenceKind::TerraformCode;
    if (lower.endsWith(QStringLiteral(".tfstate")) || lower.endsWith(QStringLiteral(".tfstate.backup"))
        || looksLikeState(head))
        return EvidenceKind::TerraformState;
    if (looksLikeKubectl(head))
        return EvidenceKind::Kubectl;
    if (looksLikeEtcdctl(head))
        return EvidenceKind::Etcdctl;
    if (lower.endsWith(QStringLiteral(".prom")) || looksLikePrometheus(head))
        return EvidenceKind::Prometheus;
    if (lower.endsWith(QStringLiteral(".log")) || !head.isEmpty())
        return EvidenceKind::Log;
    return EvidenceKind::Unknown;
}

} // namespace strata
