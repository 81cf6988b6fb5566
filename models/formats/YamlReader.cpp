#include "YamlReader.h"

#include "core/ControlCharacters.h"
#include "core/StringPool.h"
#include "formats/TakeTail.h"

#include <QByteArrayView>
#include <QHash>

#include <yaml.h>

#include <unordered_map>

#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::YamlReader {

namespace {

// Where libyaml saw something, 0-based.
struct Mark
{
    qint64 line = 0;
    qint64 column = 0;
};
Mark markOf(const yaml_mark_t &m)
{
    return { qint64(m.line), qint64(m.column) };
}

// Thrown from the builder to stop a parse that would exceed a limit.
struct LimitExceeded : std::exception
{
    LimitExceeded(QString m, const Mark &k)
        : message(std::move(m))
        , mark(k)
    {
    }
    const char *what() const noexcept override { return "strata yaml limit"; }
    QString message;
    Mark mark;
};

bool isDigits(std::string_view s, bool (*accept)(char))
{
    if (s.empty())
        return false;
    for (const char c : s) {
        if (!accept(c))
            return false;
    }
    return true;
}

bool decimal(char c)
{
    return c >= '0' && c <= '9';
}
bool octal(char c)
{
    return c >= '0' && c <= '7';
}
bool hexadecimal(char c)
{
    return decimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool isCoreFloat(std::string_view s)
{
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        ++i;
    size_t intDigits = 0;
    while (i < s.size() && decimal(s[i])) {
        ++i;
        ++intDigits;
    }
    size_t fracDigits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && decimal(s[i])) {
            ++i;
            ++fracDigits;
        }
    }
    if (intDigits == 0 && fracDigits == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        size_t expDigits = 0;
        while (i < s.size() && decimal(s[i])) {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return false;
    }
    return i == s.size();
}

double radixValue(std::string_view digits, int radix)
{
    // Accumulated in a double so a huge literal degrades instead of overflowing;
    // the exact text is kept beside it.
    double v = 0;
    for (const char c : digits) {
        int d = 0;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else
            d = c - 'A' + 10;
        v = v * radix + d;
    }
    return v;
}

double decimalValue(std::string_view s)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    Q_UNUSED(ptr);
    if (ec == std::errc::result_out_of_range) {
        const auto e = s.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
        v = tiny ? 0.0 : HUGE_VAL;
        if (!s.empty() && s.front() == '-')
            v = -v;
    }
    return v;
}

// YAML 1.2 core schema resolution of a plain scalar.
Value resolvePlain(std::string_view s, const QString &text, const SourceLocation &loc)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return Value::null(loc);
    if (s == "true" || s == "True" || s == "TRUE")
        return Value::boolean(true, loc);
    if (s == "false" || s == "False" || s == "FALSE")
        return Value::boolean(false, loc);
    const char first = s.front();
    if (!(decimal(first) || first == '-' || first == '+' || first == '.'))
        return Value::string(text, loc);
    if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && isDigits(s.substr(2), hexadecimal))
        return Value::number(radixValue(s.substr(2), 16), text, loc);
    if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && isDigits(s.substr(2), octal))
        return Value::number(radixValue(s.substr(2), 8), text, loc);
    const std::string_view unsignedPart = (first == '-' || first == '+') ? s.substr(1) : s;
    if (isDigits(unsignedPart, decimal) || isCoreFloat(s))
        return Value::number(decimalValue(s), text, loc);
    if (unsignedPart == ".inf" || unsignedPart == ".Inf" || unsignedPart == ".INF")
        return Value::number(first == '-' ? -HUGE_VAL : HUGE_VAL, text, loc);
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return Value::number(std::numeric_limits<double>::quiet_NaN(), text, loc);
    return Value::string(text, loc);
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

// Builds Values from libyaml's parse events, so positions come straight from
// the scanner and no intermediate node graph is held in memory.
class Builder
{
public:
    Builder(const QString &file, int lineOffset, qsizetype size, int maxDepth, qint64 *nodeBudget,
        QList<Diagnostic> *diagnostics)
        : m_maxDocuments(size / 3 + 2)
        , m_file(file)
        , m_lineOffset(lineOffset)
        , m_maxDepth(maxDepth)
        , m_budget(nodeBudget)
        , m_diagnostics(diagnostics)
    {
    }

    QList<Value> documents;

    SourceLocation location(const Mark &mark) const
    {
        SourceLocation loc;
        loc.file = m_file;
        loc.line = int(std::min<qint64>(mark.line + 1 + m_lineOffset, std::numeric_limits<int>::max()));
        loc.column = int(std::min<qint64>(mark.column + 1, std::numeric_limits<int>::max()));
        return loc;
    }

