# virtio-mmio and virtio-blk: a pattern disk image (sector s starts
# "rivet-virtio sector %08d\n", the rest is the byte s & 0xff) read and
# written by ktest=virtio on the legacy transport (QEMU 7.2's default), the
# modern one (force-legacy=false), read-only, and with QEMU's blkdebug
# failing reads of sector 2000 (that request alone gets -EIO); the host
# checks that exactly sectors 1000-1003 hold what the kernel wrote. Without a disk the
# I/O tests say they were skipped. A network device gets one line.

SECTORS=32768	# 16 MiB

# mkpattern FILE: the pattern image; a host-side check of it follows.
mkpattern() {
	timeout 60 python3 - "$1" "$SECTORS" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    for s in range(int(sys.argv[2])):
        h = b"rivet-virtio sector %08d\n" % s
        f.write(h + bytes([s & 0xff]) * (512 - len(h)))
PY
}

# checkwritten FILE: 0 if sectors 1000-1003 are what test_virtio.c writes
# and every other sector is still the pattern; else says what differs.
checkwritten() {
	timeout 60 python3 - "$1" "$SECTORS" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = []
for s in range(int(sys.argv[2])):
    if 1000 <= s <= 1003:
        h = b"rivet-virtio written %08d\n" % s
        want = h + bytes([(0xa5 ^ s) & 0xff]) * (512 - len(h))
    else:
        h = b"rivet-virtio sector %08d\n" % s
        want = h + bytes([s & 0xff]) * (512 - len(h))
    if data[s * 512:(s + 1) * 512] != want:
        bad.append(s)
print("sectors differing from expectation:", bad[:10])
sys.exit(1 if bad or len(data) != int(sys.argv[2]) * 512 else 0)
PY
}

# boot_disk NAME IMG DRIVE-OPTS [QEMU ARGS...]: ktest=virtio with IMG as vda.
boot_disk() {
	local name=$1 img=$2 opts=$3; shift 3
	APPEND="console=ttyS0 ktest=virtio poweroff_after=100" TIMEOUT=90 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" \
		-drive "file=$img,format=raw,if=none,id=d0$opts" \
		-device virtio-blk-device,drive=d0 "$@" \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$name.log"
}

# ktest_results NAME: the ktest lines of the boot, all ok, six of them.
ktest_results() {
	local log=$LOGDIR/$1.log
	expect_rc 0 "$1: boot powers off cleanly"
	expect "$log" "ktest: 8 passed, 0 failed" "$1: eight virtio ktests, none failed"
	expect_not "$log" "Kernel panic|probe of node .* failed|WARNING" "$1: no panic, no failed probe"
}

pristine=$LOGDIR/virtio-pattern.img
if ! mkpattern "$pristine"; then
	not_ok "virtio: could not make the pattern image"
	exit 1
fi

for mode in legacy modern; do
	img=$LOGDIR/virtio-$mode.img
	cp "$pristine" "$img"
	extra=()
	[ $mode = modern ] && extra=(-global virtio-mmio.force-legacy=false)
	boot_disk virtio-$mode "$img" "" "${extra[@]}"
	log=$LOGDIR/virtio-$mode.log
	ktest_results virtio-$mode
	expect "$log" "^\[ *[0-9.]+\] virtio_blk virtio0: \[vda\] $SECTORS 512-byte logical blocks \(16\.0 MiB\), $mode transport$" \
		"virtio-$mode: the disk line"
	expect_not "$log" "I/O checks skipped" "virtio-$mode: the I/O tests ran"
	expect "$log" "many_inflight: plugged: 32 requests, at most 32 in flight" \
		"virtio-$mode: 32 requests in flight at once (plugged)"
	expect "$log" "many_inflight: unplugged: 32 requests" \
		"virtio-$mode: 32 requests without the plug"
	expect "$log" "many_inflight: plugged: 64 requests, at most 42 in flight" \
		"virtio-$mode: 64 plugged requests overflow the 128-entry ring and complete"
	expect "$log" "device_error: sector 2000: 0, 0 of the other 7 failed" \
		"virtio-$mode: without injected errors every read succeeds"
	if out=$(checkwritten "$img"); then
		ok "virtio-$mode: the image holds the written sectors 1000-1003, nothing else changed"
	else
		not_ok "virtio-$mode: image after the writes: $out"
	fi
done

img=$LOGDIR/virtio-ro.img
cp "$pristine" "$img"
boot_disk virtio-ro "$img" ",readonly=on"
log=$LOGDIR/virtio-ro.log
ktest_results virtio-ro
expect "$log" "\[vda\] $SECTORS 512-byte logical blocks \(16\.0 MiB\), legacy transport, read-only$" \
	"virtio-ro: the disk line says read-only"
expect "$log" "virtio: vda is read-only: writes must fail" "virtio-ro: the write test saw a read-only disk"
if cmp -s "$pristine" "$img"; then
	ok "virtio-ro: the image is unchanged"
else
	not_ok "virtio-ro: the read-only image changed"
fi

# blkdebug fails every read of sector 2000 with EIO; the device reports it.
img=$LOGDIR/virtio-ioerr.img
cp "$pristine" "$img"
printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "2000"\nonce = "off"\n' \
	>"$LOGDIR/virtio-blkdebug.conf"
boot_disk virtio-ioerr "blkdebug:$LOGDIR/virtio-blkdebug.conf:$img" ",rerror=report"
log=$LOGDIR/virtio-ioerr.log
ktest_results virtio-ioerr
expect "$log" "device_error: sector 2000: -5, 0 of the other 7 failed" \
	"virtio-ioerr: the failed read alone ends with -EIO"

# No disk, and a device rivet has no driver for.
APPEND="console=ttyS0 ktest=virtio poweroff_after=100" TIMEOUT=60 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" -device virtio-net-device \
	</dev/null >"$LOGDIR/virtio-nodisk.log" 2>&1 && RC=0 || RC=$?
strip_cr "$LOGDIR/virtio-nodisk.log"
log=$LOGDIR/virtio-nodisk.log
ktest_results virtio-nodisk
expect "$log" "virtio-mmio 1000[0-9a-f]000\.virtio_mmio: device id 1 \(network\) not supported$" \
	"virtio-nodisk: the network device gets one line"
expect_count "$log" "no virtio-blk disk, I/O checks skipped" 7 "virtio-nodisk: the seven I/O tests say they were skipped"
expect_not "$log" "virtio_blk virtio" "virtio-nodisk: no disk line"
