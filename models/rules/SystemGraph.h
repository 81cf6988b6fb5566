#pragma once

#include "core/SourceLocation.h"

#include <QString>
#include <QStringList>

namespace strata {

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

} // namespace strata
