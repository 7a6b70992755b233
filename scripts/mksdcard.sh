#!/usr/bin/env bash
# Build a boot image (docs/boards.md "SD card images"): GPT with
#   p1 spl    sectors 4096-8191   type 2E54B353-... (the JH7110 BootROM's SPL)
#   p2 uboot  sectors 8192-16383  type BC13C2FF-... (the FIT the SPL loads)
#   p3 boot   32 MiB FAT, legacy-BIOS-bootable: /Image, /extlinux/extlinux.conf,
#             extra files (DTBs, uEnv.txt)
#   p4 root   ext2 made by mke2fs -d from a staging folder, to 1 MiB before the end
# on a card of a power-of-two size (QEMU's sd-card wants one), the backup GPT
# in its last sectors. One layout for every board: p1/p2 stay empty (zeros)
# unless --spl/--itb are given, so root is always partition 4.
#   mksdcard.sh [OPTION]... OUT.img IMAGE EXTLINUX_CONF [ROOT_DIR] [APPEND]
# Options:
#   --spl FILE        written raw into p1 (at most 2 MiB)
#   --itb FILE        written raw into p2 (at most 4 MiB)
#   --fat SRC=DEST    SRC copied into the FAT as DEST (DEST ending in / keeps
#                     SRC's name); folders are made as needed
#   --uenv FILE       FILE copied into the FAT as /uEnv.txt
#   --size MIB        card size, a power of two (default 128)
#   --bmap            also write OUT.bmap when bmaptool is installed
# APPEND, if given, replaces the kernel command line: the append line(s) of
# the image's extlinux.conf and the bootargs= line of its uEnv.txt.
set -eu
export PATH=$PATH:/usr/sbin:/sbin

die() { echo "mksdcard: $*" >&2; exit 1; }

spl="" itb="" uenv="" size_mib=128 bmap=0
fat_files=()
while [ $# -gt 0 ]; do
	case $1 in
	--spl) spl=${2:?--spl FILE}; shift 2 ;;
	--itb) itb=${2:?--itb FILE}; shift 2 ;;
	--fat) fat_files+=("${2:?--fat SRC=DEST}"); shift 2 ;;
	--uenv) uenv=${2:?--uenv FILE}; shift 2 ;;
	--size) size_mib=${2:?--size MIB}; shift 2 ;;
	--bmap) bmap=1; shift ;;
	--) shift; break ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -ge 3 ] || die "usage: mksdcard.sh [OPTION]... OUT.img IMAGE EXTLINUX_CONF [ROOT_DIR] [APPEND]"
out=$1 image=$2 conf=$3 rootdir=${4:-} append=${5:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# replace_line FILE ERE SEP TEXT WHAT: FILE with every line matching ERE
# replaced by the ERE's first group, SEP and TEXT, taken literally (quotes,
# '|', '&' and '\' included). Fails if no line matches (WHAT names it).
replace_line() {
	local line found=0
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line =~ $2 ]]; then
			printf '%s%s%s\n' "${BASH_REMATCH[1]}" "$3" "$4"
			found=1
		else
			printf '%s\n' "$line"
		fi
	done <"$1"
	[ "$found" = 1 ] || { echo "mksdcard: no $5 line in $1" >&2; return 1; }
}

# replace_append CONF TEXT: every "append ..." line's arguments become TEXT.
replace_append() {
	replace_line "$1" '^([[:space:]]*append)([[:space:]]|$)' ' ' "$2" append
}

# replace_bootargs UENV TEXT: the "bootargs=" line is set to TEXT.
replace_bootargs() {
	replace_line "$1" '^(bootargs=)' '' "$2" bootargs=
}

