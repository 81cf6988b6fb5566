#include "CommandContext.h"

#include "core/RemoteUrl.h"
#include "plan/ShellWords.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace strata {

namespace {

// The git work tree a folder is in: the nearest folder above it with a
// `.git` (a folder, or a file for worktrees and submodules), as git finds it.
QString enclosingWorkTree(const QString &folder)
{
    QDir dir(folder);
    for (int depth = 0; depth < 64; ++depth) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

bool isEndpointUrl(const QString &endpoint)
{
    static const QRegularExpression url(
        QStringLiteral("^https?://[A-Za-z0-9._\\[\\]:-]+/?$"), QRegularExpression::CaseInsensitiveOption);
    return url.match(endpoint).hasMatch();
}

bool hasTls(const QStringList &endpoints)
{
    return std::any_of(endpoints.cbegin(), endpoints.cend(),
        [](const QString &e) { return e.startsWith(QLatin1String("https://"), Qt::CaseInsensitive); });
}

} // namespace

CommandContext CommandContext::from(
    const CaseFile &caseFile, const EvidenceSet &evidence, const QList<EtcdMemberSummary> &members)
{
    CommandContext c;
    if (caseFile.hasOwnFile())
        c.caseFolder = caseFile.baseDirectory();
    const auto resolved
        = [&caseFile](const QString &path) { return path.isEmpty() ? QString() : caseFile.resolvedPath(path); };

    // Kubernetes: the contexts the case reads, else the ones a pasted command named.
    for (const Column column : { Column::Live, Column::Replica }) {
        Kubectl &k = c.kube[size_t(columnIndex(column))];
        if (caseFile.kubernetesSource) {
            k.context = column == Column::Live ? caseFile.kubernetesSource->liveContext
                                               : caseFile.kubernetesSource->replicaContext;
            k.kubeconfigs = caseFile.kubeconfigPaths();
        }
        if (k.context.isEmpty())
            k.context = evidence.contexts[size_t(columnIndex(column))];
        k.contextKnown = !k.context.isEmpty();
    }

    // etcd: every member's client URL, as the evidence names it. Only URLs:
    // anything else (untrusted text) could read as a flag of etcdctl or curl.
    for (const EtcdMemberSummary &m : members) {
        if (isEndpointUrl(m.endpoint) && !c.etcdEndpoints.contains(m.endpoint))
            c.etcdEndpoints.append(m.endpoint);
        if (m.revision && (!c.etcdRevision || *m.revision > *c.etcdRevision))
            c.etcdRevision = m.revision;
    }
    for (const EtcdEndpointHealth &h : evidence.etcd.health) {
        if (isEndpointUrl(h.endpoint) && !c.etcdEndpoints.contains(h.endpoint))
            c.etcdEndpoints.append(h.endpoint);
    }
    for (const EtcdEndpointHash &h : evidence.etcd.hashes) {
        if (h.hashRevision) {
            c.hashRevision = h.hashRevision;
            break;
        }
    }
    if (caseFile.etcdSource) {
        c.etcdCa = resolved(caseFile.etcdSource->caFile);
        c.etcdCert = resolved(caseFile.etcdSource->certFile);
        c.etcdKey = resolved(caseFile.etcdSource->keyFile);
    }
    // A pasted command's files are paths on the machine it ran on: kept as written.
    if (c.etcdCa.isEmpty())
        c.etcdCa = evidence.etcd.caFile;
    if (c.etcdCert.isEmpty())
        c.etcdCert = evidence.etcd.certFile;
    if (c.etcdKey.isEmpty())
        c.etcdKey = evidence.etcd.keyFile;

    // Terraform and git.
    if (evidence.terraformOrigin) {
        const TerraformOrigin &o = *evidence.terraformOrigin;
        const QString repo = caseFile.repositoryPath();
        const QString folder = QDir::cleanPath(repo + QLatin1Char('/') + o.folder);
        // A URL is read from Strata's own (bare) clone: terraform needs the engineer's checkout.
        c.terraformFolderUnknown = RemoteUrl::isUrl(caseFile.terraformSource->repo) || !QFileInfo(folder).isDir();
        c.terraformFolder = c.terraformFolderUnknown
            ? ShellWords::placeholder(QStringLiteral("a checkout of %1").arg(caseFile.terraformSource->shownRepo()))
                + QLatin1Char('/') + o.folder
            : folder;
        if (o.git) {
            c.gitRepository = repo;
            c.codePrefixInRepository = o.folder == QLatin1String(".") ? QString() : o.folder;
        }
    } else if (!evidence.codePath.isEmpty() && !evidence.codePath.startsWith(QLatin1Char(':'))) {
        const QString code = resolved(evidence.codePath);
        c.terraformFolder = QFileInfo(code).isDir() ? code : QFileInfo(code).absolutePath();
        c.gitRepository = enclosingWorkTree(c.terraformFolder);
        if (!c.gitRepository.isEmpty())
            c.codePrefixInRepository = QDir(c.gitRepository).relativeFilePath(c.terraformFolder);
        if (c.codePrefixInRepository == QLatin1String("."))
            c.codePrefixInRepository.clear();
    }
    if (!evidence.statePath.isEmpty() && !evidence.statePath.startsWith(QLatin1Char(':'))
        && !evidence.terraformOrigin) {
        const QString state = resolved(evidence.statePath);
        if (QFileInfo(state).absolutePath() != c.terraformFolder)
            c.terraformStateFile = state;
    }
    if (evidence.code) {
        c.providerTakesKubeCtx = true;
        c.providerTakesKubeConfigPath = true;
        for (const TerraformProvider &p : evidence.code->providers) {
            if (p.name != QLatin1String("kubernetes") || !p.alias.isEmpty())
                continue;
            if (p.body.find(QStringLiteral("config_context")))
                c.providerTakesKubeCtx = false;
            if (p.body.find(QStringLiteral("config_path")) || p.body.find(QStringLiteral("config_paths")))
                c.providerTakesKubeConfigPath = false;
        }
    }
    return c;
}

QString CommandContext::shellPath(const QString &absolute) const
{
    if (caseFolder.isEmpty() || absolute.isEmpty() || ShellWords::isPlaceholder(absolute))
        return absolute;
    if (absolute == caseFolder)
        return QStringLiteral(".");
    if (absolute.startsWith(caseFolder + QLatin1Char('/')))
        return absolute.mid(caseFolder.size() + 1);
    return absolute;
}

QStringList CommandContext::kubectl(Column column) const
{
    const Kubectl &k = kube[size_t(columnIndex(column))];
    QStringList words;
    // kubectl's --kubeconfig takes one file; several are merged through KUBECONFIG.
    if (k.kubeconfigs.size() > 1)
        words.append(QStringLiteral("KUBECONFIG=") + k.kubeconfigs.join(QLatin1Char(':')));
    words.append(QStringLiteral("kubectl"));
    if (k.kubeconfigs.size() == 1)
        words.append(QStringLiteral("--kubeconfig=") + shellPath(k.kubeconfigs.first()));
    if (k.contextKnown)
        words.append(QStringLiteral("--context=") + k.context);
    return words;
}

bool CommandContext::etcdTlsUnknown() const
{
    return hasTls(etcdEndpoints) && (etcdCa.isEmpty() || etcdCert.isEmpty() || etcdKey.isEmpty());
}

QStringList CommandContext::etcdctl(const QStringList &endpoints) const
{
    const QStringList targets = endpoints.isEmpty() ? etcdEndpoints : endpoints;
    QStringList words { QStringLiteral("etcdctl") };
    words.append(QStringLiteral("--endpoints=")
        + (targets.isEmpty() ? ShellWords::placeholder(QStringLiteral("endpoint")) : targets.join(QLatin1Char(','))));
    if (hasTls(targets) || !etcdCa.isEmpty()) {
        words.append(QStringLiteral("--cacert=")
            + (etcdCa.isEmpty() ? ShellWords::placeholder(QStringLiteral("ca.pem")) : shellPath(etcdCa)));
        words.append(QStringLiteral("--cert=")
            + (etcdCert.isEmpty() ? ShellWords::placeholder(QStringLiteral("client.pem")) : shellPath(etcdCert)));
        words.append(QStringLiteral("--key=")
            + (etcdKey.isEmpty() ? ShellWords::placeholder(QStringLiteral("client-key.pem")) : shellPath(etcdKey)));
    }
    return words;
}

QStringList CommandContext::curl() const
{
    QStringList words { QStringLiteral("curl"), QStringLiteral("-sS") };
    if (hasTls(etcdEndpoints) || !etcdCa.isEmpty()) {
        words << QStringLiteral("--cacert")
              << (etcdCa.isEmpty() ? ShellWords::placeholder(QStringLiteral("ca.pem")) : shellPath(etcdCa));
        words << QStringLiteral("--cert")
              << (etcdCert.isEmpty() ? ShellWords::placeholder(QStringLiteral("client.pem")) : shellPath(etcdCert));
        words << QStringLiteral("--key")
              << (etcdKey.isEmpty() ? ShellWords::placeholder(QStringLiteral("client-key.pem")) : shellPath(etcdKey));
    }
    return words;
}

QString CommandContext::codeFileInRepository(const ResourceDiff &diff) const
{
    const QString file = diff.identity(Column::Code).location.file;
    if (file.isEmpty() || gitRepository.isEmpty())
        return {};
    // A commit's file is shown as "a1b2c3d:path/in/repo.tf".
    const qsizetype colon = file.indexOf(QLatin1Char(':'));
    if (colon > 0 && !QDir::isAbsolutePath(file) && !file.startsWith(QLatin1Char(':')))
        return file.mid(colon + 1);
    const QString absolute = QDir::isAbsolutePath(file)
        ? file
        : QDir::cleanPath((caseFolder.isEmpty() ? QDir::currentPath() : caseFolder) + QLatin1Char('/') + file);
    const QString relative = QDir(gitRepository).relativeFilePath(absolute);
    return relative.startsWith(QLatin1String("..")) ? QString() : relative;
}

} // namespace strata
