#include "TerraformState.h"

#include "terraform/TerraformAddress.h"

namespace strata {

QString TerraformStateResource::address() const
{
    return TerraformAddress::resource(module, mode, type, name);
}

} // namespace strata
