#include "ReportTablePages.h"

#include "core/ControlCharacters.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>
#include <numeric>

namespace strata {

namespace {
// The colours and spacing of the HTML report's tables (ReportHtml's CSS), in CSS pixels.
const QColor ink(0x1a, 0x1a, 0x1a);
const QColor ruleColour(0x99, 0x99, 0x99);
const QColor headerFill(0xe8, 0xe8, 0xe8);
constexpr qreal padX = 5;
constexpr qreal padY = 3;
constexpr qreal beforeHeading = 14;
constexpr qreal belowHeading = 6;
constexpr qreal afterTable = 14;
constexpr qreal belowTitle = 12;

qreal bottom(const QTextLayout &layout, int end)
{
    if (end <= 0)
        return 0;
    const QTextLine line = layout.lineAt(end - 1);
    return line.y() + line.height();
}
} // namespace

ReportTablePages::ReportTablePages(
    const QString &title, const QList<ReportTable> &tables, const QSizeF &body, QPaintDevice *device, const QFont &font)
    : m_body(body)
    , m_unit(device->logicalDpiY() / 96.0)
    , m_device(device)
{
    m_text = font;
    m_text.setPointSizeF(8.5);
    m_bold = m_text;
    m_bold.setBold(true);
    m_remark = m_text;
    m_remark.setItalic(true);
    m_code = QFont(QStringLiteral("DejaVu Sans Mono"));
    m_code.setStyleHint(QFont::Monospace);
    m_code.setHintingPreference(font.hintingPreference());
    m_code.setPointSizeF(8);
    m_headingFont = m_code;
    m_headingFont.setPointSizeF(10);
    m_headingFont.setBold(true);
    m_titleFont = font;
    m_titleFont.setPointSizeF(13);
    m_titleFont.setBold(true);

    m_title = laidOut(title, m_titleFont, m_body.width());
    for (const ReportTable &t : tables) {
        Table table;
        table.heading = laidOut(t.heading, m_headingFont, m_body.width());
        table.continuedHeading = laidOut(t.heading + QStringLiteral(" (continued)"), m_headingFont, m_body.width());
        qreal x = 0;
        const qreal total = std::max(1, std::accumulate(t.widths.begin(), t.widths.end(), 0));
        for (qsizetype c = 0; c < t.headers.size(); ++c) {
            table.columnX.push_back(x);
            // Columns without a width share what the widths leave.
            x += c < t.widths.size() ? m_body.width() * t.widths.at(c) / total
                                     : (m_body.width() - x) / qreal(t.headers.size() - c);
        }
        table.columnX.push_back(m_body.width());
        QList<ReportCell> headers;
        for (const QString &header : t.headers)
            headers.append({ header, ReportCell::Style::Text });
        table.header = laidOutRow(table, headers, true);
        table.rows.reserve(size_t(t.rows.size()));
        for (const QList<ReportCell> &cells : t.rows)
            table.rows.push_back(laidOutRow(table, cells, false));
        m_tables.push_back(std::move(table));
    }
}

ReportTablePages::~ReportTablePages() = default;

std::unique_ptr<QTextLayout> ReportTablePages::laidOut(const QString &text, const QFont &font, qreal width) const
{
    auto layout = std::make_unique<QTextLayout>(escapeControlCharacters(text), font, m_device);
    QTextOption option;
    // A value is often one long word (a hash, base64, a URL): break it anywhere rather than overflow.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    layout->setTextOption(option);
    layout->setCacheEnabled(true); // drawn once, right after: keep the shaped glyphs
    layout->beginLayout();
    qreal y = 0;
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(std::max(width, m_unit));
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout->endLayout();
    return layout;
}

ReportTablePages::Row ReportTablePages::laidOutRow(
    const Table &table, const QList<ReportCell> &cells, bool header) const
{
    Row row;
    const size_t columns = table.columnX.size() - 1;
    for (size_t c = 0; c < columns; ++c) {
        const ReportCell cell = qsizetype(c) < cells.size() ? cells.at(qsizetype(c)) : ReportCell {};
        const QFont &font = header                    ? m_bold
            : cell.style == ReportCell::Style::Code   ? m_code
            : cell.style == ReportCell::Style::Remark ? m_remark
                                                      : m_text;
        row.cells.push_back(laidOut(cell.text, font, table.columnX[c + 1] - table.columnX[c] - 2 * padX * m_unit));
        row.height = std::max(row.height, bottom(*row.cells.back(), row.cells.back()->lineCount()));
    }
    return row;
}

qreal ReportTablePages::padded(const Row &row) const
{
    return row.height + 2 * padY * m_unit;
}

void ReportTablePages::newPage()
{
    m_pages.emplace_back();
    m_y = 0;
}

void ReportTablePages::place(Placed item)
{
    item.y = m_y;
    m_y += item.height;
    m_pages.back().push_back(std::move(item));
}

void ReportTablePages::paginate(qreal firstPageTop)
{
    m_pages.clear();
    newPage();
    // The title stays with the first table's heading, header and first row.
    const qreal title = bottom(*m_title, m_title->lineCount()) + belowTitle * m_unit;
    m_y = firstPageTop > 0 ? firstPageTop + beforeHeading * m_unit : 0;
    if (!m_tables.empty() && m_y > 0 && title + beforeHeading * m_unit + keptTogether(m_tables.front()) > left())
        newPage();
    place({ Placed::Kind::Title, -1, -1, 0, title, {}, {} });
    for (int t = 0; t < int(m_tables.size()); ++t) {
        const Table &table = m_tables[size_t(t)];
        const qreal before = m_y > 0 ? beforeHeading * m_unit : 0;
        if (m_y > 0 && before + keptTogether(table) > left())
            newPage();
        else
            m_y += before;
        place({ Placed::Kind::Heading, t, -1, 0, headingHeight(*table.heading), {}, {} });
        placeRow(t, -1);
        for (int r = 0; r < int(table.rows.size()); ++r)
            placeRow(t, r);
        m_y += afterTable * m_unit;
    }
}

qreal ReportTablePages::headingHeight(const QTextLayout &heading) const
{
    return bottom(heading, heading.lineCount()) + belowHeading * m_unit;
}

qreal ReportTablePages::continuedOverhead(const Table &table) const
{
    return headingHeight(*table.continuedHeading) + padded(table.header);
}

// A heading stays with its header row and first row: the whole row when a
// page holds it, else the start of it (a row taller than a page is split anyway).
qreal ReportTablePages::keptTogether(const Table &table) const
{
    qreal first = table.rows.empty() ? 0 : padded(table.rows.front());
    if (first > m_body.height() - continuedOverhead(table))
        first = std::min(first, m_body.height() / 4);
    return headingHeight(*table.heading) + padded(table.header) + first;
}

// A new page within a table: its heading (continued) and its header again.
void ReportTablePages::continueTable(int t)
{
    newPage();
    place({ Placed::Kind::Heading, t, -2, 0, headingHeight(*m_tables[size_t(t)].continuedHeading), {}, {} });
    placeRow(t, -1);
}

void ReportTablePages::placeRow(int t, int r)
{
    const Table &table = m_tables[size_t(t)];
    const Row &row = r < 0 ? table.header : table.rows[size_t(r)];
    const Placed::Kind kind = r < 0 ? Placed::Kind::Header : Placed::Kind::Row;
    const size_t columns = row.cells.size();
    std::vector<int> ends(columns);
    for (size_t c = 0; c < columns; ++c)
        ends[c] = row.cells[c]->lineCount();
    const qreal whole = padded(row);
    if (r >= 0 && whole > left() && whole <= m_body.height() - continuedOverhead(table))
        continueTable(t);
    if (whole <= left() || r < 0) { // a header row is a line or two: never cut
        place({ kind, t, r, 0, whole, std::vector<int>(columns, 0), ends });
        return;
    }
    // Taller than a page: as many lines of each cell as the page holds, the rest on the next.
    std::vector<int> next(columns, 0);
    for (;;) {
        const qreal room = left() - 2 * padY * m_unit;
        std::vector<int> end = next;
        qreal height = 0;
        bool progress = false;
        for (size_t c = 0; c < columns; ++c) {
            const QTextLayout &cell = *row.cells[c];
            const qreal base = next[c] < ends[c] ? cell.lineAt(next[c]).y() : 0;
            while (end[c] < ends[c] && bottom(cell, end[c] + 1) - base <= room)
                ++end[c];
            progress = progress || end[c] > next[c];
            if (next[c] < ends[c]) // a cell already shown whole takes no room here
                height = std::max(height, bottom(cell, end[c]) - base);
        }
        if (!progress && m_pages.back().size() > 2) { // room for no line here: go on on a new page
            continueTable(t);
            continue;
        }
        if (!progress) { // not even one line fits a page: show a line each, cut at the page's foot
            for (size_t c = 0; c < columns; ++c)
                end[c] = std::min(next[c] + 1, ends[c]);
            height = room;
        }
        place({ kind, t, r, 0, height + 2 * padY * m_unit, next, end });
        next = end;
        if (next == ends)
            return;
        continueTable(t);
    }
}

void ReportTablePages::drawRow(QPainter *painter, const Placed &item) const
{
    const Table &table = m_tables[size_t(item.table)];
    const Row &row = item.kind == Placed::Kind::Header ? table.header : table.rows[size_t(item.row)];
    const QRectF whole(0, item.y, m_body.width(), item.height);
    if (item.kind == Placed::Kind::Header)
        painter->fillRect(whole, headerFill);
    painter->setPen(ink);
    for (size_t c = 0; c < row.cells.size(); ++c) {
        const QTextLayout &cell = *row.cells[c];
        if (item.firstLine[c] >= item.endLine[c])
            continue;
        const QPointF origin(
            table.columnX[c] + padX * m_unit, item.y + padY * m_unit - cell.lineAt(item.firstLine[c]).y());
        for (int i = item.firstLine[c]; i < item.endLine[c]; ++i)
            cell.lineAt(i).draw(painter, origin);
    }
    painter->setPen(QPen(ruleColour, 0.75 * m_unit));
    for (size_t c = 0; c + 1 < table.columnX.size(); ++c)
        painter->drawRect(QRectF(table.columnX[c], item.y, table.columnX[c + 1] - table.columnX[c], item.height));
}

void ReportTablePages::drawPage(QPainter *painter, int page) const
{
    painter->save();
    painter->setBrush(Qt::NoBrush);
    for (const Placed &item : m_pages[size_t(page)]) {
        switch (item.kind) {
        case Placed::Kind::Title:
            painter->setPen(ink);
            m_title->draw(painter, QPointF(0, item.y));
            painter->setPen(QPen(ruleColour, m_unit));
            painter->drawLine(QPointF(0, item.y + item.height - belowTitle * m_unit / 2),
                QPointF(m_body.width(), item.y + item.height - belowTitle * m_unit / 2));
            break;
        case Placed::Kind::Heading: {
            const Table &table = m_tables[size_t(item.table)];
            painter->setPen(ink);
            (item.row == -2 ? table.continuedHeading : table.heading)->draw(painter, QPointF(0, item.y));
            break;
        }
        case Placed::Kind::Header:
        case Placed::Kind::Row:
            drawRow(painter, item);
            break;
        }
    }
    painter->restore();
}

} // namespace strata
