// libFuzzer target: what an etcd endpoint (or anything listening on its
// port) answers to status, member list and alarm requests must be read or
// refused with a message, never crash, hang or exhaust memory.
#include "etcd/EtcdGateway.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    strata::EtcdGateway::parseStatus(body, QStringLiteral("http://fuzz:2379"), &error);
    strata::EtcdGateway::parseMemberList(body, &error);
    strata::EtcdGateway::parseAlarms(body, &error);
    return 0;
}
