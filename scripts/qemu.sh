#!/usr/bin/env bash
# Boot rivet on QEMU virt.
#   qemu.sh uboot SDCARD.img [extra qemu args]   OpenSBI fw_jump -> U-Boot -> extlinux
#   qemu.sh direct Image [extra qemu args]       -bios default -kernel Image
# Environment: MEM (default 3G), SMP (1), APPEND (direct boot command line),
# TIMEOUT (seconds; 0 = none, the default for interactive use).
set -eu
mode=$1 file=$2
shift 2
MEM=${MEM:-3G} SMP=${SMP:-1} TIMEOUT=${TIMEOUT:-0}
APPEND=${APPEND:-console=ttyS0 loglevel=7}
FW_JUMP=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
UBOOT=/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin

args=(-M virt -m "$MEM" -smp "$SMP" -nographic -no-reboot)
case $mode in
uboot)
	args+=(-bios "$FW_JUMP" -kernel "$UBOOT"
		-drive "file=$file,format=raw,if=none,id=d0"
		-device virtio-blk-device,drive=d0) ;;
direct)
	args+=(-bios default -kernel "$file" -append "$APPEND") ;;
*)
	echo "usage: qemu.sh uboot|direct FILE" >&2; exit 2 ;;
esac

if [ "$TIMEOUT" != 0 ]; then
	exec timeout --foreground -k 5 "$TIMEOUT" qemu-system-riscv64 "${args[@]}" "$@"
fi
echo "(QEMU: Ctrl-A x quits; 'poweroff' at the rivet> prompt shuts down)" >&2
exec qemu-system-riscv64 "${args[@]}" "$@"
