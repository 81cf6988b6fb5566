#include "EvidenceRedaction.h"

#include "core/CredentialText.h"
#include "diff/SecretFingerprint.h"
#include "formats/YamlReader.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <nlohmann/json.hpp>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

namespace strata::EvidenceRedaction {

namespace {

using Json = nlohmann::ordered_json;

// Keys whose value is a credential wherever they appear (kubeconfig users,
// provider blocks, exec credentials, tfstate attributes), compared lower-case.
const QSet<QString> &credentialKeys()
{
    static const QSet<QString> keys { QStringLiteral("token"), QStringLiteral("password"),
        QStringLiteral("client-key-data"), QStringLiteral("client_key"), QStringLiteral("client-secret"),
        QStringLiteral("client_secret"), QStringLiteral("id-token"), QStringLiteral("refresh-token"),
        QStringLiteral("access-token"), QStringLiteral("access_token"), QStringLiteral("private_key"),
        QStringLiteral("secret_key"), QStringLiteral("clientkeydata"), QStringLiteral("bearer_token") };
    return keys;
}
const QString lastApplied = QStringLiteral("kubectl.kubernetes.io/last-applied-configuration");

struct Counts
{
    int secretValues = 0;
    int credentials = 0;
    int privateKeys = 0;
    int total() const { return secretValues + credentials + privateKeys; }
    QString note() const
    {
        QStringList parts;
        if (secretValues)
            parts.append(
                QStringLiteral("%1 Secret value%2").arg(secretValues).arg(QLatin1String(secretValues == 1 ? "" : "s")));
        if (credentials)
            parts.append(
                QStringLiteral("%1 credential%2").arg(credentials).arg(QLatin1String(credentials == 1 ? "" : "s")));
        if (privateKeys)
            parts.append(
                QStringLiteral("%1 private key%2").arg(privateKeys).arg(QLatin1String(privateKeys == 1 ? "" : "s")));
        return parts.join(QStringLiteral(", "));
    }
};

std::string fingerprint(const std::string &value)
{
    return SecretFingerprint::of(QByteArray::fromStdString(value)).toStdString();
}

bool isFingerprint(const std::string &value)
{
    return value.rfind("secret:", 0) == 0 && value.size() <= 24;
}

// --- JSON ---------------------------------------------------------------

// A Secret's `data` (and a state's `binary_data`) is base64: fingerprinted
// decoded, as the live capture and the diff fingerprint it, so a redacted
// copy compares equal to the other columns where the values were equal.
std::string plainValue(const std::string &value, bool base64)
{
    if (!base64)
        return value;
    const auto decoded
        = QByteArray::fromBase64Encoding(QByteArray::fromStdString(value), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded.toStdString() : value;
}

void fingerprintValues(Json &map, int &count, bool base64)
{
    if (!map.is_object())
        return;
    for (auto &[key, value] : map.items()) {
        if (value.is_string() && isFingerprint(value.get<std::string>()))
            continue;
        value = fingerprint(value.is_string() ? plainValue(value.get<std::string>(), base64) : value.dump());
        ++count;
    }
}

void walkJson(Json &v, Counts &c)
{
    if (v.is_string()) {
        const std::string &s = v.get_ref<const std::string &>();
        if (SecretFingerprint::containsPrivateKey(QByteArrayView(s.data(), qsizetype(s.size())))) {
            v = fingerprint(s);
            ++c.privateKeys;
        }
        return;
    }
    if (v.is_array()) {
        for (Json &inner : v)
            walkJson(inner, c);
        return;
    }
    if (!v.is_object())
        return;
    if (v.contains("kind") && v["kind"] == "Secret") {
        if (v.contains("data"))
            fingerprintValues(v["data"], c.secretValues, true);
        if (v.contains("stringData"))
            fingerprintValues(v["stringData"], c.secretValues, false);
        if (v.contains("metadata") && v["metadata"].is_object() && v["metadata"].contains("annotations")) {
            Json &annotations = v["metadata"]["annotations"];
            const std::string applied = lastApplied.toStdString();
            if (annotations.is_object() && annotations.contains(applied) && annotations[applied].is_string()) {
                annotations[applied] = fingerprint(annotations[applied].get<std::string>());
                ++c.secretValues;
            }
        }
    }
    // tfstate: a kubernetes_secret's instances keep the values in attributes.data.
    if (v.contains("type") && v["type"].is_string() && v["type"].get<std::string>().rfind("kubernetes_secret", 0) == 0
        && v.contains("instances") && v["instances"].is_array()) {
        for (Json &instance : v["instances"]) {
            if (instance.contains("attributes") && instance["attributes"].is_object()) {
                if (instance["attributes"].contains("data"))
                    fingerprintValues(instance["attributes"]["data"], c.secretValues, false);
                if (instance["attributes"].contains("binary_data"))
                    fingerprintValues(instance["attributes"]["binary_data"], c.secretValues, true);
            }
        }
    }
    for (auto &[key, value] : v.items()) {
        if (value.is_string() && credentialKeys().contains(QString::fromStdString(key).toLower())
            && !value.get<std::string>().empty() && !isFingerprint(value.get<std::string>())) {
            value = fingerprint(value.get<std::string>());
            ++c.credentials;
            continue;
        }
        walkJson(value, c);
    }
}

// --- YAML ---------------------------------------------------------------

void fingerprintYamlValues(YAML::Node map, int &count, bool base64)
{
    if (!map.IsMap())
        return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->second.IsScalar() && isFingerprint(it->second.Scalar()))
            continue;
        it->second
            = fingerprint(it->second.IsScalar() ? plainValue(it->second.Scalar(), base64) : YAML::Dump(it->second));
        ++count;
    }
}

void walkYaml(YAML::Node v, Counts &c)
{
    if (v.IsScalar()) {
        return; // scalars are handled by their parent, which can replace them
    }
    if (v.IsSequence()) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            YAML::Node inner = v[i];
            if (inner.IsScalar() && SecretFingerprint::containsPrivateKey(QByteArrayView(inner.Scalar()))) {
                v[i] = fingerprint(inner.Scalar());
                ++c.privateKeys;
            } else {
                walkYaml(inner, c);
            }
        }
        return;
    }
    if (!v.IsMap())
        return;
    const YAML::Node kind = v["kind"];
    if (kind && kind.IsScalar() && kind.Scalar() == "Secret") {
        if (v["data"])
            fingerprintYamlValues(v["data"], c.secretValues, true);
        if (v["stringData"])
            fingerprintYamlValues(v["stringData"], c.secretValues, false);
        YAML::Node annotations = v["metadata"] ? v["metadata"]["annotations"] : YAML::Node();
        const std::string applied = lastApplied.toStdString();
        if (annotations && annotations.IsMap() && annotations[applied] && annotations[applied].IsScalar()) {
            annotations[applied] = fingerprint(annotations[applied].Scalar());
            ++c.secretValues;
        }
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
        if (it->second.IsScalar()) {
            const std::string &value = it->second.Scalar();
            if (isFingerprint(value) || value.empty())
                continue;
            if (credentialKeys().contains(QString::fromStdString(key).toLower())) {
                it->second = fingerprint(value);
                ++c.credentials;
            } else if (SecretFingerprint::containsPrivateKey(QByteArrayView(value))) {
                it->second = fingerprint(value);
                ++c.privateKeys;
            }
            continue;
        }
        walkYaml(it->second, c);
    }
}

