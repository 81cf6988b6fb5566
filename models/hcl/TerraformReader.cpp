#include "TerraformReader.h"

#include "core/RegularFile.h"

#include "hcl/HclEvaluator.h"
#include "hcl/HclParser.h"
#include "hcl/HclValues.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>

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

struct ResourceEntry
{
    const HclBlock *block = nullptr;
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

class Module
{
public:
    explicit Module(TerraformConfig &config)
        : m_config(config)
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
            collect(b);
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

    void evaluate()
    {
        for (TerraformVariable &v : m_config.variables) {
            if (v.sensitive) {
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
        m_config.diagnostics.append(m_eval.diagnostics());
    }

private:
    void collect(const HclBlock &b)
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
            r.resource.mode = type == QLatin1String("data") ? QStringLiteral("data") : QStringLiteral("managed");
            r.resource.type = b.labels.at(0);
            r.resource.name = b.labels.at(1);
            r.resource.location = b.location;
            const QString address = r.resource.address();
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
            m_config.diagnostics.append(note(b.location,
                QStringLiteral("module \"%1\" is not followed: its resources are not read").arg(b.labels.value(0))));
        }
        // output, moved, import, check, removed: nothing the comparison needs.
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
        if (root == QLatin1String("module"))
            return R { Value::unknown(
                           QStringLiteral("module outputs are not followed: module.%1").arg(names.value(0)), at),
                std::min<int>(2, int(names.size())), false };
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
        const HclBody &body = *r.block->body;
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

    TerraformConfig &m_config;
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
};

} // namespace

TerraformConfig readFiles(const QList<SourceFile> &tfFiles, const QList<SourceFile> &tfvars, const QString &directory)
{
    TerraformConfig config;
    config.directory = directory;
    Module module(config);
    for (const SourceFile &f : tfFiles) {
        config.files.append(f.path);
        module.addFile(HclParser::parse(f.text, f.path));
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
