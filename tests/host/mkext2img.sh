#!/usr/bin/env bash
# Makes the ext2 test images (tests/host/test_ext2.c, tests/qemu/t_ext2.sh)
# in DIR with Debian's mke2fs and debugfs, from source trees whose files'
# CRC-32s are written to DIR/<tree>.manifest:
#   f CRC32 SIZE PATH   a regular file        l TARGET PATH   a symlink
#   d COUNT PATH        a directory of COUNT entries (without . and ..)
# Trees: "big" (with a file one byte into the triple-indirect range at
# 1 KiB blocks, 12 + 256 + 65536 blocks + 1 byte), "small" (the same
# without it). Both have a sparse file, a 5000-entry directory, a fast and
# a slow symlink, nested and empty directories.
#   mkext2img.sh DIR [qemu]     (qemu: only qemu.img, which t_ext2.sh boots,
#                                with the manifest as its /MANIFEST)
set -eu
dir=$1
what=${2:-all}
export PATH=$PATH:/usr/sbin:/sbin
mkdir -p "$dir"
cd "$dir"

# tree NAME BIG: the source tree NAME/ and NAME.manifest (python: content is reproducible).
tree() {
	rm -rf "$1"
	timeout 120 python3 - "$1" "$2" <<'PY'
import os, random, sys, zlib
root, big = sys.argv[1], sys.argv[2] == "1"
man = []
rnd = random.Random(7)

def data(n, seed):
    r = random.Random(seed)
    block = r.randbytes(65536)
    out = bytearray()
    i = 0
    while len(out) < n:
        out += i.to_bytes(8, "little") + block[8:]
        i += 1
    return bytes(out[:n])

def put(path, content):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(content)
    man.append("f %08x %d %s" % (zlib.crc32(content), len(content), path))

os.makedirs(root)
put("hello.txt", b"hello, ext2\n")
for i, n in enumerate([0, 1, 511, 1023, 1024, 1025, 2048, 4095, 4096, 4097,
                       12 * 1024, 12 * 1024 + 1, 12 * 4096, 12 * 4096 + 1, 300000, 1 << 20]):
    put("small/f%02d" % i, data(n, i))
put("mid", data(6 << 20, 99))
# A sparse file: data at 0, 1 MiB, 9 MiB (double indirect at 1 KiB blocks), a tail.
p = os.path.join(root, "sparse")
img = bytearray(10 * (1 << 20) + 7)
for off, n in [(0, 4096), (1 << 20, 3000), (9 << 20, 8192), (len(img) - 7, 7)]:
    img[off:off + n] = data(n, off)
with open(p, "wb") as f:
    for off, n in [(0, 4096), (1 << 20, 3000), (9 << 20, 8192), (len(img) - 7, 7)]:
        f.seek(off)
        f.write(img[off:off + n])
man.append("f %08x %d %s" % (zlib.crc32(bytes(img)), len(img), "sparse"))
if big:
    put("big", data((12 + 256 + 65536) * 1024 + 1, 1234))
os.makedirs(os.path.join(root, "dir5000"))
for i in range(5000):
    content = (b"entry %d\n" % i) if i % 500 == 0 else b""
    put("dir5000/entry-%04d" % i, content)
man.append("d 5000 dir5000")
put("a/b/c/d/deep.txt", b"deep\n")
os.makedirs(os.path.join(root, "empty"))
man.append("d 0 empty")
os.symlink("hello.txt", os.path.join(root, "link-fast"))
man.append("l hello.txt link-fast")
slow = "./" * 95 + "hello.txt"
os.symlink(slow, os.path.join(root, "link-slow"))
man.append("l %s link-slow" % slow)
with open(root + ".manifest", "w") as f:
    f.write("\n".join(man) + "\n")
PY
}

# mk IMAGE MIB TREE MKE2FS-OPTIONS...: an image of MIB MiB populated from TREE.
mk() {
	local img=$1 mib=$2 src=$3
	shift 3
	rm -f "$img"
	truncate -s "${mib}M" "$img"
	mke2fs -q -F "$@" ${src:+-d "$src"} "$img" >/dev/null
}

