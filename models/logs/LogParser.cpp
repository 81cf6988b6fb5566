#include "LogParser.h"

#include "core/CredentialText.h"

#include "logs/LogTimestamp.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace strata::LogParser {

namespace {

using json = nlohmann::ordered_json;
using LogTimestamp::YearlessTime;

constexpr int maxWarnings = 100;
constexpr int maxNesting = 3;

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// What one line says, before year inference.
struct Parsed
{
    QDateTime time;
    std::optional<YearlessTime> yearless;
    QString source;
    QString level;
    QString message;
    QList<QPair<QString, QString>> fields;
};

QString jsonText(const json &v)
{
    if (v.is_string())
        return qs(v.get_ref<const std::string &>());
    if (v.is_null())
        return QStringLiteral("null");
    return qs(v.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<QDateTime> jsonTime(const json &v)
{
    if (v.is_number())
        return LogTimestamp::fromEpoch(v.get<double>());
    if (!v.is_string())
        return std::nullopt;
    const QString text = qs(v.get_ref<const std::string &>());
    if (const auto t = LogTimestamp::parseIso(text))
        return t;
    bool ok = false;
    const double epoch = text.toDouble(&ok);
    return ok ? LogTimestamp::fromEpoch(epoch) : std::nullopt;
}

bool isOneOf(const std::string &key, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (key == n)
            return true;
    }
    return false;
}

// Nested values are printed back as JSON text, which recurses: deep nesting is refused.
bool shallowEnough(QStringView text)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
        } else if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            if (++depth > 64)
                return false;
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
        }
    }
    return true;
}

// {"level":"warn","ts":"…","caller":"…","msg":"…","term":46,…} (zap, slog, logrus, bunyan-ish).
bool parseJson(QStringView text, Parsed &p)
{
    if (!text.startsWith(QLatin1Char('{')) || !text.endsWith(QLatin1Char('}')) || !shallowEnough(text))
        return false;
    const QByteArray utf8 = text.toUtf8();
    json v = json::parse(utf8.constBegin(), utf8.constEnd(), nullptr, false);
    if (v.is_discarded() || !v.is_object())
        return false;
    bool sawMessage = false;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string &key = it.key();
        const json &value = it.value();
        if (isOneOf(key, { "msg", "message", "M" }) && !sawMessage) {
            p.message = jsonText(value);
            sawMessage = true;
        } else if (isOneOf(key, { "level", "lvl", "severity", "L" }) && value.is_string() && p.level.isEmpty()) {
            p.level = LogTimestamp::normaliseLevel(jsonText(value));
            if (p.level.isEmpty())
                p.fields.append({ qs(key), jsonText(value) });
        } else if (isOneOf(key, { "ts", "time", "timestamp", "@timestamp", "T" })) {
            const auto t = jsonTime(value);
            if (t && !p.time.isValid() && !p.yearless)
                p.time = *t;
            else if (!t)
                p.fields.append({ qs(key), jsonText(value) });
        } else if (isOneOf(key, { "logger", "component", "N" }) && value.is_string() && p.source.isEmpty()) {
            p.source = jsonText(value);
        } else {
            p.fields.append({ qs(key), jsonText(value) });
        }
    }
    return true;
}

