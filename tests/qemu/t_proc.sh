# procfs, /dev and the RTC (ktest=proc, tests/kernel/test_proc.c) on a
# machine with an 8 MiB GPT virtio disk (vda1, vda2): /proc and /dev were
# mounted at boot, the ktests pass (meminfo, big files in chunks, readdir,
# /proc/sys/vm, uptime, null/zero/full/urandom/console, the disks' nodes,
# ChaCha20, time64_to_tm), and the Goldfish RTC's time is the host's
# (`date +%s`) within three minutes.

PSECTORS=16384
img=$LOGDIR/proc.img
rm -f "$img"
if ! truncate -s $((PSECTORS * 512)) "$img" ||
   ! /usr/sbin/sgdisk -n 1:2048:8191 -n 2:8192:0 "$img" >/dev/null; then
	not_ok "proc: could not make the GPT image"
	exit 1
fi

host_before=$(date +%s)
APPEND="console=ttyS0 ktest=proc poweroff_after=100" TIMEOUT=90 NO_REBOOT=1 \
	bash scripts/qemu.sh direct "$O/Image" \
	-drive "file=$img,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
	</dev/null >"$LOGDIR/proc.log" 2>&1 && RC=0 || RC=$?
host_after=$(date +%s)
log=$LOGDIR/proc.log
strip_cr "$log"

expect_rc 0 "proc: boot powers off cleanly"
expect "$log" "ktest: 12 passed, 0 failed" "proc: twelve proc ktests, none failed"
expect_not "$log" "Kernel panic|WARNING|BUG" "proc: no panic or warning"
expect_not "$log" "missing at boot" "proc: boot mounted /proc and /dev itself"
expect "$log" "devtmpfs: mounted on /dev$" "proc: devtmpfs mounted on /dev with every node"
expect "$log" "proc: dev: [0-9]+ block nodes:.* vda vda1 vda2" "proc: /dev/vda, vda1, vda2 are the disk's block nodes"
expect "$log" "^proc: /dev/console write reached the console$" "proc: a write to /dev/console shows as bare text"
expect "$log" "random: seeded from 32 bytes of DTB seed and timer jitter" \
	"proc: the generator is seeded from QEMU's /chosen rng-seed"
expect "$log" "proc: big_file_chunks: slabinfo [0-9]+ bytes in 7-byte reads" "proc: slabinfo read in 7-byte chunks"

# near_host WHAT SECONDS: SECONDS lies within 180 s of the boot's host time.
near_host() {
	if [ -n "$2" ] && [ "$2" -ge $((host_before - 180)) ] && [ "$2" -le $((host_after + 180)) ]; then
		ok "$1 ($2, host $host_before..$host_after)"
	else
		not_ok "$1 ('$2', host $host_before..$host_after)"
	fi
}
rtc=$(sed -nE 's/.*goldfish-rtc 101000\.rtc: setting system clock to [0-9T:-]+ UTC \(([0-9]+)\)$/\1/p' "$log")
near_host "proc: the RTC's boot time is the host's" "$rtc"
wall=$(sed -nE 's/.*proc: rtc: wall clock ([0-9]+)$/\1/p' "$log")
near_host "proc: ktime_get_real_seconds is the host's time" "$wall"
if [ -n "$rtc" ]; then
	date_utc=$(date -u -d "@$rtc" +%Y-%m-%dT%H:%M:%S)
	expect "$log" "setting system clock to $date_utc UTC \($rtc\)$" \
		"proc: the RTC line's date is its seconds as date(1) converts them"
fi
