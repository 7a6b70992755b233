#!/usr/bin/env bash
# Fetch the real device trees the host tests read into CACHE_DIR (git-ignored):
#   qemu-virt.dtb, qemu-virt-3g-smp2.dtb  dumped by this machine's QEMU
#   visionfive2.dtb, visionfive1.dtb      from Debian trixie's riscv64 kernel
# The kernel package is reached with a private apt configuration under
# CACHE_DIR/apt, so the machine's own apt state is never touched. The mirror
# is read from the machine's apt sources at run time. Idempotent.
set -eu

CACHE=${1:?usage: fetch-dtbs.sh CACHE_DIR}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

die() { echo "fetch-dtbs: $*" >&2; exit 1; }

# dump_qemu NAME QEMU-ARGS...: let QEMU write its generated virt DTB.
dump_qemu() {
	local out="$CACHE/$1"; shift
	[ -s "$out" ] && return 0
	command -v qemu-system-riscv64 >/dev/null ||
		die "qemu-system-riscv64 not found (run 'make deps')"
	# QEMU 7.2 exits right after dumping; the timeout covers newer ones.
	timeout 20 qemu-system-riscv64 -M "virt,dumpdtb=$out.tmp" "$@" \
		-nographic </dev/null >/dev/null 2>&1 || true
	[ -s "$out.tmp" ] || die "QEMU did not dump a DTB for $out"
	mv "$out.tmp" "$out"
	echo "fetch-dtbs: wrote $out"
}

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

# Private apt options: riscv64 only, lists/cache/status all under $CACHE/apt.
APT_DIR="$CACHE/apt"
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

# deb_by_apt: the kernel .deb through apt-get update/download, printed as
# a path. Fails when the mirror's index is out of step with its Release file.
deb_by_apt() {
	local mirror=$1 pkg
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	echo "deb [arch=riscv64 trusted=yes] $mirror trixie main" > "$APT_DIR/sources.list"
	: > "$APT_DIR/status"
	apt-get "${APT_OPTS[@]}" -qq update >"$APT_DIR/update.log" 2>&1 || {
		grep -m1 '^E:' "$APT_DIR/update.log" >&2
		return 1
	}
	pkg=$(apt-cache "${APT_OPTS[@]}" depends linux-image-riscv64 |
		awk '/Depends: linux-image-[0-9][^ ]*-riscv64$/ {print $2; exit}')
	[ -n "$pkg" ] || return 1
	echo "fetch-dtbs: downloading $pkg" >&2
	(cd "$APT_DIR" && apt-get "${APT_OPTS[@]}" -qq download "$pkg" >&2) || return 1
	ls "$APT_DIR"/linux-image-*.deb | head -1
}

# pkg_field PACKAGES NAME FIELD: one field of one stanza of a Packages file.
pkg_field() {
	awk -v p="$2" -v f="$3:" '$1 == "Package:" { cur = $2 }
		cur == p && $1 == f { sub(/^[^:]*: /, ""); print; exit }' "$1"
}

# deb_by_helper: the same .deb through apt-helper, reading the Packages file
# directly and checking the .deb against its SHA256 there.
deb_by_helper() {
	local mirror=$1 idx="$APT_DIR/Packages" pkg file sum
	local get=(/usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file)
	"${get[@]}" "$mirror/dists/trixie/main/binary-riscv64/Packages.gz" "$idx.gz" >&2 ||
		return 1
	gzip -dc "$idx.gz" > "$idx" || return 1
	pkg=$(pkg_field "$idx" linux-image-riscv64 Depends | awk '{print $1}')
	file=$(pkg_field "$idx" "$pkg" Filename)
	sum=$(pkg_field "$idx" "$pkg" SHA256)
	[ -n "$pkg" ] && [ -n "$file" ] && [ -n "$sum" ] || return 1
	echo "fetch-dtbs: downloading $pkg" >&2
	"${get[@]}" "$mirror/$file" "$APT_DIR/${file##*/}" "SHA256:$sum" >&2 || return 1
	echo "$APT_DIR/${file##*/}"
}

# fetch_debian_dtbs: download the trixie riscv64 kernel and take two DTBs.
fetch_debian_dtbs() {
	local mirror deb tmp="$APT_DIR/x"
	mirror=$(apt_mirror)
	rm -rf "$APT_DIR" && mkdir -p "$APT_DIR"
	echo "fetch-dtbs: fetching Debian trixie's riscv64 kernel (private apt state)"
	deb=$(deb_by_apt "$mirror") || {
		echo "fetch-dtbs: apt-get path failed; reading the index with apt-helper"
		deb=$(deb_by_helper "$mirror")
	} || die "cannot download linux-image-riscv64's kernel package"
	mkdir -p "$tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards \
		'*/starfive/jh7110-starfive-visionfive-2-v1.3b.dtb' \
		'*/starfive/jh7100-starfive-visionfive-v1.dtb' ||
		die "DTBs not found in $deb"
	cp "$(find "$tmp" -name 'jh7110-starfive-visionfive-2-v1.3b.dtb' | head -1)" \
		"$CACHE/visionfive2.dtb" || die "no VisionFive 2 DTB in $deb"
	cp "$(find "$tmp" -name 'jh7100-starfive-visionfive-v1.dtb' | head -1)" \
		"$CACHE/visionfive1.dtb" || die "no VisionFive DTB in $deb"
	echo "fetch-dtbs: wrote visionfive2.dtb, visionfive1.dtb from ${deb##*/}"
	rm -rf "$APT_DIR"
}

dump_qemu qemu-virt.dtb -m 256M -smp 1
dump_qemu qemu-virt-3g-smp2.dtb -m 3G -smp 2
if [ ! -s "$CACHE/visionfive2.dtb" ] || [ ! -s "$CACHE/visionfive1.dtb" ]; then
	command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
		die "apt-get and dpkg-deb are needed to fetch the VisionFive DTBs"
	fetch_debian_dtbs
fi
exit 0