    void documentStart(const Mark &mark)
    {
        // A real document needs at least a marker's few bytes: a parser
        // that reports more is not making progress.
        if (++m_documentCount > m_maxDocuments)
            throw LimitExceeded(QStringLiteral("the YAML parser stopped making progress"), mark);
        m_stack.clear();
        m_items.clear();
        m_entries.clear();
        m_anchors.clear();
        m_root = Value();
        m_hasRoot = false;
    }

    void documentEnd()
    {
        // An empty document (between two `---`) reads as null; it says nothing.
        if (m_hasRoot && !m_root.isNull())
            documents.append(m_root);
    }

    void alias(const Mark &mark, std::string_view anchor)
    {
        const auto it = m_anchors.find(std::string(anchor));
        if (it == m_anchors.end())
            throw LimitExceeded(QStringLiteral("alias *%1 refers to no complete anchor")
                                    .arg(QString::fromUtf8(anchor.data(), qsizetype(anchor.size()))),
                mark);
        // The alias shares the anchored Value, but whoever walks the result
        // walks it again: count what it expands to.
        *m_budget -= it->second.nodes;
        if (*m_budget < 0)
            throw LimitExceeded(QStringLiteral("aliases expand to too many nodes (billion laughs?)"), mark);
        add(it->second.value.withLocation(location(mark)), {}, it->second.nodes, std::nullopt);
    }

    // `plainUntagged`: written without quotes or tag, so typed by the core
    // schema; a tag of int, float, bool or null asks for the same.
    void scalar(
        const Mark &mark, std::string_view tag, std::string_view anchor, std::string_view value, bool plainUntagged)
    {
        charge(mark);
        const SourceLocation loc = location(mark);
        const bool plain = plainUntagged || endsWith(tag, ":int") || endsWith(tag, ":float") || endsWith(tag, ":bool")
            || endsWith(tag, ":null");
        const QString raw = interned(value);
        const Value v = plain ? resolvePlain(value, raw, loc) : Value::string(raw, loc);
        // Every spelling of null (~, Null, an empty key) is one key: "null".
        add(v, anchor, 1, v.isNull() ? QStringLiteral("null") : raw);
    }

    void collectionStart(const Mark &mark, std::string_view anchor, bool isMap) { push(mark, anchor, isMap); }
    void collectionEnd() { pop(); }

private:
    struct Frame
    {
        bool isMap = false;
        SourceLocation location;
        std::string anchor;
        qint64 budgetAtStart = 0;
        // The frame's children are the tail of m_items or m_entries from
        // here: the finished collection is then made at its exact size.
        size_t base = 0;
        bool haveKey = false;
        QString key;
        int keyLine = 0;
        int keyColumn = 0;
    };
    struct Anchored
    {
        Value value;
        qint64 nodes = 0;
    };

    QString interned(std::string_view value)
    {
        return m_interned.get(QByteArrayView(value.data(), qsizetype(value.size())));
    }

    void charge(const Mark &mark)
    {
        if (--*m_budget < 0)
            throw LimitExceeded(QStringLiteral("too many nodes"), mark);
    }

