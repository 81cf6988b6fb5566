#pragma once

#include "prometheus/PrometheusScrape.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace strata {

// Reads the Prometheus text exposition format 0.0.4 (what etcd, the API server
// and most exporters serve on /metrics) into a PrometheusScrape. Follows
// prometheus/common's expfmt text parser: a bad line is an error positioned at
// the offending character and is skipped; the rest is still read. Non-contiguous
// families are merged with a warning. Used for pasted scrapes and, later, live
// /metrics reads.
namespace PrometheusParser {
PrometheusScrape parse(const QByteArray &text, const QString &file);

// The same for a scrape that comes in pieces cut anywhere, e.g. a large file
// read a piece at a time so that its text is never held whole next to the
// samples read from it. Gives what parse() gives for the pieces joined.
class PieceParser
{
public:
    explicit PieceParser(const QString &file);
    ~PieceParser();
    PieceParser(const PieceParser &) = delete;
    PieceParser &operator=(const PieceParser &) = delete;

    void add(QByteArrayView piece);
    PrometheusScrape finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};
} // namespace PrometheusParser

} // namespace strata
