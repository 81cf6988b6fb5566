#pragma once

#include "CommandLine.h"

#include <cstdio>

// `strata report CASE --output FILE.md`: the analysis `strata analyze` makes,
// written as an incident report (models/report). Nothing half-written is left
// behind, the case and its evidence are never the target, and an incomplete
// analysis exits 3 with the report saying so.
namespace ReportCommand {
int run(const CommandLineRequest &request, FILE *out, FILE *err);
}
