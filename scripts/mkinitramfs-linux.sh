#!/usr/bin/env bash
# The initramfs that boots Debian's Linux on the benchmark disk
# (docs/bench.md, "rivet beside Linux"): a cpio (newc) archive holding
# Debian's busybox-static, the modules scripts/fetch-linux.sh unpacked
# (virtio_mmio, virtio_blk, ext4 and what they need, in load order) and an
# /init that loads them, mounts the disk's ext2 root (/dev/vda4, read by the
# ext4 driver) on /root with proc, sys, dev and a tmpfs /tmp inside it,
# runs /job there as rivet's /etc/rc would (the same environment), and
# powers off. Leaves out udev, a real switch_root and any rescue shell.
#   mkinitramfs-linux.sh OUT.cpio BUSYBOX LINUX_CACHE_DIR
set -eu
out=${1:?usage: mkinitramfs-linux.sh OUT.cpio BUSYBOX LINUX_CACHE_DIR}
busybox=${2:?} lcache=${3:?}

die() { echo "mkinitramfs-linux: $*" >&2; exit 1; }
[ -x "$busybox" ] || die "no BusyBox at $busybox (scripts/fetch-busybox.sh)"
[ -s "$lcache/modules/load.list" ] || die "no modules in $lcache (scripts/fetch-linux.sh)"
command -v cpio >/dev/null || die "cpio is needed (scripts/deps.sh)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir -p "$(dirname "$out")"
mkdir -p "$tmp"/{bin,dev,proc,sys,root,lib/modules}
install -m 755 "$busybox" "$tmp/bin/busybox"
for a in sh mount umount insmod mkdir sleep chroot poweroff cat echo env; do
	ln -s busybox "$tmp/bin/$a"
done
while read -r m; do
	[ -n "$m" ] && cp "$lcache/modules/$m" "$tmp/lib/modules/$m"
done < "$lcache/modules/load.list"
cp "$lcache/modules/load.list" "$tmp/lib/modules/load.list"

# The kernel opens /dev/console for init before anything is mounted.
mknod -m 600 "$tmp/dev/console" c 5 1 2>/dev/null || true

cat > "$tmp/init" <<'EOF'
#!/bin/sh
# Benchmark initramfs: modules, the disk's root on /root, then /job there.
export PATH=/bin
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys

# stop WHY: say why, then power off (the host sees no completion marker).
stop() {
	echo "initramfs: $1"
	poweroff -f
}

while read -r m; do
	[ -n "$m" ] || continue
	insmod "/lib/modules/$m" || stop "insmod $m failed"
done < /lib/modules/load.list

# The disk's partitions appear once virtio_blk has read its table.
n=0
while [ ! -b /dev/vda4 ]; do
	n=$((n + 1))
	[ $n -gt 100 ] && stop "no /dev/vda4"
	sleep 0.1
done
mount -t ext4 -o rw /dev/vda4 /root || stop "cannot mount /dev/vda4"
mount -t proc proc /root/proc
mount -t sysfs sysfs /root/sys
mount -t devtmpfs devtmpfs /root/dev
mount -t tmpfs -o mode=1777 tmpfs /root/tmp
if [ -r /root/job ]; then
	cd /root
	chroot /root /usr/bin/env -i HOME=/root PATH=/bin:/sbin:/usr/bin:/usr/sbin \
		TERM=vt100 SHELL=/bin/sh USER=root LOGNAME=root /bin/sh /job
else
	echo "initramfs: no /job on the root"
fi
poweroff -f
EOF
chmod 755 "$tmp/init"

(cd "$tmp" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) > "$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs-linux: $out ($(($(stat -c %s "$out") / 1024)) KiB, modules:" \
	"$(tr '\n' ' ' < "$lcache/modules/load.list"| sed 's/ $//'))"
