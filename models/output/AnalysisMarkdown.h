#pragma once

#include "investigation/AnalysisResult.h"

#include <QByteArray>

namespace strata {

// `strata analyze --format markdown`: the analysis as a report a team can
// read in a ticket or a wiki. Everything that came from evidence is escaped,
// so a hostile value cannot inject markup, links or HTML.
namespace AnalysisMarkdown {
QByteArray write(const AnalysisResult &result);
// Escapes Markdown and HTML metacharacters; newlines become spaces (tables).
QString escape(const QString &untrusted);
} // namespace AnalysisMarkdown

} // namespace strata
