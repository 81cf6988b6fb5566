#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>
#include <QByteArrayList>

namespace strata {

// `strata analyze --format json`: the analysis as a stable, documented JSON
// document (docs/analysis-json.md), schema version "strata": 2. Absent
// values are null; Secret values appear only as fingerprints.
namespace AnalysisJson {
constexpr int schemaVersion = 2;
QByteArray write(const AnalysisResult &result);
// The same document in consecutive parts, for writing to a file or stream
// without first joining hundreds of megabytes.
QByteArrayList writeParts(const AnalysisResult &result);
} // namespace AnalysisJson

} // namespace strata
