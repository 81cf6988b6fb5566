// libFuzzer target: JSON of any shape must give a Value or a positioned
// diagnostic, never crash, hang or exhaust memory.
#include "formats/JsonReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = strata::JsonReader::read(text, QStringLiteral("fuzz.json"));
    if (!result.ok() && result.diagnostics.first().line < 1)
        __builtin_trap();
    (void)result.value.displayText();
    const auto stream = strata::JsonReader::readStream(text, QStringLiteral("fuzz.ndjson"), 64);
    (void)stream;
    return 0;
}
