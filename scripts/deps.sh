#!/usr/bin/env bash
# Install the Debian packages rivet needs to build, run and test, if missing.
# Safe to run repeatedly: it only calls apt when a package is absent.
#   deps.sh          what the build, `make test` and `make bench` need;
#                    among them cpio for the Linux side's initramfs, xz for
#                    its modules and gnuplot-nox for the plots (docs/bench.md)
set -eu

PKGS="make gcc libc6-dev gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
qemu-system-misc opensbi u-boot-qemu e2fsprogs dosfstools mtools gdisk fdisk
device-tree-compiler u-boot-tools gdb-multiarch python3 ca-certificates
gcc-riscv64-linux-gnu libc6-dev-riscv64-cross cpio xz-utils gnuplot-nox"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
