#pragma once

#include "case/CaseFileReader.h"

#include <QString>

#include <cstdio>
#include <optional>

// What the headless subcommands share.
namespace CommandSupport {

// Messages quote evidence and repositories (paths, values, commit subjects):
// control characters in them are shown escaped, never sent to the terminal.
void print(FILE *stream, const QString &text);

// The case at `path` (with its warnings), or nothing after saying why on
// `err` (the caller exits 2). An evidence bundle (.zip) is unpacked under
// the cache and its case read: analyse it offline (isBundle).
std::optional<strata::CaseFileReadResult> readCase(const QString &path, FILE *err);

// Whether `--output path` may be written for this case (never the case file
// or its evidence, nothing but a regular file replaced); says why not on `err`.
bool outputAllowed(const strata::CaseFile &caseFile, const QString &path, FILE *err);

} // namespace CommandSupport
