#include "TerraformKubernetesMapping.h"

#include "core/FieldPath.h"

#include "terraform/TerraformAddress.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <optional>
#include <utility>

namespace strata {

namespace {

enum class Family { ConfigMap, ConfigMapData, Secret, SecretData, Namespace, Manifest };

std::optional<Family> familyOf(const QString &type)
{
    static const QHash<QString, Family> families = {
        { QStringLiteral("kubernetes_config_map"), Family::ConfigMap },
        { QStringLiteral("kubernetes_config_map_v1"), Family::ConfigMap },
        { QStringLiteral("kubernetes_config_map_v1_data"), Family::ConfigMapData },
        { QStringLiteral("kubernetes_secret"), Family::Secret },
        { QStringLiteral("kubernetes_secret_v1"), Family::Secret },
        { QStringLiteral("kubernetes_secret_v1_data"), Family::SecretData },
        { QStringLiteral("kubernetes_namespace"), Family::Namespace },
        { QStringLiteral("kubernetes_namespace_v1"), Family::Namespace },
        { QStringLiteral("kubernetes_manifest"), Family::Manifest },
    };
    const auto it = families.constFind(type);
    if (it == families.constEnd())
        return std::nullopt;
    return *it;
}

bool isSecretFamily(Family f)
{
    return f == Family::Secret || f == Family::SecretData;
}

// Kinds kubernetes_manifest may create without a namespace; everything else
// gets the provider's "default" when the manifest names none.
bool isClusterScopedKind(const QString &kind)
{
    static const QStringList kinds = {
        QStringLiteral("namespace"),
        QStringLiteral("node"),
        QStringLiteral("persistentvolume"),
        QStringLiteral("clusterrole"),
        QStringLiteral("clusterrolebinding"),
        QStringLiteral("customresourcedefinition"),
        QStringLiteral("storageclass"),
        QStringLiteral("priorityclass"),
        QStringLiteral("ingressclass"),
        QStringLiteral("runtimeclass"),
        QStringLiteral("csidriver"),
        QStringLiteral("csinode"),
        QStringLiteral("volumeattachment"),
        QStringLiteral("apiservice"),
        QStringLiteral("mutatingwebhookconfiguration"),
        QStringLiteral("validatingwebhookconfiguration"),
        QStringLiteral("validatingadmissionpolicy"),
        QStringLiteral("validatingadmissionpolicybinding"),
        QStringLiteral("podsecuritypolicy"),
        QStringLiteral("certificatesigningrequest"),
        QStringLiteral("flowschema"),
        QStringLiteral("prioritylevelconfiguration"),
    };
    return kinds.contains(kind);
}

// Provider-schema attribute names are snake_case; the API's are camelCase.
QString camelCase(const QString &name)
{
    QString out;
    out.reserve(name.size());
    bool upper = false;
    for (const QChar c : name) {
        if (c == QLatin1Char('_') && !out.isEmpty()) {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    return out;
}

// A map(string) attribute's element as Terraform would convert it: HCL
// numbers and bools become their text. Unknowns and odd types stay as they are.
Value asString(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Number:
        return Value::string(v.text(), v.location());
    case Value::Type::Bool:
        return Value::string(v.toBool() ? QStringLiteral("true") : QStringLiteral("false"), v.location());
    default:
        return v;
    }
}

// A map(string) attribute in kubectl shape: null when Kubernetes would omit
// it (absent, null or empty), else the map with its values as strings.
Value stringMap(const Value *v)
{
    if (!v)
        return {};
    switch (v->type()) {
    case Value::Type::Null:
        return {};
    case Value::Type::Map: {
        if (v->entries().isEmpty())
            return {};
        bool allStrings = true;
        for (const Value::Entry &e : v->entries()) {
            if (e.second.type() == Value::Type::Number || e.second.type() == Value::Type::Bool) {
                allStrings = false;
                break;
            }
        }
        if (allStrings)
            return *v; // shares the tree: no copy for the common case
        QList<Value::Entry> entries;
        entries.reserve(v->entries().size());
        for (const Value::Entry &e : v->entries())
            entries.append({ e.first, asString(e.second) });
        return Value::map(std::move(entries), v->location());
    }
    default:
        return *v;
    }
}

// kubernetes_manifest's attributes have a dynamic type, which state writes as
// {"value": …, "type": …}; code has the value itself.
Value unwrapDynamic(const Value *v)
{
    if (!v)
        return {};
    if (v->type() == Value::Type::Map && v->entries().size() == 2) {
        const Value *value = v->find(QStringLiteral("value"));
        if (value && v->find(QStringLiteral("type")))
            return *value;
    }
    return *v;
}

// kubernetes_manifest's `object` lists every attribute of the type, unset
// ones as null; Kubernetes omits them.
Value withoutNulls(const Value &v, int depth)
{
    constexpr int maxDepth = 64;
    if (depth > maxDepth)
        return v;
    if (v.type() == Value::Type::Map) {
        QList<Value::Entry> entries;
        entries.reserve(v.entries().size());
        for (const Value::Entry &e : v.entries()) {
            if (!e.second.isNull())
                entries.append({ e.first, withoutNulls(e.second, depth + 1) });
        }
        return Value::map(std::move(entries), v.location());
    }
    if (v.type() == Value::Type::List) {
        QList<Value> items;
        items.reserve(v.items().size());
        for (const Value &item : v.items())
            items.append(withoutNulls(item, depth + 1));
        return Value::list(std::move(items), v.location());
    }
    return v;
}

// Secret binary_data holds base64; the API merges it into `data`. Decoded so
// that `data` holds plain text throughout (the diff fingerprints it); bytes
// that are not UTF-8 text cannot be compared as text and become unknown.
Value decodeBinary(const Value &v)
{
    if (v.type() != Value::Type::String)
        return v;
    const auto decoded = QByteArray::fromBase64Encoding(v.text().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Value::unknown(QStringLiteral("binary_data value is not valid base64"), v.location());
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(*decoded);
    if (utf8.hasError())
        return Value::unknown(QStringLiteral("binary_data value is not UTF-8 text"), v.location());
    return Value::string(text, v.location());
}

// "kubernetes_namespace.platform.metadata[0].name" in an unknown's reason.
const QRegularExpression &namespaceReference()
{
    static const QRegularExpression re(QStringLiteral(
        R"((kubernetes_namespace(?:_v1)?\.[A-Za-z_][A-Za-z0-9_-]*)\.(?:metadata(?:\[0\]|\.0)\.name|id)(?![A-Za-z0-9_-]))"));
    return re;
}

class Mapper
{
public:
    explicit Mapper(bool fromState)
        : m_fromState(fromState)
    {
    }

    struct Input
    {
        Family family;
        QString type;
        QString module;
        QString address;
        SourceLocation location;
        const Value *attributes;
        const QList<TerraformAttributePath> *sensitive; // state only
    };

    // "module|kubernetes_namespace.platform" → its name, so that code saying
    // `namespace = kubernetes_namespace.platform.metadata[0].name` still maps.
    QHash<QString, Value> namespaceNames;

    void map(const Input &in);

    void skip(const QString &address) { result.unmappedAddresses.append(address); }
    void skipWithWarning(const QString &address, const SourceLocation &at, const QString &message)
    {
        result.unmappedAddresses.append(address);
        result.diagnostics.append(Diagnostic::warning(at.file, at.line, at.column, message));
    }

    KubernetesMappingResult result;

private:
    bool mapProviderSchema(const Input &in, ManagedKubernetesObject &out);
    bool mapManifest(const Input &in, ManagedKubernetesObject &out);
    // The object's name, or nullopt after a warning.
    std::optional<Value> nameOf(const Input &in, const Value &meta);
    std::optional<Value> namespaceOf(const Input &in, const Value &meta, const SourceLocation &defaultAt);
    QStringList sensitivePaths(const Input &in) const;

    bool m_fromState;
};

std::optional<Value> Mapper::nameOf(const Input &in, const Value &meta)
{
    const Value *name = meta.find(QStringLiteral("name"));
    if (name && name->isUnknown()) {
        skipWithWarning(in.address, name->location(),
            QStringLiteral("%1 not compared: its name is not known statically (%2)").arg(in.address, name->text()));
        return std::nullopt;
    }
    const Value n = name ? asString(*name) : Value();
    if (n.type() == Value::Type::String && !n.text().isEmpty())
        return n;
    const Value *generated = meta.find(QStringLiteral("generate_name"));
    const bool isGenerated = generated && !generated->isNull() && !generated->text().isEmpty();
    skipWithWarning(in.address, name ? name->location() : meta.location(),
        isGenerated ? QStringLiteral("%1 not compared: its name is generated by the API server "
                                     "(generate_name)")
                          .arg(in.address)
                    : QStringLiteral("%1 not compared: it has no metadata name").arg(in.address));
    return std::nullopt;
}

std::optional<Value> Mapper::namespaceOf(const Input &in, const Value &meta, const SourceLocation &defaultAt)
{
    const Value *ns = meta.find(QStringLiteral("namespace"));
    if (!ns || ns->isNull() || (ns->type() == Value::Type::String && ns->text().isEmpty()))
        return Value::string(QStringLiteral("default"), defaultAt); // the provider's default
    if (ns->isUnknown()) {
        const QRegularExpressionMatch m = namespaceReference().match(ns->text());
        if (m.hasMatch()) {
            const auto it = namespaceNames.constFind(in.module + QLatin1Char('|') + m.captured(1));
            if (it != namespaceNames.constEnd())
                return Value::string(it->text(), ns->location());
        }
        skipWithWarning(in.address, ns->location(),
            QStringLiteral("%1 not compared: its namespace is not known statically (%2)").arg(in.address, ns->text()));
        return std::nullopt;
    }
    const Value n = asString(*ns);
    if (n.type() != Value::Type::String) {
        skipWithWarning(in.address, ns->location(),
            QStringLiteral("%1 not compared: its namespace is not a string").arg(in.address));
        return std::nullopt;
    }
    return n;
}

QStringList Mapper::sensitivePaths(const Input &in) const
{
    QStringList out;
    if (in.sensitive) {
        for (const TerraformAttributePath &path : *in.sensitive) {
            QString p;
            qsizetype first = 0;
            if (in.family == Family::Manifest) {
                // [manifest|object].<kubectl path>
                if (path.first().kind != TerraformPathStep::Kind::Attribute)
                    continue;
                const QString root = path.first().key.text();
                if (root != QLatin1String("manifest") && root != QLatin1String("object"))
                    continue;
                first = 1;
            }
            for (qsizetype i = first; i < path.size(); ++i) {
                const TerraformPathStep &step = path.at(i);
                if (step.kind == TerraformPathStep::Kind::Attribute) {
                    QString name = step.key.text();
                    if (in.family != Family::Manifest) {
                        if (i == 0 && isSecretFamily(in.family) && name == QLatin1String("binary_data"))
                            name = QStringLiteral("data"); // merged into data, as the API does
                        else
                            name = camelCase(name);
                    }
                    p = FieldPath::appendKey(p, name);
                } else if (step.key.type() == Value::Type::Number) {
                    // metadata[0] is the one metadata block: kubectl has no index there.
                    if (in.family != Family::Manifest && i == 1 && path.first().key.text() == QLatin1String("metadata"))
                        continue;
                    p += QLatin1Char('[') + step.key.text() + QLatin1Char(']');
                } else {
                    p = FieldPath::appendKey(p, step.key.text());
                }
            }
            if (!p.isEmpty() && !out.contains(p))
                out.append(p);
        }
    }
    // The provider marks Secret data sensitive even where state does not say so (code).
    const bool secret = isSecretFamily(in.family);
    if (secret && !out.contains(QStringLiteral("data")))
        out.prepend(QStringLiteral("data"));
    return out;
}

bool Mapper::mapProviderSchema(const Input &in, ManagedKubernetesObject &out)
{
    const Value &attrs = *in.attributes;
    const Value *metadata = attrs.find(QStringLiteral("metadata"));
    const Value *meta = nullptr;
    if (metadata && metadata->type() == Value::Type::List && !metadata->items().isEmpty())
        meta = &metadata->items().first(); // a block with MaxItems 1
    else if (metadata && metadata->type() == Value::Type::Map)
        meta = metadata;
    if (!meta || meta->type() != Value::Type::Map) {
        const bool unknown = metadata && (metadata->isUnknown() || (meta && meta->isUnknown()));
        skipWithWarning(in.address, metadata ? metadata->location() : in.location,
            unknown ? QStringLiteral("%1 not compared: its metadata is not known statically").arg(in.address)
                    : QStringLiteral("%1 not compared: it has no metadata block").arg(in.address));
        return false;
    }

    const bool namespaced = in.family != Family::Namespace;
    const std::optional<Value> name = nameOf(in, *meta);
    if (!name)
        return false;
    std::optional<Value> ns;
    if (namespaced) {
        ns = namespaceOf(in, *meta, meta->location());
        if (!ns)
            return false;
    }

    QString kind;
    switch (in.family) {
    case Family::ConfigMap:
    case Family::ConfigMapData:
        kind = QStringLiteral("ConfigMap");
        break;
    case Family::Secret:
    case Family::SecretData:
        kind = QStringLiteral("Secret");
        break;
    case Family::Namespace:
        kind = QStringLiteral("Namespace");
        break;
    case Family::Manifest:
        return false;
    }
    out.id = ResourceId { ResourceId::normaliseKind(kind), ns ? ns->text() : QString(), name->text() };
    out.partial = in.family == Family::ConfigMapData || in.family == Family::SecretData;

    QList<Value::Entry> metaEntries { { QStringLiteral("name"), *name } };
    if (ns)
        metaEntries.append({ QStringLiteral("namespace"), *ns });
    if (!out.partial) {
        for (const QString &key : { QStringLiteral("labels"), QStringLiteral("annotations") }) {
            const Value m = stringMap(meta->find(key));
            if (!m.isNull())
                metaEntries.append({ key, m });
        }
    }
    if (m_fromState) {
        const Value *rv = meta->find(QStringLiteral("resource_version"));
        const Value *uid = meta->find(QStringLiteral("uid"));
        if (rv && rv->type() != Value::Type::Null)
            out.stateResourceVersion = rv->text();
        if (uid && uid->type() == Value::Type::String)
            out.stateUid = uid->text();
    }

    const SourceLocation at = attrs.location();
    QList<Value::Entry> entries {
        { QStringLiteral("apiVersion"), Value::string(QStringLiteral("v1"), at) },
        { QStringLiteral("kind"), Value::string(kind, at) },
        { QStringLiteral("metadata"), Value::map(std::move(metaEntries), meta->location()) },
    };
    if (in.family == Family::Namespace) {
        out.object = Value::map(std::move(entries), at);
        return true;
    }

    // The provider sets immutable only when true, so the API omits a false one.
    const Value *immutable = attrs.find(QStringLiteral("immutable"));
    if (!out.partial && immutable
        && ((immutable->type() == Value::Type::Bool && immutable->toBool()) || immutable->isUnknown()))
        entries.append({ QStringLiteral("immutable"), *immutable });

    Value data = stringMap(attrs.find(QStringLiteral("data")));
    const Value binary = stringMap(attrs.find(QStringLiteral("binary_data")));
    if (isSecretFamily(in.family)) {
        if (binary.type() == Value::Type::Map && (data.isNull() || data.type() == Value::Type::Map)) {
            QList<Value::Entry> merged = data.isNull() ? QList<Value::Entry>() : data.entries();
            QSet<QString> keys;
            for (const Value::Entry &d : merged)
                keys.insert(d.first);
            for (const Value::Entry &e : binary.entries()) {
                if (!keys.contains(e.first))
                    merged.append({ e.first, decodeBinary(e.second) });
            }
            data = Value::map(merged, data.isNull() ? binary.location() : data.location());
        } else if (!binary.isNull()) {
            // Not known statically: shown as unknown, never as the encoded text.
            entries.append({ QStringLiteral("binaryData"),
                Value::unknown(QStringLiteral("binary_data is not known statically"), binary.location()) });
        }
        if (!data.isNull())
            entries.append({ QStringLiteral("data"), data });
        if (!out.partial) {
            const Value *type = attrs.find(QStringLiteral("type"));
            if (type && (type->isUnknown() || (type->type() == Value::Type::String && !type->text().isEmpty())))
                entries.append({ QStringLiteral("type"), *type });
            else
                entries.append({ QStringLiteral("type"), Value::string(QStringLiteral("Opaque"), at) });
        }
        out.secretDataEncoding = ManagedKubernetesObject::SecretDataEncoding::Plain;
    } else {
        if (!data.isNull())
            entries.append({ QStringLiteral("data"), data });
        if (!binary.isNull())
            entries.append({ QStringLiteral("binaryData"), binary });
    }
    out.object = Value::map(std::move(entries), at);
    return true;
}

bool Mapper::mapManifest(const Input &in, ManagedKubernetesObject &out)
{
    const Value &attrs = *in.attributes;
    const Value manifest = unwrapDynamic(attrs.find(QStringLiteral("manifest")));
    const Value object = unwrapDynamic(attrs.find(QStringLiteral("object")));
    Value source;
    if (manifest.type() == Value::Type::Map)
        source = manifest;
    else if (object.type() == Value::Type::Map)
        source = withoutNulls(object, 0);
    if (source.type() != Value::Type::Map) {
        const bool unknown = manifest.isUnknown() || object.isUnknown();
        skipWithWarning(in.address, manifest.isNull() ? in.location : manifest.location(),
            unknown ? QStringLiteral("%1 not compared: its manifest is not known statically").arg(in.address)
                    : QStringLiteral("%1 not compared: it has no manifest object").arg(in.address));
        return false;
    }
    const Value *kind = source.find(QStringLiteral("kind"));
    if (!kind || kind->type() != Value::Type::String || kind->text().isEmpty()) {
        skipWithWarning(in.address, kind ? kind->location() : source.location(),
            kind && kind->isUnknown()
                ? QStringLiteral("%1 not compared: its kind is not known statically").arg(in.address)
                : QStringLiteral("%1 not compared: its manifest has no kind").arg(in.address));
        return false;
    }
    const Value *metadata = source.find(QStringLiteral("metadata"));
    if (!metadata || metadata->type() != Value::Type::Map) {
        skipWithWarning(in.address, metadata ? metadata->location() : source.location(),
            metadata && metadata->isUnknown()
                ? QStringLiteral("%1 not compared: its metadata is not known statically").arg(in.address)
                : QStringLiteral("%1 not compared: its manifest has no metadata").arg(in.address));
        return false;
    }
    const std::optional<Value> name = nameOf(in, *metadata);
    if (!name)
        return false;
    const QString normalisedKind = ResourceId::normaliseKind(kind->text());
    std::optional<Value> ns;
    if (!isClusterScopedKind(normalisedKind)) {
        ns = namespaceOf(in, *metadata, metadata->location());
        if (!ns)
            return false;
    }
    out.id = ResourceId { normalisedKind, ns ? ns->text() : QString(), name->text() };

    const Value *givenNs = metadata->find(QStringLiteral("namespace"));
    if (ns && (!givenNs || !givenNs->sameAs(*ns))) {
        // The namespace was defaulted or resolved: the object says so too.
        QList<Value::Entry> metaEntries;
        metaEntries.reserve(metadata->entries().size() + 1);
        bool replaced = false;
        for (const Value::Entry &e : metadata->entries()) {
            if (e.first == QLatin1String("namespace")) {
                metaEntries.append({ e.first, *ns });
                replaced = true;
            } else {
                metaEntries.append(e);
            }
        }
        if (!replaced)
            metaEntries.append({ QStringLiteral("namespace"), *ns });
        QList<Value::Entry> entries = source.entries();
        for (Value::Entry &e : entries) {
            if (e.first == QLatin1String("metadata"))
                e.second = Value::map(metaEntries, metadata->location());
        }
        source = Value::map(entries, source.location());
    }
    out.object = source;

    if (m_fromState && object.type() == Value::Type::Map) {
        const Value *rv = object.find({ QStringLiteral("metadata"), QStringLiteral("resourceVersion") });
        const Value *uid = object.find({ QStringLiteral("metadata"), QStringLiteral("uid") });
        if (rv && !rv->isNull())
            out.stateResourceVersion = rv->text();
        if (uid && uid->type() == Value::Type::String)
            out.stateUid = uid->text();
    }
    // A manifest is what the API holds: Secret data is base64 there, as in kubectl.
    out.secretDataEncoding = ManagedKubernetesObject::SecretDataEncoding::Base64;
    return true;
}

void Mapper::map(const Input &in)
{
    if (!in.attributes || in.attributes->type() != Value::Type::Map) {
        const bool unknown = in.attributes && in.attributes->isUnknown();
        skipWithWarning(in.address, in.attributes ? in.attributes->location() : in.location,
            unknown ? QStringLiteral("%1 not compared: its body is not known statically").arg(in.address)
                    : QStringLiteral("%1 not compared: it has no attributes").arg(in.address));
        return;
    }
    ManagedKubernetesObject out;
    out.address = in.address;
    out.terraformType = in.type;
    out.location = in.location;
    const bool ok = in.family == Family::Manifest ? mapManifest(in, out) : mapProviderSchema(in, out);
    if (!ok)
        return;
    out.sensitivePaths = sensitivePaths(in);
    if (in.family == Family::Manifest && out.id.kind == QLatin1String("secret")) {
        for (const QString &p : { QStringLiteral("data"), QStringLiteral("stringData") }) {
            if (!out.sensitivePaths.contains(p))
                out.sensitivePaths.append(p);
        }
    }
    result.objects.append(std::move(out));
}

} // namespace

void mapStateResource(const TerraformStateResource &r, KubernetesMappingResult &into)
{
    Mapper mapper(true);
    const QString address = r.address();
    const std::optional<Family> family = familyOf(r.type);
    if (r.mode != QLatin1String("managed") || !family) {
        if (r.instances.isEmpty())
            mapper.skip(address);
        for (const TerraformStateInstance &i : r.instances)
            mapper.skip(TerraformAddress::instance(address, i.indexKey));
    } else {
        for (const TerraformStateInstance &i : r.instances) {
            const QString instanceAddress = TerraformAddress::instance(address, i.indexKey);
            if (!i.deposed.isEmpty()) {
                // An object replaced under create_before_destroy, waiting to be destroyed.
                mapper.skip(instanceAddress + QStringLiteral(" (deposed ") + i.deposed + QLatin1Char(')'));
                continue;
            }
            if (i.attributes.isNull()) {
                mapper.skipWithWarning(instanceAddress, i.location,
                    QStringLiteral("%1 not compared: it has only legacy attributes_flat").arg(instanceAddress));
                continue;
            }
            mapper.map(
                { *family, r.type, r.module, instanceAddress, r.location, &i.attributes, &i.sensitiveAttributes });
        }
    }
    into.objects += std::move(mapper.result.objects);
    into.unmappedAddresses += std::move(mapper.result.unmappedAddresses);
    into.diagnostics += std::move(mapper.result.diagnostics);
}

KubernetesMappingResult mapStateToKubernetes(const TerraformState &state)
{
    KubernetesMappingResult result;
    for (const TerraformStateResource &r : state.resources)
        mapStateResource(r, result);
    return result;
}

KubernetesMappingResult mapConfigToKubernetes(const TerraformConfig &config)
{
    Mapper mapper(false);
    for (const TerraformResource &r : config.resources) {
        if (r.mode == QLatin1String("data") || familyOf(r.type) != Family::Namespace || r.instances.size() != 1)
            continue;
        const Value &body = r.instances.first().body;
        const Value *metadata = body.find(QStringLiteral("metadata"));
        const Value *meta = metadata && metadata->type() == Value::Type::List && !metadata->items().isEmpty()
            ? &metadata->items().first()
            : metadata;
        const Value *name = meta ? meta->find(QStringLiteral("name")) : nullptr;
        if (name && name->type() == Value::Type::String && !name->text().isEmpty())
            mapper.namespaceNames.insert(r.module + QLatin1Char('|') + r.type + QLatin1Char('.') + r.name, *name);
    }
    for (const TerraformResource &r : config.resources) {
        const QString address = TerraformAddress::resource(r.module, r.mode, r.type, r.name);
        const std::optional<Family> family = familyOf(r.type);
        if (r.mode == QLatin1String("data") || !family) {
            if (r.instances.isEmpty())
                mapper.skip(address);
            for (const TerraformInstance &i : r.instances)
                mapper.skip(TerraformAddress::instance(address, i.indexKey));
            continue;
        }
        for (const TerraformInstance &i : r.instances) {
            mapper.map({ *family, r.type, r.module, TerraformAddress::instance(address, i.indexKey), r.location,
                &i.body, nullptr });
        }
    }
    return std::move(mapper.result);
}

} // namespace strata
