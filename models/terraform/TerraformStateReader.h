#pragma once

#include "core/Diagnostic.h"
#include "terraform/TerraformState.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace strata {

struct TerraformStateReadResult
{
    // Empty when the text is not JSON, not a state, or not format version 4.
    std::optional<TerraformState> state;
    // Positioned errors for entries that were skipped; the rest still loads.
    QList<Diagnostic> diagnostics;
};

// Reads terraform.tfstate (format version 4, Terraform 0.12 and later) into a
// TerraformState. Other format versions give one error naming the version.
// Never throws; values of sensitive outputs are dropped, never kept. Used by
// evidence import and the state column of the diff.
namespace TerraformStateReader {
// Larger files are refused rather than exhausting memory.
constexpr qint64 maxFileSize = qint64(512) * 1024 * 1024;
// The format version this reader understands.
constexpr int supportedVersion = 4;

TerraformStateReadResult read(const QByteArray &text, const QString &file);

// Where a state's resources go as they are read: `resource` sees each one
// with its instances' attribute values, which are dropped once it returns
// (the state returned lists the resources without them), so a large state's
// attribute trees are never all held at once — the evidence import maps each
// resource to the objects the diff compares as it comes. `restart`: what the
// sink saw so far is void (a file that repeats "resources" is then read
// whole and its resources given again: which of the repeated keys count is
// the JSON reader's rule). When the result holds no state, what `resource`
// saw is void too.
struct ResourceSink
{
    std::function<void()> restart;
    std::function<void(const TerraformStateResource &resource)> resource;
};
TerraformStateReadResult read(const QByteArray &text, const QString &file, const ResourceSink &sink);
TerraformStateReadResult readFile(const QString &path);
} // namespace TerraformStateReader

} // namespace strata