    void push(const Mark &mark, std::string_view anchor, bool isMap)
    {
        if (m_stack.size() >= m_maxDepth)
            throw LimitExceeded(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth), mark);
        charge(mark);
        Frame f;
        f.isMap = isMap;
        f.location = location(mark);
        f.anchor = std::string(anchor);
        f.budgetAtStart = *m_budget;
        f.base = isMap ? m_entries.size() : m_items.size();
        m_stack.append(std::move(f));
    }

    void pop()
    {
        if (m_stack.isEmpty())
            return;
        Frame f = m_stack.takeLast();
        const qint64 nodes = f.budgetAtStart - *m_budget + 1;
        if (f.isMap && f.haveKey) // a key without a value cannot come from libyaml, but be safe
            m_entries.emplace_back(f.key, Value::null(SourceLocation { m_file, f.keyLine, f.keyColumn }));
        const Value v = f.isMap ? Value::map(takeTail(m_entries, f.base), f.location)
                                : Value::list(takeTail(m_items, f.base), f.location);
        add(v, f.anchor, nodes, std::nullopt);
    }

    // `raw` is the scalar as written, for map keys; collections become keys as
    // compact JSON, computed only when one is used as a key.
    void add(const Value &v, std::string_view anchor, qint64 nodes, const std::optional<QString> &raw)
    {
        if (!anchor.empty())
            m_anchors.insert_or_assign(std::string(anchor), Anchored { v, nodes });
        if (m_stack.isEmpty()) {
            m_root = v;
            m_hasRoot = true;
            return;
        }
        Frame &top = m_stack.last();
        if (!top.isMap) {
            m_items.push_back(v);
            return;
        }
        if (!top.haveKey) {
            top.haveKey = true;
            top.key = raw ? *raw : keyText(v);
            top.keyLine = v.line();
            top.keyColumn = v.column();
            return;
        }
        top.haveKey = false;
        if (m_entries.size() - top.base <= 64) {
            for (size_t i = top.base; i < m_entries.size(); ++i) {
                if (m_entries[i].first == top.key) {
                    m_diagnostics->append(Diagnostic::warning(m_file, top.keyLine, top.keyColumn,
                        QStringLiteral("duplicate key '%1'; the last value is used").arg(top.key)));
                    m_entries[i].second = v;
                    return;
                }
            }
        }
        m_entries.emplace_back(std::move(top.key), v);
    }

    // A collection used as a key is rare and can be huge (an alias): cap it.
    static QString keyText(const Value &v)
    {
        if (v.isScalar())
            return v.displayText();
        return v.type() == Value::Type::List ? QStringLiteral("[…]") : QStringLiteral("{…}");
    }

    qsizetype m_maxDocuments;
    qsizetype m_documentCount = 0;
    QString m_file;
    int m_lineOffset;
    int m_maxDepth;
    qint64 *m_budget;
    QList<Diagnostic> *m_diagnostics;
    QList<Frame> m_stack;
    std::vector<Value> m_items; // the open lists' items, innermost last
    std::vector<Value::Entry> m_entries; // the open maps' entries, innermost last
    std::unordered_map<std::string, Anchored> m_anchors;
    // Short scalars and keys repeat in every object of a List ("metadata",
    // "v1", "ConfigMap"): one shared copy each, as JsonReader does.
    StringPool m_interned { 32 };
    Value m_root;
    bool m_hasRoot = false;
};

bool isDocumentStart(const QByteArray &text, qsizetype lineStart)
{
    if (text.size() - lineStart < 3 || text.at(lineStart) != '-' || text.at(lineStart + 1) != '-'
        || text.at(lineStart + 2) != '-')
        return false;
    if (text.size() - lineStart == 3)
        return true;
    const char c = text.at(lineStart + 3);
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A line that carries no document content (blank, comment, directive).
bool isPreamble(const QByteArray &text, qsizetype lineStart, qsizetype lineEnd)
{
    qsizetype i = lineStart;
    while (i < lineEnd && (text.at(i) == ' ' || text.at(i) == '\t' || text.at(i) == '\r'))
        ++i;
    return i == lineEnd || text.at(i) == '#' || (i == lineStart && text.at(i) == '%');
}

struct Chunk
{
    qsizetype start = 0;
    qsizetype end = 0;
    int firstLine = 0; // 0-based
};

// Splits the stream at `---` lines so that one malformed document does not
// hide the ones after it: libyaml cannot resume after an error. YAML forbids
// `---` at column 0 inside any scalar, so this split is exact.
QList<Chunk> splitDocuments(const QByteArray &text)
{
    QList<Chunk> chunks;
    Chunk current;
    bool hasContent = false;
    int line = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype eol = text.indexOf('\n', pos);
        if (eol < 0)
            eol = text.size();
        if (isDocumentStart(text, pos) && hasContent) {
            current.end = pos;
            chunks.append(current);
            current = Chunk { pos, 0, line };
            hasContent = false;
        }
        if (!hasContent && !isPreamble(text, pos, eol) && !isDocumentStart(text, pos))
            hasContent = true;
        // A marker line with content after it ("--- !tag", "--- |") is content.
        if (!hasContent && isDocumentStart(text, pos) && !isPreamble(text, pos + 3, eol))
            hasContent = true;
        pos = eol + 1;
        ++line;
    }
    current.end = text.size();
    chunks.append(current);
    return chunks;
}

} // namespace

