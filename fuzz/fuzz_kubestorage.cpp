// libFuzzer target: a value read from etcd is untrusted bytes. Decoding it
// (protobuf envelope, JSON, encryption prefix) must give an object or a
// positioned error, never crash, read past the end or exhaust memory.
#include "kubestorage/StoredObject.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView value(reinterpret_cast<const char *>(data), qsizetype(size));
    strata::StoredObjects::decode(value, 7);
    // The same bytes behind the protobuf magic, so the fuzzer need not find it.
    strata::StoredObjects::decode(QByteArray(QByteArray("k8s\0", 4) + value.toByteArray()), 7);
    return 0;
}
