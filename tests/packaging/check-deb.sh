#!/usr/bin/env bash
# Builds Strata's .deb with CPack and checks it as a distribution would:
# contents, computed Depends, desktop file, AppStream metainfo, and the
# packaged binary run from an unpacked root.
# Usage: check-deb.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build=$1 version=$2 appid=$3

fail() { echo "packaging: FAIL: $*" >&2; exit 1; }

cd "$build"
rm -rf packages
cpack -G DEB --config CPackConfig.cmake >cpack.log 2>&1 || { cat cpack.log >&2; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
deb=packages/strata_${version}_${arch}.deb
[ -f "$deb" ] || fail "expected $deb; cpack made: $(ls packages)"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/strata \
         "./usr/share/applications/$appid.desktop" \
         "./usr/share/metainfo/$appid.metainfo.xml" \
         "./usr/share/icons/hicolor/scalable/apps/$appid.svg" \
         "./usr/share/icons/hicolor/48x48/apps/$appid.png" \
         "./usr/share/icons/hicolor/256x256/apps/$appid.png" \
         ./usr/share/doc/strata/copyright; do
  grep -qxF -- "$f" <<<"$contents" || fail "$f missing from $deb"
done

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6core6 libyaml-cpp0.7 libyaml-0-2 libgit2; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/$appid.desktop" || fail "desktop file invalid"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$appid.metainfo.xml" || fail "metainfo invalid"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$appid.metainfo.xml" || fail "metainfo names another version"

out=$(env -u DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/strata" --version)
[ "$out" = "strata $version" ] || fail "packaged strata --version said '$out'"

echo "packaging: ok: $deb ($(stat -c %s "$deb") bytes), Depends: $depends"