namespace {

std::string_view text(const yaml_char_t *s)
{
    return s ? std::string_view(reinterpret_cast<const char *>(s)) : std::string_view();
}

// Feeds libyaml's events for one chunk to the builder; a parse error is thrown at its position.
// Where a reader error is, from its byte offset (libyaml gives no mark for those).
Mark markAtOffset(const char *data, size_t size, size_t offset)
{
    Mark mark;
    for (size_t i = 0; i < std::min(offset, size); ++i) {
        if (data[i] == '\n') {
            ++mark.line;
            mark.column = 0;
        } else if ((static_cast<unsigned char>(data[i]) & 0xc0) != 0x80) {
            ++mark.column;
        }
    }
    return mark;
}

void parseChunk(const char *data, size_t size, Builder &builder)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        throw std::bad_alloc();
    yaml_event_t event {};
    // Released however this ends (a limit is thrown from the builder).
    struct Release
    {
        yaml_parser_t *parser;
        yaml_event_t *event = nullptr; // while one is held
        ~Release()
        {
            if (event)
                yaml_event_delete(event);
            yaml_parser_delete(parser);
        }
    } release { &parser };
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(data), size);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            const QString problem = QString::fromUtf8(parser.problem ? parser.problem : "the YAML does not parse");
            const Mark at = parser.error == YAML_READER_ERROR ? markAtOffset(data, size, parser.problem_offset)
                                                              : markOf(parser.problem_mark);
            throw LimitExceeded(
                parser.context ? problem + QStringLiteral(" ") + QString::fromUtf8(parser.context) : problem, at);
        }
        release.event = &event;
        const Mark mark = markOf(event.start_mark);
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
            builder.documentStart(mark);
            break;
        case YAML_DOCUMENT_END_EVENT:
            builder.documentEnd();
            break;
        case YAML_ALIAS_EVENT:
            builder.alias(mark, text(event.data.alias.anchor));
            break;
        case YAML_SCALAR_EVENT:
            builder.scalar(mark, text(event.data.scalar.tag), text(event.data.scalar.anchor),
                std::string_view(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length),
                !event.data.scalar.tag && event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
            break;
        case YAML_SEQUENCE_START_EVENT:
            builder.collectionStart(mark, text(event.data.sequence_start.anchor), false);
            break;
        case YAML_MAPPING_START_EVENT:
            builder.collectionStart(mark, text(event.data.mapping_start.anchor), true);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            builder.collectionEnd();
            break;
        case YAML_STREAM_END_EVENT:
            return; // the event is deleted by `release`
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
            break;
        }
        yaml_event_delete(&event);
        release.event = nullptr;
    }
}

} // namespace

namespace {

// Characters YAML forbids in a stream (C0 controls but tab and line breaks,
// DEL, C1 controls but NEL, U+FFFE/U+FFFF, a BOM after the start).
bool forbidden(char16_t c, qsizetype at)
{
    return (isControlCharacter(c) && c != '\t' && c != '\n' && c != '\r' && c != 0x85) || c == 0xfffe || c == 0xffff
        || (c == 0xfeff && at > 0);
}

// libyaml refuses a whole stream for one byte it cannot read: bytes that
// are not UTF-8 (a pasted Latin-1 comment) and characters YAML forbids (a
// NUL, an escape sequence in a value) become U+FFFD instead, on the same
// line and column, and the rest of the file still reads.
QByteArray readableText(const QByteArray &text)
{
    bool suspect = !QByteArrayView(text).isValidUtf8();
    for (qsizetype i = 0; !suspect && i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text.at(i));
        suspect = (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f || b == 0xc2 || b == 0xef;
    }
    if (!suspect)
        return text;
    QString decoded = QString::fromUtf8(text);
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        if (forbidden(decoded.at(i).unicode(), i))
            decoded[i] = QChar::ReplacementCharacter;
    }
    return decoded.toUtf8();
}

} // namespace

YamlReadResult read(const QByteArray &text, const QString &file, int maxDepth)
{
    YamlReadResult result;
    const QByteArray utf8 = readableText(text);
    // Every node in the text costs at least a byte or two; anything beyond that
    // comes from aliases.
    qint64 budget = 1000000 + utf8.size();
    for (const Chunk &chunk : splitDocuments(utf8)) {
        Builder builder(
            file, chunk.firstLine, chunk.end - chunk.start, qMax(1, maxDepth), &budget, &result.diagnostics);
        try {
            parseChunk(utf8.constData() + chunk.start, size_t(chunk.end - chunk.start), builder);
        } catch (const LimitExceeded &e) {
            const SourceLocation loc = builder.location(e.mark);
            result.diagnostics.append(Diagnostic::error(file, loc.line, loc.column, e.message));
        } catch (const std::exception &e) {
            result.diagnostics.append(Diagnostic::error(file, chunk.firstLine + 1, 1,
                QStringLiteral("YAML parser failed: %1").arg(QString::fromUtf8(e.what()))));
        }
        result.documents.append(builder.documents);
        if (budget < 0)
            break;
    }
    return result;
}

} // namespace strata::YamlReader
