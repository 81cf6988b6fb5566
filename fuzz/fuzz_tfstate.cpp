// libFuzzer target: Terraform state must give a state or diagnostics, never
// crash, hang or blow up; whatever it reads must map to Kubernetes objects,
// both as state and as the same bodies presented as code.
#include "terraform/TerraformKubernetesMapping.h"
#include "terraform/TerraformStateReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const strata::TerraformStateReadResult result
        = strata::TerraformStateReader::read(text, QStringLiteral("fuzz.tfstate"));
    if (!result.state)
        return 0;
    strata::mapStateToKubernetes(*result.state);

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
