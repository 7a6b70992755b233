# Seed 003's experiment at BusyBox's prompt (docs/userspace.md):
# /usr/share/rivet/seed003.sh runs free -k, grep file_pages /proc/zoneinfo
# and three dd copies (ram0 -> ./big, ./big -> ./big2, ./big -> ram0) in a
# tmpfs folder, as the seed's initramfs root was, then in a folder of the
# ext2 root. The figures must move as the seed shows: Cached and Shmem up
# by 4096 kB and nr_file_pages by 1024 after each of the first two copies
# (on ext2: Cached only), Cached unchanged and used memory up by about
# 4 MiB after the copy to the RAM disk. Then poweroff; the root is clean.
. tests/qemu/lib_user.sh

if ! user_image seed003; then
	not_ok "seed003: make sdcard (see $LOGDIR/seed003-make.log)"
	exit 1
fi
shell_session seed003 600 "$(
	run_cmd tmpfs 'sh /usr/share/rivet/seed003.sh /tmp/seed003' 120
	run_cmd ext2 'sh /usr/share/rivet/seed003.sh /root/seed003' 120
	echo "sendline poweroff"
	echo "exit 60"
)"
log=$LOGDIR/seed003.log
expect_rc 0 "seed003: the session ran to poweroff (expect.py, see $LOGDIR/seed003.expect)"
expect_rc_of "$log" tmpfs 0 "seed003: the script runs in a tmpfs folder"
expect_rc_of "$log" ext2 0 "seed003: the script runs in an ext2 folder"
expect "$log" "^Mem: +[0-9]+" "seed003: free -k shows its Mem: line"
expect "$log" "^ +nr_file_pages [0-9]+$" "seed003: grep file_pages /proc/zoneinfo"

# figure RUN STEP FIELD: FIELD of the summary line of STEP in run RUN (1, 2).
figure() {
	grep -E "^seed003: $2 " "$log" | sed -n "${1}p" | tr ' ' '\n' | sed -n "s/^$3=//p"
}

# delta_near RUN FROM TO FIELD WANT SLACK WHAT: TO's FIELD - FROM's is WANT +- SLACK.
delta_near() {
	local a b d
	a=$(figure "$1" "$2" "$4") b=$(figure "$1" "$3" "$4")
	if [ -z "$a" ] || [ -z "$b" ]; then
		not_ok "$7 (no $4 figures for $2 and $3 in $log)"
		return
	fi
	d=$((b - a))
	if [ "$d" -ge $(($5 - $6)) ] && [ "$d" -le $(($5 + $6)) ]; then
		ok "$7 ($4 $d)"
	else
		not_ok "$7 ($4 moved by $d, wanted $5 +- $6)"
	fi
}

# tmpfs, as the seed's root was: cached and shared both grow.
delta_near 1 start ram_to_big cached 4096 256 "seed003 tmpfs: dd ram0 -> ./big: cached +4096 kB"
delta_near 1 start ram_to_big shared 4096 256 "seed003 tmpfs: dd ram0 -> ./big: shared +4096 kB"
delta_near 1 start ram_to_big file_pages 1024 64 "seed003 tmpfs: dd ram0 -> ./big: nr_file_pages +1024"
delta_near 1 ram_to_big big_to_big2 cached 4096 256 "seed003 tmpfs: dd ./big -> ./big2: cached +4096 kB"
delta_near 1 ram_to_big big_to_big2 shared 4096 256 "seed003 tmpfs: dd ./big -> ./big2: shared +4096 kB"
delta_near 1 ram_to_big big_to_big2 file_pages 1024 64 "seed003 tmpfs: dd ./big -> ./big2: nr_file_pages +1024"
delta_near 1 big_to_big2 big_to_ram cached 0 256 "seed003 tmpfs: dd ./big -> ram0: cached unchanged"
delta_near 1 big_to_big2 big_to_ram used 4096 1024 "seed003 tmpfs: dd ./big -> ram0: used up by about 4 MiB"
# The ext2 root: the files are cached but not shared.
delta_near 2 start ram_to_big cached 4096 256 "seed003 ext2: dd ram0 -> ./big: cached +4096 kB"
delta_near 2 start ram_to_big shared 0 256 "seed003 ext2: dd ram0 -> ./big: shared unchanged"
delta_near 2 ram_to_big big_to_big2 cached 4096 256 "seed003 ext2: dd ./big -> ./big2: cached +4096 kB"
delta_near 2 ram_to_big big_to_big2 shared 0 256 "seed003 ext2: dd ./big -> ./big2: shared unchanged"
delta_near 2 big_to_big2 big_to_ram cached 0 256 "seed003 ext2: dd ./big -> ram0: cached unchanged"
grep -E "^seed003: " "$log" | sed 's/^/# /'
expect "$log" "^init: poweroff" "seed003: init's poweroff"
expect_not "$log" "Kernel panic|WARNING|BUG:|bad page" "seed003: no panic, warning or bad page"
if root_fsck seed003; then
	ok "seed003: e2fsck -fn finds the root clean after poweroff"
else
	not_ok "seed003: e2fsck -fn finds the root clean after poweroff (see $LOGDIR/seed003.fsck)"
fi
