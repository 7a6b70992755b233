#!/usr/bin/env bash
# Fetch Debian trixie's riscv64 Linux kernel for the rivet-beside-Linux
# benchmark (docs/bench.md) into CACHE_DIR (git-ignored):
#   vmlinux        the kernel Image (boot/vmlinux-*: an Image with an EFI stub)
#   config         its build configuration (boot/config-*)
#   modules/*.ko   virtio_mmio, virtio_blk, ext4, crc32c and every module they need,
#                  decompressed, and modules/load.list: their load order
#                  (dependencies first)
#   version        the package and the kernel release
# linux-image-riscv64 is a metapackage; the real kernel is the versioned
# linux-image-6.12.*-riscv64 it depends on. Both are reached as fetch-dtbs.sh
# reaches them (scripts/debian-riscv64.sh: a private apt state under
# CACHE_DIR, the mirror read from the machine's apt sources at run time).
# A module the configuration builds in (=y) needs no file and is skipped.
# Idempotent: nothing is fetched when CACHE_DIR/version exists.
#   fetch-linux.sh CACHE_DIR
set -eu

CACHE=${1:?usage: fetch-linux.sh CACHE_DIR}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
# ext4 asks the crypto API for "crc32c" when it mounts; with no modprobe in
# the initramfs nothing would load it on demand, so it is listed here.
WANTED="virtio_mmio virtio_blk ext4 crc32c_generic"

die() { echo "fetch-linux: $*" >&2; exit 1; }

[ -s "$CACHE/version" ] && [ -s "$CACHE/vmlinux" ] && exit 0

for t in apt-get dpkg-deb xz tar; do
	command -v $t >/dev/null || die "$t is needed (run 'make deps')"
done

. "$(dirname "$0")/debian-riscv64.sh"
APT_DIR="$CACHE/apt"

# versioned_kernel apt|index: the linux-image-6.12.*-riscv64 package named
# by apt-cache depends' lines (apt) or by the index's Depends field (index).
versioned_kernel() {
	if [ "$1" = apt ]; then
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9].*-riscv64$/ { print $2; exit }'
	else
		tr ',' '\n' | awk '$1 ~ /^linux-image-[0-9].*-riscv64$/ { print $1; exit }'
	fi
}

# modinfo_depends KO: the "depends=" list of a decompressed module, as words.
modinfo_depends() {
	tr '\0' '\n' < "$1" | awk -F= '$1 == "depends" { gsub(/,/, " ", $2); print $2; exit }'
}

# module_closure MODDIR NAME...: the modules NAME... need, as file names
# under $CACHE/modules, each after those it depends on. The package ships
# no modules.dep (depmod writes it when the package is installed), so the
# dependencies come from each module's own modinfo "depends=" field (what
# modpost recorded from the symbols it imports); each module is decompressed
# into $CACHE/modules on the way.
module_closure() {
	local moddir=$1 m f n d; shift
	for m in "$@"; do
		case " $CLOSURE_SEEN " in *" $m "*) continue ;; esac
		CLOSURE_SEEN="$CLOSURE_SEEN $m"
		f=$(awk -v m="$m" '{ b = $0; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b)
			gsub(/-/, "_", b); if (b == m) { print; exit } }' "$CACHE/modules/all.list")
		[ -n "$f" ] || die "no module file for $m"
		n=${f##*/}; n=${n%.xz}; n=${n%.gz}
		case $f in
		*.ko.xz) xz -dc "$moddir/$f" > "$CACHE/modules/$n" ;;
		*.ko.gz) gzip -dc "$moddir/$f" > "$CACHE/modules/$n" ;;
		*.ko) cp "$moddir/$f" "$CACHE/modules/$n" ;;
		*) die "cannot decompress $f" ;;
		esac
		for d in $(modinfo_depends "$CACHE/modules/$n"); do
			module_closure "$moddir" "$(echo "$d" | tr - _)"
		done
		echo "$n" >> "$CACHE/modules/load.list"
	done
}

# config_state NAME: y, m or n for the CONFIG_ symbol that builds NAME.
config_state() {
	local sym
	case $1 in
	virtio_mmio) sym=CONFIG_VIRTIO_MMIO ;;
	virtio_blk) sym=CONFIG_VIRTIO_BLK ;;
	ext4) sym=CONFIG_EXT4_FS ;;
	crc32c_generic) sym=CONFIG_CRYPTO_CRC32C ;;
	*) sym=CONFIG_$(echo "$1" | tr a-z A-Z) ;;
	esac
	awk -F= -v s="$sym" '$1 == s { print $2; found = 1; exit } END { if (!found) print "n" }' \
		"$CACHE/config"
}

deb=$(deb_fetch linux-image-riscv64 fetch-linux versioned_kernel) ||
	die "cannot download linux-image-riscv64's kernel package (offline? the mirror is read from /etc/apt)"
x="$APT_DIR/x"
mkdir -p "$x"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$x" --wildcards \
	'./boot/vmlinux-*' './boot/config-*' '*/kernel/*' ||
	die "no kernel, config or modules in $deb"
kimg=$(ls "$x"/boot/vmlinux-* | head -1)
kver=${kimg##*/vmlinux-}
moddir=$(find "$x" -type d -path "*/modules/$kver" | head -1)
[ -n "$moddir" ] || die "no modules folder for $kver in $deb"
cp "$x"/boot/config-"$kver" "$CACHE/config.tmp" && mv "$CACHE/config.tmp" "$CACHE/config"

# Which of the wanted drivers are modules; the rest must be built in.
mods=""
for m in $WANTED; do
	case $(config_state "$m") in
	y) echo "fetch-linux: $m is built into $kver" ;;
	m) mods="$mods $m" ;;
	*) die "$kver has no $m driver" ;;
	esac
done
rm -rf "$CACHE/modules" && mkdir -p "$CACHE/modules"
(cd "$moddir" && find . -name '*.ko*' | sed 's|^\./||') > "$CACHE/modules/all.list"
: > "$CACHE/modules/load.list"
CLOSURE_SEEN=""
module_closure "$moddir" $mods
rm -f "$CACHE/modules/all.list"
cp "$kimg" "$CACHE/vmlinux.tmp" && mv "$CACHE/vmlinux.tmp" "$CACHE/vmlinux"
printf '%s %s\n' "${deb##*/}" "$kver" > "$CACHE/version"
echo "fetch-linux: wrote vmlinux ($kver) and $(wc -l < "$CACHE/modules/load.list") modules:" \
	$(cat "$CACHE/modules/load.list")
rm -rf "$APT_DIR"