// "W1215 03:22:18.847291   12345 file.go:364] message"
bool parseKlog(QStringView text, Parsed &p, bool keepTime)
{
    if (text.size() < 15)
        return false;
    const QChar severity = text.at(0);
    static const QLatin1String severities("IWEF");
    if (!severities.contains(severity))
        return false;
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    for (qsizetype i = 1; i <= 4; ++i) {
        if (!isDigit(text.at(i)))
            return false;
    }
    month = (text.at(1).unicode() - '0') * 10 + (text.at(2).unicode() - '0');
    day = (text.at(3).unicode() - '0') * 10 + (text.at(4).unicode() - '0');
    if (text.at(5) != QLatin1Char(' ') || text.at(8) != QLatin1Char(':') || text.at(11) != QLatin1Char(':'))
        return false;
    for (const qsizetype i : { 6, 7, 9, 10, 12, 13 }) {
        if (!isDigit(text.at(i)))
            return false;
    }
    hour = (text.at(6).unicode() - '0') * 10 + (text.at(7).unicode() - '0');
    minute = (text.at(9).unicode() - '0') * 10 + (text.at(10).unicode() - '0');
    second = (text.at(12).unicode() - '0') * 10 + (text.at(13).unicode() - '0');
    qsizetype pos = 14;
    int msec = 0;
    if (pos < text.size() && text.at(pos) == QLatin1Char('.')) {
        ++pos;
        int digits = 0;
        while (pos < text.size() && isDigit(text.at(pos))) {
            if (digits < 3)
                msec = msec * 10 + (text.at(pos).unicode() - '0');
            ++digits;
            ++pos;
        }
        for (int d = digits; d < 3; ++d)
            msec *= 10;
    }
    const QTime time(hour, minute, second, msec);
    if (month < 1 || month > 12 || day < 1 || day > 31 || !time.isValid() || !QDate(2000, month, day).isValid())
        return false;
    // Then an optional thread id and "file:line]".
    const qsizetype bracket = text.indexOf(QLatin1String("] "), pos);
    const qsizetype limit = qMin(text.size(), pos + 256);
    if (bracket < 0 || bracket > limit) {
        if (!text.endsWith(QLatin1Char(']')) || text.size() > limit)
            return false;
    }
    const qsizetype close = bracket < 0 ? text.size() - 1 : bracket;
    const QStringList parts = text.mid(pos, close - pos).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty() || parts.size() > 2 || !parts.last().contains(QLatin1Char(':')))
        return false;
    if (parts.size() == 2 && !std::all_of(parts.first().cbegin(), parts.first().cend(), isDigit))
        return false;
    p.level = LogTimestamp::normaliseLevel(severity == QLatin1Char('I') ? u"info"
            : severity == QLatin1Char('W')                              ? u"warning"
            : severity == QLatin1Char('E')                              ? u"error"
                                                                        : u"fatal");
    p.fields.append({ QStringLiteral("caller"), parts.last() });
    if (parts.size() == 2)
        p.fields.append({ QStringLiteral("thread"), parts.first() });
    if (!keepTime)
        p.yearless = YearlessTime { month, day, time };
    p.message = bracket < 0 ? QString() : text.mid(bracket + 2).toString();
    return true;
}

// time=… level=… msg="…" key=value: every token must be a pair.
bool parseLogfmt(QStringView text, Parsed &p)
{
    QList<QPair<QString, QString>> pairs;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        const qsizetype keyStart = i;
        while (i < n && text.at(i) != QLatin1Char('=') && !text.at(i).isSpace() && text.at(i) != QLatin1Char('"'))
            ++i;
        if (i >= n || text.at(i) != QLatin1Char('=') || i == keyStart)
            return false;
        const QString key = text.mid(keyStart, i - keyStart).toString();
        ++i;
        QString value;
        if (i < n && text.at(i) == QLatin1Char('"')) {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text.at(i);
                if (c == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = text.at(i + 1);
                    value += e == QLatin1Char('n') ? QLatin1Char('\n') : e == QLatin1Char('t') ? QLatin1Char('\t') : e;
                    i += 2;
                    continue;
                }
                if (c == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                value += c;
                ++i;
            }
            if (!closed)
                return false;
        } else {
            const qsizetype valueStart = i;
            while (i < n && !text.at(i).isSpace())
                ++i;
            value = text.mid(valueStart, i - valueStart).toString();
        }
        pairs.append({ key, value });
    }
    bool hasMessage = false, hasLevel = false;
    for (const auto &pair : std::as_const(pairs)) {
        hasMessage = hasMessage || pair.first == QLatin1String("msg") || pair.first == QLatin1String("message");
        hasLevel = hasLevel || pair.first == QLatin1String("level") || pair.first == QLatin1String("lvl");
    }
    if (pairs.size() < 2 || (!hasMessage && !hasLevel))
        return false;
    bool sawMessage = false;
    for (const auto &[key, value] : std::as_const(pairs)) {
        if ((key == QLatin1String("msg") || key == QLatin1String("message")) && !sawMessage) {
            p.message = value;
            sawMessage = true;
        } else if ((key == QLatin1String("level") || key == QLatin1String("lvl")) && p.level.isEmpty()
            && !LogTimestamp::normaliseLevel(value).isEmpty()) {
            p.level = LogTimestamp::normaliseLevel(value);
        } else if ((key == QLatin1String("time") || key == QLatin1String("ts") || key == QLatin1String("t"))
            && !p.time.isValid() && !p.yearless && LogTimestamp::parseIso(value)) {
            p.time = *LogTimestamp::parseIso(value);
        } else if ((key == QLatin1String("component") || key == QLatin1String("logger")) && p.source.isEmpty()) {
            p.source = value;
        } else {
            p.fields.append({ key, value });
        }
    }
    return true;
}

