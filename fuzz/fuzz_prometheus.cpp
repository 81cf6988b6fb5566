// libFuzzer target: any text as a Prometheus scrape must give samples or
// positioned diagnostics, never crash or hang; and read in pieces (as a large
// scrape file is), cut anywhere, it must give the same samples and diagnostics.
#include "prometheus/PrometheusParser.h"

#include <cstddef>
#include <cstdint>

namespace {

bool sameReading(const strata::PrometheusScrape &a, const strata::PrometheusScrape &b)
{
    if (a.families.size() != b.families.size() || a.diagnostics.size() != b.diagnostics.size()
        || a.comments.size() != b.comments.size())
        return false;
    for (qsizetype i = 0; i < a.diagnostics.size(); ++i) {
        if (a.diagnostics[i].toString() != b.diagnostics[i].toString())
            return false;
    }
    for (qsizetype i = 0; i < a.families.size(); ++i) {
        const auto &x = a.families[i].samples;
        const auto &y = b.families[i].samples;
        if (a.families[i].name != b.families[i].name || x.size() != y.size())
            return false;
        for (qsizetype j = 0; j < x.size(); ++j) {
            const bool bothNaN = x[j].value != x[j].value && y[j].value != y[j].value;
            if (x[j].name != y[j].name || x[j].labels != y[j].labels || (!bothNaN && x[j].value != y[j].value)
                || x[j].timestampMs != y[j].timestampMs || !(x[j].location == y[j].location))
                return false;
        }
    }
    return true;
}

} // namespace

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
    // The piece size comes from the input itself, so the fuzzer explores the cuts.
    const qsizetype piece = size == 0 ? 1 : qsizetype(data[0] % 17) + 1;
    strata::PrometheusParser::PieceParser pieces(QStringLiteral("fuzz.prom"));
    for (qsizetype at = 0; at < text.size(); at += piece)
        pieces.add(QByteArrayView(text).sliced(at, std::min(piece, text.size() - at)));
    if (!sameReading(scrape, pieces.finish()))
        __builtin_trap();
    return 0;
}
