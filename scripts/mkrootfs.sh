#!/usr/bin/env bash
# Stage rivet's root file system in a folder (docs/userspace.md): BusyBox at
# /bin/busybox with its applet links, rivet's own programs (/sbin/init,
# /bin/usertests, ktest, bench, ...), the files under user/rootfs/ (/etc,
# /usr/share/rivet) and the empty mount points. mksdcard.sh turns the
# folder into the image's ext2 root.
#   mkrootfs.sh OUT_DIR USER_BIN_DIR BUSYBOX
set -eu
out=${1:?usage: mkrootfs.sh OUT_DIR USER_BIN_DIR BUSYBOX} ubin=${2:?} busybox=${3:?}

die() { echo "mkrootfs: $*" >&2; exit 1; }
[ -x "$busybox" ] || die "no BusyBox at $busybox (scripts/fetch-busybox.sh fetches it)"

# The applets the issue and seed 003 name: used when BusyBox cannot be run
# on this machine (no qemu-riscv64) to ask it for its own list.
FIXED_APPLETS="bin/sh bin/ash bin/free bin/dd bin/cat bin/ls bin/ps bin/top
bin/mount bin/umount bin/df bin/cp bin/mv bin/rm bin/mkdir bin/rmdir bin/ln
bin/stat bin/sync bin/kill bin/sleep bin/hexdump bin/head bin/wc bin/grep
bin/egrep bin/vi bin/uname sbin/poweroff sbin/reboot sbin/halt bin/echo
bin/test bin/[ bin/true bin/false bin/env bin/printf bin/sed bin/tr bin/cut
bin/sort bin/uniq bin/tail bin/touch bin/chmod bin/chown bin/find bin/xargs
bin/dmesg bin/mknod bin/seq bin/expr bin/basename bin/dirname bin/id
bin/whoami bin/hostname bin/date bin/time bin/yes bin/od bin/cmp bin/diff
bin/md5sum bin/tee bin/more bin/less bin/clear bin/reset bin/stty bin/tty
bin/setsid bin/nohup bin/watch bin/pidof bin/killall bin/uptime bin/pwd
bin/readlink bin/du bin/awk bin/which bin/mkfifo bin/truncate bin/timeout"

# applets: "dir/name" per applet, from BusyBox itself when it can run here.
applets() {
	local list=""
	if command -v qemu-riscv64 >/dev/null; then
		list=$(qemu-riscv64 "$busybox" --list-full 2>/dev/null) || list=""
	fi
	if [ -n "$list" ]; then
		printf '%s\n' "$list"
	else
		echo "mkrootfs: qemu-riscv64 not found, linking a fixed applet list" >&2
		(set -f; printf '%s\n' $FIXED_APPLETS)
	fi
}

rm -rf "$out"
mkdir -p "$out"/{bin,sbin,usr/bin,usr/sbin,etc,proc,dev,sys,mnt,root,tmp}
chmod 1777 "$out/tmp"
chmod 700 "$out/root"

install -m 755 "$busybox" "$out/bin/busybox"
n=0
while IFS= read -r a; do
	case $a in
	bin/busybox|linuxrc|sbin/init|"") continue ;;	# init is rivet's own
	esac
	mkdir -p "$out/$(dirname "$a")"
	ln -sf /bin/busybox "$out/$a"
	n=$((n + 1))
done < <(applets)

for p in init; do
	install -m 755 "$ubin/$p" "$out/sbin/$p"
done
for p in usertests ktest bench hello bigbin fragment; do
	install -m 755 "$ubin/$p" "$out/bin/$p"
done

# /etc, /usr/share/rivet: plain files kept in the tree.
here=$(cd "$(dirname "$0")/.." && pwd)
cp -R "$here/user/rootfs/." "$out/"
chmod 755 "$out/etc/rc" "$out"/usr/share/rivet/*.sh

echo "mkrootfs: $out: BusyBox with $n applet links, $(ls "$ubin" | wc -l) rivet programs"
