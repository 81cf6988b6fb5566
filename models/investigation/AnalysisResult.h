#pragma once

#include "core/Diagnostic.h"
#include "investigation/CaseFile.h"
#include "investigation/EvidenceKind.h"
#include "investigation/Finding.h"
#include "investigation/ResourceDiff.h"

#include <QDateTime>

namespace strata {

// One evidence entry after import: what it turned out to be and what it gave.
struct ImportedEvidence
{
    EvidenceEntry entry;
    QString resolvedPath;
    EvidenceKind kind = EvidenceKind::Unknown;
    EvidenceRole role = EvidenceRole::Unspecified; // the column it feeds, if any
    QString summary; // "3 etcd members", "1 ConfigMap", "4 resources, serial 112"
    bool loaded = false; // false: unreadable or nothing usable in it
    QList<Diagnostic> diagnostics;
};

// An etcd member as the evidence shows it, status and membership merged.
struct EtcdMemberSummary
{
    QString id; // hex, as etcdctl tables print it
    QString name;
    QString endpoint;
    QString version;
    bool hasStatus = false;
    bool isLeader = false;
    bool isLearner = false;
    quint64 raftTerm = 0;
    quint64 raftIndex = 0;
    quint64 raftAppliedIndex = 0;
    quint64 dbSizeBytes = 0;
    QStringList errors;
    QString health; // "healthy", "unhealthy" or "" when not checked
    QString healthError;
    SourceLocation location;
};

struct MetricValue
{
    QString name;
    QList<QPair<QString, QString>> labels;
    double value = 0;
    SourceLocation location;
    QString labelText() const; // {a="b",c="d"}
};

struct TimelineEvent
{
    QDateTime time; // UTC; invalid when the evidence gives none
    QString source; // component or evidence kind
    QString level;
    QString text;
    QList<QPair<QString, QString>> fields; // structured fields the log line carried (term, from, to, …)
    SourceLocation location;
    QString field(const QString &key) const;
};

// The "reconstruct" part: what the system is, as boxes and arrows.
struct Component
{
    QString id; // stable within one analysis, e.g. "etcd/3a57933972cb8131"
    QString kind; // etcd-cluster, etcd-member, api-context, terraform-stack, kubernetes-object, application
    QString name;
    QStringList details;
    SourceLocation location;
};

struct Relation
{
    QString from;
    QString to;
    QString kind; // member-of, reads-from, serves, manages, uses, logs-to
    QString label;
    bool inferred = false; // concluded, not seen directly in the evidence
};

// The "propose" part: one step of the plan, linked to the findings it addresses.
struct Proposal
{
    int order = 0;
    QString kind; // "check" (cheap, decisive, changes nothing) or "change"
    QString text;
    QStringList findings; // finding ids (with resource) it addresses
};

// Everything one analysis of a case produced. The CLI prints it, the GUI
// shows it; both get it from Analyzer, so they never disagree.
struct AnalysisResult
{
    CaseFile caseFile;
    QList<ImportedEvidence> evidence;
    std::array<QString, columnCount> columnOrigins; // evidence path feeding each column, "" when none
    QList<ResourceDiff> resources;
    QStringList unmappedTerraform; // Terraform resources not compared (other types)
    QList<EtcdMemberSummary> etcdMembers;
    QList<MetricValue> metrics;
    QList<TimelineEvent> timeline;
    QList<Component> components;
    QList<Relation> relations;
    QList<Finding> findings;
    QList<Proposal> proposals;
    QList<Diagnostic> diagnostics;
    bool cancelled = false;
};

} // namespace strata
