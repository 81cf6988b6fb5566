#pragma once

#include "core/Diagnostic.h"
#include "core/SourceLocation.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// A kubeconfig as kubectl reads it (client-go clientcmd/api/v1): clusters,
// users (AuthInfo) and contexts, each with the file and position that
// defined it. Paths in an entry (certificate-authority, client-certificate,
// client-key, tokenFile, an exec command with a '/') are resolved against
// the folder of the file that holds the entry. Credentials are held here
// for the client that will use them and never appear in any text this
// module writes (messages, summaries): see KubeUser::authKind().

struct KubeCluster
{
    QString name;
    QString server;
    QString certificateAuthority; // a resolved path; empty when none
    QByteArray certificateAuthorityData; // decoded PEM; overrides the path
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    SourceLocation location;
};

struct KubeExecConfig
{
    QString apiVersion; // client.authentication.k8s.io/v1 or /v1beta1
    QString command; // resolved against the kubeconfig's folder when it has a '/'
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never | IfAvailable | Always
};

struct KubeUser
{
    QString name;
    QString clientCertificate; // resolved path
    QString clientKey; // resolved path
    QByteArray clientCertificateData; // decoded PEM
    QByteArray clientKeyData; // decoded PEM
    QString token;
    QString tokenFile; // resolved path; re-read when it changes, and wins over token
    QString username;
    QString password;
    std::optional<KubeExecConfig> exec;
    QString authProvider; // a legacy auth-provider's name: not supported, said so
    SourceLocation location;

    // How this user authenticates, for display: "client certificate",
    // "token", "token file", "basic auth", "exec plugin <command>",
    // "auth-provider <name> (not supported)", "none". Never a secret.
    QString authKind() const;
};

struct KubeContext
{
    QString name;
    QString cluster;
    QString user;
    QString ns; // namespace
    SourceLocation location;
};

struct Kubeconfig
{
    QList<KubeCluster> clusters;
    QList<KubeUser> users;
    QList<KubeContext> contexts;
    QString currentContext;
    QStringList files; // the files that were read, in order
    QList<Diagnostic> diagnostics; // file:line:col; a bad entry or file never hides the others

    // By name: through an index once index() has run (the loader runs it),
    // so a kubeconfig of thousands of contexts is not searched per lookup.
    const KubeCluster *cluster(const QString &name) const;
    const KubeUser *user(const QString &name) const;
    const KubeContext *context(const QString &name) const;
    void index();

private:
    QHash<QString, qsizetype> m_clusterIndex, m_userIndex, m_contextIndex;
};

namespace KubeconfigLoader {
// What kubectl reads without --kubeconfig: $KUBECONFIG split at ':' (empty
// names dropped, duplicates once), else ~/.kube/config.
QStringList defaultFiles();
// One file's entries, in file order.
Kubeconfig parse(const QByteArray &text, const QString &file);
// Several files merged as kubectl merges them: for clusters, users and
// contexts the first file that defines a name wins and its entry is taken
// whole; current-context from the first file that sets it. A missing file is
// a warning (`mustExist`: an error, as for kubectl's --kubeconfig); a file
// that does not parse is an error at its position, and the others still load.
Kubeconfig load(const QStringList &files, bool mustExist = false);
} // namespace KubeconfigLoader

} // namespace strata
