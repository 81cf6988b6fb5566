#include "TerraformState.h"

#include "terraform/TerraformAddress.h"

namespace strata {

QString TerraformStateResource::address() const
{
    return TerraformAddress::resource(module, mode, type, name);
}

void TerraformStateResource::releaseValues()
{
    for (TerraformStateInstance &i : instances) {
        i.attributes = Value();
        i.attributesFlat = Value();
    }
}

void TerraformState::releaseValues()
{
    for (TerraformStateOutput &o : outputs) {
        o.value = Value();
        o.type = Value();
    }
    for (TerraformStateResource &r : resources)
        r.releaseValues();
}

} // namespace strata
