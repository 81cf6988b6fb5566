#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>

namespace strata {

// `strata analyze --format json`: the analysis as a stable, documented JSON
// document (docs/analysis-json.md), schema version "strata": 1. Absent
// values are null; Secret values appear only as fingerprints.
namespace AnalysisJson {
constexpr int schemaVersion = 1;
QByteArray write(const AnalysisResult &result);
} // namespace AnalysisJson

} // namespace strata
