# User space on rivet (docs/userspace.md): `make run`'s image booted
# through U-Boot to BusyBox's shell; at the prompt /bin/usertests (every
# test passes) and /bin/ktest through /proc/ktest, then poweroff with the
# root left clean. /bin/bench has its own test, t_bench.sh.
. tests/qemu/lib_user.sh

if ! user_image usertests; then
	not_ok "usertests: make sdcard (see $LOGDIR/usertests-make.log)"
	exit 1
fi
MEM=512M shell_session usertests 1500 "$(
	run_cmd usertests usertests 1200
	run_cmd ktest "ktest printk" 120
	echo "sendline poweroff"
	echo "exit 60"
)"
log=$LOGDIR/usertests.log
expect_rc 0 "usertests: the session ran to poweroff (expect.py, see $LOGDIR/usertests.expect)"
expect "$log" "^init: starting /bin/sh" "usertests: init starts the shell"
expect "$log" "^usertests: [0-9]+ passed, 0 failed" "usertests: no test fails"
expect_rc_of "$log" usertests 0 "usertests: exit status 0"
expect_not "$log" "^FAIL [0-9]+ " "usertests: no FAIL line"
grep -E "^(FAIL|skip) [0-9]+ " "$log" | sed 's/^/# /'
expect "$log" "ok [0-9]+ fork_bomb" "usertests: the fork bomb ends with EAGAIN, memory back"
expect "$log" "ok [0-9]+ oom" "usertests: the OOM killer takes the hog, the parent lives"
expect_rc_of "$log" ktest 0 "ktest: /bin/ktest printk passes through /proc/ktest"
expect "$log" "^init: poweroff" "usertests: init's poweroff"
expect_not "$log" "Kernel panic|WARNING|BUG:|bad page" "usertests: no panic, warning or bad page"
if root_fsck usertests; then
	ok "usertests: e2fsck -fn finds the root clean after poweroff"
else
	not_ok "usertests: e2fsck -fn finds the root clean after poweroff (see $LOGDIR/usertests.fsck)"
fi
