#!/usr/bin/env bash
# Fetch Debian trixie's riscv64 busybox-static into CACHE_DIR (git-ignored)
# and leave its binary at CACHE_DIR/busybox (docs/userspace.md).
# The package is reached as fetch-dtbs.sh reaches the kernel package
# (scripts/debian-riscv64.sh: a private apt state under CACHE_DIR, the
# mirror read from the machine's apt sources at run time). Idempotent: nothing is fetched when CACHE_DIR/busybox exists.
#   fetch-busybox.sh CACHE_DIR
set -eu

CACHE=${1:?usage: fetch-busybox.sh CACHE_DIR}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
OUT=$CACHE/busybox
PKG=busybox-static

die() { echo "fetch-busybox: $*" >&2; exit 1; }

[ -s "$OUT" ] && [ -x "$OUT" ] && exit 0

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
	die "apt-get and dpkg-deb are needed to fetch $PKG"

. "$(dirname "$0")/debian-riscv64.sh"
APT_DIR="$CACHE/apt-busybox"
deb=$(deb_fetch "$PKG" fetch-busybox) ||
	die "cannot download $PKG (offline? the mirror is read from /etc/apt)"
mkdir -p "$APT_DIR/x"
dpkg-deb -x "$deb" "$APT_DIR/x" || die "cannot unpack $deb"
bin=""
for c in bin/busybox usr/bin/busybox; do
	[ -f "$APT_DIR/x/$c" ] && { bin="$APT_DIR/x/$c"; break; }
done
[ -n "$bin" ] || die "no busybox binary in $deb"
cp "$bin" "$OUT.tmp" && chmod 755 "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
echo "${deb##*/}" > "$CACHE/busybox.version"
echo "fetch-busybox: wrote $OUT from ${deb##*/}"
rm -rf "$APT_DIR"
