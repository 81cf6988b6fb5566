#pragma once

#include <QDialog>
#include <QPageSize>

class QComboBox;
class QTextBrowser;

// File ▸ Export Report…: the report as it will read (the HTML report, laid
// out by Qt as the PDF is), the page size for the PDF, and Export…, which
// asks where and in which format (the file's extension: .pdf .html .md .json
// .zip). It only shows and asks; the window writes the file off the GUI thread.
class ReportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    // `richText`: ReportHtml::richText; `chartPng`: the chart it names (may be empty).
    ReportPreviewDialog(const QString &richText, const QByteArray &chartPng, const QString &suggestedPath,
        QPageSize::PageSizeId pageSize, QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }
    QPageSize::PageSizeId pageSize() const;
    // The file chosen with Export… ("" until then).
    QString chosenPath() const { return m_path; }
    // Where Export… writes when set (tests; no file dialog).
    void setPathForTesting(const QString &path) { m_testPath = path; }

private:
    void chooseFile();

    QTextBrowser *m_browser;
    QComboBox *m_pageSize;
    QString m_suggested;
    QString m_path;
    QString m_testPath;
};
