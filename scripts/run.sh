#!/usr/bin/env bash
# Quick-start command 1: install what is missing, build (build/), and open
# Strata — on the bundled reference case unless a case file is given.
# Usage: scripts/run.sh [CASE-FILE] [strata options]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset dev >build-configure.log 2>&1 || { cat build-configure.log >&2; exit 1; }
cmake --build --preset dev
exec build/app/strata "$@"
