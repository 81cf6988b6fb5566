#include "KubeProtobuf.h"

#include "ProtobufWire.h"

#include <QDateTime>

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace strata {

namespace {

using Json = nlohmann::ordered_json;
using Field = ProtobufWire::Field;
using WireType = ProtobufWire::WireType;

// Walks one message; remembers the first error with its offset in the
// stored value, so nested messages report where they broke.
class Reader
{
public:
    explicit Reader(QString *error)
        : m_error(error)
    {
    }

    // Calls `onField` for every field of `message`; false when it is malformed.
    template<typename F> bool walk(QByteArrayView message, qsizetype offset, F &&onField)
    {
        ProtobufWire wire(message, offset);
        Field field;
        while (wire.next(&field)) {
            if (!onField(field, field.offset))
                return false;
        }
        if (wire.failed())
            return fail(wire.error());
        return true;
    }

    bool fail(const QString &what)
    {
        if (m_error->isEmpty())
            *m_error = what;
        return false;
    }

    // A field expected as length-delimited; a wrong wire type is an error.
    bool bytes(const Field &f, qsizetype offset)
    {
        if (f.type == WireType::Bytes)
            return true;
        return fail(QStringLiteral("field %1 is not length-delimited at byte %2").arg(f.number).arg(offset));
    }

    // A field expected as a varint (bool, int64); the value, or an error.
    std::optional<std::uint64_t> varint(const Field &f, qsizetype offset)
    {
        if (f.type == WireType::Varint)
            return f.varint;
        fail(QStringLiteral("field %1 is not a varint at byte %2").arg(f.number).arg(offset));
        return std::nullopt;
    }

private:
    QString *m_error;
};

std::string text(QByteArrayView b)
{
    return std::string(b.data(), size_t(b.size()));
}

std::string base64(QByteArrayView b)
{
    return QByteArray(b.data(), b.size()).toBase64().toStdString();
}

void setString(Json &o, const char *name, QByteArrayView value)
{
    if (!value.isEmpty()) // omitempty, as the API's JSON
        o[name] = text(value);
}

// metav1.Time {seconds=1, nanos=2} as the API prints it: RFC 3339, whole seconds.
bool time(Reader &r, QByteArrayView message, qsizetype offset, Json *out)
{
    qint64 seconds = 0;
    const bool ok = r.walk(message, offset, [&](const Field &f, qsizetype) {
        if (f.number == 1 && f.type == WireType::Varint)
            seconds = qint64(f.varint);
        return true;
    });
    if (ok)
        *out = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate).toStdString();
    return ok;
}

// A map<string, string|bytes> entry {key=1, value=2}.
bool mapEntry(Reader &r, QByteArrayView entry, qsizetype offset, bool valueIsBytes, Json &map)
{
    QByteArrayView key;
    QByteArrayView value;
    const bool ok = r.walk(entry, offset, [&](const Field &f, qsizetype at) {
        if (f.number == 1 || f.number == 2) {
            if (!r.bytes(f, at))
                return false;
            (f.number == 1 ? key : value) = f.bytes;
        }
        return true;
    });
    if (ok)
        map[text(key)] = valueIsBytes ? base64(value) : text(value);
    return ok;
}

bool ownerReference(Reader &r, QByteArrayView message, qsizetype offset, Json &list)
{
    QByteArrayView kind, name, uid, apiVersion;
    std::optional<bool> controller, blockOwnerDeletion;
    const bool ok = r.walk(message, offset, [&](const Field &f, qsizetype at) {
        switch (f.number) {
        case 1:
        case 3:
        case 4:
        case 5:
            if (!r.bytes(f, at))
                return false;
            (f.number == 1 ? kind : f.number == 3 ? name : f.number == 4 ? uid : apiVersion) = f.bytes;
            return true;
        case 6:
        case 7: {
            const auto v = r.varint(f, at);
            if (v)
                (f.number == 6 ? controller : blockOwnerDeletion) = *v != 0;
            return v.has_value();
        }
        default:
            return true;
        }
    });
    if (!ok)
        return false;
    Json o = Json::object();
    setString(o, "apiVersion", apiVersion);
    setString(o, "kind", kind);
    setString(o, "name", name);
    setString(o, "uid", uid);
    if (controller)
        o["controller"] = *controller;
    if (blockOwnerDeletion)
        o["blockOwnerDeletion"] = *blockOwnerDeletion;
    list.push_back(std::move(o));
    return true;
}

bool managedFieldsEntry(Reader &r, QByteArrayView message, qsizetype offset, Json &list)
{
    Json o = Json::object();
    const bool ok = r.walk(message, offset, [&](const Field &f, qsizetype at) {
        static const char *const names[]
            = { nullptr, "manager", "operation", "apiVersion", nullptr, nullptr, "fieldsType", nullptr, "subresource" };
        if (f.number < 9 && names[f.number]) {
            if (!r.bytes(f, at))
                return false;
            setString(o, names[f.number], f.bytes);
        } else if (f.number == 4) {
            Json t;
            if (!r.bytes(f, at) || !time(r, f.bytes, at, &t))
                return false;
            o["time"] = std::move(t);
        } else if (f.number == 7) { // FieldsV1 {Raw=1}: JSON text
            if (!r.bytes(f, at))
                return false;
            return r.walk(f.bytes, at, [&](const Field &inner, qsizetype) {
                if (inner.number == 1 && inner.type == WireType::Bytes) {
                    QString notJson;
                    Json fields = KubeProtobuf::parseBounded(inner.bytes, &notJson);
                    o["fieldsV1"] = fields.is_discarded() ? Json(text(inner.bytes)) : std::move(fields);
                }
                return true;
            });
        }
        return true;
    });
    if (ok)
        list.push_back(std::move(o));
    return ok;
}

bool objectMeta(Reader &r, QByteArrayView message, qsizetype offset, Json *out)
{
    Json meta = Json::object();
    const bool ok = r.walk(message, offset, [&](const Field &f, qsizetype at) {
        static const char *const strings[]
            = { nullptr, "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion" };
        switch (f.number) {
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
            if (!r.bytes(f, at))
                return false;
            setString(meta, strings[f.number], f.bytes);
            return true;
        case 7: {
            const auto v = r.varint(f, at);
            if (v && *v != 0)
                meta["generation"] = qint64(*v);
            return v.has_value();
        }
        case 8:
        case 9: {
            Json t;
            if (!r.bytes(f, at) || !time(r, f.bytes, at, &t))
                return false;
            meta[f.number == 8 ? "creationTimestamp" : "deletionTimestamp"] = std::move(t);
            return true;
        }
        case 10: {
            const auto v = r.varint(f, at);
            if (v)
                meta["deletionGracePeriodSeconds"] = qint64(*v);
            return v.has_value();
        }
        case 11:
        case 12:
            return r.bytes(f, at) && mapEntry(r, f.bytes, at, false, meta[f.number == 11 ? "labels" : "annotations"]);
        case 13:
            return r.bytes(f, at) && ownerReference(r, f.bytes, at, meta["ownerReferences"]);
        case 14:
            if (!r.bytes(f, at))
                return false;
            meta["finalizers"].push_back(text(f.bytes));
            return true;
        case 17:
            return r.bytes(f, at) && managedFieldsEntry(r, f.bytes, at, meta["managedFields"]);
        default:
            return true; // a newer field: skipped, as an older client would
        }
    });
    if (ok)
        *out = std::move(meta);
    return ok;
}

bool namespaceCondition(Reader &r, QByteArrayView message, qsizetype offset, Json &list)
{
    Json o = Json::object();
    const bool ok = r.walk(message, offset, [&](const Field &f, qsizetype at) {
        static const char *const strings[] = { nullptr, "type", "status", nullptr, nullptr, "reason", "message" };
        if (f.number < 7 && strings[f.number]) {
            if (!r.bytes(f, at))
                return false;
            setString(o, strings[f.number], f.bytes);
        } else if (f.number == 4) {
            Json t;
            if (!r.bytes(f, at) || !time(r, f.bytes, at, &t))
                return false;
            o["lastTransitionTime"] = std::move(t);
        }
        return true;
    });
    if (ok)
        list.push_back(std::move(o));
    return ok;
}

bool namespaceBody(Reader &r, const Field &f, qsizetype at, Json &object)
{
    if (f.number == 2) { // NamespaceSpec {finalizers=1}
        Json &spec = object["spec"] = Json::object();
        return r.bytes(f, at) && r.walk(f.bytes, at, [&](const Field &inner, qsizetype) {
            if (inner.number == 1 && inner.type == WireType::Bytes)
                spec["finalizers"].push_back(text(inner.bytes));
            return true;
        });
    }
    if (f.number == 3) { // NamespaceStatus {phase=1, conditions=2}
        Json &status = object["status"] = Json::object();
        return r.bytes(f, at) && r.walk(f.bytes, at, [&](const Field &inner, qsizetype innerAt) {
            if (inner.number == 1 && inner.type == WireType::Bytes)
                setString(status, "phase", inner.bytes);
            else if (inner.number == 2)
                return r.bytes(inner, innerAt) && namespaceCondition(r, inner.bytes, innerAt, status["conditions"]);
            return true;
        });
    }
    return true;
}

bool configMapBody(Reader &r, const Field &f, qsizetype at, Json &object)
{
    if (f.number == 2 || f.number == 3)
        return r.bytes(f, at) && mapEntry(r, f.bytes, at, f.number == 3, object[f.number == 2 ? "data" : "binaryData"]);
    if (f.number == 4) {
        const auto v = r.varint(f, at);
        if (v)
            object["immutable"] = *v != 0;
        return v.has_value();
    }
    return true;
}

bool secretBody(Reader &r, const Field &f, qsizetype at, Json &object)
{
    if (f.number == 2 || f.number == 4)
        return r.bytes(f, at) && mapEntry(r, f.bytes, at, f.number == 2, object[f.number == 2 ? "data" : "stringData"]);
    if (f.number == 3) {
        if (!r.bytes(f, at))
            return false;
        setString(object, "type", f.bytes);
    } else if (f.number == 5) {
        const auto v = r.varint(f, at);
        if (v)
            object["immutable"] = *v != 0;
        return v.has_value();
    }
    return true;
}

using BodyDecoder = bool (*)(Reader &, const Field &, qsizetype, Json &);

BodyDecoder bodyDecoder(const QString &apiVersion, const QString &kind)
{
    if (apiVersion != QLatin1String("v1"))
        return nullptr;
    if (kind == QLatin1String("ConfigMap"))
        return configMapBody;
    if (kind == QLatin1String("Secret"))
        return secretBody;
    if (kind == QLatin1String("Namespace"))
        return namespaceBody;
    return nullptr;
}

} // namespace

