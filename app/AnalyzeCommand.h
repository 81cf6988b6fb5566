#pragma once

#include "CommandLine.h"

#include <cstdio>

// `strata analyze`: runs the shared analysis headless and writes JSON or
// Markdown to stdout or a file. Returns the process exit status.
namespace AnalyzeCommand {
int run(const CommandLineRequest &request, FILE *out, FILE *err);
}
