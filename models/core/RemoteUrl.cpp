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
    // The authority runs from "://" to the next '/'; what stands before its
    // last '@' is the user information. Over http(s) a token is often the
    // user name itself (`https://ghp_…@github.com/…`), so all of it goes;
    // over ssh the user name is how one logs in (`ssh://git@host`) and only
    // a password after ':' goes.
    const qsizetype scheme = url.indexOf(QStringLiteral("://"));
    if (scheme < 0)
        return url; // scp-like `git@host:path`: a user name, never a password
    const qsizetype start = scheme + 3;
    qsizetype end = url.indexOf(QLatin1Char('/'), start);
    if (end < 0)
        end = url.size();
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), end - 1);
    if (at < start)
        return url;
    const QString protocol = url.left(scheme).toLower();
    QString user;
    if (protocol == QLatin1String("ssh") || protocol == QLatin1String("git+ssh")) {
        user = url.mid(start, at - start);
        user = user.left(user.indexOf(QLatin1Char(':')) < 0 ? user.size() : user.indexOf(QLatin1Char(':')));
        user += QLatin1Char('@');
    }
    return url.left(start) + user + url.mid(at + 1);
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
