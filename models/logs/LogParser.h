#pragma once

#include "core/Diagnostic.h"
#include "logs/LogEvent.h"

#include <QByteArray>
#include <QDate>
#include <QSet>

namespace strata {

struct LogParseResult
{
    QList<LogEvent> events; // in file order
    QList<Diagnostic> diagnostics; // binary or truncated lines, year-less lines without context
};

// Reads pasted log lines of mixed formats into LogEvents: "[RFC3339] component
// | message" wrappers, RFC 3339 / ISO 8601 prefixes, klog headers, etcd/zap
// and other JSON lines, logfmt, and plain text; a wrapper's message is parsed
// again (an etcd JSON or klog line inside). Indented lines continue the
// previous event. klog has no year: it comes from `contextDate` or the nearest
// line with a full timestamp (yearInferred). Never throws; linear in the input.
// Used by evidence import, the timeline and log-based findings.
namespace LogParser {
// Longer lines are cut (with a warning): a log line is not a data dump.
constexpr qsizetype maxLineLength = 1024 * 1024;
// `keepFields`: the structured fields to keep on each event (null: all). A
// caller that reads a few (the raft term) need not hold every line's fields.
LogParseResult parse(
    const QByteArray &text, const QString &file, QDate contextDate = {}, const QSet<QString> *keepFields = nullptr);
} // namespace LogParser

} // namespace strata