// --- text ---------------------------------------------------------------

// Lines of text (logs, pasted terminal output, .tf and .tfvars): a PEM
// private key block's lines each become a marker (the line count stays, so
// every file:line still points where it did); a credential in a line loses
// its value (CredentialText: bearer tokens, password=, token: …, quotes
// kept). Lines without either are kept byte for byte.
QByteArray redactText(const QByteArray &bytes, Counts &c, bool quotedOnly)
{
    QList<QByteArray> lines = bytes.split('\n');
    bool changed = false;
    bool inKey = false;
    for (QByteArray &line : lines) {
        const bool begins = CredentialText::beginsPrivateKey(line);
        const bool ends = CredentialText::endsPrivateKey(line);
        if (begins || inKey) {
            if (begins && !inKey)
                ++c.privateKeys;
            inKey = !ends;
            line = "<private key redacted>";
            changed = true;
            continue;
        }
        if (!line.contains(':') && !line.contains('=') && !line.contains(' '))
            continue; // no name, no value
        const QString text = QString::fromUtf8(line);
        const QString hidden = CredentialText::redacted(text, quotedOnly);
        if (hidden != text) {
            line = hidden.toUtf8();
            ++c.credentials;
            changed = true;
        }
    }
    return changed ? lines.join('\n') : bytes;
}

