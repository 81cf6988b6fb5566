#pragma once

#include <QString>

// Writes investigation cases of N ConfigMaps shaped like real evidence: a
// kubectl List as YAML (live) and as JSON (replica), a Terraform v4 state and
// one .tf file per 100 resources (code). One object in 20 differs, in turn
// drifted (live changed), pending (code changed) or stale (replica behind).
// Used by the benchmarks and by the scale tests, which assert the counts.
namespace CaseGenerator {

struct Expected
{
    int objects = 0;
    int drifted = 0; // objects whose live value differs from state and code
    int pending = 0; // objects whose code differs from state and live
    int stale = 0; // objects whose replica differs from live
};

enum class Difference { None, Drift, Pending, Stale };

// The difference object `index` carries; the same rule the files are written by.
Difference differenceOf(int index);

// The counts a case of `objects` objects holds.
Expected expectedFor(int objects);

// Writes case.yaml and its evidence into `folder` (created if missing) and
// returns the path of case.yaml, or an empty string when a file could not be
// written. `investigated` objects are named under `resources:`.
QString write(const QString &folder, int objects, int keysPerObject = 4, int investigated = 3);

} // namespace CaseGenerator
