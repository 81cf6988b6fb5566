#!/usr/bin/env bash
# Fails when any C++ source in the project differs from what .clang-format makes of it.
# Fix with: find app models widgets tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i
set -euo pipefail
cd "$1"
mapfile -t files < <(find app models widgets tests bench fuzz -name '*.cpp' -o -name '*.h' 2>/dev/null | sort)
[ ${#files[@]} -gt 0 ] || { echo "format: no sources found under $1" >&2; exit 1; }
clang-format --dry-run -Werror "${files[@]}"
echo "format: ${#files[@]} files follow .clang-format"
