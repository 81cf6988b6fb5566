#pragma once

#include "investigation/AnalysisResult.h"
#include "report/ReportOptions.h"

#include <QStringList>

#include <optional>

namespace strata {

enum class ReportFormat { Markdown, Html, Pdf, Json, Bundle };

// Writes an incident report to a file in the format its extension names
// (.md .html .pdf .json .zip). Every file is written whole or not at all
// (QSaveFile); a failed export leaves no half-written file and never
// touches the case. Markdown writes the chart beside the report as
// "<name>.chart.png" and links it.
namespace ReportExport {
std::optional<ReportFormat> formatFor(const QString &path);
QString formatName(ReportFormat format);
// The extensions, for messages and file dialogs: ".md, .html, .pdf, .json or .zip".
QString extensionsText();
// A4, or Letter where this locale's printers use it (the Americas' Letter countries).
QPageSize::PageSizeId defaultPageSize();
// The Markdown report's chart file beside `reportPath`.
QString chartPathFor(const QString &reportPath);

struct Result
{
    QStringList written; // the files written, the report first
    QString error; // "" when written
    bool ok() const { return error.isEmpty(); }
};
Result write(const AnalysisResult &result, const ReportOptions &options, const QString &path);
// One format in memory (not the bundle): what write() puts in the file.
QByteArray bytes(ReportFormat format, const AnalysisResult &result, const ReportOptions &options, QString *error);
} // namespace ReportExport

} // namespace strata
