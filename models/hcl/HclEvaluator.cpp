#include "HclEvaluator.h"

#include "hcl/HclFunctions.h"
#include "hcl/HclValues.h"

#include <cmath>
#include <utility>

namespace strata {

namespace {

using Kind = HclExpression::Kind;

// Evaluation nests through references (locals naming locals); deeper than this
// is almost certainly a cycle the resolver did not catch, and would exhaust the stack.
constexpr int maxEvaluationDepth = 600;

thread_local int t_depth = 0;

class DepthGuard
{
public:
    DepthGuard() { ++t_depth; }
    ~DepthGuard() { --t_depth; }
    DepthGuard(const DepthGuard &) = delete;
    DepthGuard &operator=(const DepthGuard &) = delete;
    bool tooDeep() const { return t_depth > maxEvaluationDepth; }
};

} // namespace

HclEvaluator::HclEvaluator(Resolver resolver)
    : m_resolver(std::move(resolver))
{
}

void HclEvaluator::setVariable(const QString &name, const Value &value)
{
    m_variables.insert(name, value);
}

Value HclEvaluator::fail(const SourceLocation &at, const QString &message)
{
    ++m_errors;
    if (m_diagnostics.size() < 1000)
        m_diagnostics.append(Diagnostic::warning(at.file, at.line, at.column, message));
    return Value::unknown(QStringLiteral("error: ") + message, at);
}

bool HclEvaluator::charge(qint64 operations)
{
    m_spent += operations;
    return m_spent <= m_budget;
}

Value HclEvaluator::stringTooLong(const SourceLocation &at, qint64 length)
{
    return fail(at,
        QStringLiteral("this string would be %1 characters, past Strata's limit of %2: evaluation stops here "
                       "(no Kubernetes object holds more than 1.5 MiB)")
            .arg(length)
            .arg(maxStringLength));
}

Value HclEvaluator::bounded(const Value &v, const SourceLocation &at)
{
    if (v.isScalar()) {
        if (v.type() == Value::Type::String && v.text().size() > maxStringLength)
            return stringTooLong(at, v.text().size());
        return v;
    }
    HclValues::ValueSize size;
    const bool tooLarge = HclValues::exceeds(v, maxValueElements, maxStringLength, size);
    charge(size.steps);
    if (!tooLarge)
        return v;
    return fail(at,
        size.elements > maxValueElements
            ? QStringLiteral("this value would hold more than %1 elements, past Strata's limit: evaluation stops here")
                  .arg(maxValueElements)
            : QStringLiteral("this value's strings would hold more than %1 characters, past Strata's limit: "
                             "evaluation stops here")
                  .arg(maxStringLength));
}

Value HclEvaluator::evaluate(const HclExpressionPtr &expression)
{
    if (!expression)
        return Value::null();
    return bounded(eval(*expression), expression->location);
}

std::optional<Value> HclEvaluator::lookupName(const QString &name) const
{
    for (qsizetype i = m_scopes.size() - 1; i >= 0; --i) {
        const auto it = m_scopes.at(i).constFind(name);
        if (it != m_scopes.at(i).constEnd())
            return *it;
    }
    const auto it = m_variables.constFind(name);
    if (it != m_variables.constEnd())
        return *it;
    return std::nullopt;
}

Value HclEvaluator::eval(const HclExpression &e)
{
    const SourceLocation &at = e.location;
    DepthGuard guard;
    if (guard.tooDeep())
        return fail(at, QStringLiteral("evaluation nested too deeply (a reference cycle?)"));
    if (!charge())
        return Value::unknown(QStringLiteral("evaluation limit reached"), at);
    switch (e.kind) {
    case Kind::Literal:
        return e.literal;
    case Kind::Invalid:
        return Value::unknown(QStringLiteral("syntax error"), at);
    case Kind::Template: {
        // A template of one interpolation keeps the value's own type.
        if (e.parts.size() == 1 && e.parts.at(0).kind == HclTemplatePart::Kind::Interpolation)
            return eval(*e.parts.at(0).expression).withLocation(at);
        return evaluateTemplate(e.parts, at);
    }
    case Kind::Tuple: {
        QList<Value> items;
        items.reserve(e.items.size());
        for (const HclExpressionPtr &i : e.items)
            items.append(eval(*i));
        return Value::list(std::move(items), at);
    }
    case Kind::Object:
        return evalObject(e);
    case Kind::Call:
        return evalCall(e);
    case Kind::Variable:
    case Kind::GetAttr:
    case Kind::Index:
        return evalTraversal(e);
    case Kind::SplatItem:
        if (m_splatItems.isEmpty())
            return fail(at, QStringLiteral("splat item outside a splat"));
        return m_splatItems.last();
    case Kind::Splat:
        return evalSplat(e);
    case Kind::For:
        return evalFor(e);
    case Kind::Conditional:
        return evalConditional(e);
    case Kind::Unary:
        return evalUnary(e);
    case Kind::Binary:
        return evalBinary(e);
    case Kind::Parens:
        return eval(*e.source);
    }
    return Value::unknown(QStringLiteral("unsupported expression"), at);
}

Value HclEvaluator::evalObject(const HclExpression &e)
{
    QList<Value::Entry> entries;
    QHash<QString, qsizetype> seen;
    for (const auto &kv : e.entries) {
        const Value k = eval(*kv.first);
        if (k.isUnknown())
            return Value::unknown(k.text(), e.location);
        const std::optional<QString> key = HclValues::toString(k);
        if (!key)
            return fail(
                kv.first->location, QStringLiteral("object key must be a string, not %1").arg(HclValues::typeName(k)));
        const Value v = eval(*kv.second);
        const auto it = seen.constFind(*key);
        if (it != seen.constEnd()) {
            entries[*it].second = v; // the last one wins, as in cty
        } else {
            seen.insert(*key, entries.size());
            entries.append({ *key, v });
        }
    }
    return Value::map(std::move(entries), e.location);
}

Value HclEvaluator::evalTraversal(const HclExpression &e)
{
    // Flatten `root.a[0].b` so the resolver sees the static names after the root.
    QList<const HclExpression *> steps;
    const HclExpression *root = &e;
    while ((root->kind == Kind::GetAttr || root->kind == Kind::Index) && root->source) {
        steps.prepend(root);
        root = root->source.get();
    }
    Value current;
    QString path;
    qsizetype next = 0;
    bool computed = false;
    if (root->kind == Kind::Variable) {
        path = root->name;
        if (const std::optional<Value> v = lookupName(root->name)) {
            current = *v;
        } else {
            QStringList names;
            for (const HclExpression *s : steps) {
                if (s->kind != Kind::GetAttr)
                    break;
                names.append(s->name);
            }
            std::optional<Resolved> r;
            if (m_resolver)
                r = m_resolver(root->name, names, root->location);
            if (!r)
                return Value::unknown(QStringLiteral("unknown reference: %1").arg(root->name), e.location);
            current = r->value;
            computed = r->computed;
            for (int i = 0; i < r->consumed && next < steps.size(); ++i)
                path += QLatin1Char('.') + steps.at(next++)->name;
        }
    } else {
        current = eval(*root);
    }
    for (; next < steps.size(); ++next) {
        if (current.isUnknown())
            return Value::unknown(current.text(), e.location);
        const HclExpression *s = steps.at(next);
        if (s->kind == Kind::GetAttr) {
            path += QLatin1Char('.') + s->name;
            if (computed && current.type() == Value::Type::Map && !current.find(s->name))
                return Value::unknown(QStringLiteral("not set in code (computed): %1").arg(path), e.location);
            current = getAttr(current, s->name, s->location, path);
        } else {
            const Value key = eval(*s->key);
            if (key.isUnknown())
                return Value::unknown(key.text(), e.location);
            path += QLatin1Char('[')
                + (key.type() == Value::Type::String ? QLatin1Char('"') + key.text() + QLatin1Char('"')
                                                     : key.displayText())
                + QLatin1Char(']');
            if (computed && current.type() == Value::Type::Map && HclValues::toString(key)
                && !current.find(*HclValues::toString(key)))
                return Value::unknown(QStringLiteral("not set in code (computed): %1").arg(path), e.location);
            current = index(current, key, s->location, path);
        }
    }
    if (current.isUnknown())
        return Value::unknown(current.text(), e.location);
    // A reference is quoted where it is written; its parts keep where they were defined.
    return current.withLocation(e.location);
}

Value HclEvaluator::getAttr(const Value &v, const QString &name, const SourceLocation &at, const QString &path)
{
    switch (v.type()) {
    case Value::Type::Unknown:
        return v;
    case Value::Type::Map:
        if (const Value *f = v.find(name))
            return *f;
        return fail(at, QStringLiteral("%1: this object has no attribute \"%2\"").arg(path, name));
    case Value::Type::Null:
        return fail(at, QStringLiteral("%1: attempt to get attribute \"%2\" from a null value").arg(path, name));
    default:
        return fail(
            at, QStringLiteral("%1: cannot get attribute \"%2\" of a %3").arg(path, name, HclValues::typeName(v)));
    }
}

Value HclEvaluator::index(const Value &v, const Value &key, const SourceLocation &at, const QString &path)
{
    switch (v.type()) {
    case Value::Type::Unknown:
        return v;
    case Value::Type::List: {
        const std::optional<double> n = HclValues::toNumber(key);
        if (!n || *n != std::floor(*n))
            return fail(at, QStringLiteral("%1: a list index must be a whole number").arg(path));
        if (*n < 0 || *n >= double(v.items().size()))
            return fail(at,
                QStringLiteral("%1: index out of range (the list has %2 elements)").arg(path).arg(v.items().size()));
        return v.items().at(qsizetype(*n));
    }
    case Value::Type::Map: {
        const std::optional<QString> k = HclValues::toString(key);
        if (!k)
            return fail(at, QStringLiteral("%1: a map key must be a string").arg(path));
        if (const Value *f = v.find(*k))
            return *f;
        return fail(at, QStringLiteral("%1: no element with key \"%2\"").arg(path, *k));
    }
    case Value::Type::Null:
        return fail(at, QStringLiteral("%1: cannot index a null value").arg(path));
    default:
        return fail(at, QStringLiteral("%1: cannot index a %2").arg(path, HclValues::typeName(v)));
    }
}

Value HclEvaluator::evalSplat(const HclExpression &e)
{
    const Value source = eval(*e.source);
    if (source.isUnknown())
        return Value::unknown(source.text(), e.location);
    QList<Value> inputs;
    if (source.type() == Value::Type::List)
        inputs = source.items();
    else if (!source.isNull())
        inputs.append(source); // a single value acts as a one-element list
    QList<Value> out;
    out.reserve(inputs.size());
    for (const Value &item : inputs) {
        m_splatItems.append(item);
        out.append(eval(*e.value));
        m_splatItems.removeLast();
    }
    return Value::list(std::move(out), e.location);
}

Value HclEvaluator::evalFor(const HclExpression &e)
{
    const Value collection = eval(*e.source);
    if (collection.isUnknown())
        return Value::unknown(collection.text(), e.location);
    QList<QPair<Value, Value>> pairs;
    if (collection.type() == Value::Type::List) {
        for (qsizetype i = 0; i < collection.items().size(); ++i)
            pairs.append({ HclValues::number(double(i), e.location), collection.items().at(i) });
    } else if (collection.type() == Value::Type::Map) {
        for (const Value::Entry &en : collection.entries())
            pairs.append({ Value::string(en.first, e.location), en.second });
    } else {
        return fail(e.source->location,
            QStringLiteral("a for expression needs a list, set or map, not %1").arg(HclValues::typeName(collection)));
    }

    QList<Value> items;
    QList<Value::Entry> entries;
    QHash<QString, qsizetype> seen;
    QList<QList<Value>> groups;
    for (const auto &kv : pairs) {
        QHash<QString, Value> scope;
        if (!e.keyName.isEmpty())
            scope.insert(e.keyName, kv.first);
        scope.insert(e.name, kv.second);
        pushScope(scope);
        struct Pop
        {
            HclEvaluator *ev;
            ~Pop() { ev->popScope(); }
        } pop { this };
        if (e.condition) {
            const Value c = eval(*e.condition);
            if (c.isUnknown())
                return Value::unknown(c.text(), e.location);
            const std::optional<bool> b = HclValues::toBool(c);
            if (!b)
                return fail(e.condition->location, QStringLiteral("the for expression condition must be a bool"));
            if (!*b)
                continue;
        }
        if (!e.objectFor) {
            items.append(eval(*e.value));
            continue;
        }
        const Value k = eval(*e.key);
        if (k.isUnknown())
            return Value::unknown(k.text(), e.location);
        const std::optional<QString> key = HclValues::toString(k);
        if (!key)
            return fail(e.key->location, QStringLiteral("a for expression key must be a string"));
        const Value v = eval(*e.value);
        const auto it = seen.constFind(*key);
        if (e.grouping) {
            if (it == seen.constEnd()) {
                seen.insert(*key, groups.size());
                entries.append({ *key, Value() });
                groups.append({ v });
            } else {
                groups[*it].append(v);
            }
        } else {
            if (it != seen.constEnd())
                return fail(e.key->location,
                    QStringLiteral("duplicate key \"%1\" in a for expression (use `...` to group)").arg(*key));
            seen.insert(*key, entries.size());
            entries.append({ *key, v });
        }
    }
    if (!e.objectFor)
        return Value::list(std::move(items), e.location);
    if (e.grouping) {
        for (qsizetype i = 0; i < entries.size(); ++i)
            entries[i].second = Value::list(groups.at(i), e.location);
    }
    return Value::map(std::move(entries), e.location);
}

Value HclEvaluator::evalConditional(const HclExpression &e)
{
    const Value c = eval(*e.source);
    if (c.isUnknown())
        return Value::unknown(c.text(), e.location);
    const std::optional<bool> b = HclValues::toBool(c);
    if (!b)
        return fail(
            e.source->location, QStringLiteral("the condition must be a bool, not %1").arg(HclValues::typeName(c)));
    return eval(*b ? *e.key : *e.value);
}

Value HclEvaluator::evalUnary(const HclExpression &e)
{
    const Value v = eval(*e.source);
    if (v.isUnknown())
        return Value::unknown(v.text(), e.location);
    if (e.name == QLatin1String("!")) {
        const std::optional<bool> b = HclValues::toBool(v);
        if (!b)
            return fail(e.location, QStringLiteral("\"!\" needs a bool, not %1").arg(HclValues::typeName(v)));
        return Value::boolean(!*b, e.location);
    }
    const std::optional<double> n = HclValues::toNumber(v);
    if (!n)
        return fail(e.location, QStringLiteral("\"-\" needs a number, not %1").arg(HclValues::typeName(v)));
    if (v.type() == Value::Type::Number && e.source->kind == Kind::Literal)
        return Value::number(-*n, QLatin1Char('-') + v.text(), e.location);
    return HclValues::number(-*n, e.location);
}

Value HclEvaluator::evalBinary(const HclExpression &e)
{
    const QString &op = e.name;
    const Value a = eval(*e.source);
    if (op == QLatin1String("&&") || op == QLatin1String("||")) {
        const bool isAnd = op == QLatin1String("&&");
        std::optional<bool> x;
        if (!a.isUnknown()) {
            x = HclValues::toBool(a);
            if (!x)
                return fail(
                    e.source->location, QStringLiteral("\"%1\" needs bools, not %2").arg(op, HclValues::typeName(a)));
            // The result is already decided, whatever the right side is.
            if (*x != isAnd)
                return Value::boolean(*x, e.location);
        }
        const Value b = eval(*e.key);
        if (b.isUnknown())
            return Value::unknown(b.text(), e.location);
        const std::optional<bool> y = HclValues::toBool(b);
        if (!y)
            return fail(e.key->location, QStringLiteral("\"%1\" needs bools, not %2").arg(op, HclValues::typeName(b)));
        if (!x)
            return *y == isAnd ? Value::unknown(a.text(), e.location) : Value::boolean(*y, e.location);
        return Value::boolean(isAnd ? (*x && *y) : (*x || *y), e.location);
    }
    const Value b = eval(*e.key);
    if (a.isUnknown())
        return Value::unknown(a.text(), e.location);
    if (b.isUnknown())
        return Value::unknown(b.text(), e.location);
    if (op == QLatin1String("==") || op == QLatin1String("!=")) {
        if (const Value *u = HclValues::findUnknown(a))
            return Value::unknown(u->text(), e.location);
        if (const Value *u = HclValues::findUnknown(b))
            return Value::unknown(u->text(), e.location);
        const bool eq = HclValues::equals(a, b);
        return Value::boolean(op == QLatin1String("==") ? eq : !eq, e.location);
    }
    const std::optional<double> x = HclValues::toNumber(a);
    const std::optional<double> y = HclValues::toNumber(b);
    if (!x)
        return fail(e.source->location, QStringLiteral("\"%1\" needs numbers, not %2").arg(op, HclValues::typeName(a)));
    if (!y)
        return fail(e.key->location, QStringLiteral("\"%1\" needs numbers, not %2").arg(op, HclValues::typeName(b)));
    const double l = *x;
    const double r = *y;
    if (op == QLatin1String("<"))
        return Value::boolean(l < r, e.location);
    if (op == QLatin1String("<="))
        return Value::boolean(l <= r, e.location);
    if (op == QLatin1String(">"))
        return Value::boolean(l > r, e.location);
    if (op == QLatin1String(">="))
        return Value::boolean(l >= r, e.location);
    double result = 0;
    if (op == QLatin1String("+")) {
        result = l + r;
    } else if (op == QLatin1String("-")) {
        result = l - r;
    } else if (op == QLatin1String("*")) {
        result = l * r;
    } else if (op == QLatin1String("/")) {
        if (r == 0)
            return fail(e.location, QStringLiteral("division by zero"));
        result = l / r;
    } else if (op == QLatin1String("%")) {
        if (r == 0)
            return fail(e.location, QStringLiteral("modulo by zero"));
        result = std::fmod(l, r);
    }
    return HclValues::number(result, e.location);
}

Value HclEvaluator::evalCall(const HclExpression &e)
{
    const QString &name = e.name;
    if (name == QLatin1String("try") || name == QLatin1String("can")) {
        const bool isCan = name == QLatin1String("can");
        for (const HclExpressionPtr &arg : e.items) {
            const int errors = m_errors;
            const qsizetype diags = m_diagnostics.size();
            const Value v = eval(*arg);
            if (m_errors == errors) {
                if (isCan)
                    return v.isUnknown() ? Value::unknown(v.text(), e.location) : Value::boolean(true, e.location);
                return v;
            }
            m_errors = errors;
            m_diagnostics.resize(std::min(diags, m_diagnostics.size()));
            if (isCan)
                return Value::boolean(false, e.location);
        }
        if (isCan)
            return fail(e.location, QStringLiteral("can() needs one argument"));
        return fail(e.location, QStringLiteral("try(): no argument could be evaluated without an error"));
    }
    QList<Value> args;
    args.reserve(e.items.size());
    for (const HclExpressionPtr &arg : e.items)
        args.append(eval(*arg));
    if (e.expandLast && !args.isEmpty()) {
        const Value last = args.takeLast();
        if (last.isUnknown())
            return Value::unknown(last.text(), e.location);
        if (last.type() != Value::Type::List)
            return fail(e.items.last()->location, QStringLiteral("only a list can be expanded with \"...\""));
        args.append(last.items());
    }
    return bounded(HclFunctions::call(name, args, e.location, *this), e.location);
}

Value HclEvaluator::evaluateTemplate(const QList<HclTemplatePart> &parts, const SourceLocation &at)
{
    QString out;
    Value unknown;
    if (!renderParts(parts, out, unknown))
        return Value::unknown(unknown.text(), at);
    return Value::string(out, at);
}

bool HclEvaluator::renderParts(const QList<HclTemplatePart> &parts, QString &out, Value &unknownOut)
{
    for (const HclTemplatePart &p : parts) {
        if (!charge(1 + out.size() / 4096)) {
            unknownOut = Value::unknown(QStringLiteral("evaluation limit reached"));
            return false;
        }
        switch (p.kind) {
        case HclTemplatePart::Kind::Literal:
            if (out.size() + p.text.size() > maxStringLength) {
                unknownOut = stringTooLong(p.location, out.size() + p.text.size());
                return false;
            }
            out += p.text;
            break;
        case HclTemplatePart::Kind::Interpolation: {
            const Value v = eval(*p.expression);
            if (v.isUnknown()) {
                unknownOut = v;
                return false;
            }
            const std::optional<QString> s = HclValues::toString(v);
            if (!s) {
                unknownOut = fail(p.expression->location,
                    QStringLiteral("cannot include a %1 value in a string template").arg(HclValues::typeName(v)));
                return false;
            }
            if (out.size() + s->size() > maxStringLength) {
                unknownOut = stringTooLong(p.expression->location, out.size() + s->size());
                return false;
            }
            charge(s->size() / 16);
            out += *s;
            break;
        }
        case HclTemplatePart::Kind::If: {
            const Value c = eval(*p.expression);
            if (c.isUnknown()) {
                unknownOut = c;
                return false;
            }
            const std::optional<bool> b = HclValues::toBool(c);
            if (!b) {
                unknownOut = fail(p.expression->location, QStringLiteral("the %{if} condition must be a bool"));
                return false;
            }
            if (!renderParts(*b ? p.body : p.elseBody, out, unknownOut))
                return false;
            break;
        }
        case HclTemplatePart::Kind::For: {
            const Value c = eval(*p.expression);
            if (c.isUnknown()) {
                unknownOut = c;
                return false;
            }
            QList<QPair<Value, Value>> pairs;
            if (c.type() == Value::Type::List) {
                for (qsizetype i = 0; i < c.items().size(); ++i)
                    pairs.append({ HclValues::number(double(i), p.location), c.items().at(i) });
            } else if (c.type() == Value::Type::Map) {
                for (const Value::Entry &en : c.entries())
                    pairs.append({ Value::string(en.first, p.location), en.second });
            } else {
                unknownOut = fail(p.expression->location, QStringLiteral("%{for} needs a list or map"));
                return false;
            }
            for (const auto &kv : pairs) {
                QHash<QString, Value> scope;
                if (!p.keyName.isEmpty())
                    scope.insert(p.keyName, kv.first);
                scope.insert(p.valueName, kv.second);
                pushScope(scope);
                const bool ok = renderParts(p.body, out, unknownOut);
                popScope();
                if (!ok)
                    return false;
            }
            break;
        }
        }
    }
    return true;
}

} // namespace strata
