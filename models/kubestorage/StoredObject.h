#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>

namespace strata {

// One value kube-apiserver wrote into etcd, decoded into the JSON the API
// would serve for it (what `kubectl get -o json` prints), so the kubectl
// reader, the flattener and the diff read it like any other evidence.
// Detection follows kube-apiserver's own order: `k8s:enc:` (encrypted at
// rest: never decoded), the `k8s\0` protobuf envelope (runtime.Unknown),
// else JSON (custom resources, or --storage-media-type=application/json).
struct StoredObject
{
    enum class Encoding { Json, Protobuf, Encrypted, NotAnObject };

    Encoding encoding = Encoding::NotAnObject;
    QString apiVersion; // "v1", "apps/v1"; empty when encrypted
    QString kind; // "ConfigMap"
    QByteArray json; // the object as JSON; empty when encrypted or undecodable
    // Protobuf of a type whose body Strata does not decode: apiVersion, kind
    // and metadata only (ObjectMeta is the same message in every type).
    bool metadataOnly = false;
    // Encrypted: the envelope's provider, its version and key name
    // ("aescbc", "v1", "key1"), as the encryption configuration names them.
    QString provider;
    QString providerVersion;
    QString keyName;
    QString error; // why the value could not be decoded (offset named for protobuf)

    bool decoded() const { return !json.isEmpty(); }
    // "protobuf", "JSON", "encrypted at rest (aescbc v1, key key1)", "not a Kubernetes object".
    QString encodingText() const;
    // The envelope's TypeMeta: 1 apiVersion, 2 kind.
    void setTypeField(std::uint32_t number, QByteArrayView text);
};

namespace StoredObjects {
// `modRevision` > 0 becomes metadata.resourceVersion, as the API server sets
// it on every read (the stored object has none).
StoredObject decode(QByteArrayView value, qint64 modRevision = 0);
} // namespace StoredObjects

} // namespace strata
