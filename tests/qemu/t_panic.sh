# Deliberate faults in the kernel give the panic report and power off.

for kind in null:"load page fault":crash_null \
	    rodata:"store/AMO page fault":crash_rodata_write \
	    exec:"instruction page fault":crash_exec \
	    bug:"BUG at tests/kernel/crashtest.c":run_crash_tests \
	    stack:"kernel stack overflow in crash_stack":crash_recurse \
	    vmalloc-guard:"is the guard page of vmalloc area":crash_vmalloc_guard \
	    highmem-linear:"is a highmem frame's linear address":crash_highmem_linear; do
	k=${kind%%:*} rest=${kind#*:}
	what=${rest%%:*} sym=${rest#*:}
	boot_direct "crash-$k" 60 console=ttyS0 crash=$k
	log=$LOGDIR/crash-$k.log
	expect_rc 0 "crash=$k: machine powers off, no hang"
	expect "$log" "Kernel panic: .*$what" "crash=$k: panic names the cause ($what)"
	expect "$log" "Call trace:" "crash=$k: backtrace printed"
	expect "$log" "\] +((epc|ra) : |\[<[0-9a-f]+>\] )$sym\+0x[0-9a-f]+/0x[0-9a-f]+" "crash=$k: backtrace symbolised ($sym)"
	expect "$log" "end Kernel panic" "crash=$k: report ends"
done
expect "$LOGDIR/crash-null.log" "badaddr 0000000000000000" "crash=null: stval shows address 0"
