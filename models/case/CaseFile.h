#pragma once

#include "case/ReportSections.h"
#include "core/RemoteUrl.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// The diff's columns. Evidence without a role has its role inferred from its kind.
enum class EvidenceRole { Unspecified, Code, State, Live, Replica };

QString evidenceRoleName(EvidenceRole role);
std::optional<EvidenceRole> evidenceRoleFromName(const QString &name);

// One captured artifact listed in a case: a file or a folder of .tf files.
struct EvidenceEntry
{
    QString path; // exactly as written in the case file
    EvidenceRole role = EvidenceRole::Unspecified;
    QString kind; // as written; empty means "detect"
    int line = 0; // where the entry stands in the case file (1-based)
};

// `sources.terraform`: the code and state columns read from a git
// repository (or a plain folder) instead of from evidence files.
struct TerraformSource
{
    QString repo; // as written: a folder, a .git folder, a bare repository or a URL (https, ssh, git, file)
    QString ref; // anything git rev-parse takes; empty means HEAD
    QString dir; // the stack's folder inside the repository; empty is its root
    QString state; // optional: a path inside the repository, else a file relative to the case
    QStringList vars; // extra variable files inside dir, after terraform.tfvars and *.auto.tfvars
    bool workTree = false; // read the work tree as it is on disk, not the commit
    int line = 0; // where `terraform:` stands in the case file

    // `repo` as messages and outputs show it: a URL without its password.
    QString shownRepo() const { return RemoteUrl::redacted(repo); }
};

// `sources.kubernetes`: the live and replica columns read from API
// servers, through contexts of the user's kubeconfigs (names only: the
// credentials stay in the kubeconfig).
struct KubernetesSource
{
    QStringList kubeconfigs; // as written; empty: as kubectl ($KUBECONFIG, else ~/.kube/config)
    QString liveContext; // contexts.live
    QString replicaContext; // contexts.replica
    int timeoutMs = 10000; // per request
    int line = 0; // where `kubernetes:` stands in the case file

    bool hasContexts() const { return !liveContext.isEmpty() || !replicaContext.isEmpty(); }

    struct RoleContext
    {
        EvidenceRole role;
        QString context;
    };
    // The roles given a context, live first.
    QList<RoleContext> roleContexts() const;
};

// `sources.etcd`: etcd endpoints read through their v3 JSON gateway (as
// etcdctl's --endpoints, --cluster, --cacert, --cert, --key). Paths as
// written; ETCDCTL_* environment variables fill what is left out when read.
struct EtcdSource
{
    QStringList endpoints; // as written; empty: ETCDCTL_ENDPOINTS
    bool cluster = false; // discover every member's client URLs from the member list
    QString caFile; // cacert
    QString certFile; // cert
    QString keyFile; // key
    int sampleEveryMs = 2000; // sample-every; at least 250 ms
    int timeoutMs = 5000; // per request
    int line = 0; // where `etcd:` stands in the case file
};

struct CaseNote
{
    QString text;
    QDateTime time; // may be invalid
};

// A Strata case file (format version 1, YAML): what is under investigation,
// which evidence was collected, and the investigator's notes. A plain value:
// the reader produces it, the writer saves it, the window shows it.
// See docs/case-format.md.
struct CaseFile
{
    static constexpr int formatVersion = 1;

    QString filePath; // where it was read from or last saved to; may be a ":/" resource
    QString title;
    QStringList resources; // kind/namespace/name or kind/name
    QList<EvidenceEntry> evidence;
    QList<CaseNote> notes;
    std::optional<TerraformSource> terraformSource;
    std::optional<KubernetesSource> kubernetesSource;
    std::optional<EtcdSource> etcdSource;
    ReportSections report; // the investigator's sections of the incident report
    // Keys this version does not know (and `sources`, which later versions fill
    // in), kept as YAML text so that saving never loses what the user wrote.
    QList<QPair<QString, QString>> preservedYaml;

    // Folder that relative evidence paths are resolved against.
    QString baseDirectory() const;
    // A path the case names (an evidence entry's, a source's repository),
    // absolute: relative ones resolve against the case's folder.
    QString resolvedPath(const QString &path) const;
    // Where sources.terraform's repository is on this machine: its folder,
    // or for a URL the cache folder Strata clones it into. Empty without one.
    QString repositoryPath() const;
    // The kubeconfig files `sources.kubernetes` names, resolved ("~" is the
    // home folder, relative paths the case's folder); empty means kubectl's default.
    QStringList kubeconfigPaths() const;
    // Where live reads are captured: `captures/` beside a saved case; for a
    // new or built-in case, a folder in the user's cache (said when used).
    QString capturesFolder() const;
    // Where etcd recordings go (recordings/ beside a saved case; the user's
    // cache for a new or built-in one), re-opened with the case.
    QString recordingsFolder() const;
    // Absolute (or ":/" resource) path of an evidence entry.
    QString resolvedPath(const EvidenceEntry &entry) const;
    // The display name: the title, else the file name, else "Untitled case".
    QString displayName() const;
    // Built into Strata (a ":/" resource): read-only, never saved over.
    bool isBuiltIn() const { return filePath.startsWith(QLatin1Char(':')); }
    // Saved somewhere the user can write: neither new nor built in.
    bool hasOwnFile() const { return !filePath.isEmpty() && !isBuiltIn(); }
};

} // namespace strata
