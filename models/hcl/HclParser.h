#pragma once

#include "core/Diagnostic.h"
#include "hcl/HclAst.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace strata {

// One parsed HCL file: its body (never null, possibly partial after errors)
// and the syntax errors found, positioned file:line:col.
struct HclFile
{
    QString file;
    std::shared_ptr<const HclBody> body;
    QList<Diagnostic> diagnostics;
    QString text; // the source, kept when block bodies were deferred
};

// HCL2 native syntax (hashicorp/hcl hclsyntax/spec.md): a hand-written
// recursive-descent parser. Used by TerraformReader and directly by tests and
// the fuzzer. Never throws; recovers at the next line or argument after an
// error so the rest of a file still parses; bounded nesting.
namespace HclParser {

HclFile parse(const QString &text, const QString &file);
HclFile parse(const QByteArray &utf8, const QString &file);
// Like parse, but the bodies of top-level blocks whose type is in
// `deferredTypes` are checked (their errors reported) and not kept: their
// `body` is null, and parseDeferredBody reads one again when it is used. A
// Terraform stack's resources are most of its syntax tree, and each is
// evaluated once: this way only one is in memory at a time.
HclFile parseDeferring(const QByteArray &utf8, const QString &file, const QStringList &deferredTypes);
// The body of a block that parseDeferring left out, from that file's text;
// its errors were reported when the file was parsed.
std::shared_ptr<const HclBody> parseDeferredBody(const QString &text, const HclBlock &block);
// A single expression (as in `hcldec` specs and the expression fuzz seeds).
HclExpressionPtr parseExpression(const QString &text, const QString &file, QList<Diagnostic> *diagnostics);

// How deep brackets, blocks and templates may nest, and how tall an
// expression tree may grow (long operator chains), before parsing stops.
constexpr int maxNesting = 100;
constexpr int maxExpressionDepth = 500;

} // namespace HclParser

} // namespace strata
