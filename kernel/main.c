/*
 * start_kernel: the boot sequence after head.S, in the order things become
 * possible: early console, the machine from the DTB, memory and paging,
 * traps, interrupts and the tick, then the console monitor.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/ktest.h>
#include <linux/highmem.h>
#include <asm/sbi.h>
#include <asm/csr.h>
#include <asm/percpu.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/traps.h>

struct cpu_info cpu_data[NR_CPUS];
/* Where a trap lands when the kernel stack has overflowed (entry.S). */
static char overflow_stack[NR_CPUS][4096] __aligned(16);

static void sbi_console_write(struct console *con, const char *s, size_t n)
{
	console_write_crlf(sbi_console_putchar, s, n);
}

static struct console sbi_early_console = {
	.name = "sbi",
	.write = sbi_console_write,
	.early = true,
};

/* tp holds this CPU's cpu_info while in the kernel (entry.S relies on it). */
static void setup_boot_cpu(unsigned long hartid)
{
	struct cpu_info *ci = &cpu_data[0];

	ci->hartid = hartid;
	ci->cpu = 0;
	ci->overflow_sp = (unsigned long)overflow_stack[0] + sizeof(overflow_stack[0]);
	__asm__ __volatile__("mv tp, %0" :: "r"(ci));
}

/* Page tables come from the buddy allocator once it runs (lowmem only). */
static phys_addr_t buddy_pgtable_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return 0;
	inc_zone_page_state(page, NR_PAGETABLE);
	return PFN_PHYS(page_to_pfn(page));
}

_Static_assert(sizeof(struct page) == 56, "struct page grew: update docs/mm.md");

/* The zones as Linux prints them at boot, with their free pages. */
static void print_zones(void)
{
	struct zone *zone;

	pr_info("Zone ranges (mem_map: %lu struct pages of %zu bytes):\n",
		max_pfn - min_low_pfn, sizeof(struct page));
	for_each_zone(zone) {
		if (!populated_zone(zone)) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		pr_info("  %-8s [mem 0x%016lx-0x%016lx] %lu pages free\n", zone->name,
			PFN_PHYS(zone->zone_start_pfn), PFN_PHYS(zone_end_pfn(zone)) - 1,
			zone_page_state(zone, NR_FREE_PAGES));
	}
}

/* Hand memory from memblock to the buddy allocator, then the slab on top. */
static void mm_init(void)
{
	memblock_free_all();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	mem_init_print_info();
	print_zones();
	kmem_cache_init();
	set_pgtable_allocator(buddy_pgtable_alloc);
	kmap_init();
	sched_init();
}

__noreturn void start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	setup_boot_cpu(hartid);
	sbi_init();
	register_console(&sbi_early_console);
	pr_notice("rivet " RIVET_VERSION " (riscv64, Sv39) booting on hart %lu\n", hartid);
	sbi_print_info();

	setup_arch(dtb_pa);
	mm_init();
	trap_init();
	setup_devices();
	time_init();
	arch_local_irq_enable();
	ptdump_kernel();
	print_mm_stats();
	ktest_run_all();
	run_crash_tests();
	pr_notice("rivet: boot complete, %lu ms since power-on\n",
		  (unsigned long)(ktime_get_ns() / 1000000));
	console_monitor();
}