// "INFO msg", "[warn] msg", "ERROR: msg", "<error> msg". Bare words must be
// upper case: "error connecting" starts a sentence, not a level.
bool takeLevel(QStringView &text, Parsed &p)
{
    qsizetype end = 0;
    while (end < text.size() && end < 16 && !text.at(end).isSpace())
        ++end;
    if (end == text.size() && end >= 16)
        return false;
    QStringView word = text.left(end);
    bool bracketed = false;
    if (word.size() > 2
        && ((word.startsWith(QLatin1Char('[')) && word.endsWith(QLatin1Char(']')))
            || (word.startsWith(QLatin1Char('<')) && word.endsWith(QLatin1Char('>'))))) {
        word = word.mid(1, word.size() - 2);
        bracketed = true;
    } else if (word.endsWith(QLatin1Char(':'))) {
        word.chop(1);
    }
    if (word.isEmpty() || (!bracketed && word.toString() != word.toString().toUpper()))
        return false;
    const QString level = LogTimestamp::normaliseLevel(word);
    if (level.isEmpty())
        return false;
    p.level = level;
    text = text.mid(end).trimmed();
    return true;
}

// capnslog, etcd 3.4's default logger, after its time:
// "N | pkg/osutil: received terminated signal" — one level letter, a bar, the package.
bool parseCapnslog(QStringView text, Parsed &p)
{
    static const QLatin1String letters("CEWNID");
    if (text.size() < 6 || !letters.contains(text.at(0)) || text.mid(1, 3) != QLatin1String(" | "))
        return false;
    const QStringView rest = text.mid(4);
    const qsizetype colon = rest.indexOf(QLatin1String(": "));
    if (colon <= 0 || colon > 64)
        return false;
    const QStringView package = rest.left(colon);
    for (const QChar c : package) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('/') && c != QLatin1Char('.') && c != QLatin1Char('_')
            && c != QLatin1Char('-'))
            return false;
    }
    switch (text.at(0).unicode()) {
    case 'C':
        p.level = QStringLiteral("fatal");
        break;
    case 'E':
        p.level = QStringLiteral("error");
        break;
    case 'W':
        p.level = QStringLiteral("warning");
        break;
    case 'D':
        p.level = QStringLiteral("debug");
        break;
    default: // N(otice), I(nfo)
        p.level = QStringLiteral("info");
    }
    if (p.source.isEmpty())
        p.source = package.toString();
    p.message = rest.mid(colon + 2).toString();
    return true;
}

// Go's log package with a prefix and no separator before its date — etcd
// 3.4's raft logger writes "raft2026/12/04 21:27:07 INFO: …": the prefix is
// the component.
bool takeGoLogPrefix(QStringView &text, Parsed &p)
{
    qsizetype k = 0;
    while (k < text.size() && k < 16 && text.at(k) >= QLatin1Char('a') && text.at(k) <= QLatin1Char('z'))
        ++k;
    if (k == 0 || k + 4 >= text.size() || !isDigit(text.at(k)) || text.at(k + 4) != QLatin1Char('/'))
        return false;
    qsizetype consumed = 0;
    const auto t = LogTimestamp::parseIso(text.mid(k), &consumed);
    if (!t || (k + consumed < text.size() && !text.at(k + consumed).isSpace()))
        return false;
    p.time = *t;
    if (p.source.isEmpty())
        p.source = text.left(k).toString();
    text = text.mid(k + consumed);
    return true;
}

// The message part of a line; `depth` stops pathological nesting.
void parseMessage(QStringView text, Parsed &p, int depth)
{
    text = text.trimmed();
    if (depth > maxNesting) {
        p.message = text.toString();
        return;
    }
    if (text.startsWith(QLatin1Char('{'))) {
        Parsed inner;
        inner.time = p.time;
        inner.yearless = p.yearless;
        if (parseJson(text, inner)) {
            // The outer wrapper's time and component win over the inner line's.
            if (!p.time.isValid() && !p.yearless)
                p.time = inner.time;
            if (p.source.isEmpty())
                p.source = inner.source;
            if (p.level.isEmpty() || !inner.level.isEmpty())
                p.level = inner.level.isEmpty() ? p.level : inner.level;
            p.fields += inner.fields;
            p.message = inner.message;
            return;
        }
    }
    const bool haveTime = p.time.isValid() || p.yearless.has_value();
    if (!haveTime && takeGoLogPrefix(text, p)) {
        parseMessage(text, p, depth + 1);
        return;
    }
    if (parseKlog(text, p, haveTime))
        return;
    qsizetype consumed = 0;
    if (const auto t = LogTimestamp::parseIso(text, &consumed); t && consumed > 0
        && (consumed == text.size() || text.at(consumed).isSpace() || text.at(consumed) == QLatin1Char(']'))) {
        if (!haveTime)
            p.time = *t;
        parseMessage(text.mid(consumed), p, depth + 1);
        return;
    }
    if (p.level.isEmpty() && haveTime && parseCapnslog(text, p))
        return;
    if (text.contains(QLatin1Char('=')) && parseLogfmt(text, p))
        return;
    if (p.level.isEmpty() && takeLevel(text, p)) {
        parseMessage(text, p, depth + 1);
        return;
    }
    p.message = text.toString();
}

