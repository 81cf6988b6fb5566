#include "PrometheusParser.h"

#include "core/StringPool.h"

#include <QHash>
#include <QSet>

#include <charconv>
#include <cmath>
#include <limits>

namespace strata::PrometheusParser {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isLabelNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isLabelNameChar(char c)
{
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
}

bool equalsIgnoringCase(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

// A Go float as strconv.ParseFloat reads it (decimal forms, NaN, ±Inf).
std::optional<double> parseFloat(QByteArrayView token)
{
    if (token.isEmpty())
        return std::nullopt;
    QByteArrayView t = token;
    bool negative = false;
    if (t.front() == '+' || t.front() == '-') {
        negative = t.front() == '-';
        t = t.sliced(1);
    }
    if (equalsIgnoringCase(t, "inf") || equalsIgnoringCase(t, "infinity"))
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (equalsIgnoringCase(t, "nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (t.isEmpty() || !((t.front() >= '0' && t.front() <= '9') || t.front() == '.'))
        return std::nullopt;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v, std::chars_format::general);
    if (ptr != t.data() + t.size())
        return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        const qsizetype e = qMax(t.indexOf('e'), t.indexOf('E'));
        v = (e >= 0 && e + 1 < t.size() && t[e + 1] == '-') ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (ec != std::errc()) {
        return std::nullopt;
    }
    return negative ? -v : v;
}

std::optional<qint64> parseInt(QByteArrayView token)
{
    if (token.isEmpty())
        return std::nullopt;
    const char *begin = token.data();
    if (*begin == '+')
        ++begin;
    qint64 v = 0;
    const auto [ptr, ec] = std::from_chars(begin, token.data() + token.size(), v);
    if (ec != std::errc() || ptr != token.data() + token.size())
        return std::nullopt;
    return v;
}

// Raised for a bad line: where (byte offset in the line) and why.
struct LineError
{
    qsizetype at;
    QString message;
};

class Parser
{
public:
    explicit Parser(const QString &file)
        : m_file(file)
    {
    }

    // Reads the lines of `text`. All of them end with a newline unless `atEnd`
    // (the input's last piece), so a scrape can come in pieces cut after any
    // newline; nothing of `text` is kept.
    void feed(QByteArrayView text, bool atEnd)
    {
        qsizetype pos = 0;
        while (pos < text.size()) {
            qsizetype eol = text.indexOf('\n', pos);
            const bool terminated = eol >= 0;
            if (!terminated)
                eol = text.size();
            QByteArrayView line = text.sliced(pos, eol - pos);
            if (line.endsWith('\r'))
                line.chop(1); // pasted from Windows tools; harmless
            m_line = line;
            ++m_lineNo;
            if (auto error = parseLine())
                report(Diagnostic::Severity::Error, error->at, error->message);
            else if (!terminated && atEnd && !line.trimmed().isEmpty())
                report(Diagnostic::Severity::Error, line.size(),
                    QStringLiteral("the last line must end with a newline (text format 0.0.4); its content was kept"));
            pos = eol + 1;
        }
        m_line = {};
    }

    PrometheusScrape finish() { return std::move(m_scrape); }

private:
    void report(Diagnostic::Severity severity, qsizetype at, const QString &message)
    {
        // Columns count characters; label values may hold UTF-8.
        const QByteArrayView before = m_line.first(qBound(qsizetype(0), at, m_line.size()));
        const int column = int(QString::fromUtf8(before).size()) + 1;
        Diagnostic d;
        d.severity = severity;
        d.file = m_file;
        d.line = m_lineNo;
        d.column = column;
        d.message = message;
        m_scrape.diagnostics.append(d);
    }

    SourceLocation location(qsizetype at) const
    {
        SourceLocation loc;
        loc.file = m_file;
        loc.line = m_lineNo;
        loc.column = int(at) + 1;
        return loc;
    }

    qsizetype skipBlanks(qsizetype i) const
    {
        while (i < m_line.size() && isBlank(m_line[i]))
            ++i;
        return i;
    }

    QString token(qsizetype from, qsizetype to) const { return QString::fromUtf8(m_line.sliced(from, to - from)); }

    std::optional<LineError> parseLine()
    {
        const qsizetype start = skipBlanks(0);
        if (start >= m_line.size())
            return std::nullopt;
        if (m_line[start] == '#')
            return parseComment(start);
        return parseSample(start);
    }

    std::optional<LineError> parseComment(qsizetype hash)
    {
        qsizetype i = skipBlanks(hash + 1);
        qsizetype wordEnd = i;
        while (wordEnd < m_line.size() && !isBlank(m_line[wordEnd]))
            ++wordEnd;
        const QByteArrayView word = m_line.sliced(i, wordEnd - i);
        const qsizetype nameStart = skipBlanks(wordEnd);
        if ((word != "HELP" && word != "TYPE") || nameStart >= m_line.size()) {
            // Any other comment, or HELP/TYPE with nothing after: kept as a note.
            const QString text = QString::fromUtf8(m_line.sliced(hash + 1)).trimmed();
            if (!text.isEmpty())
                m_scrape.comments.append({ text, location(hash) });
            return std::nullopt;
        }
        qsizetype nameEnd = nameStart;
        if (!isNameStart(m_line[nameStart]))
            return LineError { nameStart, QStringLiteral("invalid metric name in %1 line").arg(token(i, wordEnd)) };
        while (nameEnd < m_line.size() && isNameChar(m_line[nameEnd]))
            ++nameEnd;
        if (nameEnd < m_line.size() && !isBlank(m_line[nameEnd]))
            return LineError { nameEnd,
                QStringLiteral("invalid character in metric name in %1 line").arg(token(i, wordEnd)) };
        const QString name = token(nameStart, nameEnd);
        const qsizetype restStart = skipBlanks(nameEnd);
        const QByteArrayView rest = m_line.sliced(restStart);
        if (rest.isEmpty())
            return std::nullopt; // "# HELP name" with no text: ignored, as expfmt does
        const bool existed = m_familyIndex.contains(name);
        MetricFamily &family = familyFor(name, hash);
        if (word == "HELP") {
            if (m_helpSeen.contains(name))
                return LineError { hash, QStringLiteral("second HELP line for metric %1").arg(name) };
            m_helpSeen.insert(name);
            QString help;
            if (auto error = unescape(rest, restStart, false, &help))
                return error;
            family.help = help;
            return std::nullopt;
        }
        if (m_typeSeen.contains(name))
            return LineError { hash, QStringLiteral("second TYPE line for metric %1").arg(name) };
        if (existed && !family.samples.isEmpty())
            return LineError { hash, QStringLiteral("TYPE line for metric %1 after its samples").arg(name) };
        const QByteArrayView typeWord = rest.trimmed();
        static const QHash<QByteArray, MetricType> types = {
            { "counter", MetricType::Counter },
            { "gauge", MetricType::Gauge },
            { "histogram", MetricType::Histogram },
            { "summary", MetricType::Summary },
            { "untyped", MetricType::Untyped },
        };
        const auto it = types.constFind(typeWord.toByteArray());
        if (it == types.constEnd())
            return LineError { restStart, QStringLiteral("unknown metric type '%1'").arg(QString::fromUtf8(typeWord)) };
        m_typeSeen.insert(name);
        family.type = *it;
        return std::nullopt;
    }

    // Label values escape \\, \" and \n; HELP text escapes \\ and \n.
    std::optional<LineError> unescape(QByteArrayView raw, qsizetype offset, bool labelValue, QString *out) const
    {
        if (!raw.contains('\\')) {
            *out = QString::fromUtf8(raw);
            return std::nullopt;
        }
        QByteArray decoded;
        decoded.reserve(raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const char c = raw[i];
            if (c != '\\') {
                decoded.append(c);
                continue;
            }
            const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
            if (next == '\\' || next == 'n' || (labelValue && next == '"')) {
                decoded.append(next == 'n' ? '\n' : next);
                ++i;
            } else if (labelValue) {
                return LineError { offset + i, QStringLiteral("invalid escape sequence in label value") };
            } else {
                decoded.append(c); // HELP text keeps an unknown escape as written
            }
        }
        *out = QString::fromUtf8(decoded);
        return std::nullopt;
    }

    MetricFamily &familyFor(const QString &name, qsizetype at)
    {
        const auto it = m_familyIndex.constFind(name);
        if (it != m_familyIndex.constEnd())
            return m_scrape.families[*it];
        MetricFamily f;
        f.name = name;
        f.location = location(at);
        m_familyIndex.insert(name, m_scrape.families.size());
        m_scrape.families.append(f);
        return m_scrape.families.last();
    }

    // The family a sample belongs to: a histogram's or summary's suffixed
    // series live in the base family when it was declared.
    qsizetype familyIndexForSample(const QString &name)
    {
        for (const char *suffix : { "_bucket", "_sum", "_count" }) {
            const QLatin1String s(suffix);
            if (!name.endsWith(s))
                continue;
            const auto it = m_familyIndex.constFind(name.chopped(s.size()));
            if (it == m_familyIndex.constEnd())
                continue;
            const MetricType type = m_scrape.families.at(*it).type;
            if (type == MetricType::Histogram || (type == MetricType::Summary && s != QLatin1String("_bucket")))
                return *it;
        }
        return -1;
    }

    std::optional<LineError> parseSample(qsizetype start)
    {
        if (!isNameStart(m_line[start]))
            return LineError { start, QStringLiteral("expected a metric name") };
        qsizetype i = start;
        while (i < m_line.size() && isNameChar(m_line[i]))
            ++i;
        MetricSample sample;
        sample.name = m_shared.get(m_line.sliced(start, i - start));
        sample.location = location(start);
        i = skipBlanks(i);
        if (i < m_line.size() && m_line[i] == '{') {
            if (auto error = parseLabels(&i, &sample))
                return error;
            i = skipBlanks(i);
        } else if (i < m_line.size() && !isBlank(m_line[i - 1]) && i > start) {
            return LineError { i, QStringLiteral("invalid character in metric name") };
        }
        qsizetype valueEnd = i;
        while (valueEnd < m_line.size() && !isBlank(m_line[valueEnd]))
            ++valueEnd;
        if (valueEnd == i)
            return LineError { i, QStringLiteral("expected a value after %1").arg(sample.name) };
        const auto value = parseFloat(m_line.sliced(i, valueEnd - i));
        if (!value)
            return LineError { i, QStringLiteral("invalid value '%1'").arg(token(i, valueEnd)) };
        sample.value = *value;
        i = skipBlanks(valueEnd);
        if (i < m_line.size()) {
            qsizetype tsEnd = i;
            while (tsEnd < m_line.size() && !isBlank(m_line[tsEnd]))
                ++tsEnd;
            const auto ts = parseInt(m_line.sliced(i, tsEnd - i));
            if (!ts)
                return LineError { i,
                    QStringLiteral("invalid timestamp '%1' (milliseconds as an integer)").arg(token(i, tsEnd)) };
            sample.timestampMs = *ts;
            i = skipBlanks(tsEnd);
            if (i < m_line.size())
                return LineError { i, QStringLiteral("unexpected text after the timestamp") };
        }
        return addSample(std::move(sample), start);
    }

    std::optional<LineError> parseLabels(qsizetype *pos, MetricSample *sample)
    {
        qsizetype i = *pos + 1; // after '{'
        m_labels.clear(); // gathered here, then kept at their exact size
        while (true) {
            i = skipBlanks(i);
            if (i >= m_line.size())
                return LineError { i, QStringLiteral("unterminated label set: expected '}'") };
            if (m_line[i] == '}') {
                *pos = i + 1;
                sample->labels = MetricLabels(m_labels.cbegin(), m_labels.cend());
                return std::nullopt;
            }
            if (!isLabelNameStart(m_line[i]))
                return LineError { i, QStringLiteral("invalid label name") };
            const qsizetype nameStart = i;
            while (i < m_line.size() && isLabelNameChar(m_line[i]))
                ++i;
            const QString name = m_shared.get(m_line.sliced(nameStart, i - nameStart));
            if (name == QLatin1String("__name__"))
                return LineError { nameStart, QStringLiteral("label name __name__ is reserved") };
            for (const auto &l : std::as_const(m_labels)) {
                if (l.first == name)
                    return LineError { nameStart, QStringLiteral("duplicate label name '%1'").arg(name) };
            }
            i = skipBlanks(i);
            if (i >= m_line.size() || m_line[i] != '=')
                return LineError { i, QStringLiteral("expected '=' after label name '%1'").arg(name) };
            i = skipBlanks(i + 1);
            if (i >= m_line.size() || m_line[i] != '"')
                return LineError { i, QStringLiteral("expected '\"' to start the value of label '%1'").arg(name) };
            const qsizetype valueStart = ++i;
            while (i < m_line.size() && m_line[i] != '"')
                i += m_line[i] == '\\' ? 2 : 1;
            if (i >= m_line.size())
                return LineError { valueStart - 1, QStringLiteral("unterminated value of label '%1'").arg(name) };
            QString value;
            const QByteArrayView raw = m_line.sliced(valueStart, i - valueStart);
            if (!raw.contains('\\'))
                value = m_shared.get(raw);
            else if (auto error = unescape(raw, valueStart, true, &value))
                return error;
            m_labels.append({ name, value });
            i = skipBlanks(i + 1);
            if (i < m_line.size() && m_line[i] == ',') {
                ++i;
                continue;
            }
            if (i < m_line.size() && m_line[i] == '}')
                continue;
            return LineError { i, QStringLiteral("expected ',' or '}' after a label value") };
        }
    }

    std::optional<LineError> addSample(MetricSample &&sample, qsizetype start)
    {
        qsizetype index = familyIndexForSample(sample.name);
        if (index < 0) {
            familyFor(sample.name, start);
            index = m_familyIndex.value(sample.name);
        }
        MetricFamily &family = m_scrape.families[index];
        if (family.type == MetricType::Histogram && sample.name == family.name + QLatin1String("_bucket")) {
            const QString le = sample.label(QStringLiteral("le"));
            if (!parseFloat(le.toUtf8()))
                return LineError { start,
                    QStringLiteral("histogram bucket needs a numeric 'le' label, not '%1'").arg(le) };
        }
        if (family.type == MetricType::Summary && sample.name == family.name) {
            const QString q = sample.label(QStringLiteral("quantile"));
            if (!parseFloat(q.toUtf8()))
                return LineError { start,
                    QStringLiteral("summary sample needs a numeric 'quantile' label, not '%1'").arg(q) };
        }
        // Families must be contiguous; a family that comes back is merged,
        // but said once, because it usually means two scrapes were pasted together.
        if (index != m_current && !family.samples.isEmpty() && !m_warnedSplit.contains(index)) {
            m_warnedSplit.insert(index);
            report(Diagnostic::Severity::Warning, start,
                QStringLiteral("samples of %1 are not contiguous (it started at line %2)")
                    .arg(family.name)
                    .arg(family.samples.first().location.line));
        }
        m_current = index;
        family.samples.append(std::move(sample));
        return std::nullopt;
    }

    QString m_file;
    QByteArrayView m_line;
    int m_lineNo = 0;
    PrometheusScrape m_scrape;
    QHash<QString, qsizetype> m_familyIndex;
    // Metric and label names, and short label values, repeat on every line of
    // a scrape: one string each.
    StringPool m_shared { 64 };
    MetricLabels m_labels; // the labels of the sample being read
    QSet<QString> m_helpSeen;
    QSet<QString> m_typeSeen;
    QSet<qsizetype> m_warnedSplit;
    qsizetype m_current = -1;
};

} // namespace

PrometheusScrape parse(const QByteArray &text, const QString &file)
{
    Parser parser(file);
    parser.feed(text, true);
    return parser.finish();
}

struct PieceParser::State
{
    explicit State(const QString &file)
        : parser(file)
    {
    }
    Parser parser;
    QByteArray carried; // the start of a line the last piece cut
};

PieceParser::PieceParser(const QString &file)
    : m_state(std::make_unique<State>(file))
{
}

PieceParser::~PieceParser() = default;

void PieceParser::add(QByteArrayView piece)
{
    const qsizetype lastNewline = piece.lastIndexOf('\n');
    if (lastNewline < 0) {
        m_state->carried += piece;
        return;
    }
    if (m_state->carried.isEmpty()) {
        m_state->parser.feed(piece.first(lastNewline + 1), false);
    } else {
        m_state->carried += piece.first(lastNewline + 1);
        m_state->parser.feed(m_state->carried, false);
    }
    m_state->carried = piece.sliced(lastNewline + 1).toByteArray();
}

PrometheusScrape PieceParser::finish()
{
    m_state->parser.feed(m_state->carried, true);
    m_state->carried.clear();
    return m_state->parser.finish();
}

} // namespace strata::PrometheusParser
