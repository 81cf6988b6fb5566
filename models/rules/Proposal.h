#pragma once

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
};

} // namespace strata
