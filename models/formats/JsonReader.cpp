#include "JsonReader.h"

#include "formats/TakeTail.h"

#include <QHash>

#include <charconv>
#include <cmath>
#include <vector>

namespace strata::JsonReader {

namespace {

// A single-pass recursive-descent parser over the raw bytes. Strings are
// validated as UTF-8 and decoded a run at a time; positions are computed
// incrementally so a 100 MB one-line state file costs O(n), not O(n²).
class Parser
{
public:
    Parser(const QByteArray &text, const QString &file, int maxDepth, const ElementStream *stream = nullptr)
        : m_data(text.constData())
        , m_size(text.size())
        , m_file(file)
        , m_maxDepth(maxDepth)
        , m_stream(stream)
    {
    }

    // Positions the parser at `offset`, counting the lines before it once.
    void seek(qsizetype offset)
    {
        offset = qBound(qsizetype(0), offset, m_size);
        for (qsizetype i = m_pos; i < offset; ++i) {
            if (m_data[i] == '\n') {
                ++m_line;
                m_lineStart = i + 1;
            }
        }
        m_pos = offset;
    }

    qsizetype pos() const { return m_pos; }
    bool failed() const { return m_failed; }

    // Skips whitespace (and a UTF-8 byte order mark at the very start).
    void skipWhitespace()
    {
        if (m_pos == 0 && m_size >= 3 && m_data[0] == '\xEF' && m_data[1] == '\xBB' && m_data[2] == '\xBF') {
            m_pos = 3;
            m_lineStart = 3;
        }
        while (m_pos < m_size) {
            const char c = m_data[m_pos];
            if (c == '\n') {
                ++m_line;
                m_lineStart = m_pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            ++m_pos;
        }
    }

    bool atEnd() const { return m_pos >= m_size; }

    Value parseValue(int depth)
    {
        skipWhitespace();
        if (m_pos >= m_size) {
            fail(QStringLiteral("unexpected end of input, expected a JSON value"));
            return {};
        }
        const char c = m_data[m_pos];
        switch (c) {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"': {
            const SourceLocation loc = location();
            QString s;
            if (!parseString(&s))
                return {};
            return Value::string(s, loc);
        }
        case 't':
            return parseLiteral("true", Value::boolean(true, location()));
        case 'f':
            return parseLiteral("false", Value::boolean(false, location()));
        case 'n':
            return parseLiteral("null", Value::null(location()));
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber();
            fail(QStringLiteral("unexpected %1, expected a JSON value").arg(describe(m_pos)));
            return {};
        }
    }

    void fail(const QString &message) { failAt(m_pos, message); }

    void failAt(qsizetype at, const QString &message)
    {
        if (m_failed)
            return;
        m_failed = true;
        m_pos = at;
        const SourceLocation loc = location();
        diagnostics.append(Diagnostic::error(m_file, loc.line, loc.column, message));
    }

    void warnAt(const SourceLocation &loc, const QString &message)
    {
        diagnostics.append(Diagnostic::warning(m_file, loc.line, loc.column, message));
    }

    SourceLocation location()
    {
        // Columns count characters, not bytes: count the UTF-8 lead bytes
        // since the last position asked for on this line.
        if (m_colLineStart != m_lineStart || m_colPos > m_pos) {
            m_colLineStart = m_lineStart;
            m_colPos = m_lineStart;
            m_col = 1;
        }
        for (qsizetype i = m_colPos; i < m_pos; ++i) {
            if ((static_cast<unsigned char>(m_data[i]) & 0xC0) != 0x80)
                ++m_col;
        }
        m_colPos = m_pos;
        SourceLocation loc;
        loc.file = m_file;
        loc.line = m_line;
        loc.column = m_col;
        return loc;
    }

