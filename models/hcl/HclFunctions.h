#pragma once

#include "core/Value.h"

#include <QList>
#include <QString>

namespace strata {

class HclEvaluator;

// Terraform's pure built-in functions (lower, format, merge, jsonencode, …),
// evaluated on Values so HclEvaluator can fold them statically. Functions that
// read files, the clock or randomness, and regular-expression forms, are not
// evaluated: they return Value::unknown saying why. Unknown arguments give an
// unknown result (structural functions such as length/concat/merge only look
// at the collections themselves, so unknown elements pass through).
namespace HclFunctions {

Value call(const QString &name, const QList<Value> &args, const SourceLocation &at, HclEvaluator &evaluator);
// Whether `name` is evaluated statically.
bool isSupported(const QString &name);

} // namespace HclFunctions

} // namespace strata
