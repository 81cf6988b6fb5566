#include "TerraformStateReader.h"

#include "core/RegularFile.h"

#include "formats/JsonReader.h"
#include "terraform/TerraformAddress.h"

#include <QFile>

#include <cmath>
#include <limits>
#include <utility>

namespace strata::TerraformStateReader {

namespace {

QString typeName(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Bool:
        return QStringLiteral("a boolean");
    case Value::Type::Number:
        return QStringLiteral("a number");
    case Value::Type::String:
        return QStringLiteral("a string");
    case Value::Type::List:
        return QStringLiteral("a list");
    case Value::Type::Map:
        return QStringLiteral("an object");
    case Value::Type::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

// The sink sees the resource with its attribute values; the state keeps it without.
void give(const ResourceSink &sink, TerraformStateResource &resource)
{
    sink.resource(resource);
    resource.releaseValues();
}

// Collects diagnostics positioned at the values they are about.
class Reader
{
public:
    explicit Reader(const QString &file)
        : m_file(file)
    {
    }

    void error(const SourceLocation &at, const QString &message)
    {
        diagnostics.append(Diagnostic::error(m_file, at.line, at.column, message));
    }
    void warning(const SourceLocation &at, const QString &message)
    {
        diagnostics.append(Diagnostic::warning(m_file, at.line, at.column, message));
    }

    // A string field; null counts as absent. Reports other types.
    bool readString(const Value &v, const QString &what, QString *out)
    {
        if (v.type() == Value::Type::String) {
            *out = v.text();
            return true;
        }
        if (!v.isNull())
            error(v.location(), QStringLiteral("%1 must be a string, not %2").arg(what, typeName(v)));
        return false;
    }

    bool readBool(const Value &v, const QString &what, bool *out)
    {
        if (v.type() == Value::Type::Bool) {
            *out = v.toBool();
            return true;
        }
        if (!v.isNull())
            error(v.location(), QStringLiteral("%1 must be true or false, not %2").arg(what, typeName(v)));
        return false;
    }

    // A whole non-negative number that fits `max`; exact for 64-bit values,
    // which is why it works on the text rather than the double.
    bool readUnsigned(const Value &v, const QString &what, quint64 max, quint64 *out)
    {
        if (v.type() == Value::Type::Number) {
            bool ok = false;
            const quint64 n = v.text().toULongLong(&ok);
            if (ok && n <= max) {
                *out = n;
                return true;
            }
            const double d = v.toNumber();
            if (!ok && d >= 0 && d == std::floor(d) && d <= 9007199254740992.0 && quint64(d) <= max) {
                *out = quint64(d); // "1.0", "1e2"
                return true;
            }
            error(v.location(),
                QStringLiteral("%1 must be a whole number from 0 to %2, not %3").arg(what).arg(max).arg(v.text()));
            return false;
        }
        if (!v.isNull())
            error(v.location(), QStringLiteral("%1 must be a number, not %2").arg(what, typeName(v)));
        return false;
    }

    void readState(const Value &root, TerraformState &state);
    void readResource(const Value &v, TerraformState &state);

    QList<Diagnostic> diagnostics;
    // Set while "resources" is read as the JSON is parsed: each resource goes
    // here, its diagnostics are kept apart and put where "resources" is.
    const ResourceSink *sink = nullptr;
    std::optional<QList<Diagnostic>> streamedDiagnostics;

private:
    void readOutputs(const Value &v, TerraformState &state);
    void readInstance(
        const Value &v, const TerraformStateResource &resource, TerraformStateInstance &instance, bool *ok);
    void readSensitiveAttributes(const Value &v, TerraformStateInstance &instance);
    QStringList readStringList(const Value &v, const QString &what);

    QString m_file;
};

QStringList Reader::readStringList(const Value &v, const QString &what)
{
    QStringList out;
    if (v.isNull())
        return out;
    if (v.type() != Value::Type::List) {
        error(v.location(), QStringLiteral("%1 must be a list of strings, not %2").arg(what, typeName(v)));
        return out;
    }
    out.reserve(v.items().size());
    for (const Value &item : v.items()) {
        if (item.type() == Value::Type::String)
            out.append(item.text());
        else
            error(item.location(), QStringLiteral("%1 must hold strings, not %2").arg(what, typeName(item)));
    }
    return out;
}

void Reader::readState(const Value &root, TerraformState &state)
{
    for (const Value::Entry &e : root.entries()) {
        const QString &key = e.first;
        const Value &v = e.second;
        if (key == QLatin1String("terraform_version")) {
            readString(v, QStringLiteral("\"terraform_version\""), &state.terraformVersion);
        } else if (key == QLatin1String("serial")) {
            if (readUnsigned(v, QStringLiteral("\"serial\""), std::numeric_limits<quint64>::max(), &state.serial))
                state.serialLocation = v.location();
        } else if (key == QLatin1String("lineage")) {
            readString(v, QStringLiteral("\"lineage\""), &state.lineage);
        } else if (key == QLatin1String("outputs")) {
            readOutputs(v, state);
        } else if (key == QLatin1String("resources")) {
            if (streamedDiagnostics && v.type() == Value::Type::List && v.items().isEmpty()) {
                diagnostics += *streamedDiagnostics; // its resources were read as it was parsed
            } else if (v.type() == Value::Type::List) {
                state.resources.reserve(v.items().size());
                for (const Value &r : v.items())
                    readResource(r, state);
            } else if (!v.isNull()) {
                error(v.location(), QStringLiteral("\"resources\" must be a list, not %1").arg(typeName(v)));
            }
        } else if (key == QLatin1String("check_results")) {
            // Results of `check` blocks: not evidence Strata compares, only tolerated.
            if (!v.isNull() && v.type() != Value::Type::List)
                warning(v.location(), QStringLiteral("\"check_results\" should be a list, not %1").arg(typeName(v)));
        }
        // Other keys are ignored: newer Terraform releases add fields within version 4.
    }
}

void Reader::readOutputs(const Value &v, TerraformState &state)
{
    if (v.isNull())
        return;
    if (v.type() != Value::Type::Map) {
        error(v.location(), QStringLiteral("\"outputs\" must be an object, not %1").arg(typeName(v)));
        return;
    }
    for (const Value::Entry &e : v.entries()) {
        const Value &o = e.second;
        if (o.type() != Value::Type::Map) {
            error(o.location(), QStringLiteral("output \"%1\" must be an object, not %2").arg(e.first, typeName(o)));
            continue;
        }
        TerraformStateOutput out;
        out.name = e.first;
        out.location = o.location();
        Value value;
        bool hasValue = false;
        for (const Value::Entry &f : o.entries()) {
            if (f.first == QLatin1String("sensitive")) {
                readBool(f.second, QStringLiteral("\"sensitive\" of output \"%1\"").arg(e.first), &out.sensitive);
            } else if (f.first == QLatin1String("value")) {
                value = f.second;
                hasValue = true;
            } else if (f.first == QLatin1String("type")) {
                out.type = f.second;
            }
        }
        if (!hasValue)
            error(o.location(), QStringLiteral("output \"%1\" has no \"value\"").arg(e.first));
        // A sensitive value is dropped here so nothing downstream can show it.
        out.value = out.sensitive ? Value::unknown(QStringLiteral("sensitive output"), value.location()) : value;
        state.outputs.append(out);
    }
}

void Reader::readResource(const Value &v, TerraformState &state)
{
    if (v.type() != Value::Type::Map) {
        error(v.location(), QStringLiteral("a resource must be an object, not %1").arg(typeName(v)));
        return;
    }
    TerraformStateResource r;
    r.location = v.location();
    const Value *instances = nullptr;
    for (const Value::Entry &e : v.entries()) {
        const QString &key = e.first;
        if (key == QLatin1String("module"))
            readString(e.second, QStringLiteral("\"module\""), &r.module);
        else if (key == QLatin1String("mode"))
            readString(e.second, QStringLiteral("\"mode\""), &r.mode);
        else if (key == QLatin1String("type"))
            readString(e.second, QStringLiteral("\"type\""), &r.type);
        else if (key == QLatin1String("name"))
            readString(e.second, QStringLiteral("\"name\""), &r.name);
        else if (key == QLatin1String("each"))
            readString(e.second, QStringLiteral("\"each\""), &r.each);
        else if (key == QLatin1String("provider"))
            readString(e.second, QStringLiteral("\"provider\""), &r.provider);
        else if (key == QLatin1String("instances"))
            instances = &e.second;
    }
    if (r.type.isEmpty() || r.name.isEmpty()) {
        error(r.location, QStringLiteral("a resource needs a \"type\" and a \"name\"; skipped"));
        return;
    }
    if (r.mode != QLatin1String("managed") && r.mode != QLatin1String("data")) {
        error(r.location,
            r.mode.isEmpty()
                ? QStringLiteral("resource %1 has no \"mode\" (managed or data); skipped").arg(r.address())
                : QStringLiteral("resource %1 has mode \"%2\", not managed or data; skipped").arg(r.address(), r.mode));
        return;
    }
    if (!r.each.isEmpty() && r.each != QLatin1String("list") && r.each != QLatin1String("map"))
        error(r.location, QStringLiteral("resource %1 has \"each\": \"%2\", not list or map").arg(r.address(), r.each));
    if (r.provider.isEmpty())
        warning(r.location, QStringLiteral("resource %1 has no \"provider\"").arg(r.address()));

    if (instances && instances->type() == Value::Type::List) {
        r.instances.reserve(instances->items().size());
        for (const Value &i : instances->items()) {
            TerraformStateInstance instance;
            bool ok = false;
            readInstance(i, r, instance, &ok);
            if (ok)
                r.instances.append(std::move(instance));
        }
    } else if (instances && !instances->isNull()) {
        error(instances->location(),
            QStringLiteral("\"instances\" of %1 must be a list, not %2").arg(r.address(), typeName(*instances)));
    }
    if (sink)
        give(*sink, r);
    state.resources.append(std::move(r));
}

void Reader::readInstance(
    const Value &v, const TerraformStateResource &resource, TerraformStateInstance &instance, bool *ok)
{
    *ok = false;
    if (v.type() != Value::Type::Map) {
        error(v.location(),
            QStringLiteral("an instance of %1 must be an object, not %2").arg(resource.address(), typeName(v)));
        return;
    }
    instance.location = v.location();
    bool hasAttributes = false;
    for (const Value::Entry &e : v.entries()) {
        const QString &key = e.first;
        const Value &f = e.second;
        if (key == QLatin1String("index_key")) {
            if (f.type() == Value::Type::Number || f.type() == Value::Type::String) {
                instance.indexKey = f;
            } else if (!f.isNull()) {
                error(f.location(),
                    QStringLiteral("\"index_key\" of %1 must be a number or a string, not %2; skipped")
                        .arg(resource.address(), typeName(f)));
                return;
            }
        } else if (key == QLatin1String("status")) {
            readString(f, QStringLiteral("\"status\""), &instance.status);
        } else if (key == QLatin1String("deposed")) {
            readString(f, QStringLiteral("\"deposed\""), &instance.deposed);
        } else if (key == QLatin1String("schema_version")) {
            quint64 n = 0;
            if (readUnsigned(f, QStringLiteral("\"schema_version\""), quint64(std::numeric_limits<int>::max()), &n))
                instance.schemaVersion = int(n);
        } else if (key == QLatin1String("attributes")) {
            if (f.type() == Value::Type::Map) {
                instance.attributes = f;
                hasAttributes = true;
            } else if (!f.isNull()) {
                error(f.location(), QStringLiteral("\"attributes\" must be an object, not %1").arg(typeName(f)));
            }
        } else if (key == QLatin1String("attributes_flat")) {
            if (f.type() == Value::Type::Map) {
                instance.attributesFlat = f;
                hasAttributes = true;
            } else if (!f.isNull()) {
                error(f.location(), QStringLiteral("\"attributes_flat\" must be an object, not %1").arg(typeName(f)));
            }
        } else if (key == QLatin1String("sensitive_attributes")) {
            readSensitiveAttributes(f, instance);
        } else if (key == QLatin1String("dependencies")) {
            instance.dependencies = readStringList(f, QStringLiteral("\"dependencies\""));
        } else if (key == QLatin1String("create_before_destroy")) {
            readBool(f, QStringLiteral("\"create_before_destroy\""), &instance.createBeforeDestroy);
        }
    }
    const QString address = TerraformAddress::instance(resource.address(), instance.indexKey);
    if (resource.each == QLatin1String("list") && instance.indexKey.type() == Value::Type::String)
        warning(instance.indexKey.location(), QStringLiteral("%1 uses count but has a string index key").arg(address));
    if (resource.each == QLatin1String("map") && instance.indexKey.type() == Value::Type::Number)
        warning(
            instance.indexKey.location(), QStringLiteral("%1 uses for_each but has a number index key").arg(address));
    if (!instance.status.isEmpty() && instance.status != QLatin1String("tainted"))
        warning(instance.location, QStringLiteral("%1 has unknown status \"%2\"").arg(address, instance.status));
    if (!hasAttributes)
        error(instance.location, QStringLiteral("%1 has no \"attributes\"").arg(address));
    *ok = true;
}

void Reader::readSensitiveAttributes(const Value &v, TerraformStateInstance &instance)
{
    if (v.isNull())
        return;
    if (v.type() != Value::Type::List) {
        error(v.location(), QStringLiteral("\"sensitive_attributes\" must be a list, not %1").arg(typeName(v)));
        return;
    }
    for (const Value &path : v.items()) {
        if (path.type() != Value::Type::List) {
            warning(path.location(), QStringLiteral("a sensitive attribute path must be a list of steps; ignored"));
            continue;
        }
        TerraformAttributePath out;
        bool valid = true;
        for (const Value &step : path.items()) {
            const Value *type = step.find(QStringLiteral("type"));
            const Value *value = step.find(QStringLiteral("value"));
            if (!type || !value || type->type() != Value::Type::String) {
                valid = false;
                break;
            }
            TerraformPathStep s;
            if (type->text() == QLatin1String("get_attr") && value->type() == Value::Type::String) {
                s.kind = TerraformPathStep::Kind::Attribute;
                s.key = *value;
            } else if (type->text() == QLatin1String("index")) {
                s.kind = TerraformPathStep::Kind::Index;
                // The key is a cty value as JSON: {"value": "api_key", "type": "string"}.
                const Value *inner = value->type() == Value::Type::Map ? value->find(QStringLiteral("value")) : value;
                if (!inner || (inner->type() != Value::Type::String && inner->type() != Value::Type::Number)) {
                    valid = false;
                    break;
                }
                s.key = *inner;
            } else {
                valid = false;
                break;
            }
            out.append(s);
        }
        if (valid && !out.isEmpty())
            instance.sensitiveAttributes.append(out);
        else
            warning(path.location(), QStringLiteral("a sensitive attribute path could not be read; ignored"));
    }
}

// Checks the document is a version 4 state and reads it; `state` may already
// hold the resources read as the JSON was parsed.
TerraformStateReadResult readDocument(
    const JsonReadResult &json, Reader &reader, const QString &file, TerraformState &&state)
{
    TerraformStateReadResult result;
    if (!json.ok()) {
        result.diagnostics = json.diagnostics;
        return result;
    }
    const Value &root = json.value;
    if (root.type() != Value::Type::Map) {
        reader.error(root.location(),
            QStringLiteral("not a Terraform state: the top level is %1, not an object").arg(typeName(root)));
        result.diagnostics = reader.diagnostics;
        return result;
    }
    const Value *version = root.find(QStringLiteral("version"));
    if (!version) {
        reader.error(root.location(), QStringLiteral("not a Terraform state: no \"version\""));
        result.diagnostics = reader.diagnostics;
        return result;
    }
    if (version->type() != Value::Type::Number) {
        reader.error(version->location(),
            QStringLiteral("state format \"version\" must be a number, not %1").arg(typeName(*version)));
        result.diagnostics = reader.diagnostics;
        return result;
    }
    if (version->toNumber() != supportedVersion) {
        reader.error(version->location(),
            QStringLiteral("state format version %1 is not supported (Strata reads version %2)")
                .arg(version->text())
                .arg(supportedVersion));
        result.diagnostics = reader.diagnostics;
        return result;
    }
    state.file = file;
    state.version = supportedVersion;
    reader.readState(root, state);
    result.state = std::move(state);
    result.diagnostics = json.diagnostics + reader.diagnostics;
    return result;
}

} // namespace

TerraformStateReadResult read(const QByteArray &text, const QString &file)
{
    Reader reader(file);
    return readDocument(JsonReader::read(text, file), reader, file, TerraformState());
}

TerraformStateReadResult read(const QByteArray &text, const QString &file, const ResourceSink &sink)
{
    Reader reader(file);
    TerraformState state;
    JsonReader::ElementStream stream;
    stream.key = QStringLiteral("resources");
    int found = 0;
    stream.found = [&found] { ++found; };
    stream.element = [&](Value &&resource) {
        const Value r = std::move(resource); // dropped when this resource is read
        reader.readResource(r, state);
    };
    reader.sink = &sink;
    const JsonReadResult json = JsonReader::read(text, file, stream);
    reader.sink = nullptr;
    if (found > 1) {
        // "resources" given more than once: which of them count is the JSON
        // reader's rule for repeated keys (the last; all of them in an
        // object too large to search), so this rare file is read whole.
        if (sink.restart)
            sink.restart();
        TerraformStateReadResult whole = read(text, file);
        if (whole.state) {
            for (TerraformStateResource &r : whole.state->resources)
                give(sink, r);
        }
        return whole;
    }
    reader.streamedDiagnostics = std::exchange(reader.diagnostics, {});
    return readDocument(json, reader, file, std::move(state));
}

TerraformStateReadResult readFile(const QString &path)
{
    // Regular files only, bounded: a pipe or a device is refused, not read.
    const FileContents file = readRegularFile(path, maxFileSize);
    if (!file.ok()) {
        TerraformStateReadResult result;
        result.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("cannot read: %1").arg(file.error)));
        return result;
    }
    return read(file.bytes, path);
}

} // namespace strata::TerraformStateReader
