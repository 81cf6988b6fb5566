// libFuzzer target: log text of any shape must give events and diagnostics,
// never crash, hang or exhaust memory; the assignment extractor runs on
// every message it produces.
#include "logs/Assignment.h"
#include "logs/LogParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result
        = strata::LogParser::parse(text, QStringLiteral("fuzz.log"), (size % 2) ? QDate(2024, 1, 1) : QDate());
    for (const strata::LogEvent &event : result.events)
        strata::extractAssignments(event.message);
    strata::extractAssignments(QString::fromUtf8(text));
    return 0;
}
