/*
 * start_kernel: the boot sequence after head.S, in the order things become
 * possible: early console, the machine from the DTB, memory and paging,
 * the scheduler, traps, interrupts and the tick, then the console monitor's
 * thread, and the boot thread becomes the idle task. Portable: the arch's
 * part is behind asm/setup.h. Seed: Linux's init/main.c start_kernel;
 * then rest_init starts pid 1 (the user's /sbin/init, else the kernel
 * monitor). Leaves out initcalls and SMP bring-up.
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
#include <linux/binfmts.h>
#include <linux/fdtable.h>
#include <linux/params.h>
#include <asm/switch_to.h>
#include <asm/processor.h>
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

static char *init_path;	/* "init=": the first program, else the usual places */

static int init_setup(char *val)
{
	if (!val || val[0] != '/')
		return -EINVAL;
	init_path = val;
	return 0;
}
early_param("init", init_setup);

/* fds 0, 1 and 2 on /dev/console, as init expects (Linux's console_on_rootfs). */
static void console_on_rootfs(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("rivet: cannot open /dev/console (%ld): init has no stdin/out\n", PTR_ERR(f));
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		int n = get_unused_fd_flags(0);

		if (n < 0)
			break;
		fd_install(n, fd ? get_file(f) : f);
	}
}

/* Run @path as pid 1; returns only if it cannot be executed. */
static int try_to_run_init_process(const char *path)
{
	const char *argv[] = { path, NULL };
	const char *envp[] = { "HOME=/", "TERM=linux", NULL };
	int err = kernel_execve(path, argv, envp);

	if (!err)
		start_user_regs(current_pt_regs());
	if (err != -ENOENT)
		pr_err("rivet: starting init %s failed (%d)\n", path, err);
	return err;
}

/*
 * pid 1's first code: exec the user-space init, or, when the root file
 * system has none, start the kernel monitor on the console instead (the
 * -kernel test boots have only a tmpfs root).
 */
static int kernel_init(void *unused)
{
	static const char *const fallbacks[] = { "/sbin/init", "/etc/init", "/bin/init" };

	console_on_rootfs();
	if (init_path) {
		try_to_run_init_process(init_path);
		pr_err("rivet: init=%s could not run; trying the defaults\n", init_path);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(fallbacks); i++)
		try_to_run_init_process(fallbacks[i]);
	pr_notice("rivet: no init program found; starting the kernel monitor\n");
	for (int fd = 0; fd < 3; fd++)
		close_fd(fd);	/* the monitor reads the console itself: no tty open under it */
	console_monitor_start();
	return 0;
}

/* After boot: pid 1 (init, or the monitor), while this thread becomes idle. */
static void rest_init(void)
{
	int pid = user_mode_thread(kernel_init, NULL, 0);

	if (pid < 0) {
		pr_err("rivet: no init task (%d); starting the kernel monitor\n", pid);
		console_monitor_start();
	}
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
	fork_init();
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
	rest_init();
	cpu_idle();
}