// "[2024-12-15T03:22:14Z] etcd-1 | message" and "[2024-12-15T03:22:14Z] message".
bool parseBracketWrapper(QStringView line, Parsed &p)
{
    if (!line.startsWith(QLatin1Char('[')))
        return false;
    const qsizetype close = line.indexOf(QLatin1Char(']'));
    if (close < 0 || close > 64)
        return false;
    qsizetype consumed = 0;
    const QStringView inside = line.mid(1, close - 1).trimmed();
    const auto t = LogTimestamp::parseIso(inside, &consumed);
    if (!t || consumed != inside.size())
        return false;
    p.time = *t;
    QStringView rest = line.mid(close + 1).trimmed();
    const qsizetype bar = rest.indexOf(QLatin1String(" | "));
    if (bar > 0 && bar <= 128) {
        const QStringView component = rest.left(bar).trimmed();
        if (!component.isEmpty()
            && std::none_of(component.cbegin(), component.cend(), [](QChar c) { return c.isSpace(); })) {
            p.source = component.toString();
            rest = rest.mid(bar + 3);
        }
    }
    parseMessage(rest, p, 1);
    return true;
}

QString cleanBinary(const QString &text, bool *binary)
{
    QString out = text;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\t') || u == 0x7f || u == 0xfffd) {
            *binary = true;
            if (u != 0xfffd)
                c = QChar(0xfffd);
        }
    }
    return out;
}

class Parser
{
public:
    Parser(const QString &file, QDate contextDate, const QSet<QString> *keepFields)
        : m_file(file)
        , m_contextDate(contextDate)
        , m_keepFields(keepFields)
    {
    }

    LogParseResult run(const QByteArray &text)
    {
        qsizetype start = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
        int lineNumber = 0;
        while (start < text.size()) {
            qsizetype nl = text.indexOf('\n', start);
            if (nl < 0)
                nl = text.size();
            qsizetype end = nl;
            if (end > start && text.at(end - 1) == '\r')
                --end;
            ++lineNumber;
            readLine(QByteArrayView(text).sliced(start, end - start), lineNumber);
            start = nl + 1;
        }
        inferYears();
        return std::move(m_result);
    }

private:
    void warn(int line, const QString &message)
    {
        if (m_warnings == maxWarnings)
            m_result.diagnostics.append(
                Diagnostic::warning(m_file, line, 1, QStringLiteral("further warnings about this log are not shown")));
        if (m_warnings++ < maxWarnings)
            m_result.diagnostics.append(Diagnostic::warning(m_file, line, 1, message));
    }

    bool m_inPrivateKey = false; // between a private key's BEGIN and END lines

