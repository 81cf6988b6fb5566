#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

class QIODevice;

namespace strata {

// The incident report as a PDF, laid out by Qt (QTextDocument on a
// QPdfWriter): the HTML report's content on A4 or Letter pages
// (ReportOptions::pageSize), text as text (pdftotext reads it), the chart
// as a 3× image, tables broken across pages with their header repeated,
// and "page N of M" with the title at the foot of every page.
namespace ReportPdf {
// False with the reason when the device cannot be written.
bool write(const AnalysisResult &result, const ReportOptions &options, QIODevice *device, QString *error);
} // namespace ReportPdf

} // namespace strata
