#include "StoredObject.h"

#include "KubeProtobuf.h"
#include "ProtobufWire.h"

#include <QList>

#include <nlohmann/json.hpp>

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

const QByteArrayView encryptedPrefix("k8s:enc:");
const QByteArrayView protobufMagic("k8s\0", 4);

// k8s:enc:<provider>:v<N>:<key name>:<ciphertext> (kms v2: the key name is
// the KMS plugin's name). Only the names are kept: never the ciphertext.
void readEncryptionEnvelope(QByteArrayView value, StoredObject *out)
{
    out->encoding = StoredObject::Encoding::Encrypted;
    const QList<QByteArray> parts = value.first(qMin<qsizetype>(value.size(), 256)).toByteArray().split(':');
    auto part = [&](int i) { return parts.size() > i + 1 ? QString::fromUtf8(parts.at(i)) : QString(); };
    out->provider = part(2);
    out->providerVersion = part(3);
    out->keyName = part(4);
}

void finish(Json &object, qint64 modRevision, StoredObject *out)
{
    if (!object.is_object()) {
        out->error = QStringLiteral("the stored JSON is not an object");
        return;
    }
    // Untrusted: a `kind` that is a number or an object is no kind (never an exception).
    const auto text = [&object](const char *name) {
        const auto it = object.find(name);
        return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
    };
    out->apiVersion = text("apiVersion");
    out->kind = text("kind");
    if (modRevision > 0) {
        Json &meta = object["metadata"];
        if (!meta.is_object())
            meta = Json::object();
        meta["resourceVersion"] = std::to_string(modRevision);
    }
    out->json = QByteArray::fromStdString(object.dump(2, ' ', false, Json::error_handler_t::replace));
}

void decodeProtobuf(QByteArrayView value, qint64 modRevision, StoredObject *out)
{
    out->encoding = StoredObject::Encoding::Protobuf;
    // runtime.Unknown {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}
    const QByteArrayView envelope = value.sliced(protobufMagic.size());
    ProtobufWire wire(envelope, protobufMagic.size());
    ProtobufWire::Field field;
    QByteArrayView raw;
    qsizetype rawOffset = 0;
    QByteArrayView contentEncoding;
    Json object = Json::object();
    while (wire.next(&field)) {
        if (field.type != ProtobufWire::WireType::Bytes)
            continue;
        if (field.number == 1) {
            ProtobufWire typeMeta(field.bytes, field.offset);
            ProtobufWire::Field t;
            while (typeMeta.next(&t)) {
                if (t.type == ProtobufWire::WireType::Bytes && (t.number == 1 || t.number == 2))
                    out->setTypeField(t.number, t.bytes);
            }
            if (typeMeta.failed()) {
                out->error = typeMeta.error();
                return;
            }
        } else if (field.number == 2) {
            raw = field.bytes;
            rawOffset = field.offset;
        } else if (field.number == 3) {
            contentEncoding = field.bytes;
        }
    }
    if (wire.failed()) {
        out->error = wire.error();
        return;
    }
    if (out->kind.isEmpty()) {
        out->error = QStringLiteral("the protobuf envelope names no kind");
        return;
    }
    if (!contentEncoding.isEmpty()) {
        out->error = QStringLiteral("content encoding '%1' is not supported")
                         .arg(QString::fromUtf8(contentEncoding.first(qMin<qsizetype>(contentEncoding.size(), 40))));
        return;
    }
    object["kind"] = out->kind.toStdString();
    object["apiVersion"] = out->apiVersion.toStdString();
    if (!KubeProtobuf::decodeInto(object, raw, rawOffset, &out->metadataOnly, &out->error))
        return;
    finish(object, modRevision, out);
}

} // namespace

void StoredObject::setTypeField(std::uint32_t number, QByteArrayView text)
{
    (number == 1 ? apiVersion : kind) = QString::fromUtf8(text);
}

QString StoredObject::encodingText() const
{
    switch (encoding) {
    case Encoding::Json:
        return QStringLiteral("JSON");
    case Encoding::Protobuf:
        return metadataOnly ? QStringLiteral("protobuf (metadata decoded)") : QStringLiteral("protobuf");
    case Encoding::Encrypted: {
        QString details = provider.isEmpty() ? QStringLiteral("unknown provider") : provider;
        if (!providerVersion.isEmpty())
            details += QLatin1Char(' ') + providerVersion;
        if (!keyName.isEmpty())
            details += QStringLiteral(", key ") + keyName;
        return QStringLiteral("encrypted at rest (%1)").arg(details);
    }
    case Encoding::NotAnObject:
        break;
    }
    return QStringLiteral("not a Kubernetes object");
}

StoredObject StoredObjects::decode(QByteArrayView value, qint64 modRevision)
{
    StoredObject out;
    if (value.startsWith(encryptedPrefix)) {
        readEncryptionEnvelope(value, &out);
        return out;
    }
    if (value.startsWith(protobufMagic)) {
        decodeProtobuf(value, modRevision, &out);
        // `etcdctl get --print-value-only` (and dump tools) end the value
        // with a newline; a message cannot end in a lone 0x0a tag byte, so
        // a failure there is retried without it.
        if (!out.error.isEmpty() && value.endsWith('\n')) {
            StoredObject trimmed;
            decodeProtobuf(value.chopped(1), modRevision, &trimmed);
            if (trimmed.error.isEmpty())
                return trimmed;
        }
        return out;
    }
    qsizetype first = 0;
    while (first < value.size() && QChar::isSpace(uchar(value[first])))
        ++first;
    if (first < value.size() && value[first] == '{') {
        out.encoding = StoredObject::Encoding::Json;
        Json object = KubeProtobuf::parseBounded(value, &out.error);
        if (object.is_discarded())
            return out;
        finish(object, modRevision, &out);
        return out;
    }
    out.error = QStringLiteral("neither JSON, the k8s protobuf envelope nor an encrypted value");
    return out;
}

} // namespace strata
