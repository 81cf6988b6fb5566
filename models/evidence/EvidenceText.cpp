#include "EvidenceText.h"

#include "core/RegularFile.h"

#include <QFileInfo>

namespace strata {

EvidenceText readEvidenceText(const QString &path, qint64 limit)
{
    EvidenceText out;
    if (!path.startsWith(QLatin1Char(':')) && !QFileInfo::exists(path)) {
        out.error = QStringLiteral("%1: not found").arg(path);
        return out;
    }
    // The same safe read the importers use, keeping the start of a huge file.
    const FileContents file = readRegularFile(path, limit, OverLimit::Truncate);
    if (!file.ok()) {
        out.error = QStringLiteral("%1: %2").arg(path, file.error);
        return out;
    }
    out.truncated = file.truncated;
    out.text = QString::fromUtf8(file.bytes);
    return out;
}

QList<SourceLocation> secretLocations(const QList<ResourceDiff> &resources, const QString &file)
{
    QList<SourceLocation> found;
    for (const ResourceDiff &r : resources) {
        for (const FieldDiff &f : r.fields) {
            for (const DiffCell &cell : f.cells) {
                if (cell.present && cell.value.kind == FieldValue::Kind::Secret && cell.value.location.file() == file)
                    found.append(cell.value.location);
            }
        }
    }
    return found;
}

TextSpan valueSpanAt(const QString &line, int column)
{
    const int start = column - 1;
    if (start < 0 || start >= line.size())
        return { 0, int(line.size()) };
    const QChar quote = line.at(start);
    if (quote == QLatin1Char('"') || quote == QLatin1Char('\'')) {
        for (int i = start + 1; i < line.size(); ++i) {
            if (line.at(i) == QLatin1Char('\\') && quote == QLatin1Char('"')) {
                ++i;
                continue;
            }
            if (line.at(i) == quote)
                return { start, i - start + 1 };
        }
        return { start, int(line.size()) - start };
    }
    int end = start;
    while (end < line.size()) {
        const QChar c = line.at(end);
        if (c == QLatin1Char(',') || c == QLatin1Char('}') || c == QLatin1Char(']'))
            break;
        if (c == QLatin1Char('#') && end > start && line.at(end - 1).isSpace())
            break;
        ++end;
    }
    while (end > start && line.at(end - 1).isSpace())
        --end;
    return { start, end - start };
}

QString maskValues(QString text, const QList<SourceLocation> &locations)
{
    if (locations.isEmpty())
        return text;
    // Offsets of each line's start, computed once.
    QList<qsizetype> lineStarts { 0 };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n'))
            lineStarts.append(i + 1);
    }
    for (const SourceLocation &loc : locations) {
        if (loc.line < 1 || loc.line > lineStarts.size())
            continue;
        const qsizetype begin = lineStarts.at(loc.line - 1);
        const qsizetype end = loc.line < lineStarts.size() ? lineStarts.at(loc.line) - 1 : text.size();
        const QString line = text.mid(begin, end - begin);
        // Without a column the whole line goes: better too much hidden than a value shown.
        const TextSpan span = loc.column > 0 ? valueSpanAt(line, loc.column) : TextSpan { 0, int(line.size()) };
        for (int i = 0; i < span.length; ++i)
            text[begin + span.start + i] = QChar(0x2022);
    }
    return text;
}

} // namespace strata
