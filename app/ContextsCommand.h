#pragma once

#include "CommandLine.h"

#include <cstdio>

// `strata contexts`: the contexts of the user's kubeconfigs, merged as
// kubectl merges them, printed as `kubectl config get-contexts` prints them
// (plus each context's server). Returns the process exit status.
namespace ContextsCommand {
int run(const CommandLineRequest &request, FILE *out, FILE *err);
}
