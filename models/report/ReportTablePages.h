#pragma once

#include "report/ReportTables.h"

#include <QFont>
#include <QSizeF>

#include <memory>
#include <vector>

class QPaintDevice;
class QPainter;
class QTextLayout;

namespace strata {

// Report tables painted on pages, for the PDF: a section title, then each
// table under its heading, its header row repeated on every page it spans.
// A row is kept whole on one page; only a row taller than a page continues
// on the next, line by line. A heading never ends a page: it moves to the
// next page with the table's first row. Qt's rich text lays a table of
// 10,000 rows out an order of magnitude slower than this, which only wraps
// each cell's text.
//
// The text is laid out on construction, for one device (its resolution
// sets the fonts' sizes), then paginated and drawn page by page, all on one
// thread (Qt's fonts belong to a thread).
class ReportTablePages
{
public:
    // `body`: a page's printable area in the device's pixels; `font`: the
    // report's text font (values take its monospaced sibling).
    ReportTablePages(const QString &title, const QList<ReportTable> &tables, const QSizeF &body, QPaintDevice *device,
        const QFont &font);
    ~ReportTablePages();
    ReportTablePages(const ReportTablePages &) = delete;
    ReportTablePages &operator=(const ReportTablePages &) = delete;

    // Places the tables on pages, the first starting `firstPageTop` down
    // (below what the page already holds); before this there are no pages.
    void paginate(qreal firstPageTop);
    int pageCount() const { return int(m_pages.size()); }
    // Draws page `page` with its top left at the painter's origin.
    void drawPage(QPainter *painter, int page) const;

private:
    struct Row
    {
        std::vector<std::unique_ptr<QTextLayout>> cells;
        qreal height = 0; // of the tallest cell's text, without padding
    };
    struct Table
    {
        std::unique_ptr<QTextLayout> heading;
        std::unique_ptr<QTextLayout> continuedHeading; // on the pages after its first
        std::vector<qreal> columnX; // each column's left edge, then the right edge
        Row header;
        std::vector<Row> rows;
    };
    // What one page shows: the title, a heading, or a row (header rows
    // included), from its line `firstLine[i]` to before `endLine[i]` in cell i.
    struct Placed
    {
        enum class Kind { Title, Heading, Header, Row } kind;
        int table = -1;
        int row = -1;
        qreal y = 0;
        qreal height = 0;
        std::vector<int> firstLine;
        std::vector<int> endLine;
    };

    std::unique_ptr<QTextLayout> laidOut(const QString &text, const QFont &font, qreal width) const;
    Row laidOutRow(const Table &table, const QList<ReportCell> &cells, bool header) const;
    qreal padded(const Row &row) const;
    qreal headingHeight(const QTextLayout &heading) const;
    qreal continuedOverhead(const Table &table) const;
    qreal keptTogether(const Table &table) const;
    void place(Placed item);
    void newPage();
    void continueTable(int table);
    qreal left() const { return m_body.height() - m_y; }
    void placeRow(int table, int row);
    void drawRow(QPainter *painter, const Placed &item) const;

    QSizeF m_body;
    QFont m_text;
    QFont m_bold;
    QFont m_code;
    QFont m_remark;
    QFont m_headingFont;
    QFont m_titleFont;
    qreal m_unit = 1; // a CSS pixel (1/96 inch) in the device's pixels
    QPaintDevice *m_device = nullptr; // where the text is laid out
    std::unique_ptr<QTextLayout> m_title;
    std::vector<Table> m_tables;
    std::vector<std::vector<Placed>> m_pages;
    qreal m_y = 0; // while paginating: where the next item goes on the last page
};

} // namespace strata
