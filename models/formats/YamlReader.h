#pragma once

#include "core/Diagnostic.h"
#include "core/Value.h"

#include <QByteArray>

namespace strata {

struct YamlReadResult
{
    QList<Value> documents; // one per `---` separated document; empty documents dropped
    QList<Diagnostic> diagnostics; // positioned; documents before an error are kept
    bool ok() const { return !hasErrors(diagnostics); }
};

// Reads YAML (libyaml's event parser) into Values where every node carries its file:line:col.
// Scalars follow YAML 1.2's core schema the way kubectl prints them: quoted
// scalars are strings; plain true/false, null/~, integers and floats are typed;
// everything else is a string. Number text is kept as written. Nesting deeper
// than `maxDepth` is an error, not a stack overflow; aliases are expanded at
// most `maxAliasExpansions` times (no billion laughs).
namespace YamlReader {
constexpr int defaultMaxDepth = 256;
YamlReadResult read(const QByteArray &text, const QString &file, int maxDepth = defaultMaxDepth);
} // namespace YamlReader

} // namespace strata
