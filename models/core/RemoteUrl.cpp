#include "RemoteUrl.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QStandardPaths>

namespace strata::RemoteUrl {

bool isUrl(const QString &repository)
{
    static const QRegularExpression scheme(
        QStringLiteral("^(https?|ssh|git|file)://"), QRegularExpression::CaseInsensitiveOption);
    // scp-like: user@host:path, with no slash before the colon (a Windows
    // drive letter or a relative folder "a:b" has no '@').
    static const QRegularExpression scp(QStringLiteral("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]"));
    return scheme.match(repository).hasMatch() || scp.match(repository).hasMatch();
}

QString redacted(const QString &url)
{
    static const QRegularExpression secret(QStringLiteral("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:]*):[^/@]*@"));
    QString out = url;
    out.replace(secret, QStringLiteral("\\1\\2@"));
    return out;
}

QString cacheFolder(const QString &url)
{
    const QString clean = redacted(url);
    QString name = clean;
    name.remove(QRegularExpression(QStringLiteral("^[a-zA-Z][a-zA-Z0-9+.-]*://")));
    name.remove(QRegularExpression(QStringLiteral("^[^@/]*@"))); // the user: not part of what is cloned
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    name = name.left(80);
    const QString hash
        = QString::fromLatin1(QCryptographicHash::hash(clean.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/strata/repositories/") + name + QLatin1Char('-') + hash;
}

} // namespace strata::RemoteUrl
