# In-kernel self tests (ktest=all, with slab debugging on): every "ktest: ok/not ok" line the kernel
# prints counts as one test here.

boot_direct ktest 180 console=ttyS0 slab_debug ktest=all poweroff_after=100
log=$LOGDIR/ktest.log
expect_rc 0 "ktest: boot powers off cleanly"
n=0
while IFS= read -r line; do
	n=$((n + 1))
	case $line in
	*"ktest: ok - "*) ok "ktest ${line#*ktest: ok - }" ;;
	*) not_ok "ktest ${line#*ktest: not ok - }"
	   grep -F -B8 "$line" "$log" | grep "ktest:   " | sed 's/^/#   /' ;;
	esac
done < <(grep -E "ktest: (not )?ok - " "$log")
[ "$n" -ge 10 ] && ok "ktest: $n tests ran" || not_ok "ktest: only $n tests ran"
expect "$log" "ktest: [0-9]+ passed, 0 failed" "ktest: summary line, no failures"
expect_not "$log" "Kernel panic" "ktest: no panic"
expect "$log" "command line: .*slab_debug" "ktest: ran with slab_debug"
expect_not "$log" "slab: .* in cache kmalloc-" "ktest: slab debugging found no bug in the kernel's own kmalloc use"
