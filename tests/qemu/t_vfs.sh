# The VFS at boot (fs/init.c) and its ktests (ktest=vfs, tests/kernel/test_vfs.c):
# without root= the rootfs (tmpfs) stays the root, /dev and /tmp are mounted
# and the five tmpfs ktests pass; a root= naming a missing partition gives
# Linux's message and the monitor still comes up; rootwait waits 10 s first;
# root=/dev/vda2 on an ext2 partition mounts it (or, while no ext2 type is
# registered at boot, says that no file system could mount it).

img=$LOGDIR/vfs-disk.img
rm -f "$img"
truncate -s 16M "$img"
/usr/sbin/sgdisk -n 1:2048:10239 -n 2:10240:0 "$img" >/dev/null 2>&1
/usr/sbin/mke2fs -q -t ext2 -b 1024 -E offset=$((10240 * 512)) "$img" 10M >/dev/null 2>&1

# boot_disk NAME TIMEOUT APPEND: a direct boot with $img as virtio disk vda.
boot_disk() {
	local name=$1 t=$2
	APPEND="$3" TIMEOUT=$t NO_REBOOT=1 bash scripts/qemu.sh direct "$O/Image" \
		-drive "file=$img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
		</dev/null >"$LOGDIR/$name.log" 2>&1 && RC=0 || RC=$?
	strip_cr "$LOGDIR/$name.log"
}

boot_direct vfs-noroot 60 console=ttyS0 ktest=vfs poweroff_after=100
log=$LOGDIR/vfs-noroot.log
expect_rc 0 "vfs-noroot: boot powers off cleanly"
expect "$log" "VFS: no root= given: the root is the rootfs \(tmpfs\)" "vfs-noroot: the rootfs stays the root"
expect "$log" "devtmpfs: mounted on /dev" "vfs-noroot: devtmpfs on /dev"
expect "$log" "ktest: 5 passed, 0 failed" "vfs-noroot: the five vfs ktests pass"
expect "$log" "vfs: unlink: open file kept its data; Shmem pages ([0-9]+) -> [0-9]+ -> \1$" \
	"vfs-noroot: an unlinked open file keeps its page until the close (Shmem back where it was)"
expect "$log" "vfs: mnt: size=4k gave 4096 then -28; umount busy, then done" "vfs-noroot: size=, -ENOSPC, umount -EBUSY"
expect "$log" "rivet: boot complete" "vfs-noroot: the boot completes"
expect_not "$log" "Kernel panic|BUG|WARNING|not ok" "vfs-noroot: no panic, warning or failure"

boot_disk vfs-badroot 60 "console=ttyS0 root=vda9 ktest=vfs poweroff_after=100"
log=$LOGDIR/vfs-badroot.log
expect_rc 0 "vfs-badroot: boot powers off cleanly"
expect "$log" "vda: vda1 vda2" "vfs-badroot: the disk has two partitions"
expect "$log" 'VFS: Cannot open root device "vda9": -ENXIO; staying on the rootfs' \
	"vfs-badroot: Linux's message for a missing root device"
expect "$log" "VFS: block devices: vda vda1 vda2" "vfs-badroot: the devices there are, listed"
expect "$log" "ktest: 5 passed, 0 failed" "vfs-badroot: the ktests pass on the rootfs"
expect "$log" "rivet: boot complete" "vfs-badroot: the monitor still starts"
expect_not "$log" "Kernel panic|BUG|WARNING" "vfs-badroot: no panic"

boot_disk vfs-rootwait 90 "console=ttyS0 root=/dev/vda9 rootwait poweroff_after=100"
log=$LOGDIR/vfs-rootwait.log
expect_rc 0 "vfs-rootwait: boot powers off cleanly"
expect "$log" "VFS: Waiting for root device /dev/vda9\.\.\." "vfs-rootwait: rootwait waits"
wait_s=$(awk '/Waiting for root device/ { s = $2 } /Cannot open root device/ { gsub(/\]/, "", $2); print int($2 - s); exit }' \
	FS='[[ ]+' "$log")
if [ -n "$wait_s" ] && [ "$wait_s" -ge 9 ] && [ "$wait_s" -le 12 ]; then
	ok "vfs-rootwait: it gave up after about 10 s ($wait_s s)"
else
	not_ok "vfs-rootwait: it gave up after about 10 s (waited '${wait_s}')"
fi
expect "$log" "rivet: boot complete" "vfs-rootwait: the monitor still starts"

boot_disk vfs-ext2root 60 "console=ttyS0 root=/dev/vda2 rw poweroff_after=100"
log=$LOGDIR/vfs-ext2root.log
expect_rc 0 "vfs-ext2root: boot powers off cleanly"
if grep -q "VFS: Mounted root" "$log"; then
	expect "$log" "VFS: Mounted root \(ext2 filesystem\) on device 254:2\.$" "vfs-ext2root: Linux's line for the mounted root"
else
	expect "$log" "VFS: no file system could mount root, tried: " \
		"vfs-ext2root: no ext2 registered at boot yet: said so, rootfs kept"
fi
expect "$log" "rivet: boot complete" "vfs-ext2root: the monitor starts"
expect_not "$log" "Kernel panic|BUG|WARNING" "vfs-ext2root: no panic"
