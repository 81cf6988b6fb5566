#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>

namespace strata {

// `strata analyze --format markdown`: the analysis as a report a team can
// read in a ticket or a wiki, raw or rendered. Names, paths and values are in
// code spans (MarkdownText), so a hostile value cannot inject markup, links or
// HTML; the plan's commands are fenced `sh` blocks.
namespace AnalysisMarkdown {
QByteArray write(const AnalysisResult &result);
} // namespace AnalysisMarkdown

} // namespace strata
