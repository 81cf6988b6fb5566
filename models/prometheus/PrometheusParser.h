#pragma once

#include "prometheus/PrometheusScrape.h"

#include <QByteArray>

namespace strata {

// Reads the Prometheus text exposition format 0.0.4 (what etcd, the API server
// and most exporters serve on /metrics) into a PrometheusScrape. Follows
// prometheus/common's expfmt text parser: a bad line is an error positioned at
// the offending character and is skipped; the rest is still read. Non-contiguous
// families are merged with a warning. Used for pasted scrapes and, later, live
// /metrics reads.
namespace PrometheusParser {
PrometheusScrape parse(const QByteArray &text, const QString &file);
} // namespace PrometheusParser

} // namespace strata
