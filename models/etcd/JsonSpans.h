#pragma once

#include <QByteArrayView>
#include <QList>

namespace strata {

// Finds where JSON values start and end in a larger text without building
// them, so etcdctl's one-line arrays can be cut into elements that are parsed
// (and positioned) one by one, and a 100 MB paste is never parsed as a whole.
// Iterative, with a depth limit: hostile input cannot exhaust the stack.
// Used by EtcdctlParser.
namespace JsonSpans {
constexpr int maxDepth = 256;

// The offset just past the JSON value starting at `pos` (after blanks), or -1
// when it is not terminated before `limit`, nests deeper than maxDepth, or is
// not a value at all. Brackets are counted, not matched: the real parser
// reports mismatches.
qsizetype valueEnd(QByteArrayView text, qsizetype pos, qsizetype limit);

struct Child
{
    QByteArrayView key; // raw key between the quotes (objects only)
    qsizetype start = 0; // first byte of the value
    qsizetype end = 0; // one past its last byte
};
// The members of the array or object spanning [start, end). Stops at the first
// structural error, returning what was found before it.
QList<Child> children(QByteArrayView text, qsizetype start, qsizetype end);
} // namespace JsonSpans

} // namespace strata
