// libFuzzer target: YAML of any shape (yaml-cpp underneath) must give Values or
// positioned diagnostics, never crash, hang, overflow the stack or expand aliases
// without bound.
#include "formats/YamlReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = strata::YamlReader::read(text, QStringLiteral("fuzz.yaml"));
    for (const strata::Diagnostic &d : result.diagnostics) {
        if (d.line < 1)
            __builtin_trap();
    }
    return 0;
}
