#include "MarkdownText.h"

#include <algorithm>

namespace strata::MarkdownText {

namespace {

QString oneLine(const QString &text)
{
    QString out = text;
    out.replace(QLatin1String("\r\n"), QLatin1String(" "));
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    out.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return out;
}

qsizetype longestBacktickRun(const QString &text)
{
    qsizetype longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

bool isMarkupCharacter(QChar c)
{
    switch (c.unicode()) {
    case '_':
    case '*':
    case '<':
    case '>':
    case '[':
    case ']':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '~':
    case '&':
    case '#':
    case '=':
    case '/':
    case '`':
        return true;
    default:
        return false;
    }
}

// "=", "→", "—", "-": a word of these alone is prose, not a value.
bool isConnective(const QString &word)
{
    return std::all_of(word.cbegin(), word.cend(), [](QChar c) {
        return c == QLatin1Char('=') || c == QLatin1Char('-') || c == QChar(0x2192) || c == QChar(0x2014);
    });
}

bool needsCode(const QString &core)
{
    if (core.isEmpty() || isConnective(core))
        return false;
    if (core.size() >= 2 && core.startsWith(QLatin1Char('"')) && core.endsWith(QLatin1Char('"')))
        return true;
    return std::any_of(core.cbegin(), core.cend(), isMarkupCharacter);
}

QString word(const QString &token, bool inTable)
{
    // Sentence punctuation around a name stays prose: "(data.x," → "(`data.x`,".
    qsizetype begin = 0, end = token.size();
    while (begin < end && token.at(begin) == QLatin1Char('('))
        ++begin;
    while (end > begin && QStringLiteral(".,;:)!?").contains(token.at(end - 1)))
        --end;
    // "(q0.99)" and "(live):" need nothing; a ")" that belongs to the name stays with it.
    QString core = token.mid(begin, end - begin);
    if (!needsCode(core)) {
        if (inTable && token.contains(QLatin1Char('|')))
            return QString(token).replace(QLatin1Char('|'), QStringLiteral("\\|"));
        return token;
    }
    // Keep a closing parenthesis the name opened: "checkout_flow_version(x)".
    while (end < token.size() && token.at(end) == QLatin1Char(')')
        && core.count(QLatin1Char('(')) > core.count(QLatin1Char(')'))) {
        core += QLatin1Char(')');
        ++end;
    }
    return token.left(begin) + code(core, inTable) + token.mid(end);
}

} // namespace

QString code(const QString &text, bool inTable)
{
    QString content = oneLine(text);
    if (inTable)
        content.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    if (content.isEmpty())
        return QStringLiteral("` `");
    const QString fence(longestBacktickRun(content) + 1, QLatin1Char('`'));
    const bool pad = content.startsWith(QLatin1Char('`')) || content.endsWith(QLatin1Char('`'))
        || (content.startsWith(QLatin1Char(' ')) && content.endsWith(QLatin1Char(' ')));
    if (pad)
        return fence + QLatin1Char(' ') + content + QLatin1Char(' ') + fence;
    return fence + content + fence;
}

QString prose(const QString &text, bool inTable)
{
    const QString line = oneLine(text);
    QString out;
    out.reserve(line.size() + 16);
    qsizetype i = 0;
    bool first = true;
    while (i < line.size()) {
        if (line.at(i) == QLatin1Char(' ')) {
            out += QLatin1Char(' ');
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < line.size() && line.at(j) != QLatin1Char(' '))
            ++j;
        // A value the rules quote ("a b c") is one code span, spaces and all,
        // not one per word.
        const qsizetype wordEnd = j;
        if (line.at(i) == QLatin1Char('"')) {
            qsizetype close = -1;
            for (qsizetype k = i + 1; k < line.size(); ++k) {
                if (line.at(k) != QLatin1Char('"'))
                    continue;
                const bool endsWord = k + 1 == line.size() || line.at(k + 1) == QLatin1Char(' ')
                    || QStringLiteral(".,;:)!?").contains(line.at(k + 1));
                if (endsWord) {
                    close = k;
                    break;
                }
            }
            if (close > wordEnd) {
                j = close + 1;
                while (j < line.size() && line.at(j) != QLatin1Char(' '))
                    ++j;
            }
        }
        QString w = word(line.mid(i, j - i), inTable);
        // What would open a block at the start of a line: "- ", "+ ", "1. ", "> ", "# ".
        if (first && !w.startsWith(QLatin1Char('`'))) {
            if (QStringLiteral("-+*>#=").contains(w.at(0)))
                w.prepend(QLatin1Char('\\'));
            else if (w.at(0).isDigit()) {
                qsizetype d = 0;
                while (d < w.size() && w.at(d).isDigit())
                    ++d;
                if (d < w.size() && (w.at(d) == QLatin1Char('.') || w.at(d) == QLatin1Char(')')) && d + 1 == w.size())
                    w.insert(d, QLatin1Char('\\'));
            }
        }
        first = false;
        out += w;
        i = j;
    }
    return out;
}

QString fenced(const QString &language, const QStringList &lines, const QString &indent)
{
    qsizetype longest = 0;
    for (const QString &l : lines)
        longest = std::max(longest, longestBacktickRun(l));
    const QString fence(std::max<qsizetype>(3, longest + 1), QLatin1Char('`'));
    QString out = indent + fence + language + QLatin1Char('\n');
    for (const QString &l : lines)
        out += indent + oneLine(l) + QLatin1Char('\n');
    out += indent + fence + QLatin1Char('\n');
    return out;
}

QStringList commentLines(const QString &text, int width)
{
    QStringList out;
    QString current;
    for (const QString &w : oneLine(text).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!current.isEmpty() && current.size() + 1 + w.size() > width) {
            out.append(QStringLiteral("# ") + current);
            current.clear();
        }
        current += (current.isEmpty() ? QString() : QStringLiteral(" ")) + w;
    }
    if (!current.isEmpty())
        out.append(QStringLiteral("# ") + current);
    return out;
}

} // namespace strata::MarkdownText
