#!/usr/bin/env bash
# Quick-start command 2: install what is missing, build every target with
# AddressSanitizer + UndefinedBehaviorSanitizer and warnings as errors
# (build-asan/), build the parsers' fuzz targets with clang (build-fuzz/), and
# run the whole test suite with ctest. Any sanitizer report
# fails the test that caused it. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The parsers' libFuzzer targets (clang), run by the suite for a bounded time each.
cmake --preset fuzz >build-fuzz-configure.log 2>&1 || { cat build-fuzz-configure.log >&2; exit 1; }
cmake --build --preset fuzz
cmake --preset asan >build-asan-configure.log 2>&1 || { cat build-asan-configure.log >&2; exit 1; }
cmake --build --preset asan
exec ctest --preset asan "$@"
