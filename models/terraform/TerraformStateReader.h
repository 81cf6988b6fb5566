#pragma once

#include "core/Diagnostic.h"
#include "terraform/TerraformState.h"

#include <QByteArray>

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
TerraformStateReadResult readFile(const QString &path);
} // namespace TerraformStateReader

} // namespace strata
