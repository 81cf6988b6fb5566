#include "ReportPdf.h"

#include "core/BuildInfo.h"
#include "report/ReportHtml.h"
#include "report/ReportTablePages.h"
#include "report/ReportTables.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QThread>

#include <algorithm>
#include <atomic>

#include <memory>
#include <vector>

namespace strata::ReportPdf {

namespace {
constexpr int dpi = 300; // text is vector at any resolution; this is the layout's unit
constexpr qreal footerMm = 8;
constexpr int pieceSize = 200000; // characters of HTML: a few dozen pages
} // namespace

bool write(const AnalysisResult &result, const ReportOptions &options, QIODevice *device, QString *error)
{
    QPdfWriter writer(device);
    writer.setResolution(dpi);
    writer.setPageSize(QPageSize(options.pageSize));
    writer.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter);
    const QString title = result.caseFile.title.isEmpty() ? QStringLiteral("Incident report") : result.caseFile.title;
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Strata %1").arg(BuildInfo::version()));

    const QRect paintRect = writer.pageLayout().paintRectPixels(dpi);
    const qreal footer = footerMm / 25.4 * dpi;
    const QSizeF body(paintRect.width(), paintRect.height() - footer);

    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9.5);
    font.setHintingPreference(QFont::PreferNoHinting); // print: the design's shapes, not the screen's grid
    QImage chart;
    if (!options.chartPng.isEmpty())
        chart = QImage::fromData(options.chartPng, "PNG");
    // Laid out in pieces: Qt's text layout and drawing grow faster than the
    // document, so a report of hundreds of pages is many small documents,
    // each starting on a new page; the disagreeing fields' tables are one
    // piece of their own, painted below the piece before them.
    const QList<ReportHtml::PrintPiece> pieces
        = ReportHtml::printPieces(result, options, int(body.width() * 96.0 / dpi), pieceSize);
    std::vector<std::unique_ptr<QTextDocument>> docs(size_t(pieces.size()));
    QThread *const drawingThread = QThread::currentThread();
    std::atomic<qsizetype> next { 0 };
    const auto read = [&] {
        for (qsizetype i = next++; i < pieces.size(); i = next++) {
            if (pieces.at(i).differenceTables)
                continue;
            // Read here, laid out on the drawing thread: the layout's fonts
            // belong to the thread that shapes the text. documentLayout() is
            // not called here, so no layout exists yet.
            auto doc = std::make_unique<QTextDocument>();
            doc->setDefaultFont(font);
            doc->setDocumentMargin(0);
            doc->setUseDesignMetrics(true);
            if (!chart.isNull())
                doc->addResource(QTextDocument::ImageResource, QUrl(ReportHtml::chartResource), chart);
            doc->setHtml(pieces.at(i).html);
            doc->moveToThread(drawingThread);
            docs[size_t(i)] = std::move(doc);
        }
    };
    // Pieces are read in parallel; laid out and drawn in order on this thread.
    // QThreads, not std::threads: a QTextDocument may start timers, which need Qt's event dispatcher.
    std::vector<std::unique_ptr<QThread>> helpers;
    // Only a long report is worth a thread: a short one has a piece or two
    // of rich text (before and after the tables) that read in milliseconds.
    const qsizetype htmlPieces = std::count_if(
        pieces.cbegin(), pieces.cend(), [](const ReportHtml::PrintPiece &p) { return !p.differenceTables; });
    const qsizetype threads
        = htmlPieces > 2 ? std::min<qsizetype>(std::max(1, QThread::idealThreadCount()), htmlPieces) : 1;
    for (qsizetype t = 1; t < threads; ++t) {
        helpers.emplace_back(QThread::create(read));
        helpers.back()->start();
    }
    // The disagreeing fields' tables are painted, not rich text: laid out here meanwhile.
    std::unique_ptr<ReportTablePages> tables;
    if (htmlPieces < pieces.size())
        tables = std::make_unique<ReportTablePages>(
            ReportHtml::differencesTitle, ReportTables::differences(result), body, &writer, font);
    read();
    for (const auto &t : helpers)
        t->wait();
    // The tables go on below the piece before them, on its last page.
    const auto sharesPage = [&](size_t i) { return !docs[i] && i > 0; };
    int pages = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
        if (docs[i]) {
            docs[i]->documentLayout()->setPaintDevice(&writer);
            docs[i]->setPageSize(body);
            pages += docs[i]->pageCount();
            continue;
        }
        qreal top = 0;
        if (sharesPage(i)) {
            const QTextDocument &before = *docs[i - 1];
            const qreal end = before.documentLayout()->blockBoundingRect(before.lastBlock()).bottom();
            top = std::clamp(end - (before.pageCount() - 1) * body.height(), 0.0, body.height());
        }
        tables->paginate(top);
        pages += tables->pageCount() - (sharesPage(i) ? 1 : 0);
    }

    QPainter painter;
    if (!painter.begin(&writer)) {
        *error = QStringLiteral("the PDF could not be started");
        return false;
    }
    QFont footerFont = font;
    footerFont.setPointSizeF(8);
    int page = 0;
    // A new page, its footer drawn first.
    const auto startPage = [&] {
        if (page > 0 && !writer.newPage()) {
            *error = QStringLiteral("page %1 could not be added").arg(page + 1);
            return false;
        }
        ++page;
        painter.setFont(footerFont);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRectF foot(0, body.height(), body.width(), footer);
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignBottom | Qt::TextSingleLine,
            painter.fontMetrics().elidedText(title, Qt::ElideRight, int(body.width() * 0.7)));
        painter.drawText(foot, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("Page %1 of %2").arg(page).arg(pages));
        return true;
    };
    for (size_t p = 0; p < docs.size(); ++p) {
        QTextDocument *doc = docs[p].get();
        const int count = doc ? doc->pageCount() : tables->pageCount();
        for (int i = 0; i < count; ++i) {
            if (!(i == 0 && sharesPage(p)) && !startPage())
                return false;
            painter.save();
            if (doc) {
                painter.translate(0, -i * body.height());
                doc->drawContents(&painter, QRectF(QPointF(0, i * body.height()), body));
            } else {
                tables->drawPage(&painter, i);
            }
            painter.restore();
        }
    }
    if (!painter.end()) {
        *error = QStringLiteral("the PDF could not be finished");
        return false;
    }
    return true;
}

} // namespace strata::ReportPdf
