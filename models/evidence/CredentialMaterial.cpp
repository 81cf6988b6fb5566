#include "CredentialMaterial.h"

#include "diff/SecretFingerprint.h"

#include <QRegularExpression>

namespace strata::CredentialMaterial {

namespace {

// Key names are matched at the start of a line, quoted (JSON) or not (YAML),
// so a log line that merely mentions "users" does not count.
bool hasTopLevelKey(const QString &text, const char *key)
{
    const QRegularExpression re(
        QStringLiteral("(^|\\n)[ \\t{,]*\"?%1\"?[ \\t]*:").arg(QRegularExpression::escape(QLatin1String(key))));
    return text.contains(re);
}

bool hasKindConfig(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("(^|\\n)[ \\t{,]*\"?kind\"?[ \\t]*:[ \\t]*\"?Config\"?[ \\t]*(,|\\r?\\n|$)"));
    return text.contains(re);
}

} // namespace

QString describe(const QByteArray &text, bool structured)
{
    const QString head = QString::fromUtf8(text.left(65536));
    if (!structured) {
        // PEM blocks anywhere: a key pasted into a log is still a key.
        if (SecretFingerprint::containsPrivateKey(QByteArrayView(text)))
            return QStringLiteral("a PEM private key");
        if (head.trimmed().startsWith(QLatin1String("-----BEGIN CERTIFICATE-----")))
            return QStringLiteral("a PEM certificate");
    }
    if (head.contains(QLatin1String("ExecCredential")) && head.contains(QLatin1String("client.authentication.k8s.io")))
        return QStringLiteral("an ExecCredential (a credential plugin's output)");
    const bool clusters = hasTopLevelKey(head, "clusters");
    const bool users = hasTopLevelKey(head, "users");
    const bool contexts = hasTopLevelKey(head, "contexts") || hasTopLevelKey(head, "current-context");
    if (hasKindConfig(head) && (clusters || users || contexts))
        return QStringLiteral("a kubeconfig");
    if (clusters && (users || contexts))
        return QStringLiteral("a kubeconfig (clusters and users, without apiVersion/kind)");
    if (hasTopLevelKey(head, "client-key-data") || hasTopLevelKey(head, "client-certificate-data"))
        return QStringLiteral("kubeconfig credentials (client-key-data)");
    return {};
}

} // namespace strata::CredentialMaterial
