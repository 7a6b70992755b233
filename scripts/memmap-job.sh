#!/bin/sh
# The on-target half of scripts/memmap.sh (docs/bench.md, "Memory pictures"):
# writes /bin/fragment's files, drops the caches, snapshots the free lists
# (before), runs the workload (which snapshots "during" itself, while half
# its workers hold their memory), snapshots again (after). Each snapshot is
# "MEMMAP-SNAP phase", per file "MEMMAP-FILE path" + its text, "MEMMAP-DONE phase";
# "MEMMAP-END" last. Exit status: fragment run's (a failure also prints
# "MEMMAP-FAILED", which scripts/memmap.py check refuses).
snap() {
	echo "MEMMAP-SNAP $1"
	for f in buddyinfo pagetypeinfo zoneinfo; do
		echo "MEMMAP-FILE /proc/$f"
		cat /proc/$f
	done
	echo "MEMMAP-DONE $1"
}
echo "MEMMAP-BEGIN $(uname -r)"
/bin/fragment setup /memmap || { echo "MEMMAP-FAILED setup"; exit 1; }
sync
echo 3 > /proc/sys/vm/drop_caches
snap before
/bin/fragment run /memmap -s
rc=$?
snap after
[ $rc -eq 0 ] || echo "MEMMAP-FAILED run (status $rc)"
echo "MEMMAP-END"
exit $rc
