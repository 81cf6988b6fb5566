#pragma once

#include "core/Value.h"

#include <QStringList>

namespace strata {

// Who last set a field, from a live object's metadata.managedFields (server-
// side field management): the answer to "who changed this, and when" —
// kubectl-edit, kubectl-client-side-apply, a Terraform provider, a controller.
namespace FieldManagers {
// "kubectl-edit (Update, 2025-03-01T09:58:31Z)" for each manager that owns
// `path` (a diff row's path; a map key's own entry or, for a nested path,
// the first two levels); empty when none does.
QStringList lastWriters(const Value &managedFields, const QString &path);
} // namespace FieldManagers

} // namespace strata