    void readLine(QByteArrayView bytes, int lineNumber)
    {
        bool truncated = false;
        if (bytes.size() > maxLineLength) {
            bytes = bytes.first(maxLineLength);
            truncated = true;
        }
        if (bytes.trimmed().isEmpty())
            return;
        bool binary = false;
        QString line = cleanBinary(QString::fromUtf8(bytes), &binary);
        if (line.isEmpty())
            return; // a line of nothing but a byte-order mark (the fuzzer found one)
        // The lines of a private key pasted into a log are hidden, not only its first.
        const bool begins = CredentialText::beginsPrivateKey(bytes);
        const bool ends = CredentialText::endsPrivateKey(bytes);
        if (m_inPrivateKey && !begins) {
            line = QStringLiteral("  ") + CredentialText::hidden; // a continuation of the line before
            if (ends)
                m_inPrivateKey = false;
        } else if (begins && !ends) {
            m_inPrivateKey = true;
        }
        if (truncated)
            warn(lineNumber, QStringLiteral("line longer than %1 bytes; the rest is ignored").arg(maxLineLength));
        if (binary)
            warn(lineNumber, QStringLiteral("line contains binary or invalid UTF-8 data"));

        Parsed p;
        const QStringView view(line);
        if (!parseBracketWrapper(view, p))
            parseMessage(view, p, 0);
        const bool structured = p.time.isValid() || p.yearless || !p.level.isEmpty() || !p.fields.isEmpty();
        // Stack traces and wrapped messages: indented lines without a header of their own.
        if (!structured && !m_result.events.isEmpty()
            && (line.at(0).isSpace() || line.startsWith(QLatin1String("Caused by:")))) {
            LogEvent &previous = m_result.events.last();
            if (previous.message.size() + line.size() < maxLineLength) {
                previous.message += QLatin1Char('\n') + CredentialText::redacted(line.trimmed());
            } else if (!m_continuationCut.contains(m_result.events.size())) {
                m_continuationCut.append(m_result.events.size());
                warn(lineNumber,
                    QStringLiteral("multi-line message longer than %1 bytes; the rest is ignored").arg(maxLineLength));
            }
            return;
        }
        LogEvent event;
        event.time = p.time;
        event.source = shared(p.source);
        event.level = shared(p.level);
        // A credential in a log line is never shown, whatever shows the line.
        event.message = CredentialText::redacted(p.message);
        for (auto &field : p.fields) {
            if (CredentialText::isCredentialName(field.first))
                field.second = CredentialText::hidden;
        }
        if (!m_keepFields) {
            event.fields = std::move(p.fields);
        } else {
            for (auto &field : p.fields) {
                if (m_keepFields->contains(field.first))
                    event.fields.append(std::move(field));
            }
        }
        event.location = { m_file, lineNumber, 1 };
        if (p.yearless) {
            m_yearless.append({ m_result.events.size(), *p.yearless });
        }
        m_result.events.append(std::move(event));
    }

    // Dates without a year take it from the context date, else from the
    // nearest event (before, then after) that has a full timestamp.
    void inferYears()
    {
        if (m_yearless.isEmpty())
            return;
        auto &events = m_result.events;
        QList<qsizetype> previousFull(events.size(), -1);
        qsizetype last = -1;
        for (qsizetype i = 0; i < events.size(); ++i) {
            previousFull[i] = last;
            if (events.at(i).time.isValid())
                last = i;
        }
        QList<qsizetype> nextFull(events.size(), -1);
        last = -1;
        for (qsizetype i = events.size() - 1; i >= 0; --i) {
            nextFull[i] = last;
            if (events.at(i).time.isValid())
                last = i;
        }
        int unplaced = 0;
        int firstUnplacedLine = 0;
        for (const auto &[index, yearless] : std::as_const(m_yearless)) {
            QDateTime reference;
            if (m_contextDate.isValid())
                reference = QDateTime(m_contextDate, QTime(12, 0), Qt::UTC);
            else if (previousFull.at(index) >= 0)
                reference = events.at(previousFull.at(index)).time;
            else if (nextFull.at(index) >= 0)
                reference = events.at(nextFull.at(index)).time;
            LogEvent &event = events[index];
            if (!reference.isValid()) {
                if (unplaced++ == 0)
                    firstUnplacedLine = event.location.line;
                continue;
            }
            event.time = LogTimestamp::placeNear(yearless, reference);
            event.yearInferred = event.time.isValid();
        }
        if (unplaced > 0)
            m_result.diagnostics.append({ Diagnostic::Severity::Note, m_file, firstUnplacedLine, 1,
                QStringLiteral("%1 klog line(s) have no year and nothing to take it from; their times are unknown")
                    .arg(unplaced) });
    }

    QString m_file;
    QDate m_contextDate;
    const QSet<QString> *m_keepFields;
    LogParseResult m_result;
    QList<QPair<qsizetype, YearlessTime>> m_yearless;
    QList<qsizetype> m_continuationCut;
    // A log names a handful of components and levels a million times: each
    // event shares one copy of its source and level.
    QSet<QString> m_shared;

    QString shared(const QString &s)
    {
        if (s.isEmpty())
            return {};
        const auto it = m_shared.constFind(s);
        if (it != m_shared.cend())
            return *it;
        if (m_shared.size() < 4096)
            m_shared.insert(s);
        return s;
    }
    int m_warnings = 0;
};

} // namespace

LogParseResult parse(const QByteArray &text, const QString &file, QDate contextDate, const QSet<QString> *keepFields)
{
    try {
        return Parser(file, contextDate, keepFields).run(text);
    } catch (const std::exception &e) {
        LogParseResult result;
        result.diagnostics.append(Diagnostic::error(
            file, 0, 0, QStringLiteral("could not read the log: %1").arg(QString::fromUtf8(e.what()))));
        return result;
    }
}

} // namespace strata::LogParser
