#pragma once

#include "core/Diagnostic.h"
#include "core/Value.h"
#include "hcl/HclAst.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace strata {

// Evaluates HCL expressions statically: literals, templates, operators,
// conditionals, for expressions, splats and the pure functions of
// HclFunctions. What cannot be known (a reference the resolver does not know,
// an unknown function) is Value::unknown with the reason, and unknown
// propagates. Evaluation errors become unknown values plus a warning.
// Used by TerraformReader (with a resolver for var/local/resources/…) and by
// tests. Bounded: recursion follows the parser's tree-height limit and a work
// budget stops runaway for/range/string growth.
class HclEvaluator
{
public:
    // A root name (`var`, `local`, `aws_x`, …) with the static attribute names
    // written after it (`var.a.b` → "var", {"a", "b"}). The resolver returns the
    // value and how many of those names it used, or nullopt for "unknown name".
    struct Resolved
    {
        Value value;
        int consumed = 0;
        // Attributes missing below this value are computed by the provider:
        // unknown, not an error (`aws_x.y.id`).
        bool computed = false;
    };
    using Resolver = std::function<std::optional<Resolved>(
        const QString &root, const QStringList &names, const SourceLocation &at)>;

    explicit HclEvaluator(Resolver resolver = {});

    // Growth limits. Terraform itself bounds only range(); Strata reads code it
    // did not write, where a few locals that double a string reach gigabytes.
    // No object Strata compares can hold more (Kubernetes stores at most
    // 1.5 MiB per object), so past these a value is an error, said where it grew.
    static constexpr qint64 maxStringLength = 16 * 1024 * 1024; // characters in one value's strings
    static constexpr qint64 maxValueElements = 1024 * 1024; // elements in one value, nested ones included

    // Root names every expression sees (iterators and resolver come after these).
    void setVariable(const QString &name, const Value &value);
    void setBudget(qint64 operations) { m_budget = operations; }

    Value evaluate(const HclExpressionPtr &expression);
    // A template given as text parts (for template functions and tests).
    Value evaluateTemplate(const QList<HclTemplatePart> &parts, const SourceLocation &at);

    // Warnings for evaluation errors (type mismatches, missing keys …).
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    void clearDiagnostics() { m_diagnostics.clear(); }
    int errorCount() const { return m_errors; }

    // Reports an evaluation error and returns the unknown that stands for it.
    Value fail(const SourceLocation &at, const QString &message);
    // Counts work; false once the budget is spent (evaluation then yields unknowns).
    bool charge(qint64 operations = 1);
    // `v`, or the error that says it grew past the limits above, at `at`.
    Value bounded(const Value &v, const SourceLocation &at);
    // The error for a string that would grow to `length` characters.
    Value stringTooLong(const SourceLocation &at, qint64 length);

    // Iterator names (`each`, for-expression variables) visible while evaluating.
    void pushScope(const QHash<QString, Value> &names) { m_scopes.append(names); }
    void popScope() { m_scopes.removeLast(); }
    // Evaluating another definition (a local, another resource) must not see
    // the iterators of the one that referenced it.
    QList<QHash<QString, Value>> takeScopes() { return std::exchange(m_scopes, {}); }
    void restoreScopes(QList<QHash<QString, Value>> scopes) { m_scopes = std::move(scopes); }

private:
    Value eval(const HclExpression &e);
    Value evalTraversal(const HclExpression &e);
    Value evalBinary(const HclExpression &e);
    Value evalUnary(const HclExpression &e);
    Value evalConditional(const HclExpression &e);
    Value evalFor(const HclExpression &e);
    Value evalSplat(const HclExpression &e);
    Value evalCall(const HclExpression &e);
    Value evalObject(const HclExpression &e);
    bool renderParts(const QList<HclTemplatePart> &parts, QString &out, Value &unknownOut);
    Value getAttr(const Value &v, const QString &name, const SourceLocation &at, const QString &path);
    Value index(const Value &v, const Value &key, const SourceLocation &at, const QString &path);
    std::optional<Value> lookupName(const QString &name) const;

    Resolver m_resolver;
    QHash<QString, Value> m_variables;
    QList<QHash<QString, Value>> m_scopes;
    QList<Value> m_splatItems;
    QList<Diagnostic> m_diagnostics;
    int m_errors = 0;
    qint64 m_budget = 20'000'000;
    qint64 m_spent = 0;
};

} // namespace strata
