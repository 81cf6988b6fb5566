#include "ReportPreviewDialog.h"

#include "report/ReportHtml.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
// Each format by the extension that names it, the PDF first (what is printed and kept).
const QList<QPair<QString, QString>> formats { { QStringLiteral("PDF (*.pdf)"), QStringLiteral("pdf") },
    { QStringLiteral("HTML, one file (*.html)"), QStringLiteral("html") },
    { QStringLiteral("Markdown (*.md)"), QStringLiteral("md") },
    { QStringLiteral("JSON (*.json)"), QStringLiteral("json") },
    { QStringLiteral("Evidence bundle (*.zip)"), QStringLiteral("zip") } };
} // namespace

ReportPreviewDialog::ReportPreviewDialog(const QString &richText, const QByteArray &chartPng,
    const QString &suggestedPath, QPageSize::PageSizeId pageSize, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
    , m_pageSize(new QComboBox(this))
    , m_suggested(suggestedPath)
{
    setWindowTitle(QStringLiteral("Export Report"));
    setObjectName(QStringLiteral("reportPreviewDialog"));
    m_browser->setObjectName(QStringLiteral("reportPreview"));
    m_browser->setOpenLinks(false); // nothing in a report is followed from here
    if (!chartPng.isEmpty()) {
        const QImage chart = QImage::fromData(chartPng, "PNG");
        m_browser->document()->addResource(
            QTextDocument::ImageResource, QUrl(strata::ReportHtml::chartResource), chart);
    }
    m_browser->setHtml(richText);

    m_pageSize->setObjectName(QStringLiteral("reportPageSize"));
    m_pageSize->addItem(QStringLiteral("A4"), int(QPageSize::A4));
    m_pageSize->addItem(QStringLiteral("Letter"), int(QPageSize::Letter));
    m_pageSize->setCurrentIndex(pageSize == QPageSize::Letter ? 1 : 0);
    auto *pageLabel = new QLabel(QStringLiteral("PDF &page size:"), this);
    pageLabel->setBuddy(m_pageSize);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *exportButton = buttons->addButton(QStringLiteral("&Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("reportExportButton"));
    exportButton->setDefault(true);
    connect(exportButton, &QPushButton::clicked, this, &ReportPreviewDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(pageLabel);
    bottom->addWidget(m_pageSize);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(QStringLiteral("The report as it will read. The case's report: section holds what you write; the "
                                  "file's extension names the format."),
            this));
    layout->addWidget(m_browser, 1);
    layout->addLayout(bottom);
    resize(900, 760);
}

QPageSize::PageSizeId ReportPreviewDialog::pageSize() const
{
    return QPageSize::PageSizeId(m_pageSize->currentData().toInt());
}

void ReportPreviewDialog::chooseFile()
{
    QString path = m_testPath;
    if (path.isEmpty()) {
        QStringList filters;
        for (const auto &f : formats)
            filters.append(f.first);
        QString selected = filters.first();
        path = QFileDialog::getSaveFileName(
            this, QStringLiteral("Export Report"), m_suggested, filters.join(QStringLiteral(";;")), &selected);
        if (path.isEmpty())
            return;
        // No extension typed: the one of the format chosen in the dialog.
        if (QFileInfo(path).suffix().isEmpty()) {
            for (const auto &f : formats) {
                if (f.first == selected)
                    path += QLatin1Char('.') + f.second;
            }
        }
    }
    m_path = path;
    accept();
}
