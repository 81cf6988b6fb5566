#pragma once

#include "core/Diagnostic.h"
#include "core/Value.h"

#include <QByteArray>

#include <functional>

namespace strata {

struct JsonReadResult
{
    Value value; // null when the text is not JSON at all
    QList<Diagnostic> diagnostics; // the first syntax error, positioned
    bool ok() const { return !hasErrors(diagnostics); }
};

struct JsonStreamResult
{
    QList<Value> values; // every complete value before the first error
    QList<Diagnostic> diagnostics; // the first syntax error, positioned
    bool ok() const { return !hasErrors(diagnostics); }
};

// Reads JSON text into a Value where every node carries its file:line:col.
// Numbers keep their text exactly as written, so 64-bit ids above 2^53 survive
// (Value::text()). Nesting deeper than `maxDepth` is an error, not a stack
// overflow. Used by the tfstate reader, kubectl -o json and etcdctl -w json.
namespace JsonReader {
constexpr int defaultMaxDepth = 512;
JsonReadResult read(const QByteArray &text, const QString &file, int maxDepth = defaultMaxDepth);

// What to do with the elements of one big array as they are read: the array
// under `key` in a top-level object (a state's "resources") is handed over
// element by element, so a caller that keeps only part of each element never
// holds the whole document's tree. In the result that array is empty.
// `found` is called for every top-level `key`, whatever its value: a key
// given twice is the caller's to settle (which value a repeated key keeps
// is the reader's rule for maps, not the stream's).
struct ElementStream
{
    QString key;
    std::function<void()> found;
    std::function<void(Value &&element)> element; // required
};
JsonReadResult read(
    const QByteArray &text, const QString &file, const ElementStream &stream, int maxDepth = defaultMaxDepth);
// Reads one JSON value starting at `offset` (leading whitespace skipped); sets
// `end` to the byte after it, or to the error's position. For streams of concatenated or newline-separated JSON
// documents.
JsonReadResult readOne(
    const QByteArray &text, qsizetype offset, qsizetype *end, const QString &file, int maxDepth = defaultMaxDepth);
// The offset of the first non-whitespace byte at or after `offset` (text.size() at the end).
qsizetype skipWhitespace(const QByteArray &text, qsizetype offset);
// Reads a stream of concatenated or newline-separated values (NDJSON) in one
// pass; cheaper than calling readOne repeatedly, which recounts lines each time.
JsonStreamResult readStream(const QByteArray &text, const QString &file, int maxDepth = defaultMaxDepth);
} // namespace JsonReader

} // namespace strata
