# Helpers for the user-space QEMU tests (docs/userspace.md): `make run`'s
# SD image booted through U-Boot to BusyBox's shell and driven over the
# serial console by tests/qemu/expect.py. Sourced after tests/qemu/lib.sh.

# user_image NAME: a private copy of `make sdcard`'s image (default
# command line) at $LOGDIR/NAME.img, so a test's writes stay its own.
user_image() {
	local img=$LOGDIR/$1.img
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL APPEND= \
		make --no-print-directory O="$O" sdcard >"$LOGDIR/$1-make.log" 2>&1 || return 1
	cp "$O/sdcard.img" "$img"
}

# shell_session NAME TIMEOUT SCRIPT [QEMU_ARG...]: boot $LOGDIR/NAME.img
# (with the extra QEMU arguments), wait for the shell, play SCRIPT
# (expect.py steps), log in $LOGDIR/NAME.log (CRs stripped; the bytes as
# sent in NAME.raw). RC: expect.py's status.
shell_session() {
	local name=$1 t=$2 steps=$3 script=$LOGDIR/$1.steps
	shift 3
	{
		echo "expect 120 init: starting /bin/sh"
		echo "expect 60 [#\$] (\\x1b\\[6n)?\$"
		printf '%s\n' "$steps"
	} >"$script"
	python3 tests/qemu/expect.py --log "$LOGDIR/$name.raw" --timeout "$t" --script "$script" -- \
		env TIMEOUT=$((t + 30)) NO_REBOOT=1 bash scripts/qemu.sh uboot "$LOGDIR/$name.img" "$@" \
		>"$LOGDIR/$name.expect" 2>&1 && RC=0 || RC=$?
	tr -d '\r' <"$LOGDIR/$name.raw" >"$LOGDIR/$name.log"
}

# run_cmd TAG CMD [TIMEOUT]: expect.py steps typing CMD at the prompt
# between "echo @@begin-TAG" and "echo @@rc-TAG=$?" and waiting for the
# latter: its output and status can be found in the log by TAG even when
# the shell's echo of a long line wraps.
run_cmd() {
	printf 'sendline echo @@begin-%s; %s; echo @@rc-%s=$?\nexpect %s ^@@rc-%s=[0-9]+$\n' \
		"$1" "$2" "$1" "${3:-30}" "$1"
}

# root_fsck NAME: e2fsck -fn of the ext2 root partition (p4) of NAME.img.
root_fsck() {
	local img=$LOGDIR/$1.img start end
	start=$(sgdisk -i 4 "$img" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
	end=$(sgdisk -i 4 "$img" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
	dd if="$img" of="$LOGDIR/$1.root" bs=512 skip="$start" count=$((end - start + 1)) status=none
	/usr/sbin/e2fsck -fn "$LOGDIR/$1.root" >"$LOGDIR/$1.fsck" 2>&1
}

# output_of LOG TAG: the lines run_cmd's command TAG printed.
output_of() {
	awk -v b="@@begin-$2" -v e="^@@rc-$2=[0-9]+$" '
		!on && $0 == b { on = 1; next }
		on && $0 ~ e { exit }
		on { print }' "$1"
}

# rc_of LOG TAG: the exit status of run_cmd's command TAG, or "none".
rc_of() {
	local rc
	rc=$(sed -n "s/^@@rc-$2=\([0-9]*\)\$/\1/p" "$1" | head -n 1)
	echo "${rc:-none}"
}

# expect_rc_of LOG TAG N WHAT
expect_rc_of() {
	local rc
	rc=$(rc_of "$1" "$2")
	if [ "$rc" = "$3" ]; then ok "$4"; else not_ok "$4 (command $2 gave status $rc, wanted $3)"; fi
}
