#pragma once

#include "live/CaptureManifest.h"
#include "rules/Finding.h"

namespace strata {

// What a live read of the case's contexts says by itself: a context that
// could not be read (`context-unreachable`, with the reason as the client
// met it: DNS, refused, TLS and the certificate problem, 401, 403 with the
// server's Status message, timeout, not Kubernetes), and objects a reachable
// context refused to give (403 on one resource).
namespace LiveRules {
QList<Finding> evaluate(const CaptureManifest &capture);
}

} // namespace strata
