// libFuzzer target: etcdctl output (tables, JSON, simple lines, noise) must
// give values and diagnostics, never crash, hang or exhaust memory.
#include "etcd/EtcdctlParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    strata::EtcdctlParser::looksLikeEtcdctl(text);
    strata::EtcdctlParser::parse(text, QStringLiteral("fuzz.txt"));
    return 0;
}
