#pragma once

#include <QString>

#include <optional>

namespace strata::Duration {
// Go-style durations as etcdctl and kubectl take them: "500ms", "2.5s",
// "10m", "1h30m", or a bare number of seconds. Milliseconds; nothing for
// text that is not one, zero or negative, or not finite.
std::optional<qint64> parseMs(const QString &text);
} // namespace strata::Duration
