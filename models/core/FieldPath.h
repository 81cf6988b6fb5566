#pragma once

#include <QString>
#include <QStringList>

namespace strata {

// How Strata spells a path to a field of an object, everywhere: keys joined by
// dots, with ["…"] for keys that are not plain identifiers and [n] for list
// items — data.max_cart_items, data["app.json"].server.port. The diff, the
// Terraform mapping (sensitive paths) and the rules must agree on it.
namespace FieldPath {
// "data" + "max_cart_items" → data.max_cart_items; "data" + "app.json" → data["app.json"]
QString appendKey(const QString &path, const QString &key);
// "containers" + 0 → containers[0]
QString appendIndex(const QString &path, qsizetype index);
// The map keys of a path, up to its first list index: data["app.json"].port → data, app.json, port.
QStringList keys(const QString &path);
} // namespace FieldPath

} // namespace strata
