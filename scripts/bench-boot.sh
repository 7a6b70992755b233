#!/usr/bin/env bash
# One benchmark boot (docs/bench.md, "rivet beside Linux"): rivet or
# Debian's Linux in the same QEMU (-M virt -m 512M -smp 1, -icount shift=0
# unless MODE=tcg) on the same disk, $O/bench/disk.img (the SD-card layout,
# the ext2 root in p4, on virtio-blk), running the host file JOB.sh there as
# a /bin/sh script: as root, in /, with /proc, /dev, a tmpfs /tmp (and /sys
# where the kernel has one) mounted and the root read-write. The console
# goes to OUT.log without CRs.
#   bench-boot.sh rivet|linux JOB.sh OUT.log
#   bench-boot.sh disk        (re)make $O/bench/disk.img from $O/Image, $O/rootfs
# How the job runs: each boot gets its own sparse copy of the disk image
# with JOB.sh written into the root as /job.sh beside /job, a wrapper that
# runs it and prints the completion marker; the copy is deleted after the
# boot, so every boot of either kernel starts from the same bytes and boots
# may run side by side. rivet: $O/Image direct, root=/dev/vda4 rw; its /sbin/init
# runs the disk's /etc/rc, which runs /job and powers off. Linux: the kernel
# and modules scripts/fetch-linux.sh unpacks, an initramfs from
# scripts/mkinitramfs-linux.sh that mounts /dev/vda4, runs /job there with
# the same environment and powers off; "no4lvl" keeps it on Sv39 as rivet.
# Exit status: 0 the job ran to the end and exited 0; 1 it ran to the end
# with another status; 2 it never finished (timeout, crash, no boot).
# Environment: O (build), MODE (icount|tcg), TIMEOUT (seconds per boot,
# 900), RIVET_APPEND / LINUX_APPEND (added to that kernel's command line,
# e.g. RIVET_APPEND="profile=1"), QEMU_EXTRA (more QEMU arguments, split
# at spaces: "-plugin x.so"). SIGTERM ends the boot (QEMU included).
set -eu
O=${O:-build} MODE=${MODE:-icount} TIMEOUT=${TIMEOUT:-900}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bench=$O/bench
disk=$bench/disk.img
lcache=$top/.cache/linux
initrd=$bench/initramfs.cpio
DISK_MIB=256
MARK="bench-boot: job finished, status"
export PATH=$PATH:/usr/sbin:/sbin

die() { echo "bench-boot: $*" >&2; exit 2; }

# root_offset IMG: the byte offset of partition 4 (the root) in IMG.
root_offset() {
	local first
	first=$(sgdisk -i 4 "$1" 2>/dev/null | awk '/^First sector:/ { print $3 }')
	[ -n "$first" ] || die "$1 has no partition 4"
	echo $((first * 512))
}

# make_disk: the bench disk from $O/Image and $O/rootfs, with an /etc/rc
# that runs /job and powers off, and an empty /bench for the file rows.
make_disk() {
	local stage=$bench/root
	[ -s "$O/Image" ] || die "no $O/Image (make O=$O all)"
	[ -d "$O/rootfs" ] || die "no $O/rootfs (make O=$O rootfs)"
	mkdir -p "$bench"
	rm -rf "$stage"
	cp -a "$O/rootfs" "$stage"
	mkdir -p "$stage/bench"
	cat > "$stage/etc/rc" <<'EOF'
#!/bin/sh
# The benchmark disk's start-up script (scripts/bench-boot.sh): run /job
# with the environment the Linux side gives it, then power off.
if [ -r /job ]; then
	cd / && env -i HOME=/root PATH=/bin:/sbin:/usr/bin:/usr/sbin TERM=vt100 \
		SHELL=/bin/sh USER=root LOGNAME=root /bin/sh /job
else
	echo "rc: no /job on the root"
fi
poweroff -f
EOF
	chmod 755 "$stage/etc/rc"
	bash "$here/mksdcard.sh" --size $DISK_MIB "$disk.tmp" "$O/Image" \
		"$top/board/qemu-virt/extlinux.conf" "$stage" >/dev/null
	mv "$disk.tmp" "$disk"
	rm -rf "$stage"
	echo "bench-boot: wrote $disk ($DISK_MIB MiB, root in p4)" >&2
}

