#include "FieldFlattener.h"

#include "core/FieldPath.h"
#include "diff/SecretFingerprint.h"
#include "formats/JsonReader.h"
#include "formats/YamlReader.h"

#include <QRegularExpression>

namespace strata::FieldFlattener {

namespace {

// "secret:1a2b3c4d", as SecretFingerprint::of writes it.
bool isFingerprint(const QString &text)
{
    if (text.size() != 15 || !text.startsWith(QLatin1String("secret:")))
        return false;
    for (qsizetype i = 7; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

bool isEmptyish(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return true;
    case Value::Type::Map:
        return v.entries().isEmpty();
    case Value::Type::List:
        return v.items().isEmpty();
    case Value::Type::String:
        return v.text().isEmpty();
    case Value::Type::Bool:
        return !v.toBool();
    default:
        return false;
    }
}

constexpr QLatin1StringView lastAppliedKey("kubectl.kubernetes.io/last-applied-configuration");
constexpr QLatin1StringView lastAppliedPath(
    "metadata.annotations[\"kubectl.kubernetes.io/last-applied-configuration\"]");

// Called for every field of every object: no allocation, cheap prefix tests first.
bool isNoisePath(QStringView path)
{
    static constexpr QLatin1StringView noise[] = {
        QLatin1StringView("metadata.resourceVersion"),
        QLatin1StringView("metadata.uid"),
        QLatin1StringView("metadata.creationTimestamp"),
        QLatin1StringView("metadata.generation"),
        QLatin1StringView("metadata.selfLink"),
        QLatin1StringView("metadata.managedFields"),
    };
    if (path.startsWith(QLatin1StringView("status")))
        return path.size() == 6 || path.at(6) == QLatin1Char('.') || path.at(6) == QLatin1Char('[');
    if (!path.startsWith(QLatin1StringView("metadata.")))
        return false;
    for (QLatin1StringView n : noise) {
        if (path.startsWith(n)
            && (path.size() == n.size() || path.at(n.size()) == QLatin1Char('.')
                || path.at(n.size()) == QLatin1Char('[')))
            return true;
    }
    return path.startsWith(lastAppliedPath);
}

bool covers(QStringView prefix, QStringView path)
{
    return path.startsWith(prefix)
        && (path.size() == prefix.size() || path.at(prefix.size()) == QLatin1Char('.')
            || path.at(prefix.size()) == QLatin1Char('['));
}

bool isSecretKind(const Value &object)
{
    const Value *kind = object.find(QStringLiteral("kind"));
    return kind && kind->text().compare(QLatin1String("Secret"), Qt::CaseInsensitive) == 0;
}

// A ConfigMap value that is itself a JSON or YAML document, parsed; else null.
Value structuredContent(const QString &key, const Value &value)
{
    const QString text = value.text();
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 2)
        return {};
    const bool looksJson = trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['));
    const bool yamlName = key.endsWith(QStringLiteral(".yaml")) || key.endsWith(QStringLiteral(".yml"));
    // A YAML document worth splitting has several "key: value" lines.
    // One per thread: the diff flattens on several.
    static thread_local const QRegularExpression yamlLine(
        QStringLiteral("^\\s*[\\w.\\-\"']+\\s*:(\\s|$)"), QRegularExpression::MultilineOption);
    const bool looksYaml = yamlName || (trimmed.contains(QLatin1Char('\n')) && trimmed.count(yamlLine) >= 2);
    if (looksJson) {
        const JsonReadResult r = JsonReader::read(text.toUtf8(), value.location().file);
        if (r.ok() && (r.value.type() == Value::Type::Map || r.value.type() == Value::Type::List))
            return r.value;
    }
    if (looksYaml) {
        const YamlReadResult r = YamlReader::read(text.toUtf8(), value.location().file);
        if (r.ok() && r.documents.size() == 1
            && (r.documents.first().type() == Value::Type::Map || r.documents.first().type() == Value::Type::List))
            return r.documents.first();
    }
    return {};
}

class Flattener
{
public:
    Flattener(const Options &options, bool isSecret)
        : m_options(options)
        , m_isSecret(isSecret)
    {
    }

    void walk(const Value &v, const QString &path, int depth, bool inData)
    {
        if (int(out.size()) >= m_options.maxFields)
            return;
        if (depth > m_options.maxDepth) {
            addField(path, Value::unknown(QStringLiteral("nested too deeply to compare"), v.location()));
            return;
        }
        switch (v.type()) {
        case Value::Type::Map:
            if (v.entries().isEmpty() && inData)
                addField(path, Value::string(QStringLiteral("{}"), v.location()));
            for (const Value::Entry &e : v.entries()) {
                const QString child = FieldPath::appendKey(path, e.first);
                if (depth == 0 && isDataMap(e.first) && e.second.type() == Value::Type::Map) {
                    walkDataMap(e.first, e.second, child);
                    continue;
                }
                if (isSensitive(child)) {
                    emitSensitive(child, e.second);
                    continue;
                }
                if (depth == 2 && e.first == lastAppliedKey && child == lastAppliedPath) {
                    walkLastApplied(e.second, child);
                    continue;
                }
                if (!inData && isEmptyish(e.second))
                    continue;
                walk(e.second, child, depth + 1, inData);
            }
            return;
        case Value::Type::List:
            if (v.items().isEmpty() && inData)
                addField(path, Value::string(QStringLiteral("[]"), v.location()));
            for (qsizetype i = 0; i < v.items().size(); ++i)
                walk(v.items().at(i), FieldPath::appendIndex(path, i), depth + 1, inData);
            return;
        default:
            addField(path, v);
        }
    }

    QList<FieldValue> out;

private:
    static bool isDataMap(const QString &key)
    {
        return key == QLatin1String("data") || key == QLatin1String("binaryData") || key == QLatin1String("stringData");
    }

    bool isSensitive(const QString &path) const
    {
        for (const QString &s : m_options.sensitivePaths) {
            if (covers(s, path))
                return true;
        }
        return false;
    }

    // Every leaf under a sensitive path becomes a fingerprint; an empty map or
    // list stays visible as such, since it holds nothing secret.
    void emitSensitive(const QString &path, const Value &v)
    {
        if (v.type() == Value::Type::Map) {
            for (const Value::Entry &e : v.entries())
                emitSensitive(FieldPath::appendKey(path, e.first), e.second);
        } else if (v.type() == Value::Type::List) {
            for (qsizetype i = 0; i < v.items().size(); ++i)
                emitSensitive(FieldPath::appendIndex(path, i), v.items().at(i));
        } else if (!v.isNull()) {
            emitSecret(path, v, false);
        }
    }

    // kubectl apply stores the whole applied object, Secret data included, as
    // JSON text in this annotation. It is compared as the object it holds,
    // under the annotation's path and with the same secret rules.
    void walkLastApplied(const Value &annotation, const QString &path)
    {
        if (annotation.type() == Value::Type::String) {
            const JsonReadResult r = JsonReader::read(annotation.text().toUtf8(), annotation.location().file);
            if (r.ok() && r.value.type() == Value::Type::Map) {
                Flattener inner(m_options, m_isSecret || isSecretKind(r.value));
                inner.m_base64Override = true; // the annotation holds what was applied: base64 in data
                inner.m_prefix = path;
                inner.walk(r.value, QString(), 0, false);
                for (FieldValue &f : inner.out) {
                    f.noise = true;
                    f.location = annotation.packedLocation(); // positions inside the text are not the file's
                    out.append(std::move(f));
                }
                return;
            }
        }
        if (m_isSecret)
            emitSecret(path, annotation, false); // unreadable: never shown as text on a Secret
        else
            addField(path, annotation);
    }

    void walkDataMap(const QString &mapKey, const Value &map, const QString &mapPath)
    {
        for (const Value::Entry &e : map.entries()) {
            const QString path = FieldPath::appendKey(mapPath, e.first);
            if (m_isSecret && (mapKey == QLatin1String("data") || mapKey == QLatin1String("stringData"))) {
                emitSecret(path, e.second,
                    mapKey == QLatin1String("data") && (m_base64Override || m_options.secretDataIsBase64));
                continue;
            }
            if (isSensitive(path)) {
                emitSensitive(path, e.second);
                continue;
            }
            if (e.second.type() == Value::Type::String) {
                const Value structured = structuredContent(e.first, e.second);
                if (!structured.isNull()) {
                    walk(structured, path, 2, true);
                    continue;
                }
            }
            walk(e.second, path, 2, true);
        }
    }

    void emitSecret(const QString &path, const Value &v, bool base64)
    {
        FieldValue f;
        f.path = prefixed(path);
        f.location = v.packedLocation();
        if (v.isUnknown()) {
            f.kind = FieldValue::Kind::Unknown;
            f.text = v.text();
        } else if (m_options.secretValues != SecretValues::AsWritten) {
            // Already a fingerprint (a capture never holds the value itself).
            if (m_options.secretValues == SecretValues::Fingerprinted && isFingerprint(v.text())) {
                f.kind = FieldValue::Kind::Secret;
                f.text = v.text();
            } else {
                f.kind = FieldValue::Kind::Unknown;
                f.text = QStringLiteral("(secret captured with another machine's key: not comparable here)");
            }
        } else {
            QByteArray bytes = v.displayText().toUtf8();
            if (base64) {
                auto decoded = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
                if (decoded)
                    bytes = *decoded;
            }
            f.kind = FieldValue::Kind::Secret;
            f.text = SecretFingerprint::of(bytes);
        }
        out.append(f);
    }

    void addField(const QString &path, const Value &v)
    {
        if (v.type() == Value::Type::String && SecretFingerprint::containsPrivateKey(QStringView(v.text()))) {
            emitSecret(path, v, false); // a key pasted into any field is still a key
            return;
        }
        FieldValue f;
        f.path = prefixed(path);
        f.location = v.packedLocation();
        f.noise = isNoisePath(f.path);
        if (v.isUnknown()) {
            f.kind = FieldValue::Kind::Unknown;
            f.text = v.text();
        } else {
            f.text = v.displayText();
        }
        out.append(f);
    }

    QString prefixed(const QString &path) const
    {
        if (m_prefix.isEmpty())
            return path;
        if (path.startsWith(QLatin1Char('[')))
            return m_prefix + path;
        return m_prefix + QLatin1Char('.') + path;
    }

    const Options &m_options;
    bool m_isSecret;
    bool m_base64Override = false;
    QString m_prefix; // prepended to every path (the annotation an inner object came from)
};

} // namespace

QList<FieldValue> flatten(const Value &object, const Options &options)
{
    Flattener f(options, isSecretKind(object));
    f.walk(object, QString(), 0, false);
    return f.out;
}

QList<FieldValue> flatten(const Value &object)
{
    return flatten(object, Options());
}

} // namespace strata::FieldFlattener
