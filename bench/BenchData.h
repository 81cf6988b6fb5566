#pragma once

#include <QByteArray>

#include <functional>

// Generated inputs for the benchmarks, shaped like the real thing.
namespace BenchData {
// A Terraform v4 state of `resources` kubernetes_config_map resources, each
// with `keysPerResource` data entries: ~7 KB per resource at the defaults.
QByteArray terraformState(int resources, int keysPerResource);
// Peak resident set size of this process so far, in MiB.
double peakRssMiB();
// The median wall time of `times` runs of `run`, in milliseconds (for the
// plain programs that print their figures instead of using Google Benchmark).
double medianMs(const std::function<void()> &run, int times = 5);
} // namespace BenchData
