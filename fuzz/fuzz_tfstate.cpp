// libFuzzer target: Terraform state must give a state or diagnostics, never
// crash, hang or blow up; whatever it reads must map to Kubernetes objects,
// both as state and as the same bodies presented as code; read resource by
// resource (as the import reads it), it must say what the whole read says.
#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

QStringList said(const QList<strata::Diagnostic> &diagnostics, const strata::KubernetesMappingResult &mapped)
{
    QStringList out;
    for (const strata::Diagnostic &d : diagnostics + mapped.diagnostics)
        out.append(QStringLiteral("%1:%2 %3").arg(d.line).arg(d.column).arg(d.message));
    for (const strata::ManagedKubernetesObject &o : mapped.objects)
        out.append(o.id.toString() + QLatin1Char(' ') + o.address + QLatin1Char(' ') + o.object.displayText());
    return out + mapped.unmappedAddresses;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const strata::TerraformStateReadResult result
        = strata::TerraformStateReader::read(text, QStringLiteral("fuzz.tfstate"));
    strata::KubernetesMappingResult streamedMapped;
    strata::TerraformStateReader::ResourceSink sink;
    sink.restart = [&] { streamedMapped = {}; };
    sink.resource = [&](const strata::TerraformStateResource &r) { strata::mapStateResource(r, streamedMapped); };
    const strata::TerraformStateReadResult streamed
        = strata::TerraformStateReader::read(text, QStringLiteral("fuzz.tfstate"), sink);
    if (!result.state) {
        if (streamed.state || said(streamed.diagnostics, {}) != said(result.diagnostics, {}))
            std::abort();
        return 0;
    }
    if (!streamed.state || streamed.state->resources.size() != result.state->resources.size()
        || said(streamed.diagnostics, streamedMapped)
            != said(result.diagnostics, strata::mapStateToKubernetes(*result.state)))
        std::abort(); // the streamed read says something else

    // The same attribute trees as code bodies exercise the code path's defaults and lookups.
    strata::TerraformConfig config;
    for (const strata::TerraformStateResource &r : result.state->resources) {
        strata::TerraformResource resource;
        resource.mode = r.mode;
        resource.type = r.type;
        resource.name = r.name;
        resource.module = r.module;
        resource.location = r.location;
        for (const strata::TerraformStateInstance &i : r.instances)
            resource.instances.append(strata::TerraformInstance { i.indexKey, i.attributes });
        config.resources.append(resource);
    }
    strata::mapConfigToKubernetes(config);
    return 0;
}
