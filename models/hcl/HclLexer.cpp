#include "HclLexer.h"

#include <algorithm>

namespace strata {

namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.isHighSurrogate();
}

bool isIdentPart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c.isSurrogate() || c.isMark();
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

int hexValue(QChar c)
{
    if (isDigit(c))
        return c.unicode() - '0';
    if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        return c.unicode() - 'a' + 10;
    if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
        return c.unicode() - 'A' + 10;
    return -1;
}

} // namespace

HclLexer::HclLexer(const QString &text)
    : m_text(text)
{
    // A byte-order mark is not content.
    if (m_text.startsWith(QChar(0xFEFF)))
        m_pos = 1;
}

HclLexer::HclLexer(const QString &text, qsizetype offset, int line, int column)
    : m_text(text)
    , m_pos(std::clamp<qsizetype>(offset, 0, text.size()))
    , m_line(line)
    , m_column(column)
    , m_atLineStart(column == 1)
{
}

void HclLexer::advance(qsizetype count)
{
    for (qsizetype i = 0; i < count && m_pos < m_text.size(); ++i) {
        const QChar c = m_text.at(m_pos++);
        if (c == QLatin1Char('\n')) {
            ++m_line;
            m_column = 1;
            m_atLineStart = true;
        } else {
            // Astral characters are one column, like the user sees them.
            if (!c.isLowSurrogate())
                ++m_column;
            m_atLineStart = false;
        }
    }
}

HclToken HclLexer::next()
{
    for (;;) {
        const QChar c = at(m_pos);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) {
            advance();
        } else if (c == QLatin1Char('#') || (c == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('/'))) {
            // The newline that ends a line comment still ends the line.
            while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('\n'))
                advance();
        } else if (c == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*')) {
            HclToken t { HclToken::Type::Invalid, QStringLiteral("unterminated comment"), m_line, m_column };
            const qsizetype end = m_text.indexOf(QLatin1String("*/"), m_pos + 2);
            if (end < 0) {
                advance(m_text.size() - m_pos);
                return t;
            }
            advance(end + 2 - m_pos);
        } else {
            break;
        }
    }

    HclToken t;
    t.line = m_line;
    t.column = m_column;
    t.offset = m_pos;
    if (m_pos >= m_text.size()) {
        t.type = HclToken::Type::Eof;
        return t;
    }
    const QChar c = m_text.at(m_pos);
    if (c == QLatin1Char('\n')) {
        advance();
        t.type = HclToken::Type::Newline;
        return t;
    }
    if (isIdentStart(c)) {
        const qsizetype start = m_pos;
        qsizetype end = m_pos + 1;
        while (end < m_text.size() && isIdentPart(m_text.at(end)))
            ++end;
        advance(end - start);
        t.type = HclToken::Type::Identifier;
        t.text = m_text.mid(start, end - start);
        return t;
    }
    if (isDigit(c)) {
        const qsizetype start = m_pos;
        qsizetype end = m_pos;
        while (isDigit(at(end)))
            ++end;
        if (at(end) == QLatin1Char('.') && isDigit(at(end + 1))) {
            ++end;
            while (isDigit(at(end)))
                ++end;
        }
        if (at(end) == QLatin1Char('e') || at(end) == QLatin1Char('E')) {
            qsizetype e = end + 1;
            if (at(e) == QLatin1Char('+') || at(e) == QLatin1Char('-'))
                ++e;
            if (isDigit(at(e))) {
                while (isDigit(at(e)))
                    ++e;
                end = e;
            }
        }
        advance(end - start);
        t.type = HclToken::Type::Number;
        t.text = m_text.mid(start, end - start);
        return t;
    }
    if (c == QLatin1Char('"')) {
        advance();
        t.type = HclToken::Type::OpenQuote;
        return t;
    }
    if (c == QLatin1Char('<') && at(m_pos + 1) == QLatin1Char('<')) {
        qsizetype p = m_pos + 2;
        const bool flush = at(p) == QLatin1Char('-');
        if (flush)
            ++p;
        const qsizetype idStart = p;
        if (isIdentStart(at(p))) {
            while (p < m_text.size() && isIdentPart(m_text.at(p)))
                ++p;
            const QString marker = m_text.mid(idStart, p - idStart);
            qsizetype q = p;
            while (at(q) == QLatin1Char('\r') || at(q) == QLatin1Char(' ') || at(q) == QLatin1Char('\t'))
                ++q;
            if (at(q) == QLatin1Char('\n')) {
                advance(q + 1 - m_pos);
                t.type = HclToken::Type::OpenHeredoc;
                t.text = marker;
                t.flush = flush;
                return t;
            }
        }
        advance(2);
        t.type = HclToken::Type::Invalid;
        t.text = QStringLiteral("invalid heredoc: `<<ID` must be followed by a newline");
        return t;
    }
    if (c == QLatin1Char('~') && at(m_pos + 1) == QLatin1Char('}')) {
        advance(2);
        t.type = HclToken::Type::CloseTemplate;
        t.text = QStringLiteral("~}");
        return t;
    }
    const char16_t c0 = c.unicode();
    const char16_t c1 = at(m_pos + 1).unicode();
    int length = 0;
    switch (c0) {
    case '.':
        length = (c1 == '.' && at(m_pos + 2) == QLatin1Char('.')) ? 3 : 1;
        break;
    case '=':
        length = (c1 == '>' || c1 == '=') ? 2 : 1;
        break;
    case '!':
    case '<':
    case '>':
        length = c1 == '=' ? 2 : 1;
        break;
    case '&':
        length = c1 == '&' ? 2 : 0;
        break;
    case '|':
        length = c1 == '|' ? 2 : 0;
        break;
    case '{':
    case '}':
    case '[':
    case ']':
    case '(':
    case ')':
    case ',':
    case ':':
    case '?':
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
        length = 1;
        break;
    default:
        break;
    }
    if (length > 0) {
        t.type = HclToken::Type::Punctuation;
        t.text = m_text.mid(m_pos, length);
        for (int i = 0; i < length; ++i)
            t.punct |= int(m_text.at(m_pos + i).unicode()) << (8 * i);
        advance(length);
        return t;
    }
    advance();
    if (c.isHighSurrogate() && at(m_pos).isLowSurrogate())
        advance();
    t.type = HclToken::Type::Invalid;
    t.text = QStringLiteral("invalid character '%1'").arg(c);
    return t;
}

