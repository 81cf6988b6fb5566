// libFuzzer target: any text as a Prometheus scrape must give samples or
// positioned diagnostics, never crash or hang.
#include "prometheus/PrometheusParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto scrape = strata::PrometheusParser::parse(text, QStringLiteral("fuzz.prom"));
    for (const strata::Diagnostic &d : scrape.diagnostics) {
        if (d.line < 1 || d.column < 1)
            __builtin_trap();
    }
    for (const strata::MetricFamily &f : scrape.families) {
        if (!f.samples.isEmpty())
            (void)scrape.find(f.samples.first().name, f.samples.first().labels);
    }
    return 0;
}
