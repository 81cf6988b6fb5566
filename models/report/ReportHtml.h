#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace strata {

// The incident report as one self-contained HTML file: the same sections in
// the same order as the Markdown report, CSS inline, the chart embedded as
// a data: image, readable printed (headers of long tables repeat, rows do
// not split). Everything from the evidence and the investigator is escaped:
// a value `<img src=x onerror=…>` is shown as text, never run.
namespace ReportHtml {
QByteArray write(const AnalysisResult &result, const ReportOptions &options);

// The same report in the subset Qt's rich text reads (QTextDocument), for
// the PDF: the chart named `chartResource` (the caller adds the image) and
// drawn `chartWidth` CSS pixels (1/96 inch) wide.
inline const QString chartResource = QStringLiteral("strata-report-chart.png");
QString richText(const AnalysisResult &result, const ReportOptions &options, int chartWidth);
// The same in pieces of at least `pieceSize` characters, each a whole
// document, split only between findings, between the disagreeing
// resources' tables and before the later sections (a long PDF is laid out
// piece by piece, each piece from a new page).
QStringList richTextPieces(const AnalysisResult &result, const ReportOptions &options, int chartWidth, int pieceSize);
} // namespace ReportHtml

} // namespace strata