bool HclLexer::heredocEndsHere(const QString &marker, qsizetype *endOfLine) const
{
    qsizetype p = m_pos;
    while (at(p) == QLatin1Char(' ') || at(p) == QLatin1Char('\t'))
        ++p;
    if (QStringView(m_text).mid(p, marker.size()) != marker)
        return false;
    p += marker.size();
    while (at(p) == QLatin1Char('\r') || at(p) == QLatin1Char(' ') || at(p) == QLatin1Char('\t'))
        ++p;
    if (p < m_text.size() && at(p) != QLatin1Char('\n'))
        return false;
    *endOfLine = p;
    return true;
}

HclTemplateToken HclLexer::nextTemplate(bool heredoc, const QString &marker)
{
    HclTemplateToken t;
    t.line = m_line;
    t.column = m_column;
    if (heredoc && m_atLineStart) {
        qsizetype endOfLine = 0;
        if (heredocEndsHere(marker, &endOfLine)) {
            advance(endOfLine - m_pos);
            t.type = HclTemplateToken::Type::End;
            return t;
        }
        t.lineStart = true;
    }
    const QChar c = at(m_pos);
    if (m_pos >= m_text.size()) {
        t.type = HclTemplateToken::Type::Unterminated;
        return t;
    }
    if ((c == QLatin1Char('$') || c == QLatin1Char('%')) && at(m_pos + 1) == QLatin1Char('{')) {
        if (t.lineStart) {
            // An empty literal marks where the line starts, for indent trimming.
            t.type = HclTemplateToken::Type::Literal;
            m_atLineStart = false;
            return t;
        }
        t.type = c == QLatin1Char('$') ? HclTemplateToken::Type::Interpolation : HclTemplateToken::Type::Directive;
        advance(2);
        if (at(m_pos) == QLatin1Char('~')) {
            t.strip = true;
            advance();
        }
        return t;
    }
    if (!heredoc && c == QLatin1Char('"')) {
        advance();
        t.type = HclTemplateToken::Type::End;
        return t;
    }
    if (!heredoc && (c == QLatin1Char('\n') || (c == QLatin1Char('\r') && at(m_pos + 1) == QLatin1Char('\n')))) {
        t.type = HclTemplateToken::Type::Unterminated;
        return t;
    }

    t.type = HclTemplateToken::Type::Literal;
    QString out;
    while (m_pos < m_text.size()) {
        const QChar ch = m_text.at(m_pos);
        const QChar nx = at(m_pos + 1);
        if ((ch == QLatin1Char('$') || ch == QLatin1Char('%')) && nx == QLatin1Char('{'))
            break;
        if ((ch == QLatin1Char('$') || ch == QLatin1Char('%')) && nx == ch && at(m_pos + 2) == QLatin1Char('{')) {
            out += ch;
            out += QLatin1Char('{');
            advance(3);
            continue;
        }
        if (heredoc) {
            advance();
            out += ch;
            if (ch == QLatin1Char('\n'))
                break; // each line is its own literal, so `<<-` can trim it
            continue;
        }
        if (ch == QLatin1Char('"') || ch == QLatin1Char('\n'))
            break;
        if (ch == QLatin1Char('\r') && nx == QLatin1Char('\n'))
            break;
        if (ch != QLatin1Char('\\')) {
            out += ch;
            advance();
            continue;
        }
        // Escapes.
        const int escLine = m_line;
        const int escColumn = m_column;
        auto invalid = [&](const QString &message) {
            HclTemplateToken e;
            e.type = HclTemplateToken::Type::InvalidEscape;
            e.text = message;
            e.line = escLine;
            e.column = escColumn;
            return e;
        };
        switch (nx.unicode()) {
        case 'n':
            out += QLatin1Char('\n');
            advance(2);
            break;
        case 'r':
            out += QLatin1Char('\r');
            advance(2);
            break;
        case 't':
            out += QLatin1Char('\t');
            advance(2);
            break;
        case '"':
            out += QLatin1Char('"');
            advance(2);
            break;
        case '\\':
            out += QLatin1Char('\\');
            advance(2);
            break;
        case 'u':
        case 'U': {
            const int digits = nx == QLatin1Char('u') ? 4 : 8;
            uint code = 0;
            bool ok = true;
            for (int i = 0; i < digits; ++i) {
                const int h = hexValue(at(m_pos + 2 + i));
                if (h < 0) {
                    ok = false;
                    break;
                }
                code = code * 16 + uint(h);
            }
            if (!ok || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                if (!out.isEmpty()) {
                    t.text = out;
                    return t;
                }
                advance(2);
                return invalid(
                    QStringLiteral("invalid unicode escape: expected %1 hex digits of a code point").arg(digits));
            }
            const char32_t cp = char32_t(code);
            out += QString::fromUcs4(&cp, 1);
            advance(2 + digits);
            break;
        }
        default: {
            if (!out.isEmpty()) {
                t.text = out;
                return t;
            }
            advance(nx.isNull() ? 1 : 2);
            return invalid(QStringLiteral("invalid escape sequence \"\\%1\"").arg(nx));
        }
        }
    }
    // HCL compares strings in Unicode normal form C, so literals are normalised.
    bool ascii = true;
    for (const QChar ch : out)
        ascii = ascii && ch.unicode() < 0x300;
    if (!ascii)
        out = out.normalized(QString::NormalizationForm_C);
    // Built a character at a time, so with room to grow; a literal is kept
    // as long as the evaluated value that holds it (a value of every
    // resource of a large stack: 80 bytes instead of up to 160).
    out.squeeze();
    t.text = std::move(out);
    return t;
}

} // namespace strata
