/*
 * setup_arch: everything the kernel learns from the device tree at boot.
 * The DTB is read twice: through setup_vm's identity map for the memory
 * layout (to build the linear map), then through the linear map after a
 * copy into lowmem, for the devices. No board address is hard-coded.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fdt.h>
#include <linux/of_machine.h>
#include <linux/memblock.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <linux/serial.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/sbi.h>
#include <asm/io.h>
#include <asm/plic.h>
#include <asm/percpu.h>

#define COMMAND_LINE_SIZE MACHINE_CMDLINE_LEN

char boot_command_line[COMMAND_LINE_SIZE];
/* parse_args cuts its input up and handlers keep pointers: one copy per pass. */
static char early_params_copy[COMMAND_LINE_SIZE], params_copy[COMMAND_LINE_SIZE];
struct machine_desc machine;
static const void *dtb;		/* lowmem copy, valid after setup_arch */
static phys_addr_t mem_limit = ~0UL;

extern char _start[], _end[];
extern phys_addr_t kernel_load_pa;

/* "mem=SIZE": use at most SIZE bytes of RAM. */
static int mem_setup(char *val)
{
	char *end;
	unsigned long long size;

	if (!val)
		return -EINVAL;
	size = memparse(val, &end);
	if (*end || size < 64 * SZ_1M)
		return -EINVAL;
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

	for (i = 0; i < (unsigned int)m->nr_mem; i++) {
		pr_info("memory: 0x%016llx-0x%016llx (%llu MiB)\n",
			(unsigned long long)m->mem[i].base,
			(unsigned long long)(m->mem[i].base + m->mem[i].size - 1),
			(unsigned long long)(m->mem[i].size >> 20));
		memblock_add(m->mem[i].base, m->mem[i].size);
	}
	if (mem_limit != ~0UL)
		memblock_enforce_memory_limit(mem_limit);
	memblock_reserve(kernel_load_pa, (unsigned long)(_end - _start));
	memblock_reserve(dtb_pa, dtb_size);
	for (i = 0; i < (unsigned int)m->nr_rsv; i++) {
		const struct machine_rsv *r = &m->rsv[i];

		pr_info("reserved: 0x%016llx-0x%016llx %s%s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1), r->name,
			r->no_map ? " (no-map)" : "");
		memblock_reserve(r->base, r->size);
		if (r->no_map)
			memblock_mark_nomap(r->base, r->size);
	}
	if (m->has_initrd && m->initrd_end > m->initrd_start)
		memblock_reserve(m->initrd_start, m->initrd_end - m->initrd_start);
}

/* Build swapper_pg_dir's linear map over RAM (minus no-map holes), switch. */
static void setup_linear_map(void)
{
	phys_addr_t start, end;
	u64 i;

	va_pa_offset = PAGE_OFFSET - ALIGN_DOWN(memblock_start_of_DRAM(), PGDIR_SIZE);
	for_each_mem_range(i, &start, &end)
		map_linear_range(start, end);
	paging_init();
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

void setup_arch(phys_addr_t dtb_pa)
{
	const void *fdt = early_ioremap(dtb_pa);
	size_t size;
	const void *copy;

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
	copy = copy_dtb(fdt, size);
	setup_linear_map();

	dtb = __va((phys_addr_t)copy);
	if (fdt_scan_machine(dtb, size, &machine))
		bad_dtb("device tree changed under us");
	machine_desc_print(&machine);
	memblock_dump();
	strlcpy(params_copy, boot_command_line, sizeof(params_copy));
	parse_args(params_copy, false, NULL);
}

/* Interrupt controller and console UART, described by the DTB. */
void setup_devices(void)
{
	const struct machine_uart *u = &machine.uart;
	struct uart_port_desc port = {
		.base = u->base, .size = u->size, .reg_shift = u->reg_shift,
		.reg_io_width = u->reg_io_width, .irq = u->irq,
	};
	unsigned long hart = this_cpu()->hartid;
	int ctx = hart < MACHINE_MAX_CPUS ? machine.plic.s_context[hart] : -1;

	if (machine.plic.present)
		plic_init(machine.plic.base, machine.plic.size, machine.plic.ndev, ctx);
	if (u->present)
		serial8250_init(&port);
	else
		pr_warn("serial: no console UART in the device tree, staying on SBI\n");
}