    QList<Diagnostic> diagnostics;

private:
    QString describe(qsizetype at) const
    {
        if (at >= m_size)
            return QStringLiteral("end of input");
        const unsigned char c = static_cast<unsigned char>(m_data[at]);
        if (c >= 0x20 && c < 0x7F)
            return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
        return QStringLiteral("byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    }

    Value parseLiteral(const char *word, const Value &value)
    {
        const qsizetype n = qsizetype(qstrlen(word));
        for (qsizetype i = 0; i < n; ++i) {
            if (m_pos + i >= m_size || m_data[m_pos + i] != word[i]) {
                fail(QStringLiteral("invalid literal, expected '%1'").arg(QLatin1String(word)));
                return {};
            }
        }
        m_pos += n;
        return value;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    Value parseNumber()
    {
        const SourceLocation loc = location();
        const qsizetype start = m_pos;
        qsizetype p = m_pos;
        if (m_data[p] == '-')
            ++p;
        if (p >= m_size || !isDigit(m_data[p])) {
            failAt(p, QStringLiteral("invalid number: expected a digit"));
            return {};
        }
        if (m_data[p] == '0') {
            ++p;
            if (p < m_size && isDigit(m_data[p])) {
                failAt(p, QStringLiteral("invalid number: leading zeros are not allowed"));
                return {};
            }
        } else {
            while (p < m_size && isDigit(m_data[p]))
                ++p;
        }
        if (p < m_size && m_data[p] == '.') {
            ++p;
            if (p >= m_size || !isDigit(m_data[p])) {
                failAt(p, QStringLiteral("invalid number: expected a digit after '.'"));
                return {};
            }
            while (p < m_size && isDigit(m_data[p]))
                ++p;
        }
        if (p < m_size && (m_data[p] == 'e' || m_data[p] == 'E')) {
            ++p;
            if (p < m_size && (m_data[p] == '+' || m_data[p] == '-'))
                ++p;
            if (p >= m_size || !isDigit(m_data[p])) {
                failAt(p, QStringLiteral("invalid number: expected a digit in the exponent"));
                return {};
            }
            while (p < m_size && isDigit(m_data[p]))
                ++p;
        }
        double value = 0;
        const auto [ptr, ec] = std::from_chars(m_data + start, m_data + p, value);
        Q_UNUSED(ptr);
        if (ec == std::errc::result_out_of_range) {
            // Keep the magnitude's direction; the text stays exact.
            bool tiny = false;
            for (qsizetype i = start; i < p; ++i) {
                if (m_data[i] == 'e' || m_data[i] == 'E') {
                    tiny = m_data[i + 1] == '-';
                    break;
                }
            }
            value = tiny ? 0.0 : HUGE_VAL;
            if (m_data[start] == '-')
                value = -value;
        }
        m_pos = p;
        return Value::number(value, intern(start, p), loc);
    }

    // Keys and short values repeat endlessly in state files and kubectl output
    // ("type", "managed", "0", "false"): sharing one QString for each saves an
    // allocation per node and most of the memory. Bounded, so unique values
    // cannot grow the table without limit.
    QString intern(qsizetype from, qsizetype to)
    {
        const qsizetype n = to - from;
        if (n > 32)
            return QString::fromUtf8(m_data + from, n);
        const QByteArrayView key(m_data + from, n);
        const auto it = m_interned.constFind(key);
        if (it != m_interned.constEnd())
            return *it;
        QString s = QString::fromUtf8(m_data + from, n);
        if (m_interned.size() < 65536)
            m_interned.insert(key, s);
        return s;
    }

    // Length of the valid UTF-8 sequence at `p` (lead byte >= 0x80), or 0.
    qsizetype utf8SequenceLength(qsizetype p) const
    {
        const auto at = [this](qsizetype i) { return static_cast<unsigned char>(m_data[i]); };
        const unsigned char c = at(p);
        const auto cont = [&](qsizetype i) { return i < m_size && (at(i) & 0xC0) == 0x80; };
        if (c >= 0xC2 && c <= 0xDF)
            return cont(p + 1) ? 2 : 0;
        if (c >= 0xE0 && c <= 0xEF) {
            if (!cont(p + 1) || !cont(p + 2))
                return 0;
            const unsigned char c1 = at(p + 1);
            if (c == 0xE0 && c1 < 0xA0)
                return 0; // overlong
            if (c == 0xED && c1 >= 0xA0)
                return 0; // UTF-16 surrogate
            return 3;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (!cont(p + 1) || !cont(p + 2) || !cont(p + 3))
                return 0;
            const unsigned char c1 = at(p + 1);
            if (c == 0xF0 && c1 < 0x90)
                return 0; // overlong
            if (c == 0xF4 && c1 >= 0x90)
                return 0; // above U+10FFFF
            return 4;
        }
        return 0;
    }

    int hex4(qsizetype p) const
    {
        if (p + 4 > m_size)
            return -1;
        int v = 0;
        for (qsizetype i = p; i < p + 4; ++i) {
            const char c = m_data[i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return -1;
        }
        return v;
    }

    // Parses the string at m_pos (on the opening quote) into `out`.
    bool parseString(QString *out)
    {
        qsizetype p = m_pos + 1;
        qsizetype runStart = p;
        bool escaped = false;
        while (true) {
            // The common case: a run of plain ASCII.
            while (p < m_size) {
                const unsigned char c = static_cast<unsigned char>(m_data[p]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    break;
                ++p;
            }
            if (p >= m_size) {
                failAt(m_pos, QStringLiteral("unterminated string"));
                return false;
            }
            const unsigned char c = static_cast<unsigned char>(m_data[p]);
            if (c == '"') {
                if (!escaped)
                    *out = intern(runStart, p);
                else
                    out->append(QString::fromUtf8(m_data + runStart, p - runStart));
                m_pos = p + 1;
                return true;
            }
            if (c >= 0x80) {
                const qsizetype n = utf8SequenceLength(p);
                if (n == 0) {
                    failAt(p, QStringLiteral("invalid UTF-8 in string"));
                    return false;
                }
                p += n;
                continue;
            }
            if (c < 0x20) {
                failAt(p,
                    c == '\n' ? QStringLiteral("unterminated string (newline in string)")
                              : QStringLiteral("control character 0x%1 in string must be escaped")
                                    .arg(uint(c), 2, 16, QLatin1Char('0')));
                return false;
            }
            // A backslash escape: flush the run, decode, continue.
            if (!escaped) {
                out->clear();
                escaped = true;
            }
            out->append(QString::fromUtf8(m_data + runStart, p - runStart));
            if (p + 1 >= m_size) {
                failAt(m_pos, QStringLiteral("unterminated string"));
                return false;
            }
            const char e = m_data[p + 1];
            qsizetype next = p + 2;
            switch (e) {
            case '"':
                out->append(QLatin1Char('"'));
                break;
            case '\\':
                out->append(QLatin1Char('\\'));
                break;
            case '/':
                out->append(QLatin1Char('/'));
                break;
            case 'b':
                out->append(QLatin1Char('\b'));
                break;
            case 'f':
                out->append(QLatin1Char('\f'));
                break;
            case 'n':
                out->append(QLatin1Char('\n'));
                break;
            case 'r':
                out->append(QLatin1Char('\r'));
                break;
            case 't':
                out->append(QLatin1Char('\t'));
                break;
            case 'u': {
                const int u = hex4(p + 2);
                if (u < 0) {
                    failAt(p, QStringLiteral("invalid \\u escape: expected four hex digits"));
                    return false;
                }
                next = p + 6;
                if (u >= 0xD800 && u <= 0xDBFF) {
                    const int low
                        = (next + 1 < m_size && m_data[next] == '\\' && m_data[next + 1] == 'u') ? hex4(next + 2) : -1;
                    if (low < 0xDC00 || low > 0xDFFF) {
                        failAt(p, QStringLiteral("invalid \\u escape: high surrogate without a low surrogate"));
                        return false;
                    }
                    out->append(QChar(char16_t(u)));
                    out->append(QChar(char16_t(low)));
                    next += 6;
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    failAt(p, QStringLiteral("invalid \\u escape: low surrogate without a high surrogate"));
                    return false;
                } else {
                    out->append(QChar(char16_t(u)));
                }
                break;
            }
            default:
                failAt(p, QStringLiteral("invalid escape '\\%1' in string").arg(describe(p + 1)));
                return false;
            }
            p = next;
            runStart = p;
        }
    }

    bool enter(int depth)
    {
        if (depth > m_maxDepth) {
            fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
            return false;
        }
        return true;
    }

    // `streamed`: each element goes to m_stream as soon as it is read.
    Value parseArray(int depth, bool streamed = false)
    {
        const SourceLocation loc = location();
        if (!enter(depth))
            return {};
        ++m_pos;
        const size_t base = m_items.size();
        skipWhitespace();
        if (m_pos < m_size && m_data[m_pos] == ']') {
            ++m_pos;
            return Value::list({}, loc);
        }
        while (true) {
            Value v = parseValue(depth);
            if (m_failed) {
                m_items.resize(base);
                return {};
            }
            if (streamed)
                m_stream->element(std::move(v));
            else
                m_items.push_back(std::move(v));
            skipWhitespace();
            if (m_pos < m_size && m_data[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_data[m_pos] == ']') {
                ++m_pos;
                break;
            }
            fail(QStringLiteral("unexpected %1, expected ',' or ']' in array").arg(describe(m_pos)));
            m_items.resize(base);
            return {};
        }
        return Value::list(takeTail(m_items, base), loc);
    }

    Value parseObject(int depth)
    {
        const SourceLocation loc = location();
        if (!enter(depth))
            return {};
        ++m_pos;
        const size_t base = m_entries.size();
        skipWhitespace();
        if (m_pos < m_size && m_data[m_pos] == '}') {
            ++m_pos;
            return Value::map({}, loc);
        }
        while (true) {
            skipWhitespace();
            if (m_pos >= m_size || m_data[m_pos] != '"') {
                fail(QStringLiteral("unexpected %1, expected a string key in object").arg(describe(m_pos)));
                m_entries.resize(base);
                return {};
            }
            const SourceLocation keyLoc = location();
            QString key;
            if (!parseString(&key)) {
                m_entries.resize(base);
                return {};
            }
            skipWhitespace();
            if (m_pos >= m_size || m_data[m_pos] != ':') {
                fail(QStringLiteral("unexpected %1, expected ':' after object key").arg(describe(m_pos)));
                m_entries.resize(base);
                return {};
            }
            ++m_pos;
            Value v = streams(depth, key) ? parseArray(depth + 1, true) : parseValue(depth);
            if (m_failed) {
                m_entries.resize(base);
                return {};
            }
            addEntry(base, std::move(key), std::move(v), keyLoc);
            skipWhitespace();
            if (m_pos < m_size && m_data[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_data[m_pos] == '}') {
                ++m_pos;
                break;
            }
            fail(QStringLiteral("unexpected %1, expected ',' or '}' in object").arg(describe(m_pos)));
            m_entries.resize(base);
            return {};
        }
        return Value::map(takeTail(m_entries, base), loc);
    }

    // Whether the value after `key` is the array the caller streams: under
    // the top-level object's key, and an array (anything else is kept as is,
    // for the caller to report). The caller hears of every such key.
    bool streams(int depth, const QString &key)
    {
        if (!m_stream || depth != 1 || key != m_stream->key)
            return false;
        if (m_stream->found)
            m_stream->found();
        skipWhitespace();
        return m_pos < m_size && m_data[m_pos] == '[';
    }

    // Duplicate keys: the last one wins (as in most JSON readers and in Go's
    // encoding/json, which wrote most of what we read), with a warning.
    void addEntry(size_t base, QString &&key, Value &&value, const SourceLocation &keyLoc)
    {
        const size_t count = m_entries.size() - base;
        // Objects are small in practice; the scan is bounded so a huge
        // object cannot make this quadratic.
        if (count <= 64) {
            for (size_t i = base; i < m_entries.size(); ++i) {
                if (m_entries[i].first == key) {
                    warnAt(keyLoc, QStringLiteral("duplicate key '%1'; the last value is used").arg(key));
                    m_entries[i].second = std::move(value);
                    return;
                }
            }
        }
        m_entries.emplace_back(std::move(key), std::move(value));
    }

    const char *m_data;
    qsizetype m_size;
    QString m_file;
    int m_maxDepth;
    const ElementStream *m_stream;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    qsizetype m_colLineStart = -1;
    qsizetype m_colPos = 0;
    int m_col = 1;
    bool m_failed = false;
    // Children of the open containers, so each finished list is allocated once
    // at its exact size.
    std::vector<Value> m_items;
    std::vector<Value::Entry> m_entries;
    QHash<QByteArrayView, QString> m_interned; // views into the input, which outlives the parser
};

// One value and nothing after it.
JsonReadResult readDocument(Parser &parser)
{
    JsonReadResult result;
    result.value = parser.parseValue(0);
    if (!parser.failed()) {
        parser.skipWhitespace();
        if (!parser.atEnd())
            parser.fail(QStringLiteral("unexpected text after the JSON value"));
    }
    result.diagnostics = parser.diagnostics;
    return result;
}

} // namespace

JsonReadResult read(const QByteArray &text, const QString &file, int maxDepth)
{
    Parser parser(text, file, maxDepth);
    return readDocument(parser);
}

JsonReadResult read(const QByteArray &text, const QString &file, const ElementStream &stream, int maxDepth)
{
    Q_ASSERT(stream.element);
    Parser parser(text, file, maxDepth, &stream);
    return readDocument(parser);
}

JsonReadResult readOne(const QByteArray &text, qsizetype offset, qsizetype *end, const QString &file, int maxDepth)
{
    Parser parser(text, file, maxDepth);
    parser.seek(offset);
    JsonReadResult result;
    result.value = parser.parseValue(0);
    result.diagnostics = parser.diagnostics;
    if (end)
        *end = parser.pos();
    return result;
}

qsizetype skipWhitespace(const QByteArray &text, qsizetype offset)
{
    while (offset < text.size()) {
        const char c = text.at(offset);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        ++offset;
    }
    return offset;
}

JsonStreamResult readStream(const QByteArray &text, const QString &file, int maxDepth)
{
    Parser parser(text, file, maxDepth);
    JsonStreamResult result;
    while (true) {
        parser.skipWhitespace();
        if (parser.atEnd())
            break;
        Value v = parser.parseValue(0);
        if (parser.failed())
            break;
        result.values.append(v);
    }
    result.diagnostics = parser.diagnostics;
    return result;
}

} // namespace strata::JsonReader
