/*
 * setup_arch: everything the kernel learns from the device tree at boot.
 * The DTB is read twice: through setup_vm's identity map for the memory
 * layout (to build the linear map), then through the linear map after a
 * copy into lowmem, for the devices. No board address is hard-coded.
 * Before all that, setup_early_console prints through the SBI firmware.
 * Seed: Linux's setup_arch and setup_bootmem (arch/riscv); leaves out NUMA,
 * memory hotplug and using the initrd (it is only reserved).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/limits.h>
#include <linux/errno.h>
#include <linux/fdt.h>
#include <linux/of_machine.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/platform_device.h>
#include <linux/console.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/mmu_context.h>
#include <asm/sbi.h>
#include <asm/io.h>
#include <asm/percpu.h>
#include <asm/sections.h>

#define COMMAND_LINE_SIZE MACHINE_CMDLINE_LEN

char boot_command_line[COMMAND_LINE_SIZE];
/* parse_args cuts its input up and handlers keep pointers: one copy per pass. */
static char early_params_copy[COMMAND_LINE_SIZE], params_copy[COMMAND_LINE_SIZE];
struct machine_desc machine;
static phys_addr_t mem_limit = ~0UL;
static long highmem_size = -1;	/* bytes; -1 = a quarter of RAM */

#define MIN_MEM_SIZE	(64 * SZ_1M)	/* lowmem for the kernel, its tables, slab */

/* A size with an optional K/M/G suffix and nothing after it: 0 or -EINVAL. */
static int parse_size(const char *val, unsigned long long *size)
{
	char *end;

	if (!val || !*val)
		return -EINVAL;
	*size = memparse(val, &end);
	return *end ? -EINVAL : 0;
}

/* "mem=SIZE": use at most SIZE bytes of RAM. A bad SIZE changes nothing. */
static int mem_setup(char *val)
{
	unsigned long long size;

	if (parse_size(val, &size))
		return -EINVAL;
	if (size < MIN_MEM_SIZE) {
		pr_warn("mem=%s: rivet needs at least %lu MiB of RAM, ignored\n",
			val, MIN_MEM_SIZE >> 20);
		return -EINVAL;
	}
	mem_limit = size;
	return 0;
}
early_param("mem", mem_setup);

/* The console is the DTB's stdout-path; these are accepted for Linux's sake. */
static int console_setup(char *val)
{
	return 0;
}
__setup("console=", console_setup);
early_param("earlycon", console_setup);

/*
 * "highmem=SIZE": how much of the top of RAM is ZONE_HIGHMEM (no linear
 * address). 0 turns the emulation off; the default is a quarter of RAM,
 * and a bad SIZE (empty, junk after the number) keeps it.
 */
static int highmem_setup(char *val)
{
	unsigned long long size;

	if (parse_size(val, &size) || size > LONG_MAX)
		return -EINVAL;	/* reported by the caller; the default stays */
	highmem_size = (long)size;
	return 0;
}
early_param("highmem", highmem_setup);

/* Bytes as they are: the SBI firmware itself sends "\r" before each "\n". */
static void sbi_console_write(struct console *con, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbi_console_putchar(s[i]);
}

static struct console sbi_early_console = {
	.name = "sbi",
	.write = sbi_console_write,
	.early = true,
};

/* Before the first printk: find the SBI's extensions, print through it. */
void setup_early_console(void)
{
	sbi_init();
	register_console(&sbi_early_console);
}

/*
 * A device tree rivet cannot boot from is bad input, not a kernel bug: say
 * @why on the SBI console and power off instead of panicking.
 */
static __noreturn void bad_dtb(const char *why)
{
	pr_emerg("rivet: cannot boot: %s\n", why);
	sbi_shutdown();
}

/* Register RAM and everything in it that is not ours to hand out. */
static void setup_memblock(const struct machine_desc *m, phys_addr_t dtb_pa,
			   size_t dtb_size)
{
	unsigned int i;

	for (i = 0; i < (unsigned int)m->nr_mem; i++)
		memblock_add(m->mem[i].base, m->mem[i].size);
	if (mem_limit != ~0UL)
		memblock_enforce_memory_limit(mem_limit);
	memblock_reserve(kernel_load_pa, (unsigned long)(_end - _start));
	memblock_reserve(dtb_pa, dtb_size);
	for (i = 0; i < (unsigned int)m->nr_rsv; i++) {
		const struct machine_rsv *r = &m->rsv[i];

		memblock_reserve(r->base, r->size);
		if (r->no_map)
			memblock_mark_nomap(r->base, r->size);
	}
	if (m->has_initrd && m->initrd_end > m->initrd_start)
		memblock_reserve(m->initrd_start, m->initrd_end - m->initrd_start);
}

/*
 * Where lowmem ends: below the highmem part of RAM, inside the linear map,
 * and leaving lowmem at least 64 MiB. Pageblock aligned.
 */