# fat_put FAT SRC DEST: copy SRC to DEST in FAT, making DEST's folders.
fat_put() {
	local fat=$1 src=$2 dest=$3 dir="" part
	[ -f "$src" ] || die "no file $src"
	case $dest in
	*/) dest=$dest$(basename "$src") ;;
	/*) ;;
	*) dest=/$dest ;;
	esac
	IFS=/ read -ra parts <<<"${dest#/}"
	for part in "${parts[@]:0:${#parts[@]}-1}"; do
		dir=$dir/$part
		mmd -D s -i "$fat" "::$dir" 2>/dev/null || true
	done
	mcopy -o -i "$fat" "$src" "::$dest"
}

# put_raw FILE FIRST LAST: FILE into sectors FIRST..LAST of the image.
put_raw() {
	local bytes=$(( ($3 - $2 + 1) * 512 ))
	[ -f "$1" ] || die "no file $1"
	[ "$(stat -c %s "$1")" -le "$bytes" ] || die "$1 is larger than its $bytes-byte partition"
	dd if="$1" of="$out" bs=512 seek="$2" conv=notrunc status=none
}

# Sectors (512 B). Every start is 1 MiB aligned, so the file systems are
# written in 1 MiB blocks with conv=sparse (zero blocks stay holes).
(( size_mib >= 64 && (size_mib & (size_mib - 1)) == 0 )) ||
	die "--size $size_mib: not a power of two of at least 64 MiB"
boot_mib=32
spl_start=4096 spl_end=8191
itb_start=8192 itb_end=16383
boot_start=16384
boot_end=$((boot_start + boot_mib * 2048 - 1))
root_start=$((boot_end + 1))
root_end=$((size_mib * 2048 - 2048 - 1))
root_kib=$(((root_end - root_start + 1) / 2))
total=$((size_mib * 1048576))

rm -f "$out"
truncate -s "$total" "$out"
sgdisk -o \
	-n 1:$spl_start:$spl_end -c 1:spl -t 1:2E54B353-1271-4842-806F-E436D6AF6985 \
	-n 2:$itb_start:$itb_end -c 2:uboot -t 2:BC13C2FF-59E6-4262-A352-B275FD6F7172 \
	-n 3:$boot_start:$boot_end -c 3:boot -t 3:EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 \
	-A 3:set:2 \
	-n 4:$root_start:$root_end -c 4:root -t 4:0FC63DAF-8483-4772-8E79-3D69D8477DE4 \
	"$out" >/dev/null
[ -n "$spl" ] && put_raw "$spl" $spl_start $spl_end
[ -n "$itb" ] && put_raw "$itb" $itb_start $itb_end

# FAT boot partition.
mkfs.vfat -C -n BOOT "$tmp/boot.fat" $((boot_mib * 1024)) >/dev/null
if [ -n "$append" ]; then
	replace_append "$conf" "$append" >"$tmp/extlinux.conf"
else
	cp "$conf" "$tmp/extlinux.conf"
fi
fat_put "$tmp/boot.fat" "$tmp/extlinux.conf" /extlinux/extlinux.conf
fat_put "$tmp/boot.fat" "$image" /Image
if [ -n "$uenv" ]; then
	if [ -n "$append" ]; then
		replace_bootargs "$uenv" "$append" >"$tmp/uEnv.txt"
	else
		cp "$uenv" "$tmp/uEnv.txt"
	fi
	fat_put "$tmp/boot.fat" "$tmp/uEnv.txt" /uEnv.txt
fi
for f in ${fat_files[@]+"${fat_files[@]}"}; do
	[[ $f == *=* ]] || die "--fat $f: expected SRC=DEST"
	fat_put "$tmp/boot.fat" "${f%%=*}" "${f#*=}"
done
dd if="$tmp/boot.fat" of="$out" bs=1M seek=$((boot_start / 2048)) \
	conv=notrunc,sparse status=none

# ext2 root partition from a staging folder.
mkdir -p "$tmp/root"
if [ -n "$rootdir" ] && [ -d "$rootdir" ]; then
	cp -a "$rootdir/." "$tmp/root/"
fi
echo "rivet root file system" > "$tmp/root/RIVET"
mke2fs -q -t ext2 -b 4096 -L root -d "$tmp/root" "$tmp/root.ext2" "${root_kib}k" >/dev/null ||
	die "the root folder does not fit a ${root_kib} KiB ext2 partition"
dd if="$tmp/root.ext2" of="$out" bs=1M seek=$((root_start / 2048)) \
	conv=notrunc,sparse status=none

if [ "$bmap" = 1 ]; then
	rm -f "$out.bmap"
	if command -v bmaptool >/dev/null; then
		bmaptool create -o "$out.bmap" "$out"
	fi
fi
echo "sdcard: $out ($size_mib MiB)"
