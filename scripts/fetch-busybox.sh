#!/usr/bin/env bash
# Fetch Debian trixie's riscv64 busybox-static into CACHE_DIR (git-ignored)
# and leave its binary at CACHE_DIR/busybox (docs/userspace.md).
# The package is reached as fetch-dtbs.sh reaches the kernel package: a
# private apt configuration under CACHE_DIR/apt (the machine's own apt state
# is never touched), the mirror read from the machine's apt sources at run
# time. Idempotent: nothing is fetched when CACHE_DIR/busybox exists.
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

# apt_mirror: the first Debian mirror URI the machine's apt is set up with.
apt_mirror() {
	local m=""
	if [ -r /etc/apt/sources.list.d/debian.sources ]; then
		m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
	fi
	if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
		m=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++)
			if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
	fi
	[ -n "$m" ] || die "no Debian mirror found in /etc/apt sources"
	echo "$m"
}

APT_DIR="$CACHE/apt-busybox"
APT_OPTS=(
	-o APT::Architecture=riscv64 -o APT::Architectures=riscv64
	-o Dir::State::Lists="$APT_DIR/lists"
	-o Dir::State::Status="$APT_DIR/status"
	-o Dir::Cache="$APT_DIR/cache"
	-o Dir::Etc::SourceList="$APT_DIR/sources.list"
	-o Dir::Etc::SourceParts=/dev/null
	-o Dir::Etc::Preferences=/dev/null
	-o Dir::Etc::PreferencesParts=/dev/null
	-o APT::Sandbox::User=root
	-o Debug::NoLocking=1
)

# deb_by_apt MIRROR: the .deb through apt-get update/download; prints its path.
deb_by_apt() {
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	echo "deb [arch=riscv64 trusted=yes] $1 trixie main" > "$APT_DIR/sources.list"
	: > "$APT_DIR/status"
	apt-get "${APT_OPTS[@]}" -qq update >"$APT_DIR/update.log" 2>&1 || {
		grep -m1 '^E:' "$APT_DIR/update.log" >&2
		return 1
	}
	echo "fetch-busybox: downloading $PKG" >&2
	(cd "$APT_DIR" && apt-get "${APT_OPTS[@]}" -qq download "$PKG" >&2) || return 1
	ls "$APT_DIR"/${PKG}_*.deb | head -1
}

# pkg_field PACKAGES NAME FIELD: one field of one stanza of a Packages file.
pkg_field() {
	awk -v p="$2" -v f="$3:" '$1 == "Package:" { cur = $2 }
		cur == p && $1 == f { sub(/^[^:]*: /, ""); print; exit }' "$1"
}

# deb_by_helper MIRROR: the same .deb through apt-helper, checked against
# the SHA256 of the Packages file.
deb_by_helper() {
	local idx="$APT_DIR/Packages" file sum
	local get=(/usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file)
	"${get[@]}" "$1/dists/trixie/main/binary-riscv64/Packages.gz" "$idx.gz" >&2 ||
		return 1
	gzip -dc "$idx.gz" > "$idx" || return 1
	file=$(pkg_field "$idx" "$PKG" Filename)
	sum=$(pkg_field "$idx" "$PKG" SHA256)
	[ -n "$file" ] && [ -n "$sum" ] || return 1
	echo "fetch-busybox: downloading $PKG" >&2
	"${get[@]}" "$1/$file" "$APT_DIR/${file##*/}" "SHA256:$sum" >&2 || return 1
	echo "$APT_DIR/${file##*/}"
}

mirror=$(apt_mirror)
rm -rf "$APT_DIR" && mkdir -p "$APT_DIR"
echo "fetch-busybox: fetching Debian trixie's riscv64 $PKG (private apt state)"
deb=$(deb_by_apt "$mirror") || {
	echo "fetch-busybox: apt-get path failed; reading the index with apt-helper"
	deb=$(deb_by_helper "$mirror")
} || die "cannot download $PKG (offline? the mirror is read from /etc/apt)"
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
