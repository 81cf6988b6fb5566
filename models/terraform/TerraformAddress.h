#pragma once

#include "core/Value.h"

#include <QString>

namespace strata {

// Terraform's own spelling of resource addresses, shared by the state reader
// and the Kubernetes mapping so code, state and the UI name a resource the
// same way: `module.a["k"].kubernetes_config_map.flags[0]`, `data.x.y`.
namespace TerraformAddress {
// `module` is "" for the root module, else as state writes it ("module.a[\"k\"]").
QString resource(const QString &module, const QString &mode, const QString &type, const QString &name);
// `["key"]` for a string key, `[0]` for a number, `[?]` for a key not known
// statically, "" for null (no count/for_each).
QString indexKey(const Value &key);
QString instance(const QString &resourceAddress, const Value &key);
} // namespace TerraformAddress

} // namespace strata
