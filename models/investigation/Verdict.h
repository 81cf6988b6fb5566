#pragma once

#include "investigation/AnalysisResult.h"

namespace strata {

// What an analysis amounts to, in one sentence, for the window's status bar,
// the Findings panel and the written outputs. Never says the columns agree
// unless every column the case has was read and compared.
namespace Verdict {
// Shown instead of the findings when there are none.
QString noFindings(const AnalysisResult &result);
// "3 findings · 1 of 4 resources differ · 3 not compared in every column".
QString headline(const AnalysisResult &result);
// The columns the case has evidence for, in words: "code, state and live".
QString columnsCompared(const AnalysisResult &result);
} // namespace Verdict

} // namespace strata
