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
};

// HCL2 native syntax (hashicorp/hcl hclsyntax/spec.md): a hand-written
// recursive-descent parser. Used by TerraformReader and directly by tests and
// the fuzzer. Never throws; recovers at the next line or argument after an
// error so the rest of a file still parses; bounded nesting.
namespace HclParser {

HclFile parse(const QString &text, const QString &file);
HclFile parse(const QByteArray &utf8, const QString &file);
// A single expression (as in `hcldec` specs and the expression fuzz seeds).
HclExpressionPtr parseExpression(const QString &text, const QString &file, QList<Diagnostic> *diagnostics);

// How deep brackets, blocks and templates may nest, and how tall an
// expression tree may grow (long operator chains), before parsing stops.
constexpr int maxNesting = 100;
constexpr int maxExpressionDepth = 500;

} // namespace HclParser

} // namespace strata
