#pragma once

#include "prometheus/PrometheusScrape.h"

namespace strata {

// One Prometheus sample as the rules read it: the parser's own, so a scrape
// of a million series is handed over, not copied. Its timestamp is the
// sample's own, else the time of Strata's capture; unknown for a pasted file.
using MetricValue = MetricSample;

} // namespace strata
