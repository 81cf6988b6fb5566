#include "StoredObjectEncoder.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <map>

namespace StoredObjectEncoder {

namespace {

using Json = nlohmann::json; // std::map: keys come out sorted, as gogo writes map entries

void varint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

void tag(QByteArray &out, int number, int wireType)
{
    varint(out, quint64(number) << 3 | quint64(wireType));
}

void bytesField(QByteArray &out, int number, const QByteArray &payload)
{
    tag(out, number, 2);
    varint(out, quint64(payload.size()));
    out.append(payload);
}

void stringField(QByteArray &out, int number, const Json &o, const char *name)
{
    bytesField(out, number, QByteArray::fromStdString(o.value(name, std::string())));
}

void varintField(QByteArray &out, int number, qint64 v)
{
    tag(out, number, 0);
    varint(out, quint64(v));
}

QByteArray time(const std::string &rfc3339)
{
    QByteArray t;
    varintField(t, 1, QDateTime::fromString(QString::fromStdString(rfc3339), Qt::ISODate).toSecsSinceEpoch());
    varintField(t, 2, 0);
    return t;
}

void mapField(QByteArray &out, int number, const Json &map, bool valuesAreBase64)
{
    for (const auto &[key, value] : map.items()) {
        QByteArray entry;
        bytesField(entry, 1, QByteArray::fromStdString(key));
        const QByteArray v = QByteArray::fromStdString(value.get<std::string>());
        bytesField(entry, 2, valuesAreBase64 ? QByteArray::fromBase64(v) : v);
        bytesField(out, number, entry);
    }
}

QByteArray objectMeta(const Json &m)
{
    QByteArray out;
    stringField(out, 1, m, "name");
    stringField(out, 2, m, "generateName");
    stringField(out, 3, m, "namespace");
    stringField(out, 4, m, "selfLink");
    stringField(out, 5, m, "uid");
    stringField(out, 6, m, "resourceVersion");
    varintField(out, 7, m.value("generation", qint64(0)));
    bytesField(out, 8, time(m.value("creationTimestamp", std::string("1970-01-01T00:00:00Z"))));
    if (m.contains("deletionTimestamp"))
        bytesField(out, 9, time(m["deletionTimestamp"].get<std::string>()));
    if (m.contains("deletionGracePeriodSeconds"))
        varintField(out, 10, m["deletionGracePeriodSeconds"].get<qint64>());
    if (m.contains("labels"))
        mapField(out, 11, m["labels"], false);
    if (m.contains("annotations"))
        mapField(out, 12, m["annotations"], false);
    for (const Json &ref : m.value("ownerReferences", Json::array())) {
        QByteArray r;
        stringField(r, 1, ref, "kind");
        stringField(r, 3, ref, "name");
        stringField(r, 4, ref, "uid");
        stringField(r, 5, ref, "apiVersion");
        if (ref.contains("controller"))
            varintField(r, 6, ref["controller"].get<bool>());
        if (ref.contains("blockOwnerDeletion"))
            varintField(r, 7, ref["blockOwnerDeletion"].get<bool>());
        bytesField(out, 13, r);
    }
    for (const Json &f : m.value("finalizers", Json::array()))
        bytesField(out, 14, QByteArray::fromStdString(f.get<std::string>()));
    for (const Json &entry : m.value("managedFields", Json::array())) {
        QByteArray e;
        stringField(e, 1, entry, "manager");
        stringField(e, 2, entry, "operation");
        stringField(e, 3, entry, "apiVersion");
        if (entry.contains("time"))
            bytesField(e, 4, time(entry["time"].get<std::string>()));
        stringField(e, 6, entry, "fieldsType");
        if (entry.contains("fieldsV1")) {
            QByteArray fieldsV1;
            bytesField(fieldsV1, 1, QByteArray::fromStdString(entry["fieldsV1"].dump()));
            bytesField(e, 7, fieldsV1);
        }
        stringField(e, 8, entry, "subresource");
        bytesField(out, 17, e);
    }
    return out;
}

QByteArray body(const Json &o, const std::string &kind)
{
    QByteArray raw;
    bytesField(raw, 1, objectMeta(o.value("metadata", Json::object())));
    if (kind == "ConfigMap") {
        mapField(raw, 2, o.value("data", Json::object()), false);
        mapField(raw, 3, o.value("binaryData", Json::object()), true);
        if (o.contains("immutable"))
            varintField(raw, 4, o["immutable"].get<bool>());
    } else if (kind == "Secret") {
        mapField(raw, 2, o.value("data", Json::object()), true);
        stringField(raw, 3, o, "type");
        mapField(raw, 4, o.value("stringData", Json::object()), false);
        if (o.contains("immutable"))
            varintField(raw, 5, o["immutable"].get<bool>());
    }
    return raw;
}

} // namespace

QByteArray encode(const QByteArray &objectJson)
{
    const Json o = Json::parse(objectJson.constData(), objectJson.constData() + objectJson.size());
    const std::string kind = o.value("kind", std::string());
    QByteArray typeMeta;
    stringField(typeMeta, 1, o, "apiVersion");
    stringField(typeMeta, 2, o, "kind");
    QByteArray unknown;
    bytesField(unknown, 1, typeMeta);
    bytesField(unknown, 2, body(o, kind));
    bytesField(unknown, 3, {});
    bytesField(unknown, 4, {});
    return QByteArray("k8s\0", 4) + unknown;
}

} // namespace StoredObjectEncoder
