#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>

#include <functional>

namespace strata {

// `strata analyze --format json`: the analysis as a stable, documented JSON
// document (docs/analysis-json.md), schema version "strata": 2. Absent
// values are null; Secret values appear only as fingerprints.
namespace AnalysisJson {
constexpr int schemaVersion = 2;
QByteArray write(const AnalysisResult &result);
// The same document handed to `sink` piece by piece, never whole in memory
// (at a whole cluster's scale it is several times the evidence). Stops and
// returns false as soon as the sink does (a write error).
using Sink = std::function<bool(const QByteArray &piece)>;
bool write(const AnalysisResult &result, const Sink &sink);
} // namespace AnalysisJson

} // namespace strata
