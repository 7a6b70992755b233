#!/usr/bin/env bash
# Boot rivet on QEMU virt.
#   qemu.sh uboot SDCARD.img [extra qemu args]   OpenSBI fw_jump -> U-Boot -> extlinux
#   qemu.sh direct Image [extra qemu args]       -bios default -kernel Image
# Environment: MEM (default 3G), SMP (1), APPEND (direct boot command line),
# TIMEOUT (seconds; 0 = none, the default for interactive use), NO_REBOOT
# (1: QEMU exits when the guest resets instead of restarting it; the tests
# set it so that an unexpected reset ends the run).
set -eu
mode=$1 file=$2
shift 2
MEM=${MEM:-3G} SMP=${SMP:-1} TIMEOUT=${TIMEOUT:-0} NO_REBOOT=${NO_REBOOT:-0}
APPEND=${APPEND:-console=ttyS0 loglevel=7}
FW_JUMP=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
UBOOT=/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin

args=(-M virt -m "$MEM" -smp "$SMP" -nographic)
[ "$NO_REBOOT" = 1 ] && args+=(-no-reboot)
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
echo "(QEMU: Ctrl-A x quits; 'poweroff' at the rivet> prompt shuts down, 'reboot' restarts)" >&2
exec qemu-system-riscv64 "${args[@]}" "$@"
