#pragma once

#include "CommandLine.h"

#include <cstdio>

// `strata history`: what the Terraform code set for a resource or a field,
// commit by commit, from the case's sources.terraform repository. Text lines
// are printed as each change is found. Returns the process exit status.
namespace HistoryCommand {
int run(const CommandLineRequest &request, FILE *out, FILE *err);
}
