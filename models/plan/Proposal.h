#pragma once

#include "rules/PlanCommand.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// The "propose" part: one step of the plan, linked to the findings it addresses.
struct Proposal
{
    int order = 0;
    QString kind; // "check" (cheap, decisive, changes nothing) or "change"
    QString text;
    QStringList findings; // finding ids (with resource) it addresses
    // The commands that carry it out, in order: a check's are all read-only;
    // a change's verifications come before the commands that change things.
    QList<PlanCommand> commands;
};

} // namespace strata
