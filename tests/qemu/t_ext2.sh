# ext2 as the root file system on virtio-blk: an image made by mke2fs -d
# (tests/host/mkext2img.sh qemu: 1 KiB blocks, the "small" tree and its
# manifest as /MANIFEST) booted with root=/dev/vda rw and ktest=ext2
# (tests/kernel/test_ext2.c): the root mount line, every manifest entry
# read back in the kernel, a write workload synced; then on the host
# e2fsck -fn is clean and debugfs reads back what the kernel wrote. Both
# virtio transports (legacy, and modern with force-legacy=false).

dir=$LOGDIR/ext2
if ! timeout 120 bash tests/host/mkext2img.sh "$dir" qemu >/dev/null 2>&1; then
	not_ok "ext2: could not make the image"
	exit 1
fi

# pattern_ok FILE LEN: FILE holds LEN bytes of test_ext2.c's pattern.
pattern_ok() {
	timeout 60 python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
n = int(sys.argv[2])
want = bytes(((i * 7) + (i >> 10)) & 0xff for i in range(n))
sys.exit(0 if data == want else 1)
PY
}

for mode in legacy modern; do
	img=$LOGDIR/ext2-$mode.img
	cp "$dir/qemu.img" "$img"
	extra=()
	[ $mode = modern ] && extra=(-global virtio-mmio.force-legacy=false)
	APPEND="console=ttyS0 root=/dev/vda rw ktest=ext2 poweroff_after=100" TIMEOUT=150 NO_REBOOT=1 \
		bash scripts/qemu.sh direct "$O/Image" \
		-drive "file=$img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 "${extra[@]}" \
		</dev/null >"$LOGDIR/ext2-$mode.log" 2>&1 && RC=0 || RC=$?
	log=$LOGDIR/ext2-$mode.log
	strip_cr "$log"
	expect_rc 0 "ext2-$mode: boot powers off cleanly"
	expect "$log" "VFS: Mounted root \(ext2 filesystem\)" "ext2-$mode: the root is mounted as ext2"
	expect "$log" "ktest: 1 passed, 0 failed" "ext2-$mode: the ext2 ktest passed"
	expect "$log" "ext2: readback: [0-9]+ manifest entries, 0 differ" "ext2-$mode: every manifest entry reads back"
	expect "$log" "ext2: workload written and synced" "ext2-$mode: the workload ran"
	expect_not "$log" "Kernel panic|WARNING|EXT2-fs error" "ext2-$mode: no panic, no ext2 error"
	if e2fsck -fn "$img" >"$LOGDIR/ext2-$mode.fsck" 2>&1; then
		ok "ext2-$mode: e2fsck -fn is clean afterwards"
	else
		not_ok "ext2-$mode: e2fsck -fn is clean afterwards (see $LOGDIR/ext2-$mode.fsck)"
	fi
	debugfs -R "cat /ktest/a" "$img" >"$LOGDIR/ext2-$mode.a" 2>/dev/null
	if pattern_ok "$LOGDIR/ext2-$mode.a" 150001; then
		ok "ext2-$mode: debugfs reads /ktest/a as written (150001 bytes)"
	else
		not_ok "ext2-$mode: debugfs reads /ktest/a as written (150001 bytes)"
	fi
	expect <(debugfs -R "cat /small/moved/b" "$img" 2>/dev/null) "^bee$" \
		"ext2-$mode: a file renamed with its directory across directories"
	expect <(debugfs -R "stat /ktest/sparse" "$img" 2>/dev/null) "Size: 31457284" \
		"ext2-$mode: the sparse file's size"
	expect <(debugfs -R "stat /ktest/a" "$img" 2>/dev/null) "Links: 2" "ext2-$mode: /ktest/a has 2 links"
	expect <(debugfs -R "stat /ktest/tind" "$img" 2>/dev/null) "\(TIND\)" \
		"ext2-$mode: a file past the double-indirect range has a triple-indirect block"
	expect <(debugfs -R "cat /ktest/tind" "$img" 2>/dev/null | tail -c 4) "^tind$" \
		"ext2-$mode: its last 4 bytes read back through debugfs"
	expect_not <(debugfs -R "ls -l /" "$img" 2>/dev/null) " (mid|empty)$" \
		"ext2-$mode: the removed file and directory are gone"
	expect <(dumpe2fs -h "$img" 2>/dev/null) "^Filesystem state: +clean$" "ext2-$mode: the fs is clean"
done

# A damaged root made with debugfs -w: an unknown INCOMPAT feature refuses
# the mount with ext2's message, rivet stays on the rootfs, nothing is
# written; a block pointer out of range gives one EXT2-fs error line when
# the file is read and a read-only remount, no panic.
cp "$dir/qemu.img" "$LOGDIR/ext2-incompat.img"
debugfs -w -R "ssv feature_incompat 0x10002" "$LOGDIR/ext2-incompat.img" >/dev/null 2>&1
cp "$LOGDIR/ext2-incompat.img" "$LOGDIR/ext2-incompat.orig"
APPEND="console=ttyS0 root=/dev/vda rw poweroff_after=100" TIMEOUT=60 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" \
	-drive "file=$LOGDIR/ext2-incompat.img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/ext2-incompat.log" 2>&1 && RC=0 || RC=$?
log=$LOGDIR/ext2-incompat.log
strip_cr "$log"
expect_rc 0 "ext2-incompat: boot powers off cleanly"
expect "$log" "EXT2-fs \(vda\): couldn't mount because of unsupported optional features \(10000\)" \
	"ext2-incompat: the mount is refused with ext2's message"
expect "$log" "staying on the rootfs" "ext2-incompat: rivet stays on the rootfs"
expect_not "$log" "Kernel panic|WARNING" "ext2-incompat: no panic"
if cmp -s "$LOGDIR/ext2-incompat.img" "$LOGDIR/ext2-incompat.orig"; then
	ok "ext2-incompat: the image is byte-identical afterwards"
else
	not_ok "ext2-incompat: the image is byte-identical afterwards"
fi

cp "$dir/qemu.img" "$LOGDIR/ext2-badblock.img"
debugfs -w -R "sif /small/f05 block[0] 99999999" "$LOGDIR/ext2-badblock.img" >/dev/null 2>&1
APPEND="console=ttyS0 root=/dev/vda rw ktest=ext2 poweroff_after=100" TIMEOUT=150 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" \
	-drive "file=$LOGDIR/ext2-badblock.img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/ext2-badblock.log" 2>&1 && RC=0 || RC=$?
log=$LOGDIR/ext2-badblock.log
strip_cr "$log"
expect_rc 0 "ext2-badblock: boot powers off cleanly"
expect_count "$log" "EXT2-fs error \(device vda\): .*inode #[0-9]+: block 99999999 " 1 \
	"ext2-badblock: one EXT2-fs error line names the inode and the block"
expect "$log" "EXT2-fs \(vda\): error: remounting filesystem read-only" "ext2-badblock: remounted read-only"
expect_not "$log" "Kernel panic|WARNING" "ext2-badblock: no panic"
