# Buffer heads and block device files on virtio-blk (ktest=bdev): a 16 MiB
# GPT disk over a pattern (sector s starts "rivet-bdev sector %08d\n", the
# rest is the byte s & 0xff), vda1 at 2048 (4 MiB), vda2 from 10240. The
# kernel reads vda1's blocks with __bread in three block sizes, /dev/vda
# through def_blk_fops and kernel_read (twice: the second from the cache),
# and writes 8 KiB at vda2's byte 4096 that reach the disk at the last
# close; the host checks exactly those 16 sectors changed. Then read-only.

BSECTORS=32768

# mkbdevimg FILE: the pattern, then the GPT over it.
mkbdevimg() {
	timeout 60 python3 - "$1" "$BSECTORS" <<'PY' || return 1
import sys
with open(sys.argv[1], "wb") as f:
    for s in range(int(sys.argv[2])):
        h = b"rivet-bdev sector %08d\n" % s
        f.write(h + bytes([s & 0xff]) * (512 - len(h)))
PY
	/usr/sbin/sgdisk -n 1:2048:10239 -n 2:10240:0 "$1" >/dev/null
}

# checkbdev FILE WRITTEN: 0 if sectors 2048.. hold the pattern, except
# 10248-10263 (vda2's bytes 4096..12287) when WRITTEN is 1.
checkbdev() {
	timeout 60 python3 - "$1" "$BSECTORS" "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = []
for s in range(2048, int(sys.argv[2]) - 34):
    if sys.argv[3] == "1" and 10248 <= s < 10264:
        h = b"rivet-bdev written %08d\n" % s
        want = h + bytes([(0x5a ^ s) & 0xff]) * (512 - len(h))
    else:
        h = b"rivet-bdev sector %08d\n" % s
        want = h + bytes([s & 0xff]) * (512 - len(h))
    if data[s * 512:(s + 1) * 512] != want:
        bad.append(s)
print("sectors differing from expectation:", bad[:10])
sys.exit(1 if bad else 0)
PY
}

# boot_bdev NAME IMG DRIVE-OPTS
boot_bdev() {
	APPEND="console=ttyS0 ktest=bdev poweroff_after=100" TIMEOUT=90 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" \
		-drive "file=$2,format=raw,if=none,id=d0$3" -device virtio-blk-device,drive=d0 \
		</dev/null >"$LOGDIR/$1.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$1.log"
}

img=$LOGDIR/bdev.img
if ! mkbdevimg "$img"; then
	not_ok "bdev: could not make the GPT pattern image"
	exit 1
fi
cp "$img" "$LOGDIR/bdev-ro.img"

boot_bdev bdev "$img" ""
log=$LOGDIR/bdev.log
expect_rc 0 "bdev: boot powers off cleanly"
expect "$log" "ktest: 4 passed, 0 failed" "bdev: four bdev ktests, none failed"
expect_not "$log" "Kernel panic|WARNING|skipped|Buffer I/O error" "bdev: no panic, no I/O error, nothing skipped"
expect "$log" "bdev: bread: vda1 block 5 of 1024, 2048 and 4096 bytes matches, cached" \
	"bdev: __bread through blkdev_get_by_path in three block sizes"
expect "$log" "bdev: highmem_buffers: b_data holds offsets 0..3072" "bdev: highmem buffers keep offsets (seed 002)"
expect "$log" "bdev: read_file: 64 KiB of /dev/vda via kernel_read match; again: 0 new reads" \
	"bdev: /dev/vda reads through the page cache, the second from memory"
expect "$log" "bdev: write_file: 8 KiB into vda2's cache, 0 writes before the close" \
	"bdev: a write stays in the cache"
expect "$log" "bdev: write_file: the last close wrote it \([0-9]+ requests\) and dropped the cache" \
	"bdev: the last close writes it back (blkdev_put -> filemap_write_and_wait)"
if out=$(checkbdev "$img" 1); then
	ok "bdev: exactly vda2's sectors 8..23 changed on the image"
else
	not_ok "bdev: image after the tests: $out"
fi

boot_bdev bdev-ro "$LOGDIR/bdev-ro.img" ",readonly=on"
log=$LOGDIR/bdev-ro.log
expect_rc 0 "bdev-ro: boot powers off cleanly"
expect "$log" "ktest: 4 passed, 0 failed" "bdev-ro: four bdev ktests, none failed"
expect "$log" "bdev: write_file: a write open of read-only vda2: -30" "bdev-ro: a write open is -EROFS"
if out=$(checkbdev "$LOGDIR/bdev-ro.img" 0); then
	ok "bdev-ro: the image is unchanged"
else
	not_ok "bdev-ro: image changed: $out"
fi
