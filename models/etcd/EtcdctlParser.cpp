#include "EtcdctlParser.h"

#include "etcd/EtcdctlTable.h"
#include "etcd/EtcdctlValues.h"
#include "etcd/JsonSpans.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace strata::EtcdctlParser {

namespace {

using json = nlohmann::json;
using namespace EtcdctlValues;

enum class Kind { Unknown, Status, Members, Health, HashKv, Other };

// Lines longer than this are not etcdctl text output (JSON is measured separately).
constexpr qsizetype maxTextLine = 1 << 20;
// A paste full of noise must not turn into millions of notes.
constexpr int maxNotes = 200;

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Status:
        return QStringLiteral("endpoint status");
    case Kind::Members:
        return QStringLiteral("member list");
    case Kind::Health:
        return QStringLiteral("endpoint health");
    case Kind::HashKv:
        return QStringLiteral("endpoint hashkv");
    case Kind::Unknown:
    case Kind::Other:
        break;
    }
    return QStringLiteral("etcdctl");
}

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

const json *member(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString stringOf(const json &object, const char *key)
{
    const json *v = member(object, key);
    return v && v->is_string() ? qs(v->get_ref<const std::string &>()) : QString();
}

// etcdctl -w json prints raw numbers; the gateway prints 64-bit values as strings.
std::optional<quint64> unsignedOf(const json *v)
{
    if (!v)
        return std::nullopt;
    if (v->is_number_unsigned())
        return quint64(v->get<std::uint64_t>());
    if (v->is_number_integer()) {
        const auto i = v->get<std::int64_t>();
        return i >= 0 ? std::optional<quint64>(quint64(i)) : std::nullopt;
    }
    if (v->is_string())
        return parseUnsigned(qs(v->get_ref<const std::string &>()));
    return std::nullopt;
}

std::optional<qint64> signedOf(const json *v)
{
    if (!v)
        return std::nullopt;
    if (v->is_number_integer() && !v->is_number_unsigned())
        return qint64(v->get<std::int64_t>());
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        return u <= quint64(std::numeric_limits<qint64>::max()) ? std::optional<qint64>(qint64(u)) : std::nullopt;
    }
    if (v->is_string())
        return parseSigned(qs(v->get_ref<const std::string &>()));
    return std::nullopt;
}

bool boolOf(const json *v)
{
    if (!v)
        return false;
    if (v->is_boolean())
        return v->get<bool>();
    if (v->is_string())
        return parseBool(qs(v->get_ref<const std::string &>())).value_or(false);
    return false;
}

QStringList stringListOf(const json *v)
{
    QStringList list;
    if (v && v->is_array()) {
        for (const json &item : *v) {
            if (item.is_string())
                list.append(qs(item.get_ref<const std::string &>()).trimmed());
        }
    }
    return list;
}

QStringList splitErrors(const QString &cell)
{
    QStringList errors;
    for (const QString &part : cell.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString e = part.trimmed();
        if (!e.isEmpty())
            errors.append(e);
    }
    return errors;
}

QStringList splitUrls(const QString &cell)
{
    QStringList urls;
    for (const QString &part : cell.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString u = part.trimmed();
        if (!u.isEmpty())
            urls.append(u);
    }
    return urls;
}

bool looksLikeEndpoint(QStringView text)
{
    if (text.isEmpty() || text.size() > 2048)
        return false;
    for (const QChar c : text) {
        if (c.isSpace())
            return false;
    }
    return text.contains(QLatin1Char(':')) || text.contains(QLatin1Char('.'));
}

class Parser
{
public:
    Parser(const QByteArray &text, const QString &file)
        : m_text(text)
        , m_file(file)
    {
        qsizetype start = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
        while (start <= text.size()) {
            qsizetype nl = text.indexOf('\n', start);
            if (nl < 0)
                nl = text.size();
            qsizetype end = nl;
            if (end > start && text.at(end - 1) == '\r')
                --end;
            m_lineStarts.append(start);
            m_lineEnds.append(end);
            start = nl + 1;
        }
    }

