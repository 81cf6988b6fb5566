#pragma once

#include <QByteArray>

// Writes a Kubernetes object as kube-apiserver stores it in etcd with its
// default protobuf storage: the `k8s\0` magic, then runtime.Unknown
// {typeMeta, raw, contentEncoding "", contentType ""} with the typed message
// in `raw`, fields in number order, map entries sorted by key and proto2
// strings written even when empty (gogo-protobuf's generated marshalling).
// For the tests only: they write objects into a real etcd with it. ConfigMap
// and Secret bodies and any type's ObjectMeta; checked byte for byte against
// kubernetes/api's test vector.
namespace StoredObjectEncoder {
// `objectJson`: the object as the API serves it (kind, apiVersion, metadata, …).
QByteArray encode(const QByteArray &objectJson);
} // namespace StoredObjectEncoder
