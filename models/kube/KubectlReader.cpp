#include "KubectlReader.h"

#include "formats/JsonReader.h"
#include "formats/YamlReader.h"

#include <QRegularExpression>

#include <utility>

namespace strata::KubectlReader {

namespace {

// More errors than this in one paste means it is not kubectl output at all;
// stop rather than report every line.
constexpr int maxErrors = 50;

enum class Noise { None, Quiet, Note, Warning };

// What a pasted line at column 0 is, when it is not part of a document.
Noise classify(QByteArrayView line)
{
    // Indented lines belong to a document. "# kubectl get …" is how people
    // label a paste; YAML reads it as a comment.
    if (line.isEmpty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#')
        return Noise::None;
    if (line.startsWith("$ ") || line == "$")
        return Noise::Note;
    if (line.startsWith("Warning: ") || line.startsWith("No resources found"))
        return Noise::Note;
    if (line.startsWith("error: ") || line.startsWith("Error from server") || line.startsWith("Error: "))
        return Noise::Warning;
    // klog: "W1214 22:15:03.123456   12345 file.go:42] message"
    if (line.size() > 14 && (line[0] == 'I' || line[0] == 'W' || line[0] == 'E' || line[0] == 'F')) {
        bool klog = true;
        for (int i : { 1, 2, 3, 4, 6, 7, 9, 10, 12, 13 })
            klog = klog && line[i] >= '0' && line[i] <= '9';
        if (klog && line[5] == ' ' && line[8] == ':' && line[11] == ':')
            return Noise::Note;
    }
    // A shell prompt with a command: "user@host:~$ kubectl get cm", "PS> kubectl …".
    static const QRegularExpression prompt(
        QStringLiteral("^\\S*[$#%>]\\s+(kubectl|oc|k|kubecolor|microk8s\\s+kubectl)\\s"));
    if (line.contains("kubectl") || line.contains("k ") || line.contains("oc ")) {
        const QString s = QString::fromUtf8(line.first(qMin<qsizetype>(200, line.size())));
        if (prompt.match(s).hasMatch())
            return Noise::Note;
    }
    return Noise::None;
}

struct Segment
{
    qsizetype start = 0;
    qsizetype end = 0;
    int firstLine = 0; // 0-based line of `start`
};

SourceLocation shiftedLocation(SourceLocation loc, int lines)
{
    if (loc.line > 0)
        loc.line += lines;
    return loc;
}

// The same Value with every line moved down by `lines`: documents after pasted
// noise are parsed on their own and must still point into the whole paste.
Value shifted(const Value &v, int lines)
{
    const SourceLocation loc = shiftedLocation(v.location(), lines);
    switch (v.type()) {
    case Value::Type::List: {
        QList<Value> items;
        items.reserve(v.items().size());
        for (const Value &item : v.items())
            items.append(shifted(item, lines));
        return Value::list(items, loc);
    }
    case Value::Type::Map: {
        QList<Value::Entry> entries;
        entries.reserve(v.entries().size());
        for (const Value::Entry &e : v.entries())
            entries.append({ e.first, shifted(e.second, lines) });
        return Value::map(entries, loc);
    }
    default:
        return v.withLocation(loc);
    }
}

class Reader
{
public:
    Reader(QByteArray text, const QString &file)
        : m_text(std::move(text))
        , m_file(file)
    {
    }

    KubectlReadResult run()
    {
        const QList<Segment> all = segments();
        for (qsizetype i = 0; i < all.size(); ++i)
            readSegment(all[i], i + 1 == all.size());
        return m_result;
    }

private:
    void diagnose(Diagnostic::Severity severity, int line, int column, const QString &message)
    {
        if (severity == Diagnostic::Severity::Error && ++m_errors > maxErrors)
            return;
        Diagnostic d;
        d.severity = severity;
        d.file = m_file;
        d.line = line;
        d.column = column;
        d.message = message;
        m_result.diagnostics.append(d);
    }

    void diagnose(Diagnostic::Severity severity, const SourceLocation &loc, const QString &message)
    {
        diagnose(severity, loc.line, loc.column, message);
    }

    void addDiagnostics(const QList<Diagnostic> &diagnostics, int lines)
    {
        for (const Diagnostic &d : diagnostics)
            diagnose(d.severity, d.line > 0 ? d.line + lines : d.line, d.column, d.message);
    }

    // Splits the paste at noise lines; each part is parsed on its own.
    QList<Segment> segments()
    {
        QList<Segment> out;
        Segment current;
        qsizetype pos = 0;
        int line = 0;
        while (pos < m_text.size()) {
            qsizetype eol = m_text.indexOf('\n', pos);
            if (eol < 0)
                eol = m_text.size();
            QByteArrayView content(m_text.constData() + pos, eol - pos);
            if (content.endsWith('\r'))
                content.chop(1);
            const Noise noise = classify(content);
            if (noise != Noise::None) {
                current.end = pos;
                if (current.end > current.start)
                    out.append(current);
                current = Segment { eol + 1, 0, line + 1 };
                const QString what = QString::fromUtf8(content.first(qMin<qsizetype>(300, content.size()))).trimmed();
                if (noise == Noise::Note)
                    diagnose(
                        Diagnostic::Severity::Note, line + 1, 1, QStringLiteral("skipped pasted line: %1").arg(what));
                else if (noise == Noise::Warning)
                    diagnose(
                        Diagnostic::Severity::Warning, line + 1, 1, QStringLiteral("kubectl reported: %1").arg(what));
            }
            pos = eol + 1;
            ++line;
        }
        current.end = m_text.size();
        if (current.end > current.start)
            out.append(current);
        return out;
    }

    // Once the last part is parsed the text is not read again: let it go
    // before its objects are made (a 40 MB List is not held beside its trees
    // and their objects; freed only if the caller handed the text over).
    void releaseText() { m_text = QByteArray(); }

    void readSegment(const Segment &s, bool last)
    {
        // JSON or YAML: the first character that is not blank or a comment.
        qsizetype pos = s.start;
        bool lineStart = true;
        bool hasComments = false;
        char first = 0;
        while (pos < s.end) {
            const char c = m_text.at(pos);
            if (c == '\n') {
                lineStart = true;
            } else if (c == '#' && lineStart) {
                hasComments = true;
                const qsizetype eol = m_text.indexOf('\n', pos);
                pos = eol < 0 || eol > s.end ? s.end : eol;
                continue;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                first = c;
                break;
            }
            ++pos;
        }
        if (first == 0)
            return;
        QByteArray part = QByteArray::fromRawData(m_text.constData() + s.start, s.end - s.start);
        if (first == '{' || first == '[')
            readJson(hasComments ? blankComments(part) : part, s.firstLine, last);
        else
            readYaml(part, s.firstLine, last);
    }

    // JSON has no comments; a `# kubectl get …` note above pasted JSON is
    // replaced by spaces so positions stay where they were.
    static QByteArray blankComments(QByteArray part)
    {
        bool lineStart = true;
        for (qsizetype i = 0; i < part.size(); ++i) {
            const char c = part.at(i);
            if (c == '#' && lineStart) {
                while (i < part.size() && part.at(i) != '\n')
                    part[i++] = ' ';
                lineStart = true;
                continue;
            }
            if (c == '\n')
                lineStart = true;
            else if (c != ' ' && c != '\t' && c != '\r')
                lineStart = false;
        }
        return part;
    }

    // `part` is a view of the text: not read after releaseText().
    void readJson(const QByteArray &part, int firstLine, bool last)
    {
        // A stream of JSON values; after a malformed one, carry on at the next
        // line that starts with '{' (where kubectl starts each object).
        qsizetype offset = 0;
        int lineOffset = firstLine;
        while (offset < part.size() && m_errors <= maxErrors) {
            const QByteArray rest = QByteArray::fromRawData(part.constData() + offset, part.size() - offset);
            const JsonStreamResult r = JsonReader::readStream(rest, m_file);
            if (last && r.ok())
                releaseText();
            for (const Value &v : r.values)
                collect(lineOffset ? shifted(v, lineOffset) : v, 0);
            addDiagnostics(r.diagnostics, lineOffset);
            if (r.ok())
                return;
            // Resume after the line of the error.
            const int errorLine = r.diagnostics.isEmpty() ? 1 : qMax(1, r.diagnostics.last().line);
            qsizetype p = 0;
            int line = 1;
            while (p < rest.size() && line < errorLine) {
                const qsizetype eol = rest.indexOf('\n', p);
                if (eol < 0)
                    return;
                p = eol + 1;
                ++line;
            }
            qsizetype eol = rest.indexOf('\n', p);
            while (eol >= 0 && eol + 1 < rest.size() && rest.at(eol + 1) != '{') {
                eol = rest.indexOf('\n', eol + 1);
                ++line;
            }
            if (eol < 0 || eol + 1 >= rest.size())
                return;
            offset += eol + 1;
            lineOffset += line;
        }
    }

    void readYaml(const QByteArray &part, int firstLine, bool last)
    {
        const YamlReadResult r = YamlReader::read(part, m_file);
        if (last)
            releaseText();
        for (const Value &v : r.documents)
            collect(firstLine ? shifted(v, firstLine) : v, 0);
        addDiagnostics(r.diagnostics, firstLine);
    }

    static QString text(const Value *v) { return v && v->isScalar() && !v->isNull() ? v->displayText() : QString(); }

    void collect(const Value &doc, int depth)
    {
        if (doc.type() == Value::Type::List && depth == 0) {
            for (const Value &item : doc.items())
                collect(item, depth + 1);
            return;
        }
        if (doc.type() != Value::Type::Map) {
            diagnose(Diagnostic::Severity::Error, doc.location(),
                QStringLiteral("not a Kubernetes object (expected a map with apiVersion and kind)"));
            return;
        }
        const QString kind = text(doc.find(QStringLiteral("kind")));
        const Value *items = doc.find(QStringLiteral("items"));
        if (items && items->type() == Value::Type::List && (kind.isEmpty() || kind.endsWith(QLatin1String("List")))) {
            // `kind: List` from kubectl; typed lists (ConfigMapList) from the API
            // leave kind and apiVersion off their items.
            const QString itemKind = kind.size() > 4 ? kind.chopped(4) : QString();
            const QString apiVersion = text(doc.find(QStringLiteral("apiVersion")));
            for (const Value &item : items->items()) {
                if (item.type() != Value::Type::Map) {
                    diagnose(Diagnostic::Severity::Error, item.location(),
                        QStringLiteral("a list item is not a Kubernetes object"));
                    continue;
                }
                addObject(item, itemKind, apiVersion);
            }
            return;
        }
        addObject(doc, QString(), QString());
    }

    void addObject(const Value &v, const QString &defaultKind, const QString &defaultApiVersion)
    {
        KubeObject o;
        o.object = v;
        o.location = v.location();
        o.kind = text(v.find(QStringLiteral("kind")));
        if (o.kind.isEmpty())
            o.kind = defaultKind;
        o.apiVersion = text(v.find(QStringLiteral("apiVersion")));
        if (o.apiVersion.isEmpty() && !defaultKind.isEmpty())
            o.apiVersion = defaultApiVersion;
        if (o.kind.isEmpty()) {
            diagnose(Diagnostic::Severity::Error, o.location, QStringLiteral("object has no 'kind'"));
            return;
        }
        if (o.apiVersion.isEmpty())
            diagnose(Diagnostic::Severity::Warning, o.location, QStringLiteral("%1 has no 'apiVersion'").arg(o.kind));
        const Value *metadata = v.find(QStringLiteral("metadata"));
        const QString name = text(metadata ? metadata->find(QStringLiteral("name")) : nullptr);
        if (name.isEmpty()) {
            diagnose(Diagnostic::Severity::Error, metadata ? metadata->location() : o.location,
                QStringLiteral("%1 has no metadata.name").arg(o.kind));
            return;
        }
        o.id.kind = ResourceId::normaliseKind(o.kind);
        o.id.ns = text(metadata->find(QStringLiteral("namespace")));
        o.id.name = name;
        o.resourceVersion = text(metadata->find(QStringLiteral("resourceVersion")));
        o.uid = text(metadata->find(QStringLiteral("uid")));
        if (const Value *managed = metadata->find(QStringLiteral("managedFields")))
            o.managedFields = *managed;
        m_result.objects.append(o);
    }

    QByteArray m_text;
    QString m_file;
    KubectlReadResult m_result;
    int m_errors = 0;
};

// Is there a key `apiVersion`/`kind` at the top level of this JSON prefix?
bool jsonTopLevelKeys(QByteArrayView text)
{
    int depth = 0;
    bool apiVersion = false, kind = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            const qsizetype start = i + 1;
            ++i;
            while (i < text.size() && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            const QByteArrayView key = text.sliced(start, qMin(i, text.size()) - start);
            qsizetype j = i + 1;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\r' || text[j] == '\t'))
                ++j;
            if (depth == 1 && j < text.size() && text[j] == ':') {
                apiVersion = apiVersion || key == "apiVersion";
                kind = kind || key == "kind";
            }
        }
        if (apiVersion && kind)
            return true;
    }
    return false;
}

} // namespace

KubectlReadResult read(const QByteArray &text, const QString &file)
{
    return Reader(text, file).run();
}

KubectlReadResult read(QByteArray &&text, const QString &file)
{
    return Reader(std::exchange(text, QByteArray()), file).run();
}

bool looksLikeKubectl(const QByteArray &text)
{
    const QByteArrayView head = QByteArrayView(text).first(qMin<qsizetype>(64 * 1024, text.size()));
    const qsizetype brace = head.indexOf('{');
    bool apiVersion = false, kind = false;
    qsizetype pos = 0;
    while (pos < head.size()) {
        qsizetype eol = head.indexOf('\n', pos);
        if (eol < 0)
            eol = head.size();
        const QByteArrayView line = head.sliced(pos, eol - pos);
        apiVersion = apiVersion || line.startsWith("apiVersion:");
        kind = kind || line.startsWith("kind:");
        if (apiVersion && kind)
            return true;
        pos = eol + 1;
    }
    return brace >= 0 && jsonTopLevelKeys(head.sliced(brace));
}

} // namespace strata::KubectlReader
