#!/usr/bin/env bash
# Quick-start command 2: install what is missing, build every target with
# AddressSanitizer + UndefinedBehaviorSanitizer and warnings as errors, the
# parsers' libFuzzer targets among them (clang and lld, build-asan/), and run
# the whole test suite with ctest. Any sanitizer report fails the test that
# caused it. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset asan >build-asan-configure.log 2>&1 || { cat build-asan-configure.log >&2; exit 1; }
cmake --build --preset asan
exec ctest --preset asan "$@"
