#pragma once

#include <QString>

namespace strata {

// One shell command of the plan, filled in with the case's real names
// (contexts, namespaces, endpoints, certificate paths, folders, addresses).
// Strata never runs it: an engineer copies it. Never holds a secret; a
// value the case does not know is a quoted placeholder ('<ca.pem>') that
// fails loudly when pasted unfilled, and `why` says so.
struct PlanCommand
{
    QString command; // one line for a POSIX shell, every untrusted word quoted
    bool readOnly = true; // false: it changes the cluster, the state or the code
    QString why; // what it shows, or for a change what to verify before running it

    bool operator==(const PlanCommand &other) const = default;
};

} // namespace strata