# put_job IMG JOB.sh: JOB.sh as /job.sh in IMG's root, and the /job wrapper.
put_job() {
	local img=$1 off w=$1.wrapper cmds=$1.debugfs
	off=$(root_offset "$img")
	cat > "$w" <<EOF
#!/bin/sh
# Written by scripts/bench-boot.sh: runs /job.sh, then says it finished.
cd /
/bin/sh /job.sh
echo "$MARK \$?"
sync
EOF
	printf 'rm /job\nrm /job.sh\nwrite %s /job\nwrite %s /job.sh\n' "$w" "$2" > "$cmds"
	debugfs -w -f "$cmds" "$img?offset=$off" >/dev/null 2>&1 ||
		die "debugfs could not write the job into $img"
	debugfs -R "cat /job.sh" "$img?offset=$off" 2>/dev/null | cmp -s - "$2" ||
		die "the job in $img is not $2"
	rm -f "$w" "$cmds"
}

# linux_files: Debian's kernel and modules in the cache, the initramfs in $O.
linux_files() {
	bash "$here/fetch-linux.sh" "$lcache" >&2 || die "cannot fetch Debian's Linux"
	bash "$here/fetch-busybox.sh" "$top/.cache/busybox" >&2 || die "cannot fetch BusyBox"
	if [ ! -s "$initrd" ] || [ "$here/mkinitramfs-linux.sh" -nt "$initrd" ] ||
	   [ "$lcache/modules/load.list" -nt "$initrd" ]; then
		bash "$here/mkinitramfs-linux.sh" "$initrd" "$top/.cache/busybox/busybox" \
			"$lcache" >&2 || die "cannot make the initramfs"
	fi
}

# boot KERNEL IMG: exec QEMU for KERNEL on IMG, the console on stdout.
boot() {
	local drive=(-drive "file=$2,format=raw,if=none,id=d0"
		-device virtio-blk-device,drive=d0)
	[ "$MODE" = tcg ] || drive+=(-icount shift=0)
	[ -n "${QEMU_EXTRA:-}" ] && drive+=($QEMU_EXTRA)
	export MEM=512M SMP=1 TIMEOUT NO_REBOOT=1
	case $1 in
	rivet)
		APPEND="console=ttyS0 loglevel=4 root=/dev/vda4 rw ${RIVET_APPEND:-}" \
			exec bash "$here/qemu.sh" direct "$O/Image" "${drive[@]}" ;;
	linux)
		APPEND="no4lvl console=ttyS0 quiet panic=-1 ${LINUX_APPEND:-}" \
			exec bash "$here/qemu.sh" direct "$lcache/vmlinux" -initrd "$initrd" "${drive[@]}" ;;
	esac
}

case ${1:-} in
disk)
	mkdir -p "$bench"
	exec 9> "$bench/.lock"
	flock 9
	make_disk
	exit 0 ;;
rivet|linux) ;;
*)
	echo "usage: bench-boot.sh rivet|linux JOB.sh OUT.log | bench-boot.sh disk" >&2
	exit 2 ;;
esac
kernel=$1 job=${2:?usage: bench-boot.sh rivet|linux JOB.sh OUT.log} log=${3:?OUT.log}
[ -r "$job" ] || die "no job file $job"
case $MODE in icount|tcg) ;; *) die "MODE=$MODE: icount or tcg" ;; esac
mkdir -p "$bench" "$(dirname "$log")"
[ "$kernel" = rivet ] && [ ! -s "$O/Image" ] && die "no $O/Image (make O=$O all)"
[ "$kernel" = linux ] && linux_files

# The disk is made when missing or older than the kernel or the root
# folder; a boot changes only its own copy.
exec 9> "$bench/.lock"
flock 9
if [ ! -s "$disk" ] || [ "$O/Image" -nt "$disk" ] || [ "$O/rootfs.stamp" -nt "$disk" ]; then
	make_disk
fi
run=$(mktemp "$bench/run-XXXXXX.img")
cp --sparse=always "$disk" "$run"
flock -u 9
trap 'rm -f "$run"' EXIT
put_job "$run" "$job"
# QEMU writes the console straight into the log (bench-compare.sh follows
# it as it grows); the CRs go when it is done.
boot "$kernel" "$run" < /dev/null > "$log" 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null; rm -f "$run"; exit 2' INT TERM
wait $qemu || true
trap - INT TERM
rm -f "$run"
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
status=$(awk -v m="$MARK" 'index($0, m) == 1 { s = substr($0, length(m) + 2) } END { print s }' "$log")
case $status in
0) exit 0 ;;
"")
	echo "bench-boot: $kernel: the job did not finish; the log's end:" >&2
	tail -n 5 "$log" | sed 's/^/  /' >&2
	exit 2 ;;
*) exit 1 ;;
esac
