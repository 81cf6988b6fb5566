#include "EtcdConnection.h"

#include "core/ControlCharacters.h"
#include "core/JobRunner.h"

#include <QRegularExpression>
#include <QUrl>

namespace strata {

QStringList EtcdConnection::urls() const
{
    QStringList out;
    for (const EtcdEndpoint &e : endpoints)
        out.append(e.url);
    return out;
}

namespace EtcdConnections {

EtcdConnection forCase(const CaseFile &caseFile, const QProcessEnvironment &environment)
{
    EtcdConnection out;
    if (!caseFile.etcdSource) {
        out.error = QStringLiteral("the case has no 'sources.etcd'");
        return out;
    }
    const EtcdSource &source = *caseFile.etcdSource;
    out.cluster = source.cluster;
    // What the case leaves out, from the variable etcdctl would read.
    const auto pick = [&](const QString &fromCase, const char *variable) {
        if (!fromCase.isEmpty())
            return fromCase;
        const QString value = environment.value(QString::fromLatin1(variable)).trimmed();
        if (!value.isEmpty())
            out.fromEnvironment.append(QString::fromLatin1(variable));
        return value;
    };
    QStringList urls = source.endpoints;
    if (urls.isEmpty()) {
        for (const QString &u : pick(QString(), "ETCDCTL_ENDPOINTS").split(QLatin1Char(','), Qt::SkipEmptyParts))
            urls.append(u.trimmed());
    }
    const auto file = [&](const QString &fromCase, const char *variable) {
        const QString path = pick(fromCase, variable);
        return path.isEmpty() ? QString() : caseFile.resolvedPath(path);
    };
    const QString ca = file(source.caFile, "ETCDCTL_CACERT");
    const QString cert = file(source.certFile, "ETCDCTL_CERT");
    const QString key = file(source.keyFile, "ETCDCTL_KEY");
    const QString user = pick(QString(), "ETCDCTL_USER");
    const qsizetype colon = user.indexOf(QLatin1Char(':'));
    out.user = colon < 0 ? user : user.left(colon);
    out.password = colon < 0 ? environment.value(QStringLiteral("ETCDCTL_PASSWORD")) : user.mid(colon + 1);
    QStringList withCredentials;
    for (QString url : std::as_const(urls)) {
        // As etcdctl: an address without a scheme is https when TLS files are given.
        if (!url.contains(QLatin1String("://")))
            url.prepend(ca.isEmpty() && cert.isEmpty() ? QStringLiteral("http://") : QStringLiteral("https://"));
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        if (!QUrl(url).userInfo().isEmpty()) { // it would reach manifests, recordings and messages
            withCredentials.append(QUrl(url).toString(QUrl::RemoveUserInfo));
            continue;
        }
        EtcdEndpoint e;
        e.url = url;
        e.caFile = ca;
        e.certFile = cert;
        e.keyFile = key;
        e.timeoutMs = source.timeoutMs;
        bool seen = false;
        for (const EtcdEndpoint &o : std::as_const(out.endpoints))
            seen = seen || o.url == e.url;
        if (!seen)
            out.endpoints.append(e);
    }
    if (!withCredentials.isEmpty())
        out.error = QStringLiteral("endpoints with a user name or password in the URL are not read (%1): set "
                                   "ETCDCTL_USER instead")
                        .arg(withCredentials.join(QStringLiteral(", ")));
    else if (out.endpoints.isEmpty())
        out.error = QStringLiteral("'sources.etcd' names no endpoint and ETCDCTL_ENDPOINTS is not set");
    return out;
}

namespace {
constexpr int maxEndpoints = 254; // what a recording can name
// The member list's client URLs, each once, in member order.
QStringList clientUrls(const QList<EtcdMember> &members)
{
    QStringList out;
    for (const EtcdMember &m : members) {
        for (const QString &u : m.clientUrls) {
            if (!out.contains(u))
                out.append(u);
        }
    }
    return out;
}
} // namespace

EtcdDiscovery discover(const EtcdConnection &connection, const JobContext *job)
{
    EtcdDiscovery out;
    QStringList failures;
    for (EtcdEndpoint e : connection.endpoints) {
        if (!connection.user.isEmpty()) {
            QString authError;
            e.token = EtcdGateway::authenticate(e, connection.user, connection.password, &authError);
            if (e.token.isEmpty()) {
                failures.append(authError);
                continue;
            }
        }
        const EtcdGatewayResponse r = EtcdGateway::post(e, QStringLiteral("/v3/cluster/member/list"), "{}");
        QString parseError;
        const auto list = r.ok() ? EtcdGateway::parseMemberList(r.body, &parseError) : std::nullopt;
        if (list && !clientUrls(*list).isEmpty()) {
            out.members = *list;
            out.memberListBody = r.body;
            // A member list is the cluster's word, not the user's: only URLs of the
            // scheme the user named (never a password sent over http), without
            // credentials, each on one line, and no more than a cluster has.
            const QString scheme = QUrl(e.url).scheme();
            QStringList refused;
            for (const QString &url : clientUrls(out.members)) {
                const QUrl parsed(url);
                if (parsed.scheme() != scheme || parsed.host().isEmpty() || !parsed.userInfo().isEmpty()
                    || url.contains(QRegularExpression(QStringLiteral("[\\x00-\\x20\\x7f]")))
                    || out.endpoints.size() >= maxEndpoints) {
                    refused.append(escapeControlCharacters(url));
                    continue;
                }
                EtcdEndpoint member = connection.endpoints.first(); // the same TLS files and timeout
                member.url = url;
                out.endpoints.append(member);
            }
            QStringList problems;
            if (!refused.isEmpty())
                problems.append(QStringLiteral("client URLs from the member list not read (another scheme than %1, "
                                               "credentials in them, or past %2): %3")
                                    .arg(scheme)
                                    .arg(maxEndpoints)
                                    .arg(refused.join(QStringLiteral(", "))));
            // A member without client URLs has not started, or has not yet published
            // itself through raft: it is part of the cluster and cannot be read, which
            // the analysis must say rather than show a smaller, healthy cluster.
            QStringList silent;
            for (const EtcdMember &m : out.members) {
                if (m.clientUrls.isEmpty())
                    silent.append(m.name.isEmpty()
                            ? m.idHex
                            : escapeControlCharacters(m.name) + QStringLiteral(" (") + m.idHex + QLatin1Char(')'));
            }
            if (!silent.isEmpty())
                problems.append(QStringLiteral("member(s) without client URLs in the member list (not started, or not "
                                               "yet published), not read: %1")
                                    .arg(silent.join(QStringLiteral(", "))));
            out.error = problems.join(QStringLiteral("; "));
            if (!out.endpoints.isEmpty())
                return out;
            // A member list whose every URL was refused: say why, not "no list".
            failures.append(QStringLiteral("%1: %2").arg(e.url, out.error));
            out.members.clear();
            out.memberListBody.clear();
        } else if (list) {
            failures.append(QStringLiteral("%1: the member list gives no client URLs").arg(e.url));
        } else {
            failures.append(r.ok() ? QStringLiteral("%1: %2").arg(e.url, parseError) : r.error);
        }
        if (job && job->isCancelled())
            break;
    }
    out.error = QStringLiteral("no endpoint gave a usable member list, so the cluster's other members are not known "
                               "(%1); the endpoints named were read instead")
                    .arg(failures.join(QStringLiteral("; ")));
    return out;
}

} // namespace EtcdConnections

} // namespace strata
