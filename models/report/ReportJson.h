#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

#include <QByteArray>

namespace strata {

// The incident report for machines: the `strata analyze` JSON document
// (docs/analysis-json.md, unchanged) with one more member, "report": the
// investigator's sections, every finding's note and mark, the key moments
// with their events, and the sources with their SHA-256.
namespace ReportJson {
QByteArray write(const AnalysisResult &result, const ReportOptions &options);
}

} // namespace strata
