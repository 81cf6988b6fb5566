#include "YamlReader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <QHash>

#include <unordered_map>

#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

namespace strata::YamlReader {

namespace {

// Thrown from inside yaml-cpp's callbacks to stop a parse that would exceed a
// limit; unwinding also stops yaml-cpp's own recursion at our depth limit.
struct LimitExceeded : std::exception
{
    LimitExceeded(QString m, const YAML::Mark &k)
        : message(std::move(m))
        , mark(k)
    {
    }
    const char *what() const noexcept override { return "strata yaml limit"; }
    QString message;
    YAML::Mark mark;
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
Value resolvePlain(const std::string &raw, const QString &text, const SourceLocation &loc)
{
    const std::string_view s(raw);
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

bool endsWith(const std::string &s, std::string_view suffix)
{
    return s.size() >= suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

// Builds Values from yaml-cpp's parse events, so positions come straight from
// the scanner and no intermediate YAML::Node graph is held in memory.
class Builder : public YAML::EventHandler
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

    SourceLocation location(const YAML::Mark &mark) const
    {
        SourceLocation loc;
        loc.file = m_file;
        loc.line = mark.line < 0 ? m_lineOffset + 1 : mark.line + 1 + m_lineOffset;
        loc.column = mark.column < 0 ? 1 : mark.column + 1;
        return loc;
    }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        // yaml-cpp 0.7 can report empty documents forever on some malformed
        // input; a real document needs at least a marker's few bytes.
        if (++m_documentCount > m_maxDocuments)
            throw LimitExceeded(QStringLiteral("the YAML parser stopped making progress"), mark);
        m_stack.clear();
        m_anchors.clear();
        m_root = Value();
        m_hasRoot = false;
    }

    void OnDocumentEnd() override
    {
        // An empty document (between two `---`) reads as null; it says nothing.
        if (m_hasRoot && !m_root.isNull())
            documents.append(m_root);
    }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        charge(mark);
        add(Value::null(location(mark)), anchor, 1, QStringLiteral("null"));
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.constFind(anchor);
        if (it == m_anchors.constEnd())
            throw LimitExceeded(QStringLiteral("alias refers to an anchor that is not yet complete"), mark);
        // The alias shares the anchored Value, but whoever walks the result
        // walks it again: count what it expands to.
        *m_budget -= it->nodes;
        if (*m_budget < 0)
            throw LimitExceeded(QStringLiteral("aliases expand to too many nodes (billion laughs?)"), mark);
        add(it->value.withLocation(location(mark)), 0, it->nodes, std::nullopt);
    }

    void OnScalar(
        const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        charge(mark);
        const SourceLocation loc = location(mark);
        const bool plain = tag == "?" || endsWith(tag, ":int") || endsWith(tag, ":float") || endsWith(tag, ":bool")
            || endsWith(tag, ":null");
        const QString raw = interned(value);
        add(plain ? resolvePlain(value, raw, loc) : Value::string(raw, loc), anchor, 1, raw);
    }

    void OnSequenceStart(
        const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        push(mark, anchor, false);
    }

    void OnSequenceEnd() override { pop(); }

    void OnMapStart(
        const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        push(mark, anchor, true);
    }

    void OnMapEnd() override { pop(); }

private:
    struct Frame
    {
        bool isMap = false;
        SourceLocation location;
        YAML::anchor_t anchor = 0;
        qint64 budgetAtStart = 0;
        QList<Value> items;
        QList<Value::Entry> entries;
        bool haveKey = false;
        QString key;
        SourceLocation keyLocation;
    };
    struct Anchored
    {
        Value value;
        qint64 nodes = 0;
    };

    QString interned(const std::string &value)
    {
        if (value.size() > 32)
            return QString::fromStdString(value);
        const auto it = m_interned.find(value);
        if (it != m_interned.end())
            return it->second;
        QString s = QString::fromStdString(value);
        if (m_interned.size() < 65536)
            m_interned.emplace(value, s);
        return s;
    }

    void charge(const YAML::Mark &mark)
    {
        if (--*m_budget < 0)
            throw LimitExceeded(QStringLiteral("too many nodes"), mark);
    }

    void push(const YAML::Mark &mark, YAML::anchor_t anchor, bool isMap)
    {
        if (m_stack.size() >= m_maxDepth)
            throw LimitExceeded(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth), mark);
        charge(mark);
        Frame f;
        f.isMap = isMap;
        f.location = location(mark);
        f.anchor = anchor;
        f.budgetAtStart = *m_budget;
        m_stack.append(std::move(f));
    }

    void pop()
    {
        if (m_stack.isEmpty())
            return;
        Frame f = m_stack.takeLast();
        const qint64 nodes = f.budgetAtStart - *m_budget + 1;
        if (f.isMap && f.haveKey) // a key without a value cannot come from yaml-cpp, but be safe
            f.entries.append({ f.key, Value::null(f.keyLocation) });
        const Value v = f.isMap ? Value::map(f.entries, f.location) : Value::list(f.items, f.location);
        add(v, f.anchor, nodes, std::nullopt);
    }

    // `raw` is the scalar as written, for map keys; collections become keys as
    // compact JSON, computed only when one is used as a key.
    void add(const Value &v, YAML::anchor_t anchor, qint64 nodes, const std::optional<QString> &raw)
    {
        if (anchor != 0)
            m_anchors.insert(anchor, Anchored { v, nodes });
        if (m_stack.isEmpty()) {
            m_root = v;
            m_hasRoot = true;
            return;
        }
        Frame &top = m_stack.last();
        if (!top.isMap) {
            top.items.append(v);
            return;
        }
        if (!top.haveKey) {
            top.haveKey = true;
            top.key = raw ? *raw : keyText(v);
            top.keyLocation = v.location();
            return;
        }
        top.haveKey = false;
        if (top.entries.size() <= 64) {
            for (Value::Entry &e : top.entries) {
                if (e.first == top.key) {
                    m_diagnostics->append(Diagnostic::warning(m_file, top.keyLocation.line, top.keyLocation.column,
                        QStringLiteral("duplicate key '%1'; the last value is used").arg(top.key)));
                    e.second = v;
                    return;
                }
            }
        }
        top.entries.append({ top.key, v });
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
    QHash<YAML::anchor_t, Anchored> m_anchors;
    // Short scalars and keys repeat in every object of a List ("metadata",
    // "v1", "ConfigMap"): one shared copy each, as JsonReader does.
    std::unordered_map<std::string, QString> m_interned;
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
// hide the ones after it: yaml-cpp cannot resume after an error. YAML forbids
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

YamlReadResult read(const QByteArray &text, const QString &file, int maxDepth)
{
    YamlReadResult result;
    // Every node in the text costs at least a byte or two; anything beyond that
    // comes from aliases.
    qint64 budget = 1000000 + text.size();
    for (const Chunk &chunk : splitDocuments(text)) {
        Builder builder(
            file, chunk.firstLine, chunk.end - chunk.start, qMax(1, maxDepth), &budget, &result.diagnostics);
        try {
            std::istringstream in(std::string(text.constData() + chunk.start, size_t(chunk.end - chunk.start)));
            YAML::Parser parser(in);
            while (parser.HandleNextDocument(builder)) { }
        } catch (const LimitExceeded &e) {
            const SourceLocation loc = builder.location(e.mark);
            result.diagnostics.append(Diagnostic::error(file, loc.line, loc.column, e.message));
        } catch (const YAML::Exception &e) {
            const SourceLocation loc = builder.location(e.mark);
            result.diagnostics.append(Diagnostic::error(file, loc.line, loc.column, QString::fromStdString(e.msg)));
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
