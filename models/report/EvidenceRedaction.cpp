#include "EvidenceRedaction.h"

#include "diff/SecretFingerprint.h"
#include "formats/YamlReader.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <nlohmann/json.hpp>
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

void fingerprintValues(Json &map, int &count)
{
    if (!map.is_object())
        return;
    for (auto &[key, value] : map.items()) {
        if (value.is_string() && isFingerprint(value.get<std::string>()))
            continue;
        value = fingerprint(value.is_string() ? value.get<std::string>() : value.dump());
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
        for (const char *key : { "data", "stringData" }) {
            if (v.contains(key))
                fingerprintValues(v[key], c.secretValues);
        }
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
                for (const char *key : { "data", "binary_data" }) {
                    if (instance["attributes"].contains(key))
                        fingerprintValues(instance["attributes"][key], c.secretValues);
                }
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

void fingerprintYamlValues(YAML::Node map, int &count)
{
    if (!map.IsMap())
        return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->second.IsScalar() && isFingerprint(it->second.Scalar()))
            continue;
        it->second = fingerprint(it->second.IsScalar() ? it->second.Scalar() : YAML::Dump(it->second));
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
        for (const char *key : { "data", "stringData" }) {
            if (v[key])
                fingerprintYamlValues(v[key], c.secretValues);
        }
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

// PEM private key blocks and bearer tokens in lines of text (logs, pasted
// terminal output): the rest of each line, and every other line, stays.
QByteArray redactText(const QByteArray &bytes, Counts &c)
{
    static const QRegularExpression pem(
        QStringLiteral("-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression bearer(QStringLiteral("(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]{8,})"));
    QString text = QString::fromUtf8(bytes);
    bool changed = false;
    for (auto m = pem.match(text); m.hasMatch(); m = pem.match(text, m.capturedStart() + 1)) {
        const QString replacement
            = QStringLiteral("<private key redacted: %1>").arg(SecretFingerprint::of(m.captured(0).toUtf8()));
        text.replace(m.capturedStart(), m.capturedLength(), replacement);
        ++c.privateKeys;
        changed = true;
    }
    QString out;
    qsizetype last = 0;
    for (auto it = bearer.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (m.captured(2).startsWith(QLatin1String("secret:")))
            continue;
        out += QStringView(text).mid(last, m.capturedStart(2) - last);
        out += SecretFingerprint::of(m.captured(2).toUtf8());
        last = m.capturedEnd(2);
        ++c.credentials;
        changed = true;
    }
    if (!changed)
        return bytes;
    out += QStringView(text).mid(last);
    return out.toUtf8();
}

bool looksLikeYaml(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const QString name = QFileInfo(fileName).fileName().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") || name == QLatin1String("config")
        || name.contains(QLatin1String("kubeconfig"));
}

} // namespace

Redacted redact(const QByteArray &bytes, const QString &fileName)
{
    Redacted out { bytes, 0, {} };
    Counts c;
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        Json doc = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
        if (!doc.is_discarded()) {
            walkJson(doc, c);
            if (c.total() > 0)
                out.bytes = QByteArray::fromStdString(doc.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
            out.bytes = redactText(out.bytes, c); // "Bearer …" inside a string
            out.count = c.total();
            out.note = c.note();
            return out;
        }
    }
    // Checked first by the guarded reader (depth, alias and size budgets):
    // yaml-cpp's node loader can loop on some malformed input.
    if (looksLikeYaml(fileName) && YamlReader::read(bytes, fileName).ok()) {
        try {
            std::vector<YAML::Node> docs = YAML::LoadAll(bytes.toStdString());
            for (YAML::Node &doc : docs)
                walkYaml(doc, c);
            if (c.total() > 0) {
                std::string emitted;
                for (std::size_t i = 0; i < docs.size(); ++i)
                    emitted += (i ? "---\n" : "") + YAML::Dump(docs[i]) + "\n";
                out.bytes = QByteArray::fromStdString(emitted);
            }
            // Private keys or tokens in comments or in a block the walk did not reach.
            out.bytes = redactText(out.bytes, c);
            out.count = c.total();
            out.note = c.note();
            return out;
        } catch (const YAML::Exception &) {
            // Not YAML after all: read as text below.
        }
    }
    out.bytes = redactText(bytes, c);
    out.count = c.total();
    out.note = c.note();
    return out;
}

} // namespace strata::EvidenceRedaction
