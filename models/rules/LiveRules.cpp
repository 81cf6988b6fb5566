#include "LiveRules.h"

#include <QUrl>

namespace strata::LiveRules {

namespace {

QString roleColumn(EvidenceRole role)
{
    return role == EvidenceRole::Replica ? QStringLiteral("replica") : QStringLiteral("live");
}

QString checkFor(const CapturedContext &c, const QString &reason)
{
    const QString ctx = QStringLiteral("kubectl --context %1").arg(c.context);
    if (reason.contains(QLatin1String("TLS")))
        return QStringLiteral("Check the certificate the server presents against the cluster's "
                              "certificate-authority: `openssl s_client -connect %1 -showcerts`, and `%2 version`.")
            .arg(QUrl(c.server).authority(), ctx);
    if (reason.contains(QLatin1String("401")))
        return QStringLiteral("Renew the credentials of user %1 (`%2 auth whoami`), then read again.")
            .arg(c.user.isEmpty() ? QStringLiteral("(none)") : c.user, ctx);
    if (reason.contains(QLatin1String("403")))
        return QStringLiteral("Check what user %1 may read: `%2 auth can-i get <resource> -n <namespace>`.")
            .arg(c.user.isEmpty() ? QStringLiteral("(none)") : c.user, ctx);
    if (reason.contains(QLatin1String("kubeconfig")) || reason.contains(QLatin1String("defines"))
        || reason.contains(QLatin1String("tokenFile")) || reason.contains(QLatin1String("not supported")))
        return QStringLiteral("Check the kubeconfig: `kubectl config get-contexts` and `strata contexts` list what "
                              "it defines; the context, its cluster and its user must all be there.");
    if (reason.contains(QLatin1String("approved")))
        return QStringLiteral("Approve the exec plugin in the window, or run `strata analyze --allow-exec`.");
    return QStringLiteral("Check that the server answers from this machine: `%1 version` (VPN, DNS, proxy, "
                          "firewall).")
        .arg(ctx);
}

} // namespace

QList<Finding> evaluate(const CaptureManifest &capture)
{
    QList<Finding> out;
    for (const CapturedContext &c : capture.contexts) {
        QStringList refused;
        QList<EvidenceRef> refs;
        for (const CapturedObject &o : c.objects) {
            if (!o.error.isEmpty() && !o.notFound() && o.error != c.error) {
                refused.append(QStringLiteral("%1: %2").arg(o.resource, o.error));
                refs.append({ SourceLocation { QStringLiteral("context %1").arg(c.context), 0, 0 }, o.error });
            }
        }
        if (c.error.isEmpty() && refused.isEmpty())
            continue;
        const QString reason = c.error.isEmpty() ? refused.first() : c.error;
        Finding f;
        f.id = QStringLiteral("context-unreachable");
        f.severity = Severity::High;
        f.resource = QStringLiteral("context %1").arg(c.context);
        const QString server = c.server.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.server);
        if (!c.reachable || !c.error.isEmpty()) {
            f.title = QStringLiteral("The %1 context %2 could not be read").arg(roleColumn(c.role), c.context);
            f.detail = QStringLiteral("Reading context %1%2 as user %3 failed: %4. Its column is unknown, not "
                                      "\"same\": no finding here says it agrees with the others.")
                           .arg(c.context, server, c.user.isEmpty() ? QStringLiteral("(none)") : c.user, c.error);
            refs.prepend({ SourceLocation { QStringLiteral("context %1").arg(c.context), 0, 0 }, c.error });
        } else {
            f.title = QStringLiteral("The %1 context %2 refused to give %3")
                          .arg(roleColumn(c.role), c.context,
                              refused.size() == 1 ? QStringLiteral("one object")
                                                  : QStringLiteral("%1 objects").arg(refused.size()));
            f.detail = QStringLiteral("Context %1%2 answered, but not for: %3. Those objects are unknown in the "
                                      "%4 column.")
                           .arg(c.context, server, refused.join(QStringLiteral("; ")), roleColumn(c.role));
        }
        f.evidence = refs;
        f.recommend({ checkFor(c, reason) }, {});
        out.append(f);
    }
    return out;
}

} // namespace strata::LiveRules
