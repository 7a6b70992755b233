# The benchmark programs (docs/bench.md, "The programs") on rivet: `make
# sdcard`'s image booted to the shell, `bench -l` lists the rows, `bench -q`
# (small sizes, one repetition) must print a positive figure in a known unit
# for every listed row (a BENCH-SKIP fails: on this image every row can run),
# between BENCH-BEGIN and BENCH-END; a pattern runs a subset, an unknown
# name is refused with status 2; on a full file system the file rows skip
# with ENOSPC, leave nothing behind, and the rest go on; the root is left
# clean. Plain TCG (no -icount) keeps it short, so the quick figures, copied
# into the output as "#" lines, are wall-clock ones and never checked;
# scripts/bench-user.sh gives the repeatable full-size figures.
. tests/qemu/lib_user.sh

# The rows issue 10 names: bench -l must list at least these.
BENCH_ISSUE_ROWS="null_syscall anon_fault anon_fault_1M anon_fault_2M anon_fault_4M
anon_fault_8M anon_fault_16M anon_fault_32M anon_fault_64M zero_fault cow_break
fork_exit_wait_16M fork_exit_wait_64M fork_exec_wait brk_grow mmap_munmap_1M
file_write_16M file_write_fsync_16M file_read_cold_64M file_read_warm_64M
blkdev_read_64M mmap_shared_fault pipe memcpy"

# bench_missing NAMES OUT: the names in file NAMES with no positive BENCH
# line in a known unit in file OUT, each with what OUT said instead.
bench_missing() {
	awk 'NR == FNR { want[$1] = 1; next }
	$1 == "BENCH" && NF == 4 && $3 + 0 > 0 && $4 ~ /^(ns|us|ms|MiB\/s)$/ { good[$2] = 1 }
	$1 == "BENCH" || $1 == "BENCH-SKIP" { said[$2] = $0 }
	END {
		for (n in want)
			if (!(n in good))
				print n ((n in said) ? " (" said[n] ")" : " (no line)")
	}' "$1" "$2"
}

# bench_unlisted NAMES OUT: BENCH rows in OUT that are neither a listed name nor NAME.ref of one.
bench_unlisted() {
	awk 'NR == FNR { want[$1] = 1; next }
	$1 == "BENCH" { n = $2; sub(/\.ref$/, "", n); if (!(n in want)) print $2 }' "$1" "$2"
}

if ! user_image bench; then
	not_ok "bench: make sdcard (see $LOGDIR/bench-make.log)"
	exit 1
fi
MEM=512M shell_session bench 300 "$(
	run_cmd list "bench -l" 30
	run_cmd quick "bench -q" 200
	run_cmd subset "bench -q 'anon_fault_*'" 60
	run_cmd bad "bench no_such_row" 30
	run_cmd enospc "mount -t tmpfs -o size=4m bench /mnt && bench -q -d /mnt/b 'file_*' mmap_shared_fault; ls /mnt/b; umount /mnt" 60
	echo "sendline poweroff"
	echo "exit 60"
)"
log=$LOGDIR/bench.log
names=$LOGDIR/bench.names out=$LOGDIR/bench.quick subset=$LOGDIR/bench.subset
full=$LOGDIR/bench.enospc
output_of "$log" list >"$names"
output_of "$log" quick >"$out"
output_of "$log" subset >"$subset"
expect_rc 0 "bench: the session ran to poweroff (expect.py, see $LOGDIR/bench.expect)"

missing=$(printf '%s\n' $BENCH_ISSUE_ROWS | grep -vxF -f "$names")
if [ -z "$missing" ]; then
	ok "bench: bench -l lists every row issue 10 names ($(wc -l <"$names") rows)"
else
	not_ok "bench: bench -l lists every row issue 10 names (missing: $(echo $missing))"
fi
expect "$out" "^BENCH-BEGIN [^ ]+$" "bench: BENCH-BEGIN with the kernel release first"
missing=$(bench_missing "$names" "$out")
if [ -s "$names" ] && [ -z "$missing" ]; then
	ok "bench: bench -q prints a positive figure for every listed row"
else
	not_ok "bench: bench -q prints a positive figure for every listed row (not: $(echo $missing))"
fi
unlisted=$(bench_unlisted "$names" "$out")
if [ -z "$unlisted" ]; then
	ok "bench: every BENCH row printed is a listed name or its .ref"
else
	not_ok "bench: every BENCH row printed is a listed name or its .ref (not: $(echo $unlisted))"
fi
if [ "$(grep -E '^BENCH' "$out" | tail -n 1)" = BENCH-END ]; then
	ok "bench: BENCH-END last"
else
	not_ok "bench: BENCH-END last (see $out)"
fi
expect_rc_of "$log" quick 0 "bench: bench -q exits 0"
expect_count "$subset" "^BENCH anon_fault_[0-9]+M [0-9.]+ ns$" 7 \
	"bench: the pattern anon_fault_* runs the seven curve rows"
expect_count "$subset" "^BENCH [^ ]+ " 7 "bench: ... and no other row"
expect_rc_of "$log" bad 2 "bench: an unknown row name is refused (status 2)"
output_of "$log" enospc >"$full"
expect "$full" "^BENCH file_write_16M [0-9.]+ MiB/s$" "bench: -d on a 4 MiB tmpfs: the 2 MiB write runs"
expect_count "$full" "^BENCH-SKIP (file_read_cold_64M|file_read_warm_64M|mmap_shared_fault) .*No space left on device" 3 \
	"bench: ... the rows needing the 8 MiB file skip with ENOSPC"
expect "$full" "^BENCH-END$" "bench: ... and the rest go on to BENCH-END"
expect_count "$full" "^[^B]" 0 "bench: ... leaving no file behind (ls of the folder is empty)"
expect_not "$log" "Kernel panic|WARNING|BUG:|bad page" "bench: no panic, warning or bad page"
if root_fsck bench; then
	ok "bench: e2fsck -fn finds the root clean after poweroff"
else
	not_ok "bench: e2fsck -fn finds the root clean after poweroff (see $LOGDIR/bench.fsck)"
fi
grep -E "^BENCH" "$out" | sed 's/^/# /'
