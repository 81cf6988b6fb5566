#include "KubeProxy.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QStringList>

namespace strata::KubeProxy {

namespace {

// Go's canonicalAddr: a URL without a port uses its scheme's.
int defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("socks5"))
        return 1080;
    return 80;
}

QString environmentValue(const QProcessEnvironment &environment, const char *upper, const char *lower)
{
    const QString first = environment.value(QString::fromLatin1(upper));
    return first.isEmpty() ? environment.value(QString::fromLatin1(lower)) : first;
}

// The schemes client-go's proxy-url and Go's httpproxy accept.
bool knownScheme(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("socks5");
}

// An IP address as Go's net.ParseIP reads one: IPv4 only as four dotted
// numbers ("10.1" is a name to Go, though inet_aton takes it), or IPv6.
QHostAddress goIp(const QString &text)
{
    static const QRegularExpression dottedQuad(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
    if (!text.contains(QLatin1Char(':')) && !dottedQuad.match(text).hasMatch())
        return {};
    return QHostAddress(text);
}

// `fromEnvironment`: Go reads a variable's "proxy.corp:3128" (no scheme) as
// http://proxy.corp:3128; a kubeconfig's proxy-url must name its scheme.
KubeProxyChoice fromUrl(const QString &text, const QString &origin, bool fromEnvironment)
{
    KubeProxyChoice choice;
    QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!fromEnvironment && !knownScheme(url.scheme().toLower())) {
        choice.error
            = QStringLiteral("%1 has the scheme '%2'; it must be http, https or socks5").arg(origin, url.scheme());
        return choice;
    }
    if (!url.isValid() || url.host().isEmpty() || !knownScheme(url.scheme().toLower()))
        url = QUrl(QStringLiteral("http://") + text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        choice.error = QStringLiteral("%1 is not a proxy URL").arg(origin);
        return choice;
    }
    const QString used = url.scheme().toLower();
    const int port = url.port(defaultPort(used));
    choice.description = QStringLiteral("%1://%2:%3 (%4)").arg(used, url.host()).arg(port).arg(origin);
    if (used == QLatin1String("https")) {
        choice.error = QStringLiteral("%1 names a proxy reached over TLS (https://%2:%3), which Strata cannot "
                                      "use; nothing was sent (use an http:// or socks5:// proxy)")
                           .arg(origin, url.host())
                           .arg(port);
        return choice;
    }
    const bool socks = used == QLatin1String("socks5");
    choice.proxy = QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
        quint16(port), url.userName(QUrl::FullyDecoded), url.password(QUrl::FullyDecoded));
    return choice;
}

bool isLoopback(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address = goIp(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

bool exempt(const QString &noProxy, const QString &host, int port)
{
    const QHostAddress ip = goIp(host);
    const QString portText = QString::number(port);
    for (const QString &raw : noProxy.split(QLatin1Char(','))) {
        QString p = raw.trimmed().toLower();
        if (p.isEmpty())
            continue;
        if (p == QLatin1String("*"))
            return true;
        if (p.contains(QLatin1Char('/'))) { // a CIDR: only ever an IP's
            const auto subnet = QHostAddress::parseSubnet(p);
            if (subnet.second >= 0 && !ip.isNull() && ip.isInSubnet(subnet))
                return true;
            continue;
        }
        // host:port, [v6]:port, or a host alone (a bare IPv6 address has colons too).
        QString entryHost = p;
        QString entryPort;
        if (p.startsWith(QLatin1Char('['))) {
            // Only "[v6]:port": Go's SplitHostPort refuses brackets without a port.
            const qsizetype close = p.indexOf(QLatin1Char(']'));
            if (close < 0 || !p.mid(close + 1).startsWith(QLatin1Char(':')))
                continue;
            entryHost = p.mid(1, close - 1);
            entryPort = p.mid(close + 2);
        } else if (p.count(QLatin1Char(':')) == 1) {
            entryHost = p.section(QLatin1Char(':'), 0, 0);
            entryPort = p.section(QLatin1Char(':'), 1);
        }
        if (entryHost.isEmpty())
            continue;
        const QHostAddress entryIp = goIp(entryHost);
        if (!entryIp.isNull()) {
            if (!ip.isNull() && entryIp.isEqual(ip) && (entryPort.isEmpty() || entryPort == portText))
                return true;
            continue;
        }
        // "foo.com" matches foo.com and its subdomains, ".foo.com" and
        // "*.foo.com" its subdomains only.
        if (entryHost.startsWith(QLatin1String("*.")))
            entryHost.remove(0, 1);
        const bool matchesItself = !entryHost.startsWith(QLatin1Char('.'));
        if (matchesItself)
            entryHost.prepend(QLatin1Char('.'));
        if ((host.endsWith(entryHost) || (matchesItself && host == entryHost.mid(1)))
            && (entryPort.isEmpty() || entryPort == portText))
            return true;
    }
    return false;
}

KubeProxyChoice choose(const QString &proxyUrl, const QUrl &server, const QProcessEnvironment &environment)
{
    if (!proxyUrl.trimmed().isEmpty())
        return fromUrl(proxyUrl, QStringLiteral("proxy-url"), false);
    const QString scheme = server.scheme().toLower();
    const bool https = scheme == QLatin1String("https");
    const char *name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
    const QString proxy = https ? environmentValue(environment, "HTTPS_PROXY", "https_proxy")
                                : environmentValue(environment, "HTTP_PROXY", "http_proxy");
    const QString host = server.host().toLower();
    if (proxy.trimmed().isEmpty() || isLoopback(host)
        || exempt(environmentValue(environment, "NO_PROXY", "no_proxy"), host, server.port(defaultPort(scheme))))
        return {};
    return fromUrl(proxy, QString::fromLatin1(name), true);
}

} // namespace strata::KubeProxy
