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
// The size of a value written out in full: elements (nested ones included)
// and characters of its strings and keys. Values share their children, so a
// few references can stand for an enormous value; counting stops as soon as
// either limit is passed, so this costs at most `maxElements` steps.
struct ValueSize
{
    qint64 elements = 0;
    qint64 characters = 0;
    qint64 steps = 0; // nodes visited, for the evaluator's work budget
};
bool exceeds(const Value &v, qint64 maxElements, qint64 maxCharacters, ValueSize &size);
// Numbers, strings and bools keep their type; used for map keys of sets and for_each.
Value number(double v, const SourceLocation &at);

} // namespace HclValues

} // namespace strata
