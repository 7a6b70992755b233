#!/usr/bin/env bash
# Fetch the real device trees the host tests read into CACHE_DIR (git-ignored):
#   qemu-virt.dtb, qemu-virt-3g-smp2.dtb  dumped by this machine's QEMU
#   visionfive2.dtb, visionfive1.dtb      from Debian trixie's riscv64 kernel
#   starfive/*.dtb                        the same kernel's VisionFive 2 (v1.2a,
#                                         v1.3b) and VisionFive DTBs under their
#                                         own names, for the board images
# The kernel package is reached with a private apt configuration under
# CACHE_DIR/apt (scripts/debian-riscv64.sh), so the machine's own apt state
# is never touched. The mirror is read from the machine's apt sources at
# run time. Idempotent.
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

. "$(dirname "$0")/debian-riscv64.sh"
APT_DIR="$CACHE/apt"

# kernel_pkg apt|index: the versioned kernel package linux-image-riscv64
# depends on, from apt-cache depends' lines or the index's Depends field.
kernel_pkg() {
	if [ "$1" = apt ]; then
		awk '/Depends: linux-image-[0-9][^ ]*-riscv64$/ {print $2; exit}'
	else
		awk '{print $1}'
	fi
}

# The board images' DTBs (make sdcard BOARD=...), kept under starfive/.
BOARD_DTBS="jh7110-starfive-visionfive-2-v1.2a.dtb jh7110-starfive-visionfive-2-v1.3b.dtb
jh7100-starfive-visionfive-v1.dtb"

# fetch_debian_dtbs: download the trixie riscv64 kernel and take its DTBs.
fetch_debian_dtbs() {
	local deb d tmp="$APT_DIR/x"
	deb=$(deb_fetch linux-image-riscv64 fetch-dtbs kernel_pkg) ||
		die "cannot download linux-image-riscv64's kernel package"
	mkdir -p "$tmp" "$CACHE/starfive"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards \
		$(for d in $BOARD_DTBS; do echo "*/starfive/$d"; done) ||
		die "DTBs not found in $deb"
	for d in $BOARD_DTBS; do
		cp "$(find "$tmp" -name "$d" | head -1)" "$CACHE/starfive/$d" ||
			die "no $d in $deb"
	done
	cp "$(find "$tmp" -name 'jh7110-starfive-visionfive-2-v1.3b.dtb' | head -1)" \
		"$CACHE/visionfive2.dtb" || die "no VisionFive 2 DTB in $deb"
	cp "$(find "$tmp" -name 'jh7100-starfive-visionfive-v1.dtb' | head -1)" \
		"$CACHE/visionfive1.dtb" || die "no VisionFive DTB in $deb"
	echo "fetch-dtbs: wrote visionfive2.dtb, visionfive1.dtb from ${deb##*/}"
	rm -rf "$APT_DIR"
}

dump_qemu qemu-virt.dtb -m 256M -smp 1
dump_qemu qemu-virt-3g-smp2.dtb -m 3G -smp 2
missing=0
for d in visionfive2.dtb visionfive1.dtb $(printf 'starfive/%s ' $BOARD_DTBS); do
	[ -s "$CACHE/$d" ] || missing=1
done
if [ "$missing" = 1 ]; then
	command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
		die "apt-get and dpkg-deb are needed to fetch the VisionFive DTBs"
	fetch_debian_dtbs
fi
exit 0