Json KubeProtobuf::parseBounded(QByteArrayView text, QString *error, int maxDepth)
{
    bool tooDeep = false;
    // Returning false drops what is past the limit while the parse goes on iteratively.
    const Json::parser_callback_t limit = [&tooDeep, maxDepth](int depth, Json::parse_event_t, Json &) {
        if (depth > maxDepth)
            tooDeep = true;
        return !tooDeep;
    };
    Json value = Json::parse(text.begin(), text.end(), limit, false);
    if (value.is_discarded()) {
        *error = QStringLiteral("the stored value starts like JSON but does not parse");
    } else if (tooDeep) {
        *error = QStringLiteral("the stored JSON nests deeper than %1 levels; not read").arg(maxDepth);
        value = Json(Json::value_t::discarded);
    }
    return value;
}

bool KubeProtobuf::decodesWhole(const QString &apiVersion, const QString &kind)
{
    return bodyDecoder(apiVersion, kind) != nullptr;
}

bool KubeProtobuf::decodeInto(Json &object, QByteArrayView raw, qsizetype rawOffset, bool *metadataOnly, QString *error)
{
    Reader r(error);
    const BodyDecoder body = bodyDecoder(QString::fromStdString(object.value("apiVersion", std::string())),
        QString::fromStdString(object.value("kind", std::string())));
    *metadataOnly = body == nullptr;
    return r.walk(raw, rawOffset, [&](const Field &f, qsizetype at) {
        if (f.number == 1) { // ObjectMeta metadata = 1 in every top-level type
            Json meta;
            if (!r.bytes(f, at) || !objectMeta(r, f.bytes, at, &meta))
                return false;
            object["metadata"] = std::move(meta);
            return true;
        }
        return body ? body(r, f, at, object) : true;
    });
}

} // namespace strata
