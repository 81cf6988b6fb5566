#pragma once

#include "case/CaseFile.h"
#include "diff/Column.h"
#include "diff/ResourceDiff.h"
#include "evidence/EvidenceSet.h"
#include "rules/EtcdMemberSummary.h"
#include "rules/PlanCommand.h"

#include <array>
#include <optional>

namespace strata {

// What the case knows about how to reach each thing it is about, so that the
// plan's commands are filled in with real names: which kubectl context reads
// each column, etcd's endpoints and TLS files, the Terraform folder and the
// git repository. Built once per analysis from the case file and what the
// evidence says (a pasted `--context=x`, `--cacert=…`). Relative paths are
// relative to the case's folder: the commands run from there.
struct CommandContext
{
    struct Kubectl
    {
        QString context; // empty: kubectl's current context
        bool contextKnown = false; // the case names the context (sources.kubernetes or a pasted --context)
        QStringList kubeconfigs; // absolute; empty: kubectl's default
    };

    QString caseFolder; // absolute; empty for a new or built-in case (paths are then absolute)
    std::array<Kubectl, columnCount> kube; // live and replica only
    QStringList etcdEndpoints; // every member's client URL the evidence names, in member order
    QString etcdCa, etcdCert, etcdKey; // as the case or the pasted command names them; empty: unknown
    std::optional<qint64> etcdRevision; // the newest revision a status reported
    std::optional<qint64> hashRevision; // the revision `endpoint hashkv` hashed at, when one was given
    QString terraformFolder; // the stack's folder (shell path); empty: no code in the case
    bool terraformFolderUnknown = false; // read from a URL or gone: terraformFolder holds a placeholder
    QString terraformStateFile; // a local state file outside that folder; empty when none or inside it
    // Set when the kubernetes provider names no context of its own, so
    // KUBE_CTX picks the one terraform plans against.
    bool providerTakesKubeCtx = false;
    // Set when it names no config_path: the provider (v2) then reads no
    // kubeconfig unless KUBE_CONFIG_PATH names one.
    bool providerTakesKubeConfigPath = false;
    QString gitRepository; // the git work tree that holds the code (shell path); empty: none known
    QString codePrefixInRepository; // the stack's folder inside it ("" at its root)

    static CommandContext from(
        const CaseFile &caseFile, const EvidenceSet &evidence, const QList<EtcdMemberSummary> &members);

    // `kubectl [--kubeconfig=…] [--context=…]` for a column's cluster.
    QStringList kubectl(Column column) const;
    // `etcdctl --endpoints=… [--cacert=… --cert=… --key=…]` for these endpoints
    // (every member's when empty); placeholders where an https endpoint's
    // TLS files are unknown.
    QStringList etcdctl(const QStringList &endpoints = {}) const;
    // `curl` with the same TLS files, for an etcd member's /metrics.
    QStringList curl() const;
    // Whether etcdctl() uses placeholders: the plan then says which.
    bool etcdTlsUnknown() const;
    // A case file path as the commands name it: relative to the case's folder
    // when inside it, else absolute.
    QString shellPath(const QString &absolute) const;
    // The code file of an object, as git names it inside the repository.
    QString codeFileInRepository(const ResourceDiff &diff) const;
};

} // namespace strata
