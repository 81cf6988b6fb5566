#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

#include <QByteArray>
#include <QList>
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

// The report as the PDF prints it: whole rich-text documents of at least
// `pieceSize` characters, split only between findings and before the later
// sections, each printed from a new page (Qt's layout slows down with a
// document's size); and, in its place, a piece that stands for the
// disagreeing fields' tables, which the PDF paints itself
// (ReportTables::differences, under the heading `differencesTitle`).
struct PrintPiece
{
    QString html;
    bool differenceTables = false;
};
inline const QString differencesTitle = QStringLiteral("Where the system disagrees with itself");
QList<PrintPiece> printPieces(
    const AnalysisResult &result, const ReportOptions &options, int chartWidth, int pieceSize);
} // namespace ReportHtml

} // namespace strata
