#pragma once

#include "core/SourceLocation.h"
#include "rules/PlanCommand.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

enum class Severity { Critical, High, Medium, Low, Info };
QString severityName(Severity s);

// A piece of evidence a finding rests on: where it is and what it says there.
struct EvidenceRef
{
    SourceLocation location; // file:line, or an endpoint
    QString quote; // the value or line, as found (untrusted text: escape when rendering)
};

// What the analysis concluded, with the evidence and what to do about it.
// `id` names the rule (stable: "live-drift", "stale-replica", …); together
// with `resource` and `paths` it identifies the finding.
struct Finding
{
    QString id;
    Severity severity = Severity::Info;
    QString title;
    QString resource; // "configmap/platform/feature-flags", "etcd cluster", an application name
    QStringList paths;
    QString detail; // what it means, in a few sentences
    QList<EvidenceRef> evidence;
    // What to do, split so proposals can put every cheap, decisive check
    // before any change. `recommendation` is both, as one text.
    QStringList checks;
    QStringList changes;
    QString recommendation;
    // The commands that carry the checks and changes out (CommandPlanner
    // fills them in from the case): read-only ones for the checks; for the
    // changes, the read-only verifications first, then what changes things.
    QList<PlanCommand> checkCommands;
    QList<PlanCommand> changeCommands;
    // The etcd members it is about (client URLs), so commands can target them.
    QStringList endpoints;

    // Sets checks and changes and the recommendation text made of them.
    void recommend(const QStringList &checkFirst, const QStringList &thenChange);
};

} // namespace strata
