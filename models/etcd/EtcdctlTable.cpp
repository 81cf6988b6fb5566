#include "EtcdctlTable.h"

namespace strata {

namespace {

bool isBorder(QStringView line)
{
    if (!line.startsWith(QLatin1Char('+')))
        return false;
    for (const QChar c : line) {
        if (c != QLatin1Char('+') && c != QLatin1Char('-') && c != QLatin1Char('=') && !c.isSpace())
            return false;
    }
    return true;
}

QString normaliseHeader(const QString &text)
{
    QString h = text.toUpper();
    h.replace(QLatin1Char('_'), QLatin1Char(' '));
    return h.simplified();
}

// Splits "| a | b |" on '|'. Leading blanks are part of the column count.
QList<EtcdctlTable::Cell> splitOnBars(const QString &text)
{
    QList<EtcdctlTable::Cell> cells;
    qsizetype start = text.indexOf(QLatin1Char('|'));
    if (start < 0)
        return cells;
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    const bool closed = end > start + 1 && text.at(end - 1) == QLatin1Char('|');
    if (closed)
        --end;
    qsizetype pos = start + 1;
    while (pos <= end) {
        qsizetype bar = text.indexOf(QLatin1Char('|'), pos);
        if (bar < 0 || bar > end)
            bar = end;
        qsizetype first = pos;
        while (first < bar && text.at(first).isSpace())
            ++first;
        qsizetype last = bar;
        while (last > first && text.at(last - 1).isSpace())
            --last;
        cells.append({ text.mid(first, last - first), int(first) + 1 });
        pos = bar + 1;
        if (bar == end)
            break;
    }
    return cells;
}

// Splits a row at the '+' positions of the border, for cells that contain '|'.
QList<EtcdctlTable::Cell> splitOnBorder(const QString &text, const QList<qsizetype> &plusPositions)
{
    QList<EtcdctlTable::Cell> cells;
    for (qsizetype i = 0; i + 1 < plusPositions.size(); ++i) {
        const qsizetype from = plusPositions.at(i) + 1;
        const qsizetype to = qMin(plusPositions.at(i + 1), text.size());
        if (from > text.size())
            return {};
        qsizetype first = from;
        while (first < to && text.at(first).isSpace())
            ++first;
        qsizetype last = to;
        while (last > first && text.at(last - 1).isSpace())
            --last;
        cells.append({ text.mid(first, last - first), int(first) + 1 });
    }
    return cells;
}

} // namespace

EtcdctlTable EtcdctlTable::read(const QList<SourceLine> &lines, const QString &file, QList<Diagnostic> *diagnostics)
{
    EtcdctlTable table;
    QList<qsizetype> plusPositions;
    qsizetype i = 0;
    // The header sits between the first two borders; a table pasted without its
    // top border starts with the header row.
    while (i < lines.size() && isBorder(QStringView(lines.at(i).text).trimmed()))
        ++i;
    if (i > 0) {
        const QString &border = lines.at(i - 1).text;
        for (qsizetype p = 0; p < border.size(); ++p) {
            if (border.at(p) == QLatin1Char('+'))
                plusPositions.append(p);
        }
    }
    // Normally the header sits between the first two borders and may wrap over
    // a few lines; when the second border is missing, only one line is header.
    qsizetype headerEnd = i + 1;
    if (!plusPositions.isEmpty()) {
        qsizetype k = i;
        while (k < lines.size() && k < i + 5 && !isBorder(QStringView(lines.at(k).text).trimmed()))
            ++k;
        if (k < lines.size() && k < i + 5 && isBorder(QStringView(lines.at(k).text).trimmed()))
            headerEnd = k;
    }
    QList<QStringList> headerParts;
    for (; i < headerEnd && i < lines.size(); ++i) {
        const auto cells = splitOnBars(lines.at(i).text);
        if (table.headerLine == 0)
            table.headerLine = lines.at(i).line;
        if (headerParts.isEmpty())
            headerParts.resize(cells.size());
        for (qsizetype c = 0; c < cells.size() && c < headerParts.size(); ++c) {
            if (!cells.at(c).text.isEmpty())
                headerParts[c].append(cells.at(c).text);
        }
    }
    for (const QStringList &parts : std::as_const(headerParts))
        table.headers.append(normaliseHeader(parts.join(QLatin1Char(' '))));
    if (table.headers.isEmpty())
        return table;

    for (; i < lines.size(); ++i) {
        const SourceLine &source = lines.at(i);
        if (isBorder(QStringView(source.text).trimmed()))
            continue;
        QList<Cell> cells = splitOnBars(source.text);
        if (cells.size() != table.headers.size() && plusPositions.size() == table.headers.size() + 1)
            cells = splitOnBorder(source.text, plusPositions);
        if (cells.size() != table.headers.size()) {
            if (diagnostics) {
                diagnostics->append(Diagnostic::error(file, source.line, 1,
                    QStringLiteral("table row has %1 cells but the header has %2; row skipped")
                        .arg(cells.size())
                        .arg(table.headers.size())));
            }
            continue;
        }
        bool anyText = false;
        for (const Cell &c : std::as_const(cells))
            anyText = anyText || !c.text.isEmpty();
        if (!anyText)
            continue;
        // tablewriter wraps long cells onto extra lines whose other cells are
        // empty; the first column (endpoint or id) never wraps.
        if (cells.first().text.isEmpty() && !table.rows.isEmpty()) {
            Row &previous = table.rows.last();
            for (qsizetype c = 0; c < cells.size(); ++c) {
                if (cells.at(c).text.isEmpty())
                    continue;
                Cell &target = previous.cells[c];
                if (target.text.isEmpty())
                    target = cells.at(c);
                else
                    target.text += QLatin1Char(' ') + cells.at(c).text;
            }
            continue;
        }
        table.rows.append({ cells, source.line });
    }
    return table;
}

} // namespace strata
