// libFuzzer target: anything pasted as kubectl output (YAML, JSON, terminal
// noise) must give objects or positioned diagnostics, never crash or hang.
#include "kube/KubectlReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)strata::KubectlReader::looksLikeKubectl(text);
    const auto result = strata::KubectlReader::read(text, QStringLiteral("fuzz.yaml"));
    for (const strata::KubeObject &o : result.objects) {
        if (!o.id.isValid())
            __builtin_trap();
    }
    return 0;
}
