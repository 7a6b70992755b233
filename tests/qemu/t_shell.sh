# BusyBox's shell on rivet's console (docs/userspace.md): `make run`'s image
# booted through U-Boot to the prompt; commands typed on the serial line
# as a person would: the applets the issue names, pipes, sh -c, files on
# the ext2 root, line editing (erase, kill line, history), job control
# (^Z, jobs, fg, bg, ^C, &), ^D ending the shell and init restarting it,
# then poweroff with the root left clean.
. tests/qemu/lib_user.sh

if ! user_image shell; then
	not_ok "shell: make sdcard (see $LOGDIR/shell-make.log)"
	exit 1
fi
shell_session shell 600 "$(
	run_cmd echo 'echo hello $((6 * 7))'
	run_cmd uname 'uname -s -r'
	run_cmd meminfo 'cat /proc/meminfo | head -n 1'
	run_cmd free 'free -k'
	run_cmd ps 'ps'
	run_cmd mount 'mount'
	run_cmd df 'df -k /'
	run_cmd ls 'ls /bin /usr/bin | wc -l'
	run_cmd pipe 'echo abc | tr a-z A-Z | cat'
	run_cmd shc "sh -c 'exit 3'"
	run_cmd ext2 'echo rivet-data > /root/f && sync && cat /root/f && stat -c %s /root/f && rm /root/f'
	run_cmd tmpfs 'mkdir -p /tmp/d/e && ln -s /tmp/d/e /tmp/l && cp /etc/passwd /tmp/l/p && grep -c root /tmp/d/e/p'
	run_cmd dd 'dd if=/dev/zero of=/tmp/z bs=4096 count=256 && hexdump -C /tmp/z | head -n 2 && rm /tmp/z'
	run_cmd kill0 'kill -0 1 && sleep 1'
	# line editing: backspace, ^U (kill line), the up arrow (history)
	echo 'sendline echo abX\x7fc'
	echo 'expect 20 ^abc$'
	echo 'sendline garbage-words\x15echo killed-line'
	echo 'expect 20 ^killed-line$'
	echo 'sendline echo history-one'
	echo 'expect 20 ^history-one$'
	echo 'send \x1b[A'
	echo 'sleep 1'
	echo 'sendline '
	echo 'expect 20 ^history-one$'
	# job control: ^Z stops the foreground job, jobs lists it, fg resumes,
	# ^C ends it (status 130); ^C on a terminal read; a background job killed by %1
	echo 'sendline sleep 300'
	echo 'sleep 2'
	echo 'send \x1a'
	echo 'expect 20 [Ss]topped'
	run_cmd jobs 'jobs'
	echo 'sendline fg'
	echo 'sleep 2'
	echo 'send \x03'
	echo 'sendline echo @@fg=$?'
	echo 'expect 20 ^@@fg=[0-9]+$'
	echo 'sendline cat'
	echo 'sleep 1'
	echo 'send \x03'
	echo 'sendline echo @@cat=$?'
	echo 'expect 20 ^@@cat=[0-9]+$'
	# (BusyBox ash prints no "[1] PID" line for a background job, on Linux either)
	echo 'sendline sleep 300 &'
	run_cmd bgjobs 'jobs'
	run_cmd bgkill 'kill %1; wait %1'
	# ^D at an empty prompt ends the shell; init starts another
	echo 'send \x04'
	echo 'expect 30 init: shell exited with status 0, restarting'
	echo 'expect 30 init: starting /bin/sh'
	echo 'expect 30 [#$] (\x1b\[6n)?$'
	run_cmd second 'echo second-shell'
	echo 'sendline poweroff'
	echo 'exit 60'
)"
log=$LOGDIR/shell.log
expect_rc 0 "shell: the session ran to poweroff (expect.py, see $LOGDIR/shell.expect)"
expect "$log" "^init: starting /bin/sh" "shell: init starts the shell"
expect "$log" "^hello 42$" "shell: echo and arithmetic"
expect_rc_of "$log" uname 0 "shell: uname"
expect "$log" "^MemTotal: +[0-9]+ kB$" "shell: cat /proc/meminfo | head"
expect "$log" "^Mem: +[0-9]+ +[0-9]+ +[0-9]+" "shell: free -k"
expect_rc_of "$log" free 0 "shell: free exits 0"
output_of "$log" ps >"$LOGDIR/shell.ps"
expect "$LOGDIR/shell.ps" "^ +1 +[a-z0-9]+ .*init" "shell: ps lists init as pid 1"
expect "$LOGDIR/shell.ps" " -?sh$" "shell: ps lists the shell"
expect "$log" " on / type ext2 " "shell: mount shows the ext2 root"
expect "$log" "^proc on /proc type proc" "shell: mount shows /proc"
expect_rc_of "$log" df 0 "shell: df"
output_of "$log" ls >"$LOGDIR/shell.ls"
if [ "$(tr -dc 0-9 <"$LOGDIR/shell.ls")" -gt 80 ] 2>/dev/null; then
	ok "shell: ls /bin /usr/bin lists the applet links"
else
	not_ok "shell: ls /bin /usr/bin lists the applet links (got '$(cat "$LOGDIR/shell.ls")')"
fi
expect "$log" "^ABC$" "shell: a pipeline of three"
expect_rc_of "$log" shc 3 "shell: sh -c and its exit status"
output_of "$log" ext2 >"$LOGDIR/shell.ext2"
expect "$LOGDIR/shell.ext2" "^rivet-data$" "shell: a file written, synced and read back on the ext2 root"
expect "$LOGDIR/shell.ext2" "^11$" "shell: stat -c %s gives its size"
expect_rc_of "$log" ext2 0 "shell: stat and rm on the ext2 root"
expect_rc_of "$log" tmpfs 0 "shell: mkdir, ln -s, cp, grep on tmpfs"
expect "$log" "^00000000 +00 00 00 00" "shell: dd from /dev/zero and hexdump"
expect_rc_of "$log" kill0 0 "shell: kill -0 and sleep"
expect "$log" "^abc$" "line editing: backspace erases a character"
expect_not "$log" "garbage-words.*not found" "line editing: ^U kills the line"
expect_count "$log" "^history-one$" 2 "line editing: the up arrow recalls the last command"
expect "$log" "[Ss]topped.*sleep 300" "job control: ^Z stops the foreground job"
output_of "$log" jobs >"$LOGDIR/shell.jobs"
expect "$LOGDIR/shell.jobs" "sleep 300" "job control: jobs lists the stopped job"
expect "$log" "^@@fg=130$" "job control: fg resumes it, ^C ends it with status 130"
expect "$log" "^@@cat=130$" "tty: ^C interrupts a read of the terminal"
output_of "$log" bgjobs >"$LOGDIR/shell.bgjobs"
expect "$LOGDIR/shell.bgjobs" "Running +sleep 300" "job control: jobs lists the background job as running"
expect_rc_of "$log" bgkill 143 "job control: a background job killed by %1 (SIGTERM: 143)"
expect "$log" "^init: shell exited with status 0, restarting" "init: ^D ends the shell, init restarts it"
expect "$log" "^second-shell$" "init: the second shell runs commands"
expect "$log" "^init: poweroff" "init: poweroff through BusyBox"
expect_not "$log" "Kernel panic|WARNING|BUG:|bad page" "shell: no panic, warning or bad page"
if root_fsck shell; then
	ok "shell: e2fsck -fn finds the root clean after poweroff"
else
	not_ok "shell: e2fsck -fn finds the root clean after poweroff (see $LOGDIR/shell.fsck)"
fi
