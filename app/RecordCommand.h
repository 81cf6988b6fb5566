#pragma once

#include "CommandLine.h"

#include <cstdio>

// `strata record CASE [--for DURATION] [--every DURATION]`: samples the
// case's etcd endpoints into a recording in the case folder, without a
// window (on a jump host), until the duration is up or Ctrl+C / SIGTERM —
// stopping cleanly, the recording whole. Needs a QCoreApplication.
namespace RecordCommand {
int run(const CommandLineRequest &request, FILE *out, FILE *err);
}
