// libFuzzer target: case files (YAML) must give diagnostics, never crash or hang.
#include "case/CaseFileReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    strata::CaseFileReader::readText(text, QStringLiteral("fuzz.yaml"));
    return 0;
}
