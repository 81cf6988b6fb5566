#pragma once

#include "core/Value.h"

#include <QString>

#include <optional>

namespace strata {

// The conversions and comparisons HCL applies between Values (the cty rules
// Terraform uses: "5" is a number where a number is needed, 5 is "5" where a
// string is needed). Shared by HclEvaluator and HclFunctions.
namespace HclValues {

// The first unknown anywhere inside `v`, or nullptr.
const Value *findUnknown(const Value &v);
// "string", "number", "bool", "null", "list", "object", "unknown".
QString typeName(const Value &v);
// How Terraform prints a number in a string: 25, 1.5, 1e+21.
QString numberToString(double v);

std::optional<QString> toString(const Value &v);
std::optional<double> toNumber(const Value &v);
std::optional<bool> toBool(const Value &v);
// Strict equality: "1" != 1; numbers by value; collections deeply.
bool equals(const Value &a, const Value &b);
// Numbers, strings and bools keep their type; used for map keys of sets and for_each.
Value number(double v, const SourceLocation &at);

} // namespace HclValues

} // namespace strata
