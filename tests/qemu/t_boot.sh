# Direct boot (-bios default -kernel Image): banner, memory map against the
# DTB QEMU generates for the same machine, section permissions, tick, clean
# power-off.

dtb=$LOGDIR/virt-$MEM.dtb
timeout 20 qemu-system-riscv64 -M "virt,dumpdtb=$dtb" -m "$MEM" -smp 1 -nographic >/dev/null 2>&1
mem_reg=$(dtc -I dtb -O dts "$dtb" 2>/dev/null | awk '/memory@/{m=1} m && /reg =/{print; exit}')
# reg = <0x00 0x80000000 0x00 0xc0000000>;  -> base and size
read -r b_hi b_lo s_hi s_lo < <(sed 's/.*<\(.*\)>.*/\1/' <<<"$mem_reg")
mem_base=$(printf '0x%016x' $((b_hi << 32 | b_lo)))
mem_end=$(printf '0x%016x' $(((b_hi << 32 | b_lo) + (s_hi << 32 | s_lo) - 1)))

boot_direct direct 60 console=ttyS0 poweroff_after=1500
log=$LOGDIR/direct.log
expect_rc 0 "direct boot powers off cleanly"
expect "$log" "OpenSBI v" "direct: OpenSBI ran first"
expect "$log" '^\[ *[0-9]+\.[0-9]{6}\] rivet [^ ]+ \(riscv64, Sv39\) booting on hart 0' "direct: banner with timestamp"
expect "$log" "SBI specification v1\.0" "direct: SBI version probed"
expect "$log" "memory: $mem_base-$mem_end" "direct: memory map matches the DTB ($mem_base-$mem_end)"
expect "$log" "reserved: 0x0*80000000-" "direct: OpenSBI's region is reserved"
expect "$log" "command line: console=ttyS0 poweroff_after=1500" "direct: command line from /chosen"
expect "$log" "\] riscv-plic c000000\.plic: 96 sources at 0xc000000, hart 0 S-mode context 1 of 2\$" \
	"direct: the PLIC driver bound to the DTB's PLIC"
expect "$log" "\] serial8250 10000000\.serial: ttyS0 at MMIO 0x10000000 irq 10 \(reg-shift 0, io-width 1\), console\$" \
	"direct: the 16550 driver bound to the stdout-path UART, with the PLIC's irq 10"
expect_not "$log" "probe of node .* failed|no console UART bound" "direct: no driver failed to bind"
expect_not "$log" "^\[.*\] (uart: .* shift|plic: at 0x|virtio-mmio: 0x|mmc: .* fifo)" \
	"direct: machine_desc lists no devices (their drivers do)"
expect "$log" "timer: timebase 10000000 Hz, HZ=100" "direct: timebase from the DTB"
expect "$log" "^\[.*\]   ffffffff80001000-[0-9a-f]+ +[0-9]+K R-XG" "direct: kernel text is R-X"
expect "$log" "^\[.*\]   ffffffff8[0-9a-f]+-[0-9a-f]+ +[0-9]+K R--G" "direct: kernel rodata is R--"
expect "$log" "^\[.*\]   ffffffff8[0-9a-f]+-[0-9a-f]+ +[0-9]+K RW-G" "direct: kernel data is RW-"
expect "$log" "W\+X check: passed" "direct: no W+X mappings"
expect "$log" "^\[.*\]   ffffffc0[0-9a-f]+-[0-9a-f]+ +[0-9]+K RW-G" "direct: linear map present"
expect "$log" "boot complete" "direct: boot completes"
ticks=$(sed -n 's/.*rivet: \([0-9]*\) timer ticks in \([0-9]*\) ms.*/\1 \2/p' "$log")
read -r nt ms <<<"${ticks:-0 0}"
# At HZ=100 a 1500 ms run has about 150 ticks; allow for slow hosts.
if [ "$nt" -ge 20 ] && [ "$nt" -le $((ms / 10 + 5)) ]; then
	ok "direct: timer ticks advance ($nt ticks in $ms ms)"
else
	not_ok "direct: timer ticks advance ($nt ticks in $ms ms)"
fi
expect "$log" "rivet: power off" "direct: SBI shutdown"
