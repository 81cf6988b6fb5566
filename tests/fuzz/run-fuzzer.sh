#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time.
# Usage: run-fuzzer.sh FUZZER WORK_DIR TESTS_FUZZ_DIR NAME SHARED_TESTDATA
# Seeds: TESTS_FUZZ_DIR/corpus/NAME, TESTS_FUZZ_DIR/regressions/NAME (crash inputs
# kept as regression tests) and the shared test vectors listed in
# TESTS_FUZZ_DIR/corpus/NAME.seeds (folders relative to SHARED_TESTDATA).
# A crash leaves its input in WORK_DIR/artifacts: copy it into regressions/NAME.
set -euo pipefail
fuzzer=$1 work=$2 dir=$3 name=$4 shared=$5
[ -x "$fuzzer" ] || { echo "fuzz: $fuzzer is not built (scripts/test.sh builds them in build-asan/fuzz/; the fuzz preset in build-fuzz/fuzz/)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
seeds=()
for d in "$dir/corpus/$name" "$dir/regressions/$name"; do
  [ -d "$d" ] && seeds+=("$d")
done
if [ -f "$dir/corpus/$name.seeds" ]; then
  while read -r rel; do
    [ -n "$rel" ] && [ -d "$shared/$rel" ] && seeds+=("$shared/$rel")
  done < "$dir/corpus/$name.seeds"
fi
# Short in CI (the whole run must stay within 30 minutes), longer by hand.
seconds=${STRATA_FUZZ_SECONDS:-$([ -n "${CI:-}" ] && echo 5 || echo 10)}
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" "${seeds[@]}"
