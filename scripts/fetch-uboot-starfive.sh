#!/usr/bin/env bash
# Fetch the VisionFive 2 boot firmware from Debian trixie's riscv64
# u-boot-starfive into CACHE_DIR (git-ignored): the SPL the BootROM loads
# (u-boot-spl.bin.normal.out) and the FIT with OpenSBI + U-Boot the SPL
# loads (u-boot.itb), plus u-boot-starfive.version naming the .deb.
# The package is reached like the DTBs and BusyBox (scripts/debian-riscv64.sh:
# a private apt state under CACHE_DIR, the mirror read from the machine's
# apt sources at run time). Idempotent: nothing is fetched when both files exist.
#   fetch-uboot-starfive.sh CACHE_DIR
set -eu

CACHE=${1:?usage: fetch-uboot-starfive.sh CACHE_DIR}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
PKG=u-boot-starfive
DIR=usr/lib/u-boot/starfive_visionfive2
FILES="u-boot-spl.bin.normal.out u-boot.itb"

die() { echo "fetch-uboot-starfive: $*" >&2; exit 1; }

have=1
for f in $FILES; do [ -s "$CACHE/$f" ] || have=0; done
[ "$have" = 1 ] && exit 0

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
	die "apt-get and dpkg-deb are needed to fetch $PKG"

. "$(dirname "$0")/debian-riscv64.sh"
APT_DIR="$CACHE/apt"
deb=$(deb_fetch "$PKG" fetch-uboot-starfive) ||
	die "cannot download $PKG (offline? the mirror is read from /etc/apt)"
mkdir -p "$APT_DIR/x"
dpkg-deb -x "$deb" "$APT_DIR/x" || die "cannot unpack $deb"
for f in $FILES; do
	[ -s "$APT_DIR/x/$DIR/$f" ] || die "no $DIR/$f in $deb"
	cp "$APT_DIR/x/$DIR/$f" "$CACHE/$f.tmp" && mv "$CACHE/$f.tmp" "$CACHE/$f"
done
echo "${deb##*/}" > "$CACHE/$PKG.version"
echo "fetch-uboot-starfive: wrote $FILES from ${deb##*/}"
rm -rf "$APT_DIR"
