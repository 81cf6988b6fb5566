#include "ReportExport.h"

#include "report/ReportBundle.h"
#include "report/ReportHtml.h"
#include "report/ReportJson.h"
#include "report/ReportMarkdown.h"
#include "report/ReportPdf.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

namespace strata::ReportExport {

namespace {

QString save(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace

std::optional<ReportFormat> formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return ReportFormat::Markdown;
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return ReportFormat::Html;
    if (suffix == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    if (suffix == QLatin1String("json"))
        return ReportFormat::Json;
    if (suffix == QLatin1String("zip"))
        return ReportFormat::Bundle;
    return std::nullopt;
}

QString formatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Markdown:
        return QStringLiteral("Markdown");
    case ReportFormat::Html:
        return QStringLiteral("HTML");
    case ReportFormat::Pdf:
        return QStringLiteral("PDF");
    case ReportFormat::Json:
        return QStringLiteral("JSON");
    case ReportFormat::Bundle:
        break;
    }
    return QStringLiteral("evidence bundle");
}

QString extensionsText()
{
    return QStringLiteral(".md, .html, .pdf, .json or .zip");
}

QPageSize::PageSizeId defaultPageSize()
{
    const QLocale::Territory t = QLocale().territory();
    return t == QLocale::UnitedStates || t == QLocale::Canada || t == QLocale::Mexico || t == QLocale::Philippines
            || t == QLocale::Chile || t == QLocale::Colombia || t == QLocale::Venezuela
        ? QPageSize::Letter
        : QPageSize::A4;
}

QString chartPathFor(const QString &reportPath)
{
    const QFileInfo info(reportPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".chart.png"));
}

QByteArray bytes(ReportFormat format, const AnalysisResult &result, const ReportOptions &options, QString *error)
{
    switch (format) {
    case ReportFormat::Markdown:
        return ReportMarkdown::write(result, options);
    case ReportFormat::Html:
        return ReportHtml::write(result, options);
    case ReportFormat::Json:
        return ReportJson::write(result, options);
    case ReportFormat::Pdf: {
        QByteArray pdf;
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        if (!ReportPdf::write(result, options, &buffer, error))
            return {};
        return pdf;
    }
    case ReportFormat::Bundle:
        break;
    }
    *error = QStringLiteral("an evidence bundle is a set of files, not one document");
    return {};
}

Result write(const AnalysisResult &result, const ReportOptions &options, const QString &path)
{
    Result out;
    const auto format = formatFor(path);
    if (!format) {
        out.error = QStringLiteral("%1: name the report %2").arg(path, extensionsText());
        return out;
    }
    if (*format == ReportFormat::Bundle) {
        out.error = ReportBundle::write(result, options, path);
        if (out.ok())
            out.written.append(path);
        return out;
    }
    ReportOptions used = options;
    QString chartPath;
    bool chartExisted = false;
    if (*format == ReportFormat::Markdown && !options.chartPng.isEmpty()) {
        chartPath = chartPathFor(path);
        chartExisted = QFileInfo::exists(chartPath);
        used.chartImage = QFileInfo(chartPath).fileName();
        out.error = save(chartPath, options.chartPng);
        if (!out.ok())
            return out;
    }
    const QByteArray data = bytes(*format, result, used, &out.error);
    if (out.ok())
        out.error = save(path, data);
    if (!out.ok()) {
        if (!chartPath.isEmpty() && !chartExisted)
            QFile::remove(chartPath); // no chart left behind without its report
        return out;
    }
    out.written.append(path);
    if (!chartPath.isEmpty())
        out.written.append(chartPath);
    return out;
}

} // namespace strata::ReportExport
