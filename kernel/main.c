/*
 * start_kernel: the boot sequence after head.S, in the order things become
 * possible: early console, the machine from the DTB, memory and paging,
 * the scheduler, traps, interrupts and the tick, then the console monitor's
 * thread, and the boot thread becomes the idle task. Portable: the arch's
 * part is behind asm/setup.h. Seed: Linux's init/main.c start_kernel;
 * leaves out initcalls, rest_init's init process and SMP bring-up.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/radix-tree.h>
#include <linux/sched.h>
#include <linux/ktest.h>
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/mmstat.h>
#include <linux/monitor.h>
#include <linux/genhd.h>
#include <linux/brd.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include <linux/proc_fs.h>
#include <linux/devtmpfs.h>
#include <linux/swap.h>
#include <linux/random.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

#ifndef RIVET_VERSION
#define RIVET_VERSION "dev"
#endif

/* Page tables come from the buddy allocator once it runs (lowmem only). */
static phys_addr_t buddy_pgtable_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return 0;
	inc_zone_page_state(page, NR_PAGETABLE);
	return PFN_PHYS(page_to_pfn(page));
}

/* A page-table page that lost the race to fill an entry goes back. */
static void buddy_pgtable_free(phys_addr_t pa)
{
	struct page *page = pfn_to_page(PFN_DOWN(pa));

	dec_zone_page_state(page, NR_PAGETABLE);
	__free_page(page);
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
	set_pgtable_allocator(buddy_pgtable_alloc, buddy_pgtable_free);
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	mem_init_print_info();
	print_zones();
	kmem_cache_init();
	mmap_init();		/* vm_area_cachep (mm/mmap.c) */
	radix_tree_init();
	kmap_init();
}

/*
 * head.S's jump target: MMU on (early_pg_dir), on init_stack, interrupts
 * off, one hart (@hartid), the DTB at physical @dtb_pa. Each step needs
 * the ones above it; failures that are bad input power off with a reason
 * (setup_arch), kernel bugs panic. Becomes the idle loop, never returns.
 */
__noreturn void start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	setup_boot_cpu(hartid);
	boot_cpu_init();
	setup_early_console();
	pr_notice("rivet " RIVET_VERSION " (riscv64, Sv39) booting on hart %lu\n", hartid);

	setup_arch(dtb_pa);
	mm_init();
	sched_init();
	trap_init();
	setup_devices();
	rand_initialize();	/* the DTB's rng-seed, before anyone asks for random bytes */
	time_init();
	local_irq_enable();
	scan_boot_disks();
	brd_init();
	buffer_init();
	init_ext2_fs();
	proc_root_init();
	vfs_caches_init();	/* the root= mount, /dev, /proc, /tmp, the flusher */
	chr_dev_init();
	kswapd_init();
	ptdump_kernel();
	print_mm_stats();
	ktest_run_all();
	run_crash_tests();
	pr_notice("rivet: boot complete, %lu ms since power-on\n",
		  (unsigned long)(ktime_get_ns() / 1000000));
	console_monitor_start();
	cpu_idle();
}
