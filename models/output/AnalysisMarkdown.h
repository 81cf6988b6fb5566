#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>

namespace strata {

// `strata analyze --format markdown`: the analysis as a report a team can
// read in a ticket or a wiki, raw or rendered. Names, paths and values are in
// code spans (MarkdownText), so a hostile value cannot inject markup, links or
// HTML; the plan's commands are fenced `sh` blocks.
namespace AnalysisMarkdown {
// How many evidence lines a finding shows in a report (the rules put the decisive ones first).
constexpr qsizetype evidenceShown = 8;
QByteArray write(const AnalysisResult &result);
// One cell of the disagreeing-fields table: the value in a code span, or
// why there is none ("not read", "not in evidence", a secret's fingerprint).
QString diffCell(const ResourceDiff &resource, const FieldDiff &field, Column column);
// A finding's evidence as a list: the first (most decisive) lines, then "and
// N more" saying where the rest are (`restAt`); "" without evidence.
QString evidenceList(const Finding &finding, const QString &restAt);
} // namespace AnalysisMarkdown

} // namespace strata
