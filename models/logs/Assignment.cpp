#include "Assignment.h"

namespace strata {

namespace {

constexpr qsizetype maxScanned = 64 * 1024;
constexpr qsizetype maxKey = 128;
constexpr qsizetype maxQuotedValue = 4096;
constexpr int maxAssignments = 256;

bool isKeyStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isKeyChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-');
}

bool isQuote(QChar c)
{
    return c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`');
}

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

// snake_case, dotted.path, kebab-case, has digits, or camelCase: not an English word.
bool isCodeLike(QStringView key)
{
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-') || c.isDigit())
            return true;
        if (i > 0 && c.isUpper() && key.at(i - 1).isLower())
            return true;
    }
    return false;
}

// A value that reads as data rather than the next word of a sentence.
bool isScalarLike(QStringView value, bool quoted)
{
    if (quoted)
        return true;
    if (value.isEmpty())
        return false;
    static const char *const words[] = { "true", "false", "null", "nil", "none", "yes", "no", "on", "off" };
    for (const char *w : words) {
        if (value.compare(QLatin1String(w), Qt::CaseInsensitive) == 0)
            return true;
    }
    const QChar first = value.at(0);
    if (first.isDigit())
        return true;
    return (first == QLatin1Char('-') || first == QLatin1Char('+')) && value.size() > 1 && value.at(1).isDigit();
}

} // namespace

QList<Assignment> extractAssignments(QStringView message)
{
    QList<Assignment> result;
    const QStringView text = message.left(maxScanned);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n && result.size() < maxAssignments) {
        const QChar c = text.at(i);
        const QChar previous = i > 0 ? text.at(i - 1) : QLatin1Char(' ');
        const bool boundary = !isKeyChar(previous) && previous != QLatin1Char('/') && previous != QLatin1Char(':')
            && previous != QLatin1Char('=') && !isQuote(previous);
        if (!boundary || (!isKeyStart(c) && !isQuote(c))) {
            ++i;
            continue;
        }
        Assignment a;
        a.offset = i;
        qsizetype pos = i;
        // "set foo_bar to 3"
        bool setForm = false;
        if (text.mid(i, 4).compare(QLatin1String("set "), Qt::CaseInsensitive) == 0) {
            setForm = true;
            pos = i + 4;
            a.offset = pos;
        }
        qsizetype keyStart = pos;
        QChar quote;
        if (pos < n && isQuote(text.at(pos))) {
            quote = text.at(pos);
            a.keyQuoted = true;
            ++keyStart;
        }
        if (keyStart >= n || !isKeyStart(text.at(keyStart))) {
            i = keyStart + 1;
            continue;
        }
        qsizetype keyEnd = keyStart;
        while (keyEnd < n && keyEnd - keyStart <= maxKey
            && (isKeyChar(text.at(keyEnd)) || (a.keyQuoted && text.at(keyEnd) == QLatin1Char('/'))))
            ++keyEnd;
        pos = keyEnd;
        if (a.keyQuoted) {
            if (pos >= n || text.at(pos) != quote) {
                i = keyEnd;
                continue;
            }
            ++pos;
        }
        a.key = text.mid(keyStart, keyEnd - keyStart).toString();
        // Trailing dots and dashes belong to the sentence, not the key.
        while (!a.keyQuoted && (a.key.endsWith(QLatin1Char('.')) || a.key.endsWith(QLatin1Char('-')))) {
            a.key.chop(1);
            --keyEnd;
            pos = keyEnd;
        }
        const auto skipBlanks = [&](qsizetype p) {
            while (p < n && isBlank(text.at(p)))
                ++p;
            return p;
        };
        const qsizetype afterKey = skipBlanks(pos);
        const bool spaceBefore = afterKey > pos;
        pos = afterKey;
        enum class Op { None, Equals, Colon, To } op = Op::None;
        if (setForm) {
            if (text.mid(pos, 3).compare(QLatin1String("to "), Qt::CaseInsensitive) == 0) {
                op = Op::To;
                pos += 2;
            }
        } else if (pos + 1 < n && text.at(pos) == QLatin1Char(':') && text.at(pos + 1) == QLatin1Char('=')) {
            op = Op::Equals;
            pos += 2;
        } else if (pos < n && text.at(pos) == QLatin1Char('=')) {
            if (pos + 1 < n && text.at(pos + 1) == QLatin1Char('=')) {
                i = pos + 2; // a comparison, not an assignment
                continue;
            }
            op = Op::Equals;
            ++pos;
        } else if (pos < n && text.at(pos) == QLatin1Char(':')) {
            if (pos + 1 < n && (text.at(pos + 1) == QLatin1Char('/') || text.at(pos + 1) == QLatin1Char(':'))) {
                i = pos + 1;
                continue;
            }
            op = Op::Colon;
            ++pos;
        }
        if (op == Op::None) {
            i = keyEnd > i ? keyEnd : i + 1;
            continue;
        }
        const qsizetype valueStart = skipBlanks(pos);
        const bool spaceAfter = valueStart > pos;
        pos = valueStart;
        qsizetype valueEnd = pos;
        if (pos < n && isQuote(text.at(pos))) {
            const QChar q = text.at(pos);
            qsizetype close = pos + 1;
            while (close < n && close - pos <= maxQuotedValue && text.at(close) != q
                && text.at(close) != QLatin1Char('\n'))
                ++close;
            if (close < n && text.at(close) == q) {
                a.value = text.mid(pos + 1, close - pos - 1).toString();
                a.valueQuoted = true;
                valueEnd = close + 1;
            }
        }
        if (!a.valueQuoted) {
            while (valueEnd < n && !text.at(valueEnd).isSpace() && text.at(valueEnd) != QLatin1Char(',')
                && text.at(valueEnd) != QLatin1Char(';') && text.at(valueEnd) != QLatin1Char(')')
                && text.at(valueEnd) != QLatin1Char(']') && text.at(valueEnd) != QLatin1Char('}')
                && text.at(valueEnd) != QLatin1Char('&'))
                ++valueEnd;
            QStringView value = text.mid(pos, valueEnd - pos);
            while (!value.isEmpty()
                && (value.endsWith(QLatin1Char('.')) || value.endsWith(QLatin1Char(':'))
                    || value.endsWith(QLatin1Char('!')) || value.endsWith(QLatin1Char('?'))))
                value.chop(1);
            a.value = value.toString();
        }
        const bool codeKey = a.keyQuoted || isCodeLike(a.key);
        bool accept = !a.value.isEmpty() || a.valueQuoted;
        if (a.value.startsWith(QLatin1String("//")))
            accept = false;
        switch (op) {
        case Op::Equals:
            if ((spaceBefore || spaceAfter) && !codeKey && !isScalarLike(a.value, a.valueQuoted))
                accept = false;
            break;
        case Op::Colon:
            // "key: value" (YAML, JSON); "Error: connection refused" is prose.
            if (spaceBefore || (!codeKey && !isScalarLike(a.value, a.valueQuoted)))
                accept = false;
            if (!spaceAfter && !a.valueQuoted && !a.keyQuoted)
                accept = false; // "12:30", "host:port", "memberID:123"
            break;
        case Op::To:
            accept = accept && codeKey;
            break;
        case Op::None:
            break;
        }
        if (accept) {
            result.append(a);
            i = valueEnd > i ? valueEnd : i + 1;
        } else {
            i = keyEnd > i ? keyEnd : i + 1;
        }
    }
    return result;
}

} // namespace strata