// By name, or by content: `kubectl get -o yaml > x.out` is YAML too.
bool looksLikeYaml(const QString &fileName, const QByteArray &bytes)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const QString name = QFileInfo(fileName).fileName().toLower();
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") || name == QLatin1String("config")
        || name.contains(QLatin1String("kubeconfig")))
        return true;
    const QByteArray head = bytes.left(4096);
    return head.startsWith("apiVersion:") || head.startsWith("kind:") || head.startsWith("---")
        || head.contains("\napiVersion:") || head.contains("\nkind:");
}

// yaml-cpp's node loader can report empty documents forever on some
// malformed input that libyaml (YamlReader) reads without complaint, and it
// recurses once per level of nesting: walk yaml-cpp's own events first,
// stopping at as many documents as the text could hold and at the reader's
// depth limit.
class YamlCppBounds : public YAML::EventHandler
{
public:
    explicit YamlCppBounds(std::size_t size)
        : m_maxDocuments(size / 3 + 2)
    {
    }
    void OnDocumentStart(const YAML::Mark &) override
    {
        if (++m_documents > m_maxDocuments)
            throw std::runtime_error("no progress");
    }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t) override { }
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override { }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override { }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        enter();
    }
    void OnSequenceEnd() override { --m_depth; }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        enter();
    }
    void OnMapEnd() override { --m_depth; }

private:
    void enter()
    {
        if (++m_depth > YamlReader::defaultMaxDepth)
            throw std::runtime_error("too deep");
    }
    std::size_t m_maxDocuments;
    std::size_t m_documents = 0;
    int m_depth = 0;
};

bool yamlCppLoadsSafely(const std::string &text)
{
    try {
        std::istringstream in(text);
        YAML::Parser parser(in);
        YamlCppBounds bounds(text.size());
        while (parser.HandleNextDocument(bounds)) { }
        return true;
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace

Redacted redact(const QByteArray &input, const QString &fileName)
{
    Redacted out { input, 0, {}, false };
    Counts c;
    const QByteArray bytes = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input; // a UTF-8 BOM
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        Json doc = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
        if (!doc.is_discarded()) {
            walkJson(doc, c);
            if (c.total() > 0)
                out.bytes = QByteArray::fromStdString(doc.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
            out.bytes = redactText(out.bytes, c, true); // "Bearer …" inside a string
            out.count = c.total();
            out.note = c.note();
            return out;
        }
    }
    if (looksLikeYaml(fileName, bytes)) {
        // Checked first by the guarded reader (depth, alias and size budgets)
        // and by yaml-cpp's own events: its node loader can loop on some
        // malformed input.
        const std::string text = bytes.toStdString();
        if (YamlReader::read(bytes, fileName).ok() && yamlCppLoadsSafely(text)) {
            try {
                std::vector<YAML::Node> docs = YAML::LoadAll(text);
                for (YAML::Node &doc : docs)
                    walkYaml(doc, c);
                if (c.total() > 0) {
                    std::string emitted;
                    for (std::size_t i = 0; i < docs.size(); ++i)
                        emitted += (i ? "---\n" : "") + YAML::Dump(docs[i]) + "\n";
                    out.bytes = QByteArray::fromStdString(emitted);
                }
                // Private keys or tokens in comments or in a block the walk did not reach.
                out.bytes = redactText(out.bytes, c, true); // the walk found the values; comments and PEM here
                out.count = c.total();
                out.note = c.note();
                return out;
            } catch (const YAML::Exception &) {
                // Read as text below, unless it may hold a Secret.
            }
        }
        // YAML that cannot be read whole, naming a Secret: its values cannot
        // be found reliably, so the file stays out of the bundle.
        if (bytes.contains("kind: Secret") || bytes.contains("kind: \"Secret\"")) {
            out.refused = true;
            out.note = QStringLiteral("YAML that could not be read whole, with a Secret in it");
            return out;
        }
    }
    // HCL (.tf, .tfvars, .hcl): only quoted values; elsewhere (logs) any.
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const bool hcl
        = suffix == QLatin1String("tf") || suffix == QLatin1String("tfvars") || suffix == QLatin1String("hcl");
    out.bytes = redactText(bytes, c, hcl);
    if (c.total() == 0)
        out.bytes = input; // byte for byte, BOM included
    out.count = c.total();
    out.note = c.note();
    return out;
}

} // namespace strata::EvidenceRedaction
