# The block layer on virtio-blk (ktest=block): a 16 MiB GPT disk made by
# sgdisk over a pattern (sector s starts "rivet-block sector %08d\n", the
# rest is the byte s & 0xff), partitions vda1..vda4 at 2048, 10240, 18432,
# 22528. The kernel reads through submit_bio, merges, flushes, writes vda3's
# first 8 sectors with PREFLUSH|FUA (the host checks exactly those changed),
# fails accesses past vda1's end, and prints /proc/partitions and
# /proc/diskstats, whose lines are checked here. Then the same disk read-only.

BSECTORS=32768

# mkblockimg FILE: the pattern, then the GPT over it.
mkblockimg() {
	timeout 60 python3 - "$1" "$BSECTORS" <<'PY' || return 1
import sys
with open(sys.argv[1], "wb") as f:
    for s in range(int(sys.argv[2])):
        h = b"rivet-block sector %08d\n" % s
        f.write(h + bytes([s & 0xff]) * (512 - len(h)))
PY
	/usr/sbin/sgdisk -n 1:2048:10239 -n 2:10240:18431 -n 3:18432:22527 -n 4:22528:0 \
		"$1" >/dev/null
}

# checkblock FILE WRITTEN: 0 if sectors 2048.. hold the pattern, except
# 18432-18439 written by the FUA test when WRITTEN is 1.
checkblock() {
	timeout 60 python3 - "$1" "$BSECTORS" "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = []
for s in range(2048, int(sys.argv[2]) - 34):
    if sys.argv[3] == "1" and 18432 <= s < 18440:
        h = b"rivet-block written %08d\n" % s
        want = h + bytes([(0x5a ^ s) & 0xff]) * (512 - len(h))
    else:
        h = b"rivet-block sector %08d\n" % s
        want = h + bytes([s & 0xff]) * (512 - len(h))
    if data[s * 512:(s + 1) * 512] != want:
        bad.append(s)
print("sectors differing from expectation:", bad[:10])
sys.exit(1 if bad else 0)
PY
}

# boot_block NAME IMG DRIVE-OPTS
boot_block() {
	APPEND="console=ttyS0 ktest=block poweroff_after=100" TIMEOUT=90 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" \
		-drive "file=$2,format=raw,if=none,id=d0$3" -device virtio-blk-device,drive=d0 \
		</dev/null >"$LOGDIR/$1.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$1.log"
}

img=$LOGDIR/block.img
if ! mkblockimg "$img"; then
	not_ok "block: could not make the GPT pattern image"
	exit 1
fi
cp "$img" "$LOGDIR/block-ro.img"

boot_block block "$img" ""
log=$LOGDIR/block.log
expect_rc 0 "block: boot powers off cleanly"
expect "$log" "ktest: 6 passed, 0 failed" "block: six block ktests, none failed"
expect_not "$log" "Kernel panic|WARNING|I/O checks skipped" "block: no panic, the I/O tests ran"
expect "$log" "^\[ *[0-9.]+\] vda: vda1 vda2 vda3 vda4$" "block: add_disk prints the partitions line"
expect "$log" "read_highmem: 18 sectors into 2 lowmem pages and a highmem page match" \
	"block: submit_bio reads into lowmem and highmem pages match the pattern"
expect "$log" "block: merge: 8 bios, 1 requests, 7 merged" "block: 8 adjacent bios (back and front) make one request"
expect "$log" "block: merge: 32 bios, 2 requests \(max_segments 16\)" "block: max_segments splits 32 bios into 2 requests"
expect "$log" "block: flush: PREFLUSH\|FUA write: 3 requests \(write cache on\)" \
	"block: PREFLUSH|FUA write is flush, write, flush on a write-cache disk"
expect "$log" "vda1: attempt to access beyond end of device" "block: the access past vda1's end is reported"
expect "$log" "block: partition: vda2 sector 0 is disk sector 10240; past vda1's end -EIO, vda2 unchanged" \
	"block: partition remap and end check"
# /proc/partitions: header, blank line, then "%4d  %7d %10llu %s".
expect "$log" "^major minor  #blocks  name$" "block: /proc/partitions header"
expect "$log" "^ 254        0      16384 vda$" "block: /proc/partitions line of vda"
expect "$log" "^ 254        2       4096 vda2$" "block: /proc/partitions line of vda2"
expect "$log" "^ 254        4       [0-9]{4} vda4$" "block: /proc/partitions line of vda4"
# /proc/diskstats: "%4d %7d %s" and 11 counters (Linux 4.x).
expect "$log" "^ 254       0 vda( [0-9]+){11}$" "block: /proc/diskstats line of vda, 14 fields"
expect "$log" "^ 254       3 vda3 [0-9]+ 0 [0-9]+ [0-9]+ 1 0 8( [0-9]+){4}$" \
	"block: /proc/diskstats of vda3: one write of 8 sectors"
expect "$log" "^ 254       0 vda [0-9]+ 37 " "block: vda's reads merged: 7 + 30"
if out=$(checkblock "$img" 1); then
	ok "block: only vda3's first 8 sectors changed on the image"
else
	not_ok "block: image after the tests: $out"
fi

boot_block block-ro "$LOGDIR/block-ro.img" ",readonly=on"
log=$LOGDIR/block-ro.log
expect_rc 0 "block-ro: boot powers off cleanly"
expect "$log" "ktest: 6 passed, 0 failed" "block-ro: six block ktests, none failed"
expect "$log" "block: readonly: write to vda4 -EROFS" "block-ro: a write to a read-only disk ends -EROFS"
if out=$(checkblock "$LOGDIR/block-ro.img" 0); then
	ok "block-ro: the image is unchanged"
else
	not_ok "block-ro: image changed: $out"
fi
