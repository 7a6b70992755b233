# The memory map at boot (3 GiB QEMU): three zones, memblock accounting,
# and the /proc texts in Linux's formats (mmstat=all).

boot_direct mm 60 console=ttyS0 mmstat=all poweroff_after=100
log=$LOGDIR/mm.log
expect_rc 0 "mm: boot powers off cleanly"
expect "$log" "Memory: [0-9]+ pages free \+ [0-9]+ reserved = 786432 RAM pages" "mm: free + reserved pages = RAM in the DTB (3 GiB)"
expect "$log" "Memory: [0-9]+K/3145728K available \([0-9]+K reserved, 786432K highmem\)" "mm: a quarter of RAM is highmem by default"
expect "$log" "DMA32 +\[mem 0x0000000080000000-0x00000000ffffffff\] [0-9]+ pages free" "zones: DMA32 below 4 GiB"
expect "$log" "Normal +\[mem 0x0000000100000000-0x000000010fffffff\] [0-9]+ pages free" "zones: Normal up to the lowmem end"
expect "$log" "HighMem +\[mem 0x0000000110000000-0x000000013fffffff\] 196608 pages free" "zones: HighMem, the top quarter, all free"
for z in DMA32 Normal HighMem; do
	expect "$log" "^Node 0, zone +$z\$" "zoneinfo: zone $z"
	expect "$log" "^Node 0, zone +$z( +[0-9]+){11} *\$" "buddyinfo: zone $z, 11 orders"
	expect "$log" "^Node +0, zone +$z, type +Movable( +[0-9]+){11} *\$" "pagetypeinfo: $z Movable row"
done
expect "$log" "^        spanned  524288\$" "zoneinfo: DMA32 spans 2 GiB (below 4 GiB)"
expect "$log" "^        spanned  65536\$" "zoneinfo: Normal spans 256 MiB"
expect "$log" "^        spanned  196608\$" "zoneinfo: HighMem spans 768 MiB"
expect "$log" "^      nr_file_pages 0\$" "zoneinfo: nr_file_pages in the per-node stats (Linux 6.x)"
expect "$log" "^        protection: \(0, 0, 0\)\$" "zoneinfo: protection, one entry per zone"
expect "$log" "^    cpu: 0\$" "zoneinfo: the boot CPU's pageset"
expect_not "$log" "^    cpu: [1-9]" "zoneinfo: no pageset of a CPU that is not online"
expect "$log" "^  start_pfn:           [0-9]+\$" "zoneinfo: start_pfn at Linux's width"
if [ "$(grep -c '^  per-node stats$' "$log")" -eq 1 ]; then
	ok "zoneinfo: one per-node stats block"
else
	not_ok "zoneinfo: one per-node stats block ($(grep -c '^  per-node stats$' "$log"))"
fi
expect "$log" "^Page block order: 9\$" "pagetypeinfo: header"
expect "$log" "^Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \$" \
	"pagetypeinfo: block table in Linux's column order"
expect "$log" "^Node +0, zone +HighMem, type +HighAtomic( +0){11} \$" "pagetypeinfo: HighAtomic row, all 0"
expect "$log" "^HighTotal: +786432 kB\$" "meminfo: HighTotal"
expect "$log" "^MemTotal: +[0-9]+ kB\$" "meminfo: MemTotal"
expect "$log" "^slabinfo - version: 2.1\$" "slabinfo: header"
expect "$log" "^kmalloc-64 +[0-9]+ +[0-9]+ +64 " "slabinfo: kmalloc-64"
expect "$log" "^kmalloc-131072 " "slabinfo: largest kmalloc cache"
expect "$log" "^pgalloc_normal [0-9]+\$|^pgfree [0-9]+\$" "vmstat: counters"

# highmem= moves the boundary; highmem=0 turns the emulation off.
boot_direct mm-nohigh 60 console=ttyS0 highmem=0 mmstat=buddyinfo,zoneinfo poweroff_after=100
expect "$LOGDIR/mm-nohigh.log" "Memory: [0-9]+K/3145728K available \([0-9]+K reserved, 0K highmem\)" "highmem=0: no highmem"
expect_not "$LOGDIR/mm-nohigh.log" "^Node 0, zone  HighMem +[0-9]" "highmem=0: buddyinfo leaves out the empty zone"
# Linux lists an empty zone in zoneinfo too, ending at its protection line.
empty=$(grep -A11 '^Node 0, zone  HighMem$' "$LOGDIR/mm-nohigh.log")
if sed -n 11p <<<"$empty" | grep -q '^        protection: (0, 0, 0)$' &&
	! sed -n 12p <<<"$empty" | grep -q '^      nr_'; then
	ok "highmem=0: zoneinfo shows the empty HighMem zone up to 'protection'"
else
	not_ok "highmem=0: zoneinfo shows the empty HighMem zone up to 'protection'"
fi
boot_direct mm-mem 60 console=ttyS0 mem=1G highmem=128M mmstat=zoneinfo poweroff_after=100
expect "$LOGDIR/mm-mem.log" "= 262144 RAM pages" "mem=1G: 1 GiB used"
expect "$LOGDIR/mm-mem.log" "^        spanned  32768\$" "highmem=128M: HighMem spans 128 MiB"
