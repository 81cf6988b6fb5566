#pragma once

#include "investigation/AnalysisResult.h"

#include "report/ReportOptions.h"

#include <QByteArray>

namespace strata {

// An incident report in Markdown (GitHub-flavoured tables), in the usual
// postmortem order: header (date, status, authors), summary, impact,
// timeline (key moments first), the findings with the investigator's notes,
// the disagreeing fields, the etcd members, the chart, root cause, trigger,
// resolution, detection, action items, lessons, and an appendix of sources
// with their SHA-256. The investigator's sections come from the case's
// `report:`; text from them and from the evidence is escaped (MarkdownText).
namespace ReportMarkdown {
QByteArray write(const AnalysisResult &result, const ReportOptions &options);
}

} // namespace strata
