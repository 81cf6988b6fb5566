#pragma once

#include <QByteArrayView>
#include <QString>

#include <nlohmann/json_fwd.hpp>

namespace strata {

// The protobuf messages of kube-apiserver's storage encoding that Strata
// decodes, as JSON with the API's field names and omitempty rules
// (k8s.io/api core/v1 and apimachinery meta/v1 generated.proto): ObjectMeta
// for any type, and the whole body of ConfigMap, Secret and Namespace.
namespace KubeProtobuf {
// Whether `kind` (in group `apiVersion`) is decoded whole.
bool decodesWhole(const QString &apiVersion, const QString &kind);
// The typed message `raw` of an envelope, into `object` (which already
// holds kind and apiVersion). False with `error` (naming the byte offset in
// the stored value) when the message is malformed. `metadataOnly` is set
// when only metadata was decoded.
bool decodeInto(
    nlohmann::ordered_json &object, QByteArrayView raw, qsizetype rawOffset, bool *metadataOnly, QString *error);
// JSON text from etcd (a stored object, a managedFields entry's fieldsV1)
// parsed with a nesting limit: the parse itself is iterative, but writing
// the tree back out recurses once per level, and a 1.5 MiB value of `[[[…`
// would overflow the stack. A discarded value with `error` set when it is
// not JSON or nests deeper than `maxDepth`.
nlohmann::ordered_json parseBounded(QByteArrayView text, QString *error, int maxDepth = 256);
} // namespace KubeProtobuf

} // namespace strata
