#pragma once

#include "core/SourceLocation.h"

#include <QString>

namespace strata {

// One leaf of a normalised object: its path ("data.max_cart_items",
// `data["app.json"].server.port`, "metadata.labels.team") and its value as
// kubectl would print it. The diff compares FieldValues; it never sees raw
// Secret data, only a fingerprint.
struct FieldValue
{
    enum class Kind {
        Scalar, // text is the value as kubectl shows it
        Unknown, // not knowable statically (Terraform code); text says why
        Secret, // text is a fingerprint, never the value
    };

    QString path;
    QString text;
    Kind kind = Kind::Scalar;
    SourceLocation location;
    bool noise = false; // bookkeeping fields hidden by default (resourceVersion, uid, managedFields, …)

    // Whether two cells show the same value. Unknowns equal nothing.
    bool sameValueAs(const FieldValue &other) const
    {
        return kind == other.kind && kind != Kind::Unknown && text == other.text;
    }
};

} // namespace strata
