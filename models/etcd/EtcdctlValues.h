#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace strata {

// How etcdctl writes values in its table and simple outputs: member ids in
// hex, sizes through go-humanize, booleans and durations as Go prints them.
// Used by EtcdctlParser; each returns nothing when the text is not such a value.
namespace EtcdctlValues {
// "8e9e05c52164694d" (up to 16 hex digits, an optional 0x).
std::optional<quint64> parseHexId(QStringView text);
QString hexId(quint64 id);
// Decimal, no sign, no overflow.
std::optional<quint64> parseUnsigned(QStringView text);
std::optional<qint64> parseSigned(QStringView text);
// "20 kB", "4.1 MB", "1.2 GiB", "512 B", "7MB", "0 B" (decimal and IEC units,
// case-insensitive like humanize.ParseBytes). Rounded to whole bytes.
std::optional<quint64> parseByteSize(QStringView text);
// "true"/"false" in any case.
std::optional<bool> parseBool(QStringView text);
// Go durations: "4.691586ms", "1.2s", "1m30s", "850µs".
std::optional<double> parseGoDurationSeconds(QStringView text);
} // namespace EtcdctlValues

} // namespace strata