static phys_addr_t choose_lowmem_end(void)
{
	phys_addr_t start = memblock_start_of_DRAM(), end = memblock_end_of_DRAM();
	phys_addr_t ram = end - start, high, low_end;

	high = highmem_size < 0 ? ram / 4 : (phys_addr_t)highmem_size;
	if (high > ram || ram - high < MIN_MEM_SIZE) {
		pr_warn("highmem: %lu MiB leaves too little lowmem, using none\n",
			high >> 20);
		high = 0;
	}
	low_end = ALIGN_DOWN(end - high, SZ_2M);
	if (low_end - ALIGN_DOWN(start, PGDIR_SIZE) > LINEAR_MAP_SIZE)
		low_end = ALIGN_DOWN(start, PGDIR_SIZE) + LINEAR_MAP_SIZE;
	return low_end;
}

/* Build swapper_pg_dir's linear map over lowmem (minus no-map holes), switch. */
static void setup_linear_map(phys_addr_t lowmem_end)
{
	phys_addr_t start, end;
	u64 i;

	va_pa_offset = PAGE_OFFSET - ALIGN_DOWN(memblock_start_of_DRAM(), PGDIR_SIZE);
	for_each_mem_range(i, &start, &end) {
		if (start < lowmem_end)
			map_linear_range(start, min(end, lowmem_end));
	}
	paging_init();
	asid_init();
}

/*
 * Page tables between the linear map and mm_init: a page below memblock's
 * limit (lowmem, so pgtable_va reaches it), or 0 when RAM is exhausted.
 */
static phys_addr_t memblock_pgtable_alloc(void)
{
	return memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
}

/* Zone boundaries: DMA32 below 4 GiB, NORMAL up to lowmem_end, HIGHMEM above. */
static void setup_zones(phys_addr_t lowmem_end)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	phys_addr_t dma32_end = min(lowmem_end, (phys_addr_t)1 << 32);

	max_zone_pfn[ZONE_DMA32] = PFN_DOWN(dma32_end);
	max_zone_pfn[ZONE_NORMAL] = PFN_DOWN(lowmem_end);
	max_zone_pfn[ZONE_HIGHMEM] = PFN_DOWN(memblock_end_of_DRAM());
	free_area_init(max_zone_pfn);
}

/* Copy the DTB into lowmem so it survives the end of the identity map. */
static const void *copy_dtb(const void *src, size_t size)
{
	phys_addr_t pa = memblock_phys_alloc(size, 8);

	if (!pa)
		bad_dtb("no memory for a copy of the device tree");
	memcpy((void *)pa, src, size);	/* identity map still active */
	return (const void *)pa;
}

/*
 * Scan the DTB at @dtb_pa, parse the command line, build memblock, the
 * linear map and the zones. A DTB rivet cannot boot from powers off with
 * the reason (bad_dtb).
 */
void setup_arch(phys_addr_t dtb_pa)
{
	const void *fdt = early_ioremap(dtb_pa);
	size_t size;
	const void *copy;
	phys_addr_t lowmem_end;

	sbi_print_info();
	if (fdt_check_header(fdt, 16 * SZ_1M))
		bad_dtb(fdt_errmsg());
	size = fdt_totalsize(fdt);
	if (fdt_scan_machine(fdt, size, &machine))
		bad_dtb("device tree lacks what rivet needs (see above)");
	strlcpy(boot_command_line, machine.bootargs, sizeof(boot_command_line));
	pr_info("command line: %s\n", boot_command_line);
	strlcpy(early_params_copy, boot_command_line, sizeof(early_params_copy));
	parse_args(early_params_copy, true, NULL);
	riscv_timebase = machine.timebase_frequency;

	setup_memblock(&machine, dtb_pa, size);
	lowmem_end = choose_lowmem_end();
	memblock_set_current_limit(lowmem_end);
	copy = copy_dtb(fdt, size);
	setup_linear_map(lowmem_end);
	set_pgtable_allocator(memblock_pgtable_alloc, NULL);

	if (fdt_scan_machine(__va((phys_addr_t)copy), size, &machine))
		bad_dtb("device tree changed under us");
	machine_desc_print(&machine);
	memblock_dump();
	setup_zones(lowmem_end);
	strlcpy(params_copy, boot_command_line, sizeof(params_copy));
	parse_args(params_copy, false, NULL);
}

/*
 * Devices: the tree of nodes from the DTB copy, then every driver binds to
 * its nodes (drivers/base/platform.c; the PLIC before the UART, which
 * waits for it). Without a console UART printk stays on SBI.
 */
void setup_devices(void)
{
	int err = unflatten_device_tree(machine.fdt);

	if (err) {
		pr_err("of: cannot build the device tree: %d\n", err);
		return;
	}
	err = of_platform_populate(NULL);
	if (err < 0)
		pr_err("of: no devices: %d\n", err);
	if (!of_stdout || !of_find_device_by_node(of_stdout))
		pr_warn("serial: no console UART bound (stdout-path %s), staying on SBI\n",
			of_stdout ? of_stdout->full_name : "absent");
}
