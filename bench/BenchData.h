#pragma once

#include <QByteArray>

// Generated inputs for the benchmarks, shaped like the real thing.
namespace BenchData {
// A Terraform v4 state of `resources` kubernetes_config_map resources, each
// with `keysPerResource` data entries: ~7 KB per resource at the defaults.
QByteArray terraformState(int resources, int keysPerResource);
// Peak resident set size of this process so far, in MiB.
double peakRssMiB();
} // namespace BenchData
