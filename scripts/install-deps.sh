#!/usr/bin/env bash
# Installs the Debian packages Strata needs to build, run, test and package.
# Idempotent: asks dpkg first and only calls apt-get for what is missing.
# Uses sudo when not root. Every dependency comes from Debian; nothing is downloaded otherwise.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang lld clang-format dpkg-dev file
  # the sanitizer and libFuzzer runtimes clang links (only recommended by clang, and
  # recommendations are not installed)
  libclang-rt-dev
  # libraries (why each is there: see README "Dependencies")
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libgit2-dev libzip-dev
  # tests: benchmarks, a real display for GUI checks, a real etcd, certificates
  libbenchmark-dev xvfb xauth fonts-dejavu-core etcd-server etcd-client openssl poppler-utils
  # packaging checks
  desktop-file-utils appstream
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
