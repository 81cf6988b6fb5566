// File ▸ Export Report…: the preview, then the report written off the GUI
// thread in the format the file's extension names; a bundle (.zip) opened
// as a case. The writing itself is models/report (ReportExport).
#include "MainWindow.h"

#include "ReportChart.h"
#include "ReportPreviewDialog.h"

#include "ReportEditor.h"

#include "case/CaseFileWriter.h"
#include "core/JobRunner.h"
#include "output/OutputTarget.h"
#include "report/ReportExport.h"
#include "report/ReportHtml.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTime>
#include <QTimer>

using namespace strata;

ReportOptions MainWindow::reportOptions(const QByteArray &chartPng) const
{
    ReportOptions options;
    options.generatedAt = QDateTime::currentDateTimeUtc();
    options.pageSize = ReportExport::defaultPageSize();
    // Drawn here, on the GUI thread (widgets), unless the preview drew it already.
    options.chartPng = chartPng.isEmpty() ? ReportChart::png(*m_analysis) : chartPng;
    return options;
}

AnalysisResult MainWindow::reportedAnalysis() const
{
    AnalysisResult result = *m_analysis;
    if (m_case)
        result.caseFile.report = m_case->report;
    return result;
}

void MainWindow::reportSectionsEdited()
{
    if (!m_case)
        return;
    m_case->report = m_reportEditor->sections();
    m_reportEdited = true;
    m_reportSaveTimer->start();
}

void MainWindow::saveReportSections()
{
    if (!m_case)
        return;
    // A bundle's case lives in the cache and a built-in or new case has no
    // file of its own: the text stays in the window (marked unsaved) until Save As.
    if (m_caseFromBundle || !m_case->hasOwnFile()) {
        setWindowModified(true);
        m_reportEditor->setStatusMessage(m_caseFromBundle
                ? QStringLiteral("Not saved: this case was opened from a bundle. File ▸ Save As… keeps "
                                 "what you write with a copy of the case.")
                : QStringLiteral("Not saved yet: File ▸ Save (Ctrl+S) gives the case a file to keep "
                                 "what you write."));
        return;
    }
    const QString error = CaseFileWriter::saveReport(m_case->filePath, m_case->report);
    if (!error.isEmpty()) {
        setWindowModified(true);
        m_reportEditor->setStatusMessage(QStringLiteral("Not saved: %1").arg(error));
        return;
    }
    m_reportEditor->setStatusMessage(
        QStringLiteral("Saved to %1 at %2")
            .arg(QFileInfo(m_case->filePath).fileName(), QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

void MainWindow::exportReport()
{
    if (!m_analysis || !m_case)
        return;
    const ReportOptions options = reportOptions();
    const AnalysisResult reported = reportedAnalysis();
    const QString folder = m_case->hasOwnFile() ? QFileInfo(m_case->filePath).path() : QDir::homePath();
    const QString base = m_case->hasOwnFile() ? QFileInfo(m_case->filePath).completeBaseName() : QStringLiteral("case");
    ReportPreviewDialog dialog(ReportHtml::richText(reported, options, 760), options.chartPng,
        QDir(folder).filePath(base + QStringLiteral("-report.pdf")), options.pageSize, this);
    if (dialog.exec() != QDialog::Accepted || dialog.chosenPath().isEmpty())
        return;
    exportReportTo(dialog.chosenPath(), dialog.pageSize(), options.chartPng);
}

void MainWindow::exportReportTo(const QString &path, QPageSize::PageSizeId pageSize, const QByteArray &chartPng)
{
    if (!m_analysis || !m_case)
        return;
    // As `strata report --output`: never the case or its evidence, nothing but a regular file replaced.
    QString problem = outputTargetProblem(path, *m_case);
    if (problem.isEmpty() && !ReportExport::formatFor(path))
        problem = QStringLiteral("name the file %1").arg(ReportExport::extensionsText());
    if (!problem.isEmpty()) {
        statusBar()->showMessage(QStringLiteral("Report not written: %1: %2").arg(path, problem), 10000);
        QMessageBox::warning(this, QStringLiteral("Export Report"), QStringLiteral("%1: %2").arg(path, problem));
        return;
    }
    ReportOptions options = reportOptions(chartPng);
    options.pageSize = pageSize;
    statusBar()->showMessage(QStringLiteral("Writing the report to %1…").arg(path));
    const AnalysisResult result = reportedAnalysis();
    m_jobs->start<ReportExport::Result>(
        QStringLiteral("export-report"),
        [result, options, path](const JobContext &) { return ReportExport::write(result, options, path); },
        [this](const ReportExport::Result &written) {
            if (!written.ok()) {
                statusBar()->showMessage(QStringLiteral("Report not written: %1").arg(written.error), 10000);
                QMessageBox::warning(this, QStringLiteral("Export Report"), written.error);
                return;
            }
            statusBar()->showMessage(QStringLiteral("Report written: %1%2")
                                         .arg(written.written.first(),
                                             m_analysis && !m_analysis->completeness.isComplete()
                                                 ? QStringLiteral(" (the analysis is incomplete; the report says so)")
                                                 : QString()),
                10000);
            Q_EMIT reportExported(written.written.first());
        });
}
