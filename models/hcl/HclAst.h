#pragma once

#include "core/SourceLocation.h"
#include "core/Value.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

namespace strata {

// The syntax tree of an HCL2 native-syntax file, as HclParser builds it and
// HclEvaluator walks it. Every node keeps where it was written so evaluated
// values (and findings quoting them) can point at their own line and column.
// Nodes are immutable once built and shared, so bodies can be kept cheaply by
// whoever evaluates them later (Terraform resources are evaluated lazily).

struct HclExpression;
using HclExpressionPtr = std::shared_ptr<const HclExpression>;

// One piece of a template: literal text, `${expr}`, `%{if}` or `%{for}`.
struct HclTemplatePart
{
    enum class Kind { Literal, Interpolation, If, For };
    Kind kind = Kind::Literal;
    SourceLocation location;
    QString text; // Literal
    HclExpressionPtr expression; // Interpolation value, If condition, For collection
    QString keyName; // For: `%{for k, v in …}` (empty when only a value name)
    QString valueName; // For
    QList<HclTemplatePart> body;
    QList<HclTemplatePart> elseBody; // If
};

struct HclExpression
{
    enum class Kind {
        Literal, // literal: number, bool, null, or a string without interpolation
        Template, // parts
        Tuple, // items
        Object, // entries (key expression, value expression)
        Call, // name(items...), expandLast for `...`
        Variable, // name: the root of a traversal (`var`, `local`, a resource type, an iterator)
        GetAttr, // source.name
        Index, // source[key]
        Splat, // source[*] / source.*, each is evaluated per element with SplatItem as its root
        SplatItem, // the current element inside a splat
        For, // [for keyName, valueName in source : value if condition] / {… : key => value…}
        Conditional, // condition ? value : otherwise  (source ? key : value)
        Unary, // name (op) source
        Binary, // source name(op) key
        Parens, // (source)
        Invalid, // a syntax error was reported here
    };

    Kind kind = Kind::Invalid;
    SourceLocation location;
    int depth = 1; // height of the tree below, to bound recursion when evaluating

    Value literal;
    QString name; // Variable/GetAttr name, Call function, operator, For value name
    QString keyName; // For key name
    HclExpressionPtr source; // traversal source, condition, unary/left operand, For collection
    HclExpressionPtr key; // Index key, right operand, Conditional true branch, For key expression
    HclExpressionPtr value; // Conditional false branch, For value expression, Splat per-element expression
    HclExpressionPtr condition; // For `if`
    QList<HclExpressionPtr> items;
    QList<QPair<HclExpressionPtr, HclExpressionPtr>> entries;
    QList<HclTemplatePart> parts;
    bool expandLast = false; // Call `f(xs...)`
    bool grouping = false; // For `=> v...`
    bool objectFor = false; // For `{for …}`
    bool fullSplat = false; // Splat `[*]` (vs attribute-only `.*`)
    QString text; // the source text of simple expressions (type constraints such as `string`)
};

struct HclBody;

struct HclAttribute
{
    QString name;
    SourceLocation location; // the name
    HclExpressionPtr expression;
};

struct HclBlock
{
    QString type;
    QStringList labels;
    SourceLocation location; // the type keyword
    std::shared_ptr<const HclBody> body; // null when deferred (HclParser::parseDeferring)
    // A deferred body's opening brace in the file's text, to parse it when used.
    qsizetype bodyOffset = -1;
    int bodyLine = 0;
    int bodyColumn = 0;
};

struct HclBody
{
    QList<HclAttribute> attributes; // in source order
    QList<HclBlock> blocks; // in source order
    SourceLocation location; // the opening brace, or the file start

    const HclAttribute *attribute(const QString &name) const
    {
        for (const HclAttribute &a : attributes) {
            if (a.name == name)
                return &a;
        }
        return nullptr;
    }
};

} // namespace strata
