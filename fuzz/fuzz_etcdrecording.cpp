// libFuzzer target: an etcd recording (Strata's own, but a file on disk that
// anyone may have edited or truncated) must give samples and a count of
// skipped lines, never crash, hang or exhaust memory.
#include "etcd/EtcdRecording.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const strata::EtcdRecordingData d = strata::EtcdRecording::parse(bytes, QStringLiteral("fuzz.tsv"));
    // Every sample's string indexes point into the tables.
    for (const strata::EtcdSample &s : d.samples) {
        if (s.endpoint >= d.endpoints.size() || (s.member != strata::EtcdSample::none && s.member >= d.members.size())
            || (s.error > 0 && s.error != 65535 && s.error - 1 >= d.errors.size()))
            __builtin_trap();
    }
    return 0;
}
