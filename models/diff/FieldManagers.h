#pragma once

#include "core/Value.h"

#include <QStringList>

namespace strata {

// Who last set a field, from a live object's metadata.managedFields (server-
// side field management): the answer to "who changed this, and when" —
// kubectl-edit, kubectl-client-side-apply, a Terraform provider, a controller.
namespace FieldManagers {
// "kubectl-edit (Update, 2025-03-01T09:58:31Z)" for each manager that owns
// `path` (a diff row's path) or a value owned whole that holds it; one that
// owns some item of the list the field is in is named with ", which owns
// fields of spec.template.spec.containers, perhaps not this one" — list
// items are keyed by their contents in managedFields, which the diff no
// longer holds. Empty when no manager does.
QStringList lastWriters(const Value &managedFields, const QString &path);
} // namespace FieldManagers

} // namespace strata
