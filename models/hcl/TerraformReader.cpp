#include "TerraformReader.h"

#include "core/RegularFile.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclParser.h"
#include "hcl/HclValues.h"
#include "terraform/TerraformAddress.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>

#include <memory>
#include <vector>

namespace strata::TerraformReader {

namespace {

using Kind = HclExpression::Kind;

// More instances than this from one count/for_each is not a real module.
constexpr int maxInstances = 10000;

Diagnostic note(const SourceLocation &at, const QString &message)
{
    Diagnostic d = Diagnostic::warning(at.file, at.line, at.column, message);
    d.severity = Diagnostic::Severity::Note;
    return d;
}

// Type constraints are kept as written (`map(string)`), rebuilt from the tree.
QString expressionText(const HclExpression &e)
{
    switch (e.kind) {
    case Kind::Variable:
        return e.name;
    case Kind::Literal:
        if (!e.text.isEmpty())
            return e.text;
        return e.literal.type() == Value::Type::String ? QLatin1Char('"') + e.literal.text() + QLatin1Char('"')
                                                       : e.literal.displayText();
    case Kind::Call: {
        QStringList args;
        for (const HclExpressionPtr &a : e.items)
            args.append(expressionText(*a));
        return e.name + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    case Kind::Tuple: {
        QStringList items;
        for (const HclExpressionPtr &a : e.items)
            items.append(expressionText(*a));
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Kind::Object: {
        QStringList items;
        for (const auto &kv : e.entries) {
            const QString k = kv.first->kind == Kind::Literal && kv.first->literal.type() == Value::Type::String
                ? kv.first->literal.text()
                : expressionText(*kv.first);
            items.append(k + QStringLiteral(" = ") + expressionText(*kv.second));
        }
        return QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case Kind::GetAttr:
        return expressionText(*e.source) + QLatin1Char('.') + e.name;
    default:
        return QStringLiteral("…");
    }
}

// Variables are converted to their declared primitive type, as Terraform does.
Value convertToType(const Value &v, const QString &type)
{
    if (type == QLatin1String("string") && (v.type() == Value::Type::Number || v.type() == Value::Type::Bool))
        return Value::string(*HclValues::toString(v), v.location());
    if (type == QLatin1String("number") && v.type() == Value::Type::String) {
        if (const std::optional<double> n = HclValues::toNumber(v))
            return Value::number(*n, v.text().trimmed(), v.location());
    }
    if (type == QLatin1String("bool") && v.type() == Value::Type::String) {
        if (const std::optional<bool> b = HclValues::toBool(v))
            return Value::boolean(*b, v.location());
    }
    return v;
}

// Resources are most of a stack's syntax tree and each is evaluated once:
// their bodies are parsed when evaluated, one at a time.
const QStringList &deferredBlocks()
{
    static const QStringList types { QStringLiteral("resource"), QStringLiteral("data") };
    return types;
}

struct ResourceEntry
{
    const HclBlock *block = nullptr;
    QString sourceText; // the file's text: the body is parsed when evaluated (deferred)
    TerraformResource resource;
    enum class State { NotStarted, InProgress, Done } state = State::NotStarted;
    Value referenceValue; // what `type.name` evaluates to
};

struct LocalEntry
{
    HclExpressionPtr expression;
    SourceLocation location;
    bool inProgress = false;
    std::optional<Value> value;
};

struct OutputEntry
{
    HclExpressionPtr expression;
    SourceLocation location;
    bool sensitive = false;
    bool inProgress = false;
    std::optional<Value> value;
};

// Which module a Module evaluates and how it was called: the root module
// has no prefix and takes *.tfvars; a called module takes the arguments of
// its `module` block as its variables.
struct ModuleContext
{
    QString prefix; // "" for the root, `module.a["k"].module.b` as state writes it
    QString folder; // where its files came from, for the loader's relative sources
    QString pathModule = QStringLiteral("."); // path.module
    const ModuleLoader *loader = nullptr; // null: module calls are not followed
    int depth = 0;
    std::optional<QHash<QString, Value>> arguments; // set for a called module
    SourceLocation calledAt;
    QStringList callers; // the folders of the modules that led here: a folder among them calls itself
    std::shared_ptr<int> instancesLeft; // shared by the whole stack: count and for_each multiply
};

class Module;

// A `module` block of this module: evaluated when first referenced or at the
// end, one child Module per instance (count/for_each).
struct ModuleEntry
{
    const HclBlock *block = nullptr;
    QString name;
    enum class State { NotStarted, InProgress, Done } state = State::NotStarted;
    Value referenceValue; // what `module.name` evaluates to: its outputs (a list/map of them per instance)
    std::vector<std::shared_ptr<Module>> instances;
    std::vector<std::shared_ptr<TerraformConfig>> configs; // each instance's own config
};

// Terraform's rule: a source starting with ./ or ../ is a folder next to this one;
// anything else is a registry address, a git or archive URL.
bool isLocalSource(const QString &source)
{
    return source.startsWith(QLatin1String("./")) || source.startsWith(QLatin1String("../"))
        || source == QLatin1String(".") || source == QLatin1String("..");
}

// The arguments of a module block that are not the module's variables.
bool isModuleMetaArgument(const QString &name)
{
    static const QSet<QString> names { QStringLiteral("source"), QStringLiteral("version"), QStringLiteral("count"),
        QStringLiteral("for_each"), QStringLiteral("providers"), QStringLiteral("depends_on") };
    return names.contains(name);
}

class Module
{
public:
    Module(TerraformConfig &config, ModuleContext context)
        : m_config(config)
        , m_context(std::move(context))
        , m_eval([this](const QString &root, const QStringList &names, const SourceLocation &at) {
            return resolve(root, names, at);
        })
    {
    }

    void addFile(const HclFile &file)
    {
        m_files.append(file); // keeps the tree alive
        m_config.diagnostics.append(file.diagnostics);
        for (const HclBlock &b : file.body->blocks)
            collect(b, file.text);
        for (const HclAttribute &a : file.body->attributes)
            m_config.diagnostics.append(note(a.location,
                QStringLiteral("argument \"%1\" outside any block is not Terraform configuration").arg(a.name)));
    }

    void applyTfvars(const HclFile &file)
    {
        m_files.append(file);
        m_config.diagnostics.append(file.diagnostics);
        HclEvaluator plain;
        for (const HclAttribute &a : file.body->attributes) {
            const Value v = plain.evaluate(a.expression);
            if (!m_variableIndex.contains(a.name)) {
                m_config.diagnostics.append(
                    note(a.location, QStringLiteral("value for undeclared variable \"%1\" is ignored").arg(a.name)));
                continue;
            }
            m_tfvars.insert(a.name, v);
        }
        m_config.diagnostics.append(plain.diagnostics());
    }

    // Variables first: a called module's outputs may be read before the rest is evaluated.
    void prepareVariables()
    {
        if (m_variablesReady)
            return;
        m_variablesReady = true;
        const QString called = m_context.prefix;
        for (TerraformVariable &v : m_config.variables) {
            if (m_context.arguments && m_context.arguments->contains(v.name) && !v.sensitive) {
                v.value = convertToType(m_context.arguments->value(v.name), v.typeText);
            } else if (m_context.arguments && !m_context.arguments->contains(v.name) && !m_hasDefault.contains(v.name)
                && !v.sensitive) {
                v.value = Value::unknown(
                    QStringLiteral("no value for var.%1 (%2 passes none and it has no default)").arg(v.name, called),
                    v.location);
                m_config.diagnostics.append(Diagnostic::error(m_context.calledAt.file, m_context.calledAt.line,
                    m_context.calledAt.column,
                    QStringLiteral("%1 needs the argument \"%2\" (a variable without a default)").arg(called, v.name)));
            } else if (v.sensitive) {
                // Never shown, whatever the code or tfvars say.
                const Value hidden = Value::unknown(QStringLiteral("sensitive: var.%1").arg(v.name), v.location);
                v.defaultValue = v.defaultValue.isNull() ? Value::null(v.location) : hidden;
                v.value = hidden;
            } else if (m_tfvars.contains(v.name)) {
                v.value = convertToType(m_tfvars.value(v.name), v.typeText);
            } else if (m_hasDefault.contains(v.name)) {
                v.value = v.defaultValue;
            } else {
                v.value = Value::unknown(
                    QStringLiteral("no value for var.%1 (no default and not in *.tfvars)").arg(v.name), v.location);
            }
        }
        if (m_context.arguments) {
            for (auto it = m_context.arguments->cbegin(); it != m_context.arguments->cend(); ++it) {
                if (!m_variableIndex.contains(it.key()))
                    m_config.diagnostics.append(
                        Diagnostic::warning(it->location().file, it->location().line, it->location().column,
                            QStringLiteral("%1 declares no variable \"%2\"; the argument is not used")
                                .arg(called, it.key())));
            }
        }
    }

    void evaluate()
    {
        prepareVariables();
        for (auto it = m_localOrder.cbegin(); it != m_localOrder.cend(); ++it)
            m_config.locals.append(TerraformLocal { *it, localValue(*it), m_locals.value(*it).location });
        for (qsizetype i = 0; i < m_config.providers.size(); ++i)
            m_config.providers[i].body
                = evaluateBody(*m_providerBodies.at(i), m_config.providers.at(i).location, false);
        for (const QString &address : m_resourceOrder) {
            ResourceEntry &r = m_resources[address];
            evaluateResource(r);
            m_config.resources.append(r.resource);
        }
        for (const QString &name : m_outputOrder)
            outputValue(name);
        for (const QString &name : m_moduleOrder) {
            ModuleEntry &entry = m_modules[name];
            evaluateModule(entry);
            for (size_t i = 0; i < entry.instances.size(); ++i) {
                entry.instances[i]->evaluate();
                TerraformConfig &child = *entry.configs[i];
                m_config.resources += std::move(child.resources);
                m_config.modules += std::move(child.modules);
                m_config.moves += std::move(child.moves);
                m_config.diagnostics += std::move(child.diagnostics);
            }
            entry.instances.clear(); // what they evaluated is in this config now
            entry.configs.clear();
        }
        m_config.diagnostics.append(m_eval.diagnostics());
        m_eval.clearDiagnostics();
    }

private:
    // `text` is the file's: a resource's body is parsed from it when evaluated.
    void collect(const HclBlock &b, const QString &text)
    {
        const QString &type = b.type;
        auto wrongLabels = [&](int n) {
            if (b.labels.size() == n)
                return false;
            m_config.diagnostics.append(Diagnostic::error(b.location.file, b.location.line, b.location.column,
                QStringLiteral("a %1 block needs %2 label(s)").arg(type).arg(n)));
            return true;
        };
        if (type == QLatin1String("terraform")) {
            collectTerraform(*b.body);
        } else if (type == QLatin1String("variable")) {
            if (wrongLabels(1))
                return;
            TerraformVariable v;
            v.name = b.labels.at(0);
            v.location = b.location;
            if (const HclAttribute *t = b.body->attribute(QStringLiteral("type")))
                v.typeText = expressionText(*t->expression);
            if (const HclAttribute *s = b.body->attribute(QStringLiteral("sensitive"))) {
                HclEvaluator plain;
                v.sensitive = HclValues::toBool(plain.evaluate(s->expression)).value_or(false);
            }
            if (const HclAttribute *d = b.body->attribute(QStringLiteral("default"))) {
                HclEvaluator plain;
                v.defaultValue = convertToType(plain.evaluate(d->expression), v.typeText);
                m_config.diagnostics.append(plain.diagnostics());
                m_hasDefault.insert(v.name);
            }
            m_variableIndex.insert(v.name, m_config.variables.size());
            m_config.variables.append(v);
        } else if (type == QLatin1String("locals")) {
            for (const HclAttribute &a : b.body->attributes) {
                if (m_locals.contains(a.name)) {
                    m_config.diagnostics.append(Diagnostic::error(a.location.file, a.location.line, a.location.column,
                        QStringLiteral("duplicate local value \"%1\"").arg(a.name)));
                    continue;
                }
                m_locals.insert(a.name, LocalEntry { a.expression, a.location, false, std::nullopt });
                m_localOrder.append(a.name);
            }
        } else if (type == QLatin1String("resource") || type == QLatin1String("data")) {
            if (wrongLabels(2))
                return;
            ResourceEntry r;
            r.block = &b;
            r.sourceText = text;
            r.resource.mode = type == QLatin1String("data") ? QStringLiteral("data") : QStringLiteral("managed");
            r.resource.type = b.labels.at(0);
            r.resource.name = b.labels.at(1);
            r.resource.module = m_context.prefix;
            r.resource.location = b.location;
            const QString address = localAddress(r.resource);
            if (m_resources.contains(address)) {
                m_config.diagnostics.append(Diagnostic::error(b.location.file, b.location.line, b.location.column,
                    QStringLiteral("duplicate resource \"%1\"").arg(address)));
                return;
            }
            m_resources.insert(address, r);
            m_resourceOrder.append(address);
        } else if (type == QLatin1String("provider")) {
            if (wrongLabels(1))
                return;
            TerraformProvider p;
            p.name = b.labels.at(0);
            p.location = b.location;
            if (const HclAttribute *a = b.body->attribute(QStringLiteral("alias"))) {
                HclEvaluator plain;
                p.alias = HclValues::toString(plain.evaluate(a->expression)).value_or(QString());
            }
            m_config.providers.append(p);
            m_providerBodies.append(b.body.get());
        } else if (type == QLatin1String("module")) {
            if (wrongLabels(1))
                return;
            const QString &name = b.labels.at(0);
            if (m_modules.contains(name)) {
                m_config.diagnostics.append(Diagnostic::error(b.location.file, b.location.line, b.location.column,
                    QStringLiteral("duplicate module \"%1\"").arg(name)));
                return;
            }
            ModuleEntry entry;
            entry.block = &b;
            entry.name = name;
            m_modules.insert(name, entry);
            m_moduleOrder.append(name);
        } else if (type == QLatin1String("output")) {
            if (wrongLabels(1))
                return;
            const HclAttribute *value = b.body->attribute(QStringLiteral("value"));
            if (!value || m_outputs.contains(b.labels.at(0)))
                return;
            OutputEntry o;
            o.expression = value->expression;
            o.location = value->location;
            if (const HclAttribute *s = b.body->attribute(QStringLiteral("sensitive"))) {
                HclEvaluator plain;
                o.sensitive = HclValues::toBool(plain.evaluate(s->expression)).value_or(false);
            }
            m_outputs.insert(b.labels.at(0), o);
            m_outputOrder.append(b.labels.at(0));
        } else if (type == QLatin1String("moved")) {
            collectMoved(b);
        }
        // import, check, removed: nothing the comparison needs.
    }

    // `moved { from = a.b  to = c.d }`: addresses are references, written bare.
    void collectMoved(const HclBlock &b)
    {
        const HclAttribute *from = b.body->attribute(QStringLiteral("from"));
        const HclAttribute *to = b.body->attribute(QStringLiteral("to"));
        if (!from || !to) {
            m_config.diagnostics.append(Diagnostic::error(b.location.file, b.location.line, b.location.column,
                QStringLiteral("a moved block needs from and to")));
            return;
        }
        const QString prefix = m_context.prefix.isEmpty() ? QString() : m_context.prefix + QLatin1Char('.');
        m_config.moves.append(TerraformMove {
            prefix + addressText(*from->expression), prefix + addressText(*to->expression), b.location });
    }

    // A bare address as written (`kubernetes_config_map.a`, `module.x["k"]`, `a.b[0]`).
    static QString addressText(const HclExpression &e)
    {
        switch (e.kind) {
        case Kind::Variable:
            return e.name;
        case Kind::GetAttr:
            return addressText(*e.source) + QLatin1Char('.') + e.name;
        case Kind::Index:
            if (e.key && e.key->kind == Kind::Literal)
                return addressText(*e.source) + TerraformAddress::indexKey(e.key->literal);
            return addressText(*e.source) + QStringLiteral("[?]");
        default:
            return expressionText(e);
        }
    }

    static QString localAddress(const TerraformResource &r)
    {
        return (r.mode == QLatin1String("data") ? QStringLiteral("data.") : QString()) + r.type + QLatin1Char('.')
            + r.name;
    }

    void collectTerraform(const HclBody &body)
    {
        HclEvaluator plain;
        if (const HclAttribute *rv = body.attribute(QStringLiteral("required_version")))
            m_config.requiredVersion = HclValues::toString(plain.evaluate(rv->expression)).value_or(QString());
        for (const HclBlock &rp : body.blocks) {
            if (rp.type != QLatin1String("required_providers"))
                continue;
            for (const HclAttribute &a : rp.body->attributes) {
                TerraformRequiredProvider p;
                p.name = a.name;
                const Value v = plain.evaluate(a.expression);
                if (v.type() == Value::Type::String) {
                    p.version = v.text(); // the pre-0.13 form: only a version
                } else if (v.type() == Value::Type::Map) {
                    if (const Value *s = v.find(QStringLiteral("source")))
                        p.source = s->text();
                    if (const Value *ver = v.find(QStringLiteral("version")))
                        p.version = ver->text();
                }
                m_config.requiredProviders.append(p);
            }
        }
    }

    std::optional<HclEvaluator::Resolved> resolve(
        const QString &root, const QStringList &names, const SourceLocation &at)
    {
        using R = HclEvaluator::Resolved;
        if (root == QLatin1String("var")) {
            if (names.isEmpty())
                return R { Value::unknown(QStringLiteral("var on its own is not a value"), at), 0, false };
            const auto it = m_variableIndex.constFind(names.at(0));
            if (it == m_variableIndex.constEnd())
                return R { m_eval.fail(at, QStringLiteral("reference to undeclared variable var.%1").arg(names.at(0))),
                    1, false };
            return R { m_config.variables.at(*it).value, 1, false };
        }
        if (root == QLatin1String("local")) {
            if (names.isEmpty() || !m_locals.contains(names.at(0)))
                return R { m_eval.fail(
                               at, QStringLiteral("reference to undeclared local value local.%1").arg(names.value(0))),
                    1, false };
            return R { localValue(names.at(0)), 1, false };
        }
        if (root == QLatin1String("path")) {
            if (names.value(0) == QLatin1String("cwd"))
                return R { Value::unknown(QStringLiteral("path.cwd depends on where Terraform runs"), at), 1, false };
            if (names.value(0) == QLatin1String("module"))
                return R { Value::string(m_context.pathModule, at), 1, false };
            return R { Value::string(QStringLiteral("."), at), 1, false };
        }
        if (root == QLatin1String("terraform"))
            return R { Value::unknown(
                           QStringLiteral("terraform.%1 is known only when Terraform runs").arg(names.value(0)), at),
                1, false };
        if (root == QLatin1String("count") || root == QLatin1String("each"))
            return R {
                m_eval.fail(at,
                    QStringLiteral("%1 is only available in a resource with %2")
                        .arg(root,
                            root == QLatin1String("count") ? QStringLiteral("count") : QStringLiteral("for_each"))),
                1, false
            };
        if (root == QLatin1String("self"))
            return R { Value::unknown(QStringLiteral("self is known only when Terraform runs"), at), 0, false };
        if (root == QLatin1String("module")) {
            if (names.isEmpty())
                return R { Value::unknown(QStringLiteral("module on its own is not a value"), at), 0, false };
            const auto it = m_modules.find(names.at(0));
            if (it == m_modules.end())
                return R { m_eval.fail(at, QStringLiteral("reference to undeclared module module.%1").arg(names.at(0))),
                    1, false };
            if (it->state == ModuleEntry::State::InProgress)
                return R { m_eval.fail(at, QStringLiteral("module.%1 refers to itself").arg(names.at(0))), 1, false };
            evaluateModule(*it);
            return R { m_modules[names.at(0)].referenceValue, 1, false };
        }
        if (root == QLatin1String("data")) {
            const int n = std::min<int>(2, int(names.size()));
            return R { Value::unknown(QStringLiteral("data source data.%1 is read when Terraform runs")
                                          .arg(names.mid(0, 2).join(QLatin1Char('.'))),
                           at),
                n, false };
        }
        if (names.isEmpty())
            return std::nullopt;
        const QString address = root + QLatin1Char('.') + names.at(0);
        const auto it = m_resources.find(address);
        if (it == m_resources.end())
            return std::nullopt;
        return R { resourceReference(*it, at), 1, true };
    }

    Value localValue(const QString &name)
    {
        LocalEntry &l = m_locals[name];
        if (l.value)
            return *l.value;
        if (l.inProgress)
            return m_eval.fail(l.location, QStringLiteral("local.%1 refers to itself").arg(name));
        l.inProgress = true;
        const auto scopes = m_eval.takeScopes();
        const HclExpressionPtr expr = l.expression;
        const Value v = m_eval.evaluate(expr);
        m_eval.restoreScopes(scopes);
        LocalEntry &again = m_locals[name];
        again.inProgress = false;
        again.value = v;
        return v;
    }

    Value resourceReference(ResourceEntry &r, const SourceLocation &at)
    {
        if (r.state == ResourceEntry::State::InProgress)
            return m_eval.fail(at, QStringLiteral("%1 refers to itself").arg(r.resource.address()));
        evaluateResource(r);
        return r.referenceValue;
    }

    void evaluateResource(ResourceEntry &r)
    {
        if (r.state != ResourceEntry::State::NotStarted)
            return;
        r.state = ResourceEntry::State::InProgress;
        const auto scopes = m_eval.takeScopes();
        // Parsed now and gone once evaluated: what it evaluates to is kept.
        const std::shared_ptr<const HclBody> parsed = HclParser::parseDeferredBody(r.sourceText, *r.block);
        r.sourceText.clear();
        const HclBody &body = *parsed;
        const SourceLocation &at = r.resource.location;
        QList<TerraformInstance> instances;
        Value reference;
        const HclAttribute *count = body.attribute(QStringLiteral("count"));
        const HclAttribute *forEach = body.attribute(QStringLiteral("for_each"));
        if (count) {
            const Value c = m_eval.evaluate(count->expression);
            const std::optional<double> n = HclValues::toNumber(c);
            if (c.isUnknown() || !n || *n < 0 || *n != std::floor(*n)) {
                if (!c.isUnknown())
                    m_eval.fail(count->location, QStringLiteral("count must be a non-negative whole number"));
                instances.append({ Value::unknown(QStringLiteral("count is not known statically"), at),
                    evaluateBody(body, at, true) });
                reference = Value::unknown(
                    QStringLiteral("count of %1 is not known statically").arg(r.resource.address()), at);
            } else {
                QList<Value> bodies;
                const int total = int(std::min<double>(*n, maxInstances));
                if (*n > maxInstances)
                    m_eval.fail(count->location, QStringLiteral("count above %1 is not expanded").arg(maxInstances));
                for (int i = 0; i < total; ++i) {
                    const Value key = HclValues::number(i, count->expression->location);
                    m_eval.pushScope(
                        { { QStringLiteral("count"), Value::map({ { QStringLiteral("index"), key } }, at) } });
                    const Value b = evaluateBody(body, at, true);
                    m_eval.popScope();
                    instances.append({ key, b });
                    bodies.append(b);
                }
                reference = Value::list(bodies, at);
            }
        } else if (forEach) {
            const Value fe = m_eval.evaluate(forEach->expression);
            QList<QPair<QString, Value>> items;
            bool ok = true;
            if (fe.type() == Value::Type::Map) {
                for (const Value::Entry &e : fe.entries())
                    items.append({ e.first, e.second });
            } else if (fe.type() == Value::Type::List) {
                for (const Value &i : fe.items()) {
                    if (i.type() != Value::Type::String) {
                        ok = false;
                        break;
                    }
                    items.append({ i.text(), i });
                }
            } else {
                ok = false;
            }
            if (!ok || HclValues::findUnknown(fe)) {
                if (!fe.isUnknown() && !ok)
                    m_eval.fail(forEach->location, QStringLiteral("for_each needs a map or a set of strings"));
                instances.append({ Value::unknown(QStringLiteral("for_each is not known statically"), at),
                    evaluateBody(body, at, true) });
                reference = Value::unknown(
                    QStringLiteral("for_each of %1 is not known statically").arg(r.resource.address()), at);
            } else {
                QList<Value::Entry> bodies;
                for (qsizetype i = 0; i < items.size() && i < maxInstances; ++i) {
                    const Value key = Value::string(items.at(i).first, forEach->expression->location);
                    m_eval.pushScope({ { QStringLiteral("each"),
                        Value::map({ { QStringLiteral("key"), key }, { QStringLiteral("value"), items.at(i).second } },
                            at) } });
                    const Value b = evaluateBody(body, at, true);
                    m_eval.popScope();
                    instances.append({ key, b });
                    bodies.append({ items.at(i).first, b });
                }
                reference = Value::map(bodies, at);
            }
        } else {
            const Value b = evaluateBody(body, at, true);
            instances.append({ Value::null(), b });
            reference = b;
        }
        if (r.resource.mode == QLatin1String("data"))
            reference = Value::unknown(
                QStringLiteral("data source %1 is read when Terraform runs").arg(r.resource.address()), at);
        m_eval.restoreScopes(scopes);
        r.resource.instances = instances;
        r.referenceValue = reference;
        r.state = ResourceEntry::State::Done;
    }

    static bool isMetaArgument(const QString &name)
    {
        static const QSet<QString> names { QStringLiteral("count"), QStringLiteral("for_each"),
            QStringLiteral("depends_on"), QStringLiteral("provider"), QStringLiteral("lifecycle"),
            QStringLiteral("provisioner"), QStringLiteral("connection") };
        return names.contains(name);
    }

    // Provider-schema shape: attributes as entries, nested blocks as lists of maps.
    Value evaluateBody(const HclBody &body, const SourceLocation &at, bool resource)
    {
        QList<Value::Entry> entries;
        QHash<QString, qsizetype> index;
        for (const HclAttribute &a : body.attributes) {
            if (resource && isMetaArgument(a.name))
                continue;
            index.insert(a.name, entries.size());
            entries.append({ a.name, m_eval.evaluate(a.expression) });
        }
        QList<QString> blockOrder;
        QHash<QString, QList<Value>> blocks;
        QHash<QString, Value> unknownBlocks;
        for (const HclBlock &b : body.blocks) {
            if (resource && isMetaArgument(b.type))
                continue;
            if (b.type == QLatin1String("dynamic") && b.labels.size() == 1) {
                const QString &type = b.labels.at(0);
                if (!blocks.contains(type))
                    blockOrder.append(type);
                QList<Value> &list = blocks[type];
                const std::optional<Value> expanded = expandDynamic(b, list);
                if (expanded)
                    unknownBlocks.insert(type, *expanded);
                continue;
            }
            if (!blocks.contains(b.type))
                blockOrder.append(b.type);
            blocks[b.type].append(evaluateBody(*b.body, b.location, false));
        }
        for (const QString &type : blockOrder) {
            if (index.contains(type))
                continue; // an attribute of the same name was written; keep it
            const Value v
                = unknownBlocks.contains(type) ? unknownBlocks.value(type) : Value::list(blocks.value(type), at);
            entries.append({ type, v });
        }
        return Value::map(entries, at);
    }

    // `dynamic "x" { for_each = …, iterator = it, content { … } }` → x blocks.
    // Returns an unknown when for_each is not known.
    std::optional<Value> expandDynamic(const HclBlock &b, QList<Value> &out)
    {
        const QString &type = b.labels.at(0);
        const HclAttribute *fe = b.body->attribute(QStringLiteral("for_each"));
        QString iterator = type;
        if (const HclAttribute *it = b.body->attribute(QStringLiteral("iterator"))) {
            if (it->expression->kind == Kind::Variable)
                iterator = it->expression->name;
        }
        const HclBlock *content = nullptr;
        for (const HclBlock &c : b.body->blocks) {
            if (c.type == QLatin1String("content"))
                content = &c;
        }
        if (!fe || !content)
            return m_eval.fail(b.location, QStringLiteral("a dynamic block needs for_each and a content block"));
        const Value coll = m_eval.evaluate(fe->expression);
        if (coll.isUnknown())
            return Value::unknown(coll.text(), b.location);
        QList<QPair<Value, Value>> items;
        if (coll.type() == Value::Type::List) {
            for (qsizetype i = 0; i < coll.items().size(); ++i)
                items.append({ HclValues::number(double(i), b.location), coll.items().at(i) });
        } else if (coll.type() == Value::Type::Map) {
            for (const Value::Entry &e : coll.entries())
                items.append({ Value::string(e.first, b.location), e.second });
        } else if (!coll.isNull()) {
            return m_eval.fail(fe->location, QStringLiteral("dynamic for_each needs a collection"));
        }
        for (const auto &kv : items) {
            m_eval.pushScope({ { iterator,
                Value::map(
                    { { QStringLiteral("key"), kv.first }, { QStringLiteral("value"), kv.second } }, b.location) } });
            out.append(evaluateBody(*content->body, content->location, false));
            m_eval.popScope();
        }
        return std::nullopt;
    }

    Value outputValue(const QString &name)
    {
        OutputEntry &o = m_outputs[name];
        if (o.value)
            return *o.value;
        const QString address = m_context.prefix.isEmpty() ? QString(QStringLiteral("output.") + name)
                                                           : QString(m_context.prefix + QLatin1Char('.') + name);
        if (o.inProgress)
            return m_eval.fail(o.location, QStringLiteral("%1 refers to itself").arg(address));
        o.inProgress = true;
        const auto scopes = m_eval.takeScopes();
        const HclExpressionPtr expr = o.expression;
        Value v = m_eval.evaluate(expr);
        m_eval.restoreScopes(scopes);
        if (m_outputs[name].sensitive) // never shown, as for a sensitive variable
            v = Value::unknown(QStringLiteral("sensitive: %1").arg(address), o.location);
        OutputEntry &again = m_outputs[name];
        again.inProgress = false;
        again.value = v;
        return v;
    }

    // What `module.<name>` is for the module that calls this one: an object of its outputs.
    Value outputsObject(const SourceLocation &at)
    {
        prepareVariables();
        QList<Value::Entry> entries;
        for (const QString &name : m_outputOrder)
            entries.append({ name, outputValue(name) });
        return Value::map(entries, at);
    }

    void noteModuleCall(const QString &address, const QString &source, bool followed, const QString &reason,
        const SourceLocation &at, const QString &folder = {})
    {
        m_config.modules.append(TerraformModuleCall { address, source, folder, followed, reason, at });
        if (!followed)
            m_config.diagnostics.append(note(at,
                QStringLiteral("%1 (source \"%2\") is not read: %3; its resources are not compared")
                    .arg(address, source, reason)));
    }

    // Reads and prepares the module a `module` block calls, one child per
    // instance; its resources join this config when evaluate() ends.
    void evaluateModule(ModuleEntry &entry)
    {
        if (entry.state != ModuleEntry::State::NotStarted)
            return;
        entry.state = ModuleEntry::State::InProgress;
        const QString name = entry.name; // m_modules may rehash while the module evaluates
        const HclBody &body = *entry.block->body;
        const SourceLocation at = entry.block->location;
        const QString address = m_context.prefix.isEmpty()
            ? QString(QStringLiteral("module.") + name)
            : QString(m_context.prefix + QStringLiteral(".module.") + name);
        const auto finish = [&](const Value &reference, std::vector<std::shared_ptr<Module>> instances = {},
                                std::vector<std::shared_ptr<TerraformConfig>> configs = {}) {
            ModuleEntry &e = m_modules[name];
            e.referenceValue = reference;
            e.instances = std::move(instances);
            e.configs = std::move(configs);
            e.state = ModuleEntry::State::Done;
        };
        QString source;
        if (const HclAttribute *a = body.attribute(QStringLiteral("source"))) {
            HclEvaluator plain;
            source = HclValues::toString(plain.evaluate(a->expression)).value_or(QString());
        }
        QString why;
        if (source.isEmpty())
            why = QStringLiteral("it has no literal source");
        else if (!isLocalSource(source))
            why = QStringLiteral("a module from a registry, git or an archive is not downloaded");
        else if (!m_context.loader || !*m_context.loader)
            why = QStringLiteral("local modules are not followed here");
        else if (m_context.depth + 1 > maxModuleDepth)
            why = QStringLiteral("modules nest deeper than %1 (a module that calls itself?)").arg(maxModuleDepth);
        ModuleFiles files;
        if (why.isEmpty()) {
            files = (*m_context.loader)(m_context.folder, source);
            if (!files.error.isEmpty())
                why = files.error;
            else if (files.tfFiles.isEmpty())
                why = QStringLiteral("its folder holds no .tf files");
            else if (files.folder == m_context.folder || m_context.callers.contains(files.folder))
                why = QStringLiteral("it calls itself (%1 is already being read)")
                          .arg(files.folder.isEmpty() ? QStringLiteral("the stack's folder") : files.folder);
        }
        if (!why.isEmpty()) {
            noteModuleCall(address, source, false, why, at);
            finish(Value::unknown(QStringLiteral("%1 is not read: %2").arg(address, why), at));
            return;
        }

        // Instances, as for a resource: none, a count, or a for_each.
        QList<QPair<Value, QHash<QString, Value>>> instances; // key, iterator scope
        const HclAttribute *count = body.attribute(QStringLiteral("count"));
        const HclAttribute *forEach = body.attribute(QStringLiteral("for_each"));
        bool listReference = false;
        const auto scopes = m_eval.takeScopes();
        if (count) {
            const Value c = m_eval.evaluate(count->expression);
            const std::optional<double> n = HclValues::toNumber(c);
            if (c.isUnknown() || !n || *n < 0 || *n != std::floor(*n) || *n > maxInstances) {
                m_eval.restoreScopes(scopes);
                noteModuleCall(address, source, false, QStringLiteral("its count is not known statically"), at);
                finish(Value::unknown(QStringLiteral("count of %1 is not known statically").arg(address), at));
                return;
            }
            listReference = true;
            for (int i = 0; i < int(*n); ++i) {
                const Value key = HclValues::number(i, count->expression->location);
                instances.append(
                    { key, { { QStringLiteral("count"), Value::map({ { QStringLiteral("index"), key } }, at) } } });
            }
        } else if (forEach) {
            const Value fe = m_eval.evaluate(forEach->expression);
            bool ok = fe.type() == Value::Type::Map || fe.type() == Value::Type::List;
            QList<Value::Entry> items;
            if (fe.type() == Value::Type::Map)
                items = fe.entries();
            for (const Value &i : fe.type() == Value::Type::List ? fe.items() : QList<Value>()) {
                ok = ok && i.type() == Value::Type::String;
                items.append({ i.text(), i });
            }
            if (!ok || HclValues::findUnknown(fe) || items.size() > maxInstances) {
                m_eval.restoreScopes(scopes);
                noteModuleCall(address, source, false, QStringLiteral("its for_each is not known statically"), at);
                finish(Value::unknown(QStringLiteral("for_each of %1 is not known statically").arg(address), at));
                return;
            }
            for (const Value::Entry &e : items) {
                const Value key = Value::string(e.first, forEach->expression->location);
                instances.append({ key,
                    { { QStringLiteral("each"),
                        Value::map(
                            { { QStringLiteral("key"), key }, { QStringLiteral("value"), e.second } }, at) } } });
            }
        } else {
            instances.append({ Value(), {} });
        }

        if (*m_context.instancesLeft < instances.size()) {
            m_eval.restoreScopes(scopes);
            const QString reason
                = QStringLiteral("the stack calls more than %1 module instances").arg(maxModuleInstances);
            noteModuleCall(address, source, false, reason, at);
            finish(Value::unknown(QStringLiteral("%1 is not read: %2").arg(address, reason), at));
            return;
        }
        *m_context.instancesLeft -= int(instances.size());
        std::vector<std::shared_ptr<Module>> children;
        std::vector<std::shared_ptr<TerraformConfig>> configs;
        QList<Value> listOutputs;
        QList<Value::Entry> mapOutputs;
        Value single;
        for (const auto &[key, scope] : std::as_const(instances)) {
            QHash<QString, Value> arguments;
            if (!scope.isEmpty())
                m_eval.pushScope(scope);
            for (const HclAttribute &a : body.attributes) {
                if (!isModuleMetaArgument(a.name))
                    arguments.insert(a.name, m_eval.evaluate(a.expression));
            }
            if (!scope.isEmpty())
                m_eval.popScope();
            ModuleContext context;
            context.prefix = TerraformAddress::instance(address, key);
            context.folder = files.folder;
            context.pathModule = files.folder.isEmpty() ? QStringLiteral(".") : files.folder;
            context.loader = m_context.loader;
            context.depth = m_context.depth + 1;
            context.arguments = std::move(arguments);
            context.calledAt = at;
            context.callers = m_context.callers + QStringList { m_context.folder };
            context.instancesLeft = m_context.instancesLeft;
            auto config = std::make_shared<TerraformConfig>();
            config->directory = files.folder;
            auto child = std::make_shared<Module>(*config, std::move(context));
            for (const SourceFile &f : std::as_const(files.tfFiles))
                child->addFile(HclParser::parseDeferring(f.text, f.path, deferredBlocks()));
            noteModuleCall(TerraformAddress::instance(address, key), source, true, QString(), at, files.folder);
            const Value outputs = child->outputsObject(at);
            if (key.isNull())
                single = outputs;
            else if (listReference)
                listOutputs.append(outputs);
            else
                mapOutputs.append({ key.text(), outputs });
            children.push_back(std::move(child));
            configs.push_back(std::move(config));
        }
        m_eval.restoreScopes(scopes);
        const Value reference = count ? Value::list(listOutputs, at) : forEach ? Value::map(mapOutputs, at) : single;
        finish(reference, std::move(children), std::move(configs));
    }

    TerraformConfig &m_config;
    ModuleContext m_context;
    bool m_variablesReady = false;
    HclEvaluator m_eval;
    QList<HclFile> m_files;
    QHash<QString, qsizetype> m_variableIndex;
    QSet<QString> m_hasDefault;
    QHash<QString, Value> m_tfvars;
    QHash<QString, LocalEntry> m_locals;
    QStringList m_localOrder;
    QHash<QString, ResourceEntry> m_resources;
    QStringList m_resourceOrder;
    QList<const HclBody *> m_providerBodies;
    QHash<QString, OutputEntry> m_outputs;
    QStringList m_outputOrder;
    QHash<QString, ModuleEntry> m_modules;
    QStringList m_moduleOrder;
};

} // namespace

TerraformConfig readFiles(const QList<SourceFile> &tfFiles, const QList<SourceFile> &tfvars, const QString &directory,
    const ModuleLoader &loader, const QString &loaderFolder)
{
    TerraformConfig config;
    config.directory = directory;
    ModuleContext root;
    root.loader = &loader;
    root.folder = loaderFolder;
    root.instancesLeft = std::make_shared<int>(maxModuleInstances);
    Module module(config, std::move(root));
    for (const SourceFile &f : tfFiles) {
        config.files.append(f.path);
        module.addFile(HclParser::parseDeferring(f.text, f.path, deferredBlocks()));
    }
    for (const SourceFile &f : tfvars) {
        config.files.append(f.path);
        module.applyTfvars(HclParser::parse(f.text, f.path));
    }
    module.evaluate();
    return config;
}

TerraformConfig readDirectory(const QString &directory)
{
    const QDir dir(directory);
    QList<SourceFile> tf;
    QList<SourceFile> vars;
    QList<Diagnostic> problems;
    auto load = [&](const QString &name, QList<SourceFile> &into) {
        const QString path = dir.filePath(name);
        const FileContents f = readRegularFile(path, evidenceReadLimit());
        if (!f.ok()) {
            problems.append(Diagnostic::error(path, 0, 0, QStringLiteral("cannot read: %1").arg(f.error)));
            return;
        }
        into.append(SourceFile { path, f.bytes });
    };
    if (!dir.exists()) {
        TerraformConfig config;
        config.directory = directory;
        config.diagnostics.append(Diagnostic::error(directory, 0, 0, QStringLiteral("no such folder")));
        return config;
    }
    const QDir::Filters files = QDir::Files | QDir::Readable;
    for (const QString &name : dir.entryList({ QStringLiteral("*.tf") }, files, QDir::Name))
        load(name, tf);
    if (dir.exists(QStringLiteral("terraform.tfvars")))
        load(QStringLiteral("terraform.tfvars"), vars);
    for (const QString &name : dir.entryList({ QStringLiteral("*.auto.tfvars") }, files, QDir::Name))
        load(name, vars);
    TerraformConfig config = readFiles(tf, vars, directory);
    for (const QString &name :
        dir.entryList({ QStringLiteral("*.tf.json"), QStringLiteral("*.tfvars.json") }, files, QDir::Name)) {
        Diagnostic d
            = Diagnostic::warning(dir.filePath(name), 0, 0, QStringLiteral("JSON-syntax Terraform files are not read"));
        d.severity = Diagnostic::Severity::Note;
        config.diagnostics.append(d);
    }
    config.diagnostics = problems + config.diagnostics;
    return config;
}

} // namespace strata::TerraformReader
