#!/usr/bin/env bash
# Make the partition test images (tests/host/test_partitions.c) in DIR with
# Debian's own tools, and write what those tools read back from each into
# DIR/expect.txt: "IMAGE PARTNO START SIZE NAME" (512-byte sectors).
#   mkpartimg.sh DIR
set -eu
dir=$1
export PATH=$PATH:/usr/sbin:/sbin
top=$PWD
mkdir -p "$dir"
cd "$dir"
dir=$PWD
: >expect.tmp

# new IMAGE MIB: an empty sparse disk.
new() { rm -f "$1"; truncate -s "$2M" "$1"; }

# expect_sfdisk IMAGE: the partitions as `sfdisk --dump` lists them.
expect_sfdisk() {
	local re='^[^ ]*[^0-9]([0-9]+) : start= *([0-9]+), size= *([0-9]+)(.*)$'
	local line name fields
	sfdisk --dump "$1" | while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		fields="${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"
		name=""
		[[ ${BASH_REMATCH[4]} =~ name=\"([^\"]*)\" ]] && name=${BASH_REMATCH[1]}
		echo "$1 $fields $name"
	done >>expect.tmp
}

# expect_fdisk4k IMAGE: the same from `fdisk -b 4096 -l` (4096-byte LBAs).
expect_fdisk4k() {
	fdisk -b 4096 -l -o Device,Start,Sectors "$1" |
		awk -v img="$1" '$1 ~ "^" img "[0-9]+$" {
			n = substr($1, length(img) + 1)
			print img, n, $2 * 8, $3 * 8, "" }' >>expect.tmp
}

# GPT: 1, 4 (named) and 128 entries in use.
new gpt1.img 4
sgdisk -o -n 1:2048:6143 gpt1.img >/dev/null
new gpt4.img 8
sgdisk -o -n 1:2048:+512 -c 1:spl -n 2:0:+1024 -c 2:"u-boot env" \
	-n 3:0:+1M -c 3:"a name of thirty-six characters long" \
	-n 4:0:0 -c 4:root gpt4.img >/dev/null
new gpt128.img 4
args=""
for i in $(seq 1 128); do args="$args -n $i:$((2048 + (i - 1) * 16)):+15 -c $i:p$i"; done
sgdisk -o -a 16 $args gpt128.img >/dev/null
# GPT on 4096-byte logical blocks (fdisk -b), and an MBR on them too.
new gpt4k.img 8
printf 'g\nn\n1\n256\n511\nn\n2\n512\n1023\nn\n3\n1024\n\nw\n' |
	fdisk -b 4096 gpt4k.img >/dev/null 2>&1
new mbr4k.img 8
printf 'o\nn\np\n1\n256\n511\nn\np\n2\n512\n\nw\n' |
	fdisk -b 4096 mbr4k.img >/dev/null 2>&1
# MBR: four primaries; one primary, an extended with three logical ones.
new mbr4.img 4
printf '%s\n' 'label: dos' 'start=2048, size=1024, type=83' \
	'start=3072, size=1024, type=c' 'start=4096, size=2048, type=83' \
	'start=6144, type=83' | sfdisk -q mbr4.img
new mbrext.img 4
printf '%s\n' 'label: dos' 'start=2048, size=1024, type=83' \
	'start=4096, type=5' 'start=4608, size=512, type=83' \
	'start=5632, size=1024, type=82' 'start=7168, type=83' | sfdisk -q mbrext.img
# No table at all.
new none.img 1
# The project's own boot image (scripts/mksdcard.sh), with a dummy kernel.
echo "not a kernel" >Image.dummy
( cd "$top" && bash scripts/mksdcard.sh "$dir/sdcard.img" "$dir/Image.dummy" \
	board/qemu-virt/extlinux.conf >/dev/null )

for i in gpt1 gpt4 gpt128 mbr4 mbrext sdcard; do expect_sfdisk $i.img; done
for i in gpt4k mbr4k; do expect_fdisk4k $i.img; done
mv expect.tmp expect.txt