    EtcdctlOutput run()
    {
        qsizetype i = 0;
        const qsizetype count = m_lineStarts.size();
        while (i < count) {
            const QByteArrayView raw = lineView(i).trimmed();
            if (raw.isEmpty()) {
                ++i;
                continue;
            }
            const char first = raw.front();
            if (first == '+' || first == '|') {
                flushSkipped();
                i = readTable(i);
                continue;
            }
            if (first == '{' || first == '[') {
                const qsizetype next = readJson(i);
                if (next > i) {
                    i = next;
                    continue;
                }
            }
            if (raw.size() > maxTextLine) {
                skip(i);
                ++i;
                continue;
            }
            const QString line = QString::fromUtf8(raw);
            if (readCommandLine(line)) {
                flushSkipped();
                ++i;
                continue;
            }
            if (!readTextLine(i, line))
                skip(i);
            ++i;
        }
        flushSkipped();
        // Tables report broken rows before their values are read: keep the file's order.
        std::stable_sort(m_out.diagnostics.begin(), m_out.diagnostics.end(),
            [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
        if (m_out.isEmpty() && !hasErrors(m_out.diagnostics))
            m_out.diagnostics.append(
                Diagnostic::warning(m_file, 0, 0, QStringLiteral("no etcdctl output found in this file")));
        return std::move(m_out);
    }

private:
    QByteArrayView lineView(qsizetype i) const
    {
        return QByteArrayView(m_text).sliced(m_lineStarts.at(i), m_lineEnds.at(i) - m_lineStarts.at(i));
    }

    int lineOfOffset(qsizetype offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
        return int(it - m_lineStarts.cbegin());
    }

    SourceLocation locationOfOffset(qsizetype offset) const
    {
        const int line = lineOfOffset(offset);
        const qsizetype lineStart = m_lineStarts.at(line - 1);
        const int column
            = int(QString::fromUtf8(QByteArrayView(m_text).sliced(lineStart, offset - lineStart)).size()) + 1;
        return { m_file, line, column };
    }

    SourceLocation locationOfLine(qsizetype index, QStringView line) const
    {
        int column = 1;
        while (column <= line.size() && line.at(column - 1).isSpace())
            ++column;
        return { m_file, int(index) + 1, column };
    }

    void note(int line, int column, const QString &message)
    {
        if (m_notes == maxNotes) {
            m_out.diagnostics.append({ Diagnostic::Severity::Note, m_file, line, column,
                QStringLiteral("further skipped lines are not reported") });
        }
        if (m_notes++ >= maxNotes)
            return;
        m_out.diagnostics.append({ Diagnostic::Severity::Note, m_file, line, column, message });
    }

    void error(const SourceLocation &at, const QString &message)
    {
        m_out.diagnostics.append(Diagnostic::error(at.file, at.line, at.column, message));
    }

    void skip(qsizetype index)
    {
        if (m_skippedCount == 0)
            m_skippedFirst = index;
        ++m_skippedCount;
    }

    void flushSkipped()
    {
        if (m_skippedCount == 0)
            return;
        const bool expected = m_hint != Kind::Unknown && m_hint != Kind::Other;
        const QString what = m_skippedCount == 1 ? QStringLiteral("skipped a line")
                                                 : QStringLiteral("skipped %1 lines").arg(m_skippedCount);
        const QString why = expected ? QStringLiteral(" not understood as `%1` output").arg(kindName(m_hint))
                                     : QStringLiteral(" that are not etcdctl output");
        if (expected && m_warnings < maxNotes) {
            ++m_warnings;
            m_out.diagnostics.append(Diagnostic::warning(m_file, int(m_skippedFirst) + 1, 1, what + why));
        } else {
            note(int(m_skippedFirst) + 1, 1, what + why);
        }
        m_skippedCount = 0;
    }

    // "$ etcdctl endpoint status -w table", "root@host:~# ETCDCTL_API=3 etcdctl ...",
    // "## etcdctl member list"; any other prompt line ends the previous output.
    bool readCommandLine(const QString &line)
    {
        const QStringList tokens = line.split(QLatin1Char(' '), Qt::SkipEmptyParts).mid(0, 64);
        qsizetype i = 0;
        bool prompt = false;
        while (i < tokens.size() && tokens.at(i).size() < 128
            && (tokens.at(i).endsWith(QLatin1Char('$')) || tokens.at(i).endsWith(QLatin1Char('#'))
                || tokens.at(i).endsWith(QLatin1Char('>')) || tokens.at(i).endsWith(QLatin1Char('%')))) {
            prompt = true;
            ++i;
        }
        const auto isEtcdctl = [](const QString &t) {
            return t == QLatin1String("etcdctl") || t.endsWith(QLatin1String("/etcdctl"))
                || t == QLatin1String("etcdctl.exe");
        };
        if (!prompt) {
            if (tokens.isEmpty())
                return false;
            const QString &t = tokens.first();
            const bool wrapper = t.contains(QLatin1Char('=')) || t == QLatin1String("sudo")
                || t == QLatin1String("kubectl") || t == QLatin1String("docker") || t == QLatin1String("crictl")
                || t == QLatin1String("oc");
            if (!isEtcdctl(t) && !wrapper)
                return false;
        }
        qsizetype at = i;
        while (at < tokens.size() && !isEtcdctl(tokens.at(at)))
            ++at;
        if (at == tokens.size()) {
            if (!prompt)
                return false;
            m_hint = Kind::Other;
            return true;
        }
        QStringList words;
        m_hintHex = false;
        m_hintRevision.reset();
        // The TLS files the pasted command used (`--cacert=…`, `--cacert …`,
        // or ETCDCTL_CACERT=… before it): the plan's commands reuse them.
        // Paths only; a file's content never appears on a command line.
        const auto tlsFlag = [&tokens](qsizetype k, const QString &flag, const QString &env) -> QString {
            const QString &t = tokens.at(k);
            if (t.startsWith(flag + QLatin1Char('=')))
                return t.mid(flag.size() + 1);
            if (t == flag && k + 1 < tokens.size())
                return tokens.at(k + 1);
            if (t.startsWith(env + QLatin1Char('=')))
                return t.mid(env.size() + 1);
            return {};
        };
        // Through `kubectl exec`, `docker exec` or `crictl exec` the files are
        // inside the container, not where the engineer runs the plan.
        bool inContainer = false;
        for (qsizetype k = 0; k < at; ++k)
            inContainer = inContainer || tokens.at(k) == QLatin1String("exec");
        for (qsizetype k = 0; k < tokens.size() && !inContainer; ++k) {
            const struct
            {
                const char *flag;
                const char *env;
                QString *into;
            } flags[] = { { "--cacert", "ETCDCTL_CACERT", &m_out.caFile },
                { "--cert", "ETCDCTL_CERT", &m_out.certFile }, { "--key", "ETCDCTL_KEY", &m_out.keyFile } };
            for (const auto &f : flags) {
                QString path = tlsFlag(k, QLatin1String(f.flag), QLatin1String(f.env));
                if (path.size() >= 2 && (path.front() == QLatin1Char('\'') || path.front() == QLatin1Char('"'))
                    && path.back() == path.front())
                    path = path.mid(1, path.size() - 2);
                // "$CA" or "$(…)" is the shell's to expand, not a path.
                if (!path.isEmpty() && !path.contains(QLatin1Char('$')) && f.into->isEmpty())
                    *f.into = path;
            }
        }
        for (qsizetype k = at + 1; k < tokens.size(); ++k) {
            const QString &t = tokens.at(k);
            if (t == QLatin1String("--hex") || t == QLatin1String("--hex=true"))
                m_hintHex = true;
            // `endpoint hashkv --rev=N`: every hash below is at revision N.
            if (t.startsWith(QLatin1String("--rev=")) || (t == QLatin1String("--rev") && k + 1 < tokens.size())) {
                bool ok = false;
                const qint64 rev = (t == QLatin1String("--rev") ? tokens.at(k + 1) : t.mid(6)).toLongLong(&ok);
                if (ok && rev > 0)
                    m_hintRevision = rev;
            }
            if (t == QLatin1String("|") || t == QLatin1String("&&") || t == QLatin1String(";"))
                break;
            if (!t.startsWith(QLatin1Char('-')))
                words.append(t.toLower());
        }
        const qsizetype endpoint = words.indexOf(QLatin1String("endpoint"));
        const qsizetype memberWord = words.indexOf(QLatin1String("member"));
        m_hint = Kind::Other;
        if (endpoint >= 0) {
            const QStringList rest = words.mid(endpoint + 1);
            if (rest.contains(QLatin1String("status")))
                m_hint = Kind::Status;
            else if (rest.contains(QLatin1String("health")))
                m_hint = Kind::Health;
            else if (rest.contains(QLatin1String("hashkv")))
                m_hint = Kind::HashKv;
        } else if (memberWord >= 0 && words.mid(memberWord + 1).contains(QLatin1String("list"))) {
            m_hint = Kind::Members;
        }
        return true;
    }

    // ---- tables ----------------------------------------------------------

    qsizetype readTable(qsizetype first)
    {
        QList<EtcdctlTable::SourceLine> lines;
        qsizetype i = first;
        for (; i < m_lineStarts.size(); ++i) {
            const QByteArrayView raw = lineView(i);
            const QByteArrayView trimmed = raw.trimmed();
            if (trimmed.isEmpty() || (trimmed.front() != '+' && trimmed.front() != '|'))
                break;
            if (raw.size() > maxTextLine) {
                error({ m_file, int(i) + 1, 1 }, QStringLiteral("table line too long; skipped"));
                continue;
            }
            lines.append({ QString::fromUtf8(raw), int(i) + 1 });
        }
        const EtcdctlTable table = EtcdctlTable::read(lines, m_file, &m_out.diagnostics);
        const auto has = [&](const char *h) { return table.columnOf(QLatin1String(h)) >= 0; };
        if (has("ENDPOINT") && has("ID"))
            readStatusTable(table);
        else if (has("ID") && (has("PEER ADDRS") || has("NAME")))
            readMemberTable(table);
        else if (has("ENDPOINT") && has("HEALTH"))
            readHealthTable(table);
        else if (has("ENDPOINT") && has("HASH"))
            readHashTable(table);
        else
            m_out.diagnostics.append(Diagnostic::warning(m_file, lines.isEmpty() ? 0 : lines.first().line, 1,
                QStringLiteral("table with columns %1 is not etcdctl output Strata reads")
                    .arg(table.headers.join(QStringLiteral(", ")))));
        return i;
    }

    // Looks a cell up by column name; reports and fails the row when its text
    // does not parse, so a row is either read completely or skipped.
    class RowReader
    {
    public:
        RowReader(Parser &parser, const EtcdctlTable &table, const EtcdctlTable::Row &row)
            : m_parser(parser)
            , m_table(table)
            , m_row(row)
        {
        }
        bool ok = true;

        const EtcdctlTable::Cell *cell(const char *header) const
        {
            const int c = m_table.columnOf(QLatin1String(header));
            return c < 0 ? nullptr : &m_row.cells.at(c);
        }
        QString text(const char *header) const
        {
            const auto *c = cell(header);
            return c ? c->text : QString();
        }
        template<typename T, typename F>
        std::optional<T> value(const char *header, F parse, const char *what, bool required = true)
        {
            const auto *c = cell(header);
            if (!c || (!required && c->text.isEmpty()))
                return std::nullopt;
            const auto v = parse(c->text);
            if (!v) {
                fail(c,
                    QStringLiteral("%1 '%2' in column %3 is not %4")
                        .arg(QString::fromLatin1(header).toLower(), c->text.left(80), QLatin1String(header),
                            QLatin1String(what)));
            }
            return v;
        }
        void fail(const EtcdctlTable::Cell *c, const QString &message)
        {
            if (ok)
                m_parser.error(
                    { m_parser.m_file, m_row.line, c ? c->column : 1 }, message + QStringLiteral("; row skipped"));
            ok = false;
        }
        SourceLocation location() const
        {
            return { m_parser.m_file, m_row.line, m_row.cells.isEmpty() ? 1 : m_row.cells.first().column };
        }

    private:
        Parser &m_parser;
        const EtcdctlTable &m_table;
        const EtcdctlTable::Row &m_row;
    };

    void readStatusTable(const EtcdctlTable &table)
    {
        for (const auto &row : table.rows) {
            RowReader r(*this, table, row);
            EtcdEndpointStatus s;
            s.location = r.location();
            s.endpoint = r.text("ENDPOINT");
            if (s.endpoint.isEmpty())
                r.fail(r.cell("ENDPOINT"), QStringLiteral("empty endpoint"));
            const auto id = r.value<quint64>(
                "ID", [](const QString &t) { return parseHexId(t); }, "a hex member id");
            s.memberId = id.value_or(0);
            s.memberIdHex = hexId(s.memberId);
            s.version = r.text("VERSION");
            s.storageVersion = r.text("STORAGE VERSION");
            s.dbSizeText = r.text("DB SIZE");
            const auto bytes = [](const QString &t) { return parseByteSize(t); };
            s.dbSizeBytes = r.value<quint64>("DB SIZE", bytes, "a size", false).value_or(0);
            s.dbSizeInUseBytes = r.value<quint64>("IN USE", bytes, "a size", false);
            s.dbSizeQuotaBytes = r.value<quint64>("QUOTA", bytes, "a size", false);
            const auto boolean = [](const QString &t) { return parseBool(t); };
            s.isLeader = r.value<bool>("IS LEADER", boolean, "true or false", false).value_or(false);
            s.isLearner = r.value<bool>("IS LEARNER", boolean, "true or false", false).value_or(false);
            const auto number = [](const QString &t) { return parseUnsigned(t); };
            s.raftTerm = r.value<quint64>("RAFT TERM", number, "a number", false).value_or(0);
            s.raftIndex = r.value<quint64>("RAFT INDEX", number, "a number", false).value_or(0);
            s.raftAppliedIndex = r.value<quint64>("RAFT APPLIED INDEX", number, "a number", false).value_or(0);
            s.errors = splitErrors(r.text("ERRORS"));
            s.downgradeTargetVersion = r.text("DOWNGRADE TARGET VERSION");
            s.downgradeEnabled = r.value<bool>("DOWNGRADE ENABLED", boolean, "true or false", false).value_or(false);
            if (r.ok)
                m_out.statuses.append(s);
        }
    }

    void readMemberTable(const EtcdctlTable &table)
    {
        for (const auto &row : table.rows) {
            RowReader r(*this, table, row);
            EtcdMember m;
            m.location = r.location();
            m.id = r.value<quint64>(
                        "ID", [](const QString &t) { return parseHexId(t); }, "a hex member id")
                       .value_or(0);
            m.idHex = hexId(m.id);
            m.name = r.text("NAME");
            m.status = r.text("STATUS");
            if (m.status.isEmpty())
                m.status = m.name.isEmpty() ? QStringLiteral("unstarted") : QStringLiteral("started");
            m.peerUrls = splitUrls(r.text("PEER ADDRS"));
            m.clientUrls = splitUrls(r.text("CLIENT ADDRS"));
            m.isLearner = r.value<bool>(
                               "IS LEARNER", [](const QString &t) { return parseBool(t); }, "true or false", false)
                              .value_or(false);
            if (r.ok)
                m_out.members.append(m);
        }
    }

    void readHealthTable(const EtcdctlTable &table)
    {
        for (const auto &row : table.rows) {
            RowReader r(*this, table, row);
            EtcdEndpointHealth h;
            h.location = r.location();
            h.endpoint = r.text("ENDPOINT");
            h.healthy = r.value<bool>(
                             "HEALTH", [](const QString &t) { return parseBool(t); }, "true or false")
                            .value_or(false);
            h.took = r.text("TOOK");
            h.tookSeconds = parseGoDurationSeconds(h.took);
            h.error = r.text("ERROR");
            if (r.ok)
                m_out.health.append(h);
        }
    }

    void readHashTable(const EtcdctlTable &table)
    {
        for (const auto &row : table.rows) {
            RowReader r(*this, table, row);
            EtcdEndpointHash h;
            h.location = r.location();
            h.endpoint = r.text("ENDPOINT");
            const auto hash = r.value<quint64>(
                "HASH", [](const QString &t) { return parseUnsigned(t); }, "a number");
            if (hash && *hash > 0xffffffffULL)
                r.fail(r.cell("HASH"), QStringLiteral("hash %1 does not fit 32 bits").arg(*hash));
            h.hash = quint32(hash.value_or(0));
            h.hashRevision = r.value<qint64>(
                "HASH REVISION", [](const QString &t) { return parseSigned(t); }, "a number", false);
            h.compactRevision = r.value<qint64>(
                "COMPACT REVISION", [](const QString &t) { return parseSigned(t); }, "a number", false);
            if (!h.hashRevision && m_hint == Kind::HashKv)
                h.hashRevision = m_hintRevision;
            if (r.ok)
                m_out.hashes.append(h);
        }
    }

    // ---- JSON --------------------------------------------------------------

    // Returns the line after the JSON value starting on line `index`, or
    // `index` when the line is not JSON after all.
    qsizetype readJson(qsizetype index)
    {
        const QByteArrayView view(m_text);
        qsizetype start = m_lineStarts.at(index);
        while (start < m_lineEnds.at(index) && (view.at(start) == ' ' || view.at(start) == '\t'))
            ++start;
        // Most etcdctl JSON is one line; `| jq` output spans several.
        qsizetype end = JsonSpans::valueEnd(view, start, m_lineEnds.at(index));
        if (end < 0 && m_multiLineJson)
            end = JsonSpans::valueEnd(view, start, view.size());
        if (end < 0) {
            // Unterminated to the end of the input: do not look again from every later line.
            m_multiLineJson = false;
            return looksLikeJson(index) ? reportBadJson(index, start) : index;
        }
        const int lastLine = lineOfOffset(end - 1);
        // "[2024-12-15T03:22:14Z] etcd-1 | ..." also starts with a bracket: a
        // JSON value has to end its line, and etcdctl's arrays hold objects.
        if (!QByteArrayView(m_text).sliced(end, m_lineEnds.at(lastLine - 1) - end).trimmed().isEmpty())
            return index;
        if (view.at(start) == '[') {
            const QByteArrayView inner = view.sliced(start + 1, end - start - 1).trimmed();
            if (inner.isEmpty() || (inner.front() != '{' && inner.front() != ']'))
                return index;
        }
        flushSkipped();
        if (view.at(start) == '[')
            readJsonArray(start, end);
        else
            readJsonObject(start, end);
        return lastLine; // lineOfOffset is 1-based: this is the index of the next line
    }

    bool looksLikeJson(qsizetype index) const
    {
        const QByteArrayView line = lineView(index).trimmed();
        if (line.front() == '{')
            return true;
        const QByteArrayView inner = line.sliced(1).trimmed();
        return inner.isEmpty() || inner.front() == '{' || inner.front() == '"' || inner.front() == ']';
    }

    qsizetype reportBadJson(qsizetype index, qsizetype start)
    {
        error(locationOfOffset(start), QStringLiteral("JSON value is not complete; line skipped"));
        return index + 1;
    }

    std::optional<json> parseSpan(qsizetype start, qsizetype end)
    {
        const char *begin = m_text.constData() + start;
        json value = json::parse(begin, begin + (end - start), nullptr, false);
        if (value.is_discarded()) {
            error(locationOfOffset(start), QStringLiteral("malformed JSON; skipped"));
            return std::nullopt;
        }
        return value;
    }

    void readJsonArray(qsizetype start, qsizetype end)
    {
        const auto elements = JsonSpans::children(QByteArrayView(m_text), start, end);
        for (const auto &element : elements) {
            if (m_text.at(element.start) != '{') {
                error(locationOfOffset(element.start), QStringLiteral("expected an object in etcdctl's JSON array"));
                continue;
            }
            const auto value = parseSpan(element.start, element.end);
            if (!value)
                continue;
            const SourceLocation at = locationOfOffset(element.start);
            try {
                readJsonRecord(*value, at);
            } catch (const json::exception &e) {
                error(at, QStringLiteral("unexpected JSON: %1").arg(QString::fromUtf8(e.what())));
            }
        }
    }

    void readJsonRecord(const json &v, const SourceLocation &at)
    {
        if (const json *status = member(v, "Status"); status && member(v, "Endpoint")) {
            readJsonStatus(*status, stringOf(v, "Endpoint"), at);
        } else if (const json *hashKv = member(v, "HashKV"); hashKv && member(v, "Endpoint")) {
            EtcdEndpointHash h;
            h.endpoint = stringOf(v, "Endpoint");
            const auto hash = unsignedOf(member(*hashKv, "hash"));
            h.hash = quint32(hash.value_or(0));
            h.compactRevision = signedOf(member(*hashKv, "compact_revision"));
            h.hashRevision = signedOf(member(*hashKv, "hash_revision"));
            if (!h.hashRevision && m_hint == Kind::HashKv)
                h.hashRevision = m_hintRevision;
            h.location = at;
            m_out.hashes.append(h);
        } else if (member(v, "endpoint") && member(v, "health")) {
            EtcdEndpointHealth h;
            h.endpoint = stringOf(v, "endpoint");
            h.healthy = boolOf(member(v, "health"));
            h.took = stringOf(v, "took");
            h.tookSeconds = parseGoDurationSeconds(h.took);
            h.error = stringOf(v, "error");
            h.location = at;
            m_out.health.append(h);
        } else {
            m_out.diagnostics.append(Diagnostic::warning(
                at.file, at.line, at.column, QStringLiteral("JSON object is not etcdctl output Strata reads")));
        }
    }

    void readJsonStatus(const json &st, const QString &endpoint, const SourceLocation &at)
    {
        EtcdEndpointStatus s;
        s.endpoint = endpoint;
        s.location = at;
        const json *header = member(st, "header");
        const auto id = header ? unsignedOf(member(*header, "member_id")) : std::nullopt;
        if (!id)
            m_out.diagnostics.append(Diagnostic::warning(
                at.file, at.line, at.column, QStringLiteral("status has no header.member_id; member id unknown")));
        s.memberId = id.value_or(0);
        s.memberIdHex = hexId(s.memberId);
        if (header) {
            s.clusterId = unsignedOf(member(*header, "cluster_id"));
            s.revision = signedOf(member(*header, "revision"));
        }
        s.version = stringOf(st, "version");
        s.storageVersion = stringOf(st, "storageVersion");
        s.dbSizeBytes = unsignedOf(member(st, "dbSize")).value_or(0);
        s.dbSizeText = QString::number(s.dbSizeBytes);
        s.dbSizeInUseBytes = unsignedOf(member(st, "dbSizeInUse"));
        s.dbSizeQuotaBytes = unsignedOf(member(st, "dbSizeQuota"));
        s.leaderId = unsignedOf(member(st, "leader"));
        s.isLeader = id && s.leaderId && *s.leaderId == *id;
        s.isLearner = boolOf(member(st, "isLearner"));
        s.raftTerm = unsignedOf(member(st, "raftTerm")).value_or(0);
        s.raftIndex = unsignedOf(member(st, "raftIndex")).value_or(0);
        s.raftAppliedIndex = unsignedOf(member(st, "raftAppliedIndex")).value_or(0);
        s.errors = stringListOf(member(st, "errors"));
        if (const json *downgrade = member(st, "downgradeInfo")) {
            s.downgradeTargetVersion = stringOf(*downgrade, "targetVersion");
            s.downgradeEnabled = boolOf(member(*downgrade, "enabled"));
        }
        m_out.statuses.append(s);
    }

    std::optional<quint64> memberIdOf(const json *v)
    {
        if (v && v->is_string()) {
            const QString text = qs(v->get_ref<const std::string &>());
            // 3.5's `--hex` prints ids as hex strings; the gateway as decimal strings.
            const bool hex = m_hintHex || std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
            return hex ? parseHexId(text) : parseUnsigned(text);
        }
        return unsignedOf(v);
    }

    void readJsonObject(qsizetype start, qsizetype end)
    {
        const SourceLocation at = locationOfOffset(start);
        const auto fields = JsonSpans::children(QByteArrayView(m_text), start, end);
        const auto find = [&](const char *key) -> const JsonSpans::Child * {
            for (const auto &f : fields) {
                if (f.key == QByteArrayView(key))
                    return &f;
            }
            return nullptr;
        };
        try {
            if (const auto *members = find("members")) {
                for (const auto &element : JsonSpans::children(QByteArrayView(m_text), members->start, members->end)) {
                    const auto value = parseSpan(element.start, element.end);
                    if (!value)
                        continue;
                    readJsonMember(*value, locationOfOffset(element.start));
                }
                return;
            }
            if (find("level") && find("msg")) {
                const auto value = parseSpan(start, end);
                if (!value)
                    return;
                QString text
                    = QStringLiteral("etcdctl log (%1): %2").arg(stringOf(*value, "level"), stringOf(*value, "msg"));
                if (const QString e = stringOf(*value, "error"); !e.isEmpty())
                    text += QStringLiteral(": ") + e;
                note(at.line, at.column, text.left(500));
                return;
            }
            if (find("Endpoint") && (find("Status") || find("HashKV"))) {
                if (const auto value = parseSpan(start, end))
                    readJsonRecord(*value, at);
                return;
            }
            if (find("version") && (find("dbSize") || find("raftIndex"))) {
                // A v3 gateway /maintenance/status answer: no endpoint in it.
                if (const auto value = parseSpan(start, end))
                    readJsonStatus(*value, QString(), at);
                return;
            }
        } catch (const json::exception &e) {
            error(at, QStringLiteral("unexpected JSON: %1").arg(QString::fromUtf8(e.what())));
            return;
        }
        note(at.line, at.column, QStringLiteral("JSON that is not etcdctl output skipped"));
    }

    void readJsonMember(const json &v, const SourceLocation &at)
    {
        EtcdMember m;
        const auto id = memberIdOf(member(v, "ID"));
        if (!id) {
            error(at, QStringLiteral("member without a valid ID; skipped"));
            return;
        }
        m.id = *id;
        m.idHex = hexId(m.id);
        m.name = stringOf(v, "name");
        m.status = m.name.isEmpty() ? QStringLiteral("unstarted") : QStringLiteral("started");
        m.peerUrls = stringListOf(member(v, "peerURLs"));
        m.clientUrls = stringListOf(member(v, "clientURLs"));
        m.isLearner = boolOf(member(v, "isLearner"));
        m.location = at;
        m_out.members.append(m);
    }

    // ---- simple format and messages --------------------------------------------

    bool readTextLine(qsizetype index, const QString &line)
    {
        const SourceLocation at = locationOfLine(index, line);
        const QString text = line.trimmed();
        if (text.startsWith(QLatin1String("Error:"))) {
            flushSkipped();
            m_out.errors.append({ QString(), text.mid(6).trimmed(), at });
            return true;
        }
        // `etcdctl alarm list`: one line per active alarm, the member id in decimal.
        static const QRegularExpression alarmLine(QStringLiteral("^memberID:(\\d+) alarm:([A-Z_]+)$"));
        if (const auto m = alarmLine.match(text); m.hasMatch()) {
            if (const auto id = parseUnsigned(m.captured(1))) {
                flushSkipped();
                m_out.alarms.append({ *id, QString::number(*id, 16), m.captured(2), at });
                return true;
            }
        }
        static const QLatin1String failedStatus("Failed to get the status of endpoint ");
        if (text.startsWith(failedStatus)) {
            flushSkipped();
            const QString rest = text.mid(failedStatus.size());
            const qsizetype paren = rest.indexOf(QLatin1String(" ("));
            EtcdctlError e;
            e.endpoint = paren < 0 ? rest : rest.left(paren);
            e.message = paren < 0 ? text : rest.mid(paren + 2).chopped(rest.endsWith(QLatin1Char(')')) ? 1 : 0);
            e.location = at;
            m_out.errors.append(e);
            return true;
        }
        for (const bool healthy : { true, false }) {
            const QLatin1String marker = healthy ? QLatin1String(" is healthy: ") : QLatin1String(" is unhealthy: ");
            const qsizetype pos = text.indexOf(marker);
            if (pos <= 0 || !looksLikeEndpoint(QStringView(text).left(pos)))
                continue;
            flushSkipped();
            EtcdEndpointHealth h;
            h.endpoint = text.left(pos);
            h.healthy = healthy;
            const QString detail = text.mid(pos + marker.size());
            const qsizetype took = detail.lastIndexOf(QLatin1String("took = "));
            if (took >= 0) {
                h.took = detail.mid(took + 7).trimmed();
                h.tookSeconds = parseGoDurationSeconds(h.took);
            }
            if (!healthy)
                h.error = detail.trimmed();
            h.location = at;
            m_out.health.append(h);
            return true;
        }
        if (m_hint == Kind::Other || !text.contains(QLatin1String(", ")))
            return false;
        QStringList fields = text.split(QStringLiteral(", "));
        for (QString &f : fields)
            f = f.trimmed();
        // A trailing ", " (empty ERRORS) survives as a trailing comma once pasted.
        if (!fields.isEmpty() && fields.last().endsWith(QLatin1Char(','))) {
            fields.last().chop(1);
            fields.append(QString());
        }
        const bool done = readSimpleStatus(fields, at) || readSimpleMember(fields, at) || readSimpleHash(fields, at);
        if (done)
            flushSkipped();
        return done;
    }

    bool readSimpleStatus(const QStringList &f, const SourceLocation &at)
    {
        if (m_hint != Kind::Unknown && m_hint != Kind::Status)
            return false;
        if (f.size() < 7 || !looksLikeEndpoint(f.at(0)) || !parseHexId(f.at(1)))
            return false;
        EtcdEndpointStatus s;
        s.endpoint = f.at(0);
        s.memberId = *parseHexId(f.at(1));
        s.memberIdHex = hexId(s.memberId);
        s.version = f.at(2);
        s.location = at;
        bool ok = true;
        const auto size = [&](const QString &t) {
            const auto v = parseByteSize(t);
            ok = ok && v;
            return v.value_or(0);
        };
        const auto boolean = [&](const QString &t) {
            const auto v = parseBool(t);
            ok = ok && v;
            return v.value_or(false);
        };
        const auto number = [&](const QString &t) {
            const auto v = parseUnsigned(t);
            ok = ok && v;
            return v.value_or(0);
        };
        if (f.size() >= 16 && f.at(6).endsWith(QLatin1Char('%'))) { // 3.6
            s.storageVersion = f.at(3);
            s.dbSizeText = f.at(4);
            s.dbSizeBytes = size(f.at(4));
            s.dbSizeInUseBytes = size(f.at(5));
            s.dbSizeQuotaBytes = size(f.at(7));
            s.isLeader = boolean(f.at(8));
            s.isLearner = boolean(f.at(9));
            s.raftTerm = number(f.at(10));
            s.raftIndex = number(f.at(11));
            s.raftAppliedIndex = number(f.at(12));
            s.errors = splitErrors(f.mid(13, f.size() - 15).join(QLatin1Char(',')));
            s.downgradeTargetVersion = f.at(f.size() - 2);
            s.downgradeEnabled = boolean(f.last());
        } else if (f.size() >= 9) { // 3.4, 3.5
            s.dbSizeText = f.at(3);
            s.dbSizeBytes = size(f.at(3));
            s.isLeader = boolean(f.at(4));
            s.isLearner = boolean(f.at(5));
            s.raftTerm = number(f.at(6));
            s.raftIndex = number(f.at(7));
            s.raftAppliedIndex = number(f.at(8));
            s.errors = splitErrors(f.mid(9).join(QLatin1Char(',')));
        } else if (f.size() == 7) { // 3.3
            s.dbSizeText = f.at(3);
            s.dbSizeBytes = size(f.at(3));
            s.isLeader = boolean(f.at(4));
            s.raftTerm = number(f.at(5));
            s.raftIndex = number(f.at(6));
        } else {
            ok = false;
        }
        if (!ok) {
            if (m_hint == Kind::Status)
                error(at, QStringLiteral("endpoint status line has a value that does not parse; skipped"));
            return m_hint == Kind::Status;
        }
        m_out.statuses.append(s);
        return true;
    }

    bool readSimpleMember(const QStringList &f, const SourceLocation &at)
    {
        if (m_hint != Kind::Unknown && m_hint != Kind::Members)
            return false;
        if ((f.size() != 5 && f.size() != 6) || !parseHexId(f.at(0))
            || (f.at(1) != QLatin1String("started") && f.at(1) != QLatin1String("unstarted")))
            return false;
        EtcdMember m;
        m.id = *parseHexId(f.at(0));
        m.idHex = hexId(m.id);
        m.status = f.at(1);
        m.name = f.at(2);
        m.peerUrls = splitUrls(f.at(3));
        m.clientUrls = splitUrls(f.at(4));
        if (f.size() == 6) {
            const auto learner = parseBool(f.at(5));
            if (!learner) {
                error(at,
                    QStringLiteral("member line: is-learner '%1' is not true or false; skipped").arg(f.at(5).left(80)));
                return true;
            }
            m.isLearner = *learner;
        }
        m.location = at;
        m_out.members.append(m);
        return true;
    }

    bool readSimpleHash(const QStringList &f, const SourceLocation &at)
    {
        if (m_hint != Kind::Unknown && m_hint != Kind::HashKv)
            return false;
        if (f.size() < 2 || f.size() > 3 || !looksLikeEndpoint(f.at(0)))
            return false;
        const auto hash = parseUnsigned(f.at(1));
        if (!hash || *hash > 0xffffffffULL)
            return false;
        EtcdEndpointHash h;
        h.endpoint = f.at(0);
        h.hash = quint32(*hash);
        if (f.size() == 3) {
            h.hashRevision = parseSigned(f.at(2));
            if (!h.hashRevision)
                return false;
        }
        h.location = at;
        m_out.hashes.append(h);
        return true;
    }

    const QByteArray &m_text;
    QString m_file;
    QList<qsizetype> m_lineStarts;
    QList<qsizetype> m_lineEnds;
    EtcdctlOutput m_out;
    Kind m_hint = Kind::Unknown;
    bool m_hintHex = false;
    std::optional<qint64> m_hintRevision; // --rev of the command above the output
    bool m_multiLineJson = true;
    int m_notes = 0;
    int m_warnings = 0;
    qsizetype m_skippedFirst = 0;
    int m_skippedCount = 0;
};

} // namespace

EtcdctlOutput parse(const QByteArray &text, const QString &file)
{
    try {
        return Parser(text, file).run();
    } catch (const std::exception &e) {
        // Only allocation failure can get here; report it rather than crash the import.
        EtcdctlOutput out;
        out.diagnostics.append(Diagnostic::error(
            file, 0, 0, QStringLiteral("could not read etcdctl output: %1").arg(QString::fromUtf8(e.what()))));
        return out;
    }
}

bool looksLikeEtcdctl(const QByteArray &text)
{
    const QByteArrayView head = QByteArrayView(text).first(qMin(text.size(), qsizetype(64 * 1024)));
    static const char *const markers[] = {
        "etcdctl",
        "RAFT TERM",
        "RAFT INDEX",
        "PEER ADDRS",
        "\"Endpoint\":",
        "\"raftIndex\":",
        "\"peerURLs\":",
        " is healthy: ",
        " is unhealthy: ",
        "alarm list",
    };
    for (const char *m : markers) {
        if (head.contains(QByteArrayView(m)))
            return true;
    }
    return false;
}

} // namespace strata::EtcdctlParser
