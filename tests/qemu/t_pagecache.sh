# Seed 003's experiment (ktest=pagecache, tests/kernel/test_pagecache.c)
# on an ext2 root with the default 4 MiB RAM disk: /dev/ram0 read into
# the cache and dropped at its last close, a tmpfs file counted as Cached
# and Shmem, the RAM disk's pages counted as used memory, no bio on a
# second read, no write I/O before sync and nothing dirty after it, even
# when the sync comes while the flusher sleeps part-way through a pass.

dir=$LOGDIR/pagecache
rm -rf "$dir" && mkdir -p "$dir/root/etc"
echo rivet > "$dir/root/etc/hostname"
head -c $((4 << 20)) /dev/urandom > "$dir/root/big4"
img=$LOGDIR/pagecache.img
rm -f "$img"
if ! mke2fs -q -F -t ext2 -b 4096 -d "$dir/root" "$img" 32M >/dev/null 2>&1; then
	not_ok "pagecache: could not make the ext2 image"
	exit 1
fi
APPEND="console=ttyS0 root=/dev/vda rw ktest=pagecache poweroff_after=100" TIMEOUT=120 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" \
	-drive "file=$img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/pagecache.log" 2>&1 && RC=0 || RC=$?
log=$LOGDIR/pagecache.log
strip_cr "$log"
expect_rc 0 "pagecache: boot powers off cleanly"
expect "$log" "VFS: Mounted root \(ext2 filesystem\)" "pagecache: the ext2 root is mounted"
expect "$log" "ktest: ok - pagecache_seed003_dd" "pagecache: dd from ram0 to a tmpfs file and back counts as seed 003 says"
expect "$log" "ktest: ok - pagecache_write_no_io_until_sync" "pagecache: no write I/O before sync, nothing dirty after"
expect "$log" "ktest: ok - pagecache_file_read_4m" "pagecache: reading a 4 MiB ext2 file adds 4096 kB of Cached, then no bio"
expect "$log" "pagecache: file_read_4m: Cached \\+4096 kB" "pagecache: Cached +4096 kB as seed 003 says"
expect "$log" "ktest: ok - pagecache_sync_during_flusher_pass" "pagecache: sync during a flusher pass leaves nothing dirty"
expect "$log" "ktest: 4 passed, 0 failed" "pagecache: the four ktests pass"
expect_not "$log" "Kernel panic|WARNING|BUG|bad page" "pagecache: no panic, warning or bad page"
if e2fsck -fn "$img" >"$LOGDIR/pagecache.fsck" 2>&1; then
	ok "pagecache: e2fsck -fn is clean afterwards"
else
	not_ok "pagecache: e2fsck -fn is clean afterwards (see $LOGDIR/pagecache.fsck)"
fi

# Reading a file three times the size of RAM (256 MiB): reclaim frees the
# cache as it goes, the read completes and the zones end above their low
# watermark; the image stays clean.
mke2fs -q -F -t ext2 -b 4096 -d "$dir/root" "$LOGDIR/reclaim.img" 32M >/dev/null 2>&1
MEM=256M APPEND="console=ttyS0 root=/dev/vda rw ktest=reclaim poweroff_after=100" TIMEOUT=240 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" \
	-drive "file=$LOGDIR/reclaim.img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/reclaim.log" 2>&1 && RC=0 || RC=$?
log=$LOGDIR/reclaim.log
strip_cr "$log"
expect_rc 0 "reclaim: boot powers off cleanly"
expect "$log" "ktest: ok - reclaim_read_3x_ram" "reclaim: a read of 3 x RAM completes, counters move, zones above low"
expect "$log" "reclaim: read [0-9]+ MiB with [0-9]+ MiB of RAM: pgscan \\+[1-9]" "reclaim: the figures line"
expect_not "$log" "Kernel panic|WARNING|BUG|bad page|page allocation failure" "reclaim: no panic, warning or allocation failure"
if e2fsck -fn "$LOGDIR/reclaim.img" >"$LOGDIR/reclaim.fsck" 2>&1; then
	ok "reclaim: e2fsck -fn is clean afterwards"
else
	not_ok "reclaim: e2fsck -fn is clean afterwards (see $LOGDIR/reclaim.fsck)"
fi
expect <(dumpe2fs -h "$LOGDIR/reclaim.img" 2>/dev/null) "^Filesystem state: +clean$" \
	"reclaim: the monitor's poweroff synced, so the fs is marked clean"
