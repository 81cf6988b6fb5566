#pragma once

#include "core/PackedLocation.h"

#include <QString>

namespace strata {

// A leaf value as one column of the diff holds it: the text kubectl would
// print (or why it is unknown, or a Secret's fingerprint) and where it was
// read. Kept per cell, so it carries nothing the row already holds.
struct CellValue
{
    enum class Kind : unsigned char {
        Scalar, // text is the value as kubectl shows it
        Unknown, // not knowable statically (Terraform code); text says why
        Secret, // text is a fingerprint, never the value
    };

    QString text;
    PackedLocation location;
    Kind kind = Kind::Scalar;

    // Whether two cells show the same value. Unknowns equal nothing.
    bool sameValueAs(const CellValue &other) const
    {
        return kind == other.kind && kind != Kind::Unknown && text == other.text;
    }
};

// One leaf of a normalised object: its path ("data.max_cart_items",
// `data["app.json"].server.port`, "metadata.labels.team") and its value as
// kubectl would print it. The diff compares FieldValues; it never sees raw
// Secret data, only a fingerprint.
struct FieldValue : CellValue
{
    QString path;
    bool noise = false; // bookkeeping fields hidden by default (resourceVersion, uid, managedFields, …)
};

} // namespace strata
