// libFuzzer target: the bundle's evidence redaction reads any file as JSON,
// YAML or text; it must return bytes (redacted or the same), never crash or hang.
#include "report/EvidenceRedaction.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The file name picks the reader: try the input as YAML and as plain text.
    strata::EvidenceRedaction::redact(bytes, QStringLiteral("evidence.yaml"));
    strata::EvidenceRedaction::redact(bytes, QStringLiteral("evidence.log"));
    return 0;
}