# bmap IMAGE PATH N: the disk block of file block N of PATH.
bmap() { debugfs -R "bmap $2 $3" "$1" 2>/dev/null; }
# blocksize IMAGE
blocksize() { dumpe2fs -h "$1" 2>/dev/null | awk '/^Block size:/ { print $3 }'; }

# poke IMAGE OFFSET HEX-BYTES: overwrites bytes of the image.
poke() { printf "$(echo "$3" | sed 's/\(..\)/\\x\1/g')" |
	dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

if [ "$what" = qemu ]; then
	tree small 0
	cp small.manifest small/MANIFEST
	mk qemu.img 64 small -t ext2 -b 1024 -I 128
	exit 0
fi

tree big 1
tree small 0
# The good images: revisions, block and inode sizes, features.
mk r1-1k-128.img 128 big -t ext2 -b 1024 -I 128
mk r1-2k-256.img 48 small -t ext2 -b 2048 -I 256
mk r1-4k-256.img 48 small -t ext2 -b 4096 -I 256
mk r0-1k.img 48 small -t ext2 -r 0 -b 1024
mk nofiletype-4k.img 48 small -t ext2 -b 4096 -O ^filetype
mk flexbg-1k.img 48 small -t ext2 -b 1024 -O flex_bg
# Small ones to fill: blocks (1 KiB blocks, 5% reserved) and inodes (-N 64).
mk full-1k.img 2 "" -t ext2 -b 1024
mk fullino-4k.img 4 "" -t ext2 -b 4096 -N 64
# ext3 (a journal: read-only), ext4 (extents, 64bit: refused), needs_recovery (refused).
mk ext3.img 8 "" -t ext3 -b 1024
mk ext4.img 8 "" -t ext4
cp ext3.img recover.img
debugfs -w -R "feature needs_recovery" recover.img >/dev/null 2>&1

# Damaged copies of r1-2k-256.img: each has one fault.
bs=$(blocksize r1-2k-256.img)
cp r1-2k-256.img bad-reclen.img
blk=$(bmap bad-reclen.img /a/b 0)
# The second entry ("..") of /a/b's first block: rec_len 8, under the minimum.
poke bad-reclen.img $((blk * bs + 12 + 4)) 0800
cp r1-2k-256.img bad-reclen2.img
blk=$(bmap bad-reclen2.img /a/b 0)
# The first entry (".") of that block: rec_len 13, not a multiple of 4.
poke bad-reclen2.img $((blk * bs + 4)) 0d00
cp r1-2k-256.img bad-block.img
debugfs -w -R "sif /small/f05 block[0] 99999999" bad-block.img >/dev/null 2>&1
cp r1-2k-256.img bad-incompat.img
debugfs -w -R "ssv feature_incompat 0x10002" bad-incompat.img >/dev/null 2>&1
cp r1-2k-256.img bad-rocompat.img
debugfs -w -R "ssv feature_ro_compat 0x1003" bad-rocompat.img >/dev/null 2>&1
cp r1-2k-256.img bad-sbfree.img
debugfs -w -R "ssv free_blocks_count 4000000000" bad-sbfree.img >/dev/null 2>&1
cp r1-2k-256.img bad-bgfree.img
debugfs -w -R "set_bg 1 free_blocks_count 60000" bad-bgfree.img >/dev/null 2>&1
cp r1-2k-256.img bad-bitmap.img
blk=$(bmap bad-bitmap.img /small/f09 0)
debugfs -w -R "freeb $blk" bad-bitmap.img >/dev/null 2>&1
echo "$blk" > bad-bitmap.block
cp r1-2k-256.img bad-loop.img
debugfs -w -R "ln /a /a/b/c/loop" bad-loop.img >/dev/null 2>&1
cp r1-2k-256.img bad-itable.img
it=$(dumpe2fs r1-2k-256.img 2>/dev/null | awk '/^Group 0:/ { g = 1 } g && /Inode table at/ { split($4, r, "-"); print r[1]; exit }')
debugfs -w -R "freeb $it" bad-itable.img >/dev/null 2>&1
echo "$it" > bad-itable.block
echo ok > done
