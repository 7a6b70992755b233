/*
 * start_kernel: the boot sequence after head.S, in the order things become
 * possible: early console, the machine from the DTB, memory and paging,
 * traps, interrupts and the tick, then the console monitor.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/params.h>
#include <linux/jiffies.h>
#include <asm/sbi.h>
#include <asm/csr.h>
#include <asm/percpu.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/traps.h>

struct cpu_info cpu_data[NR_CPUS];

static void sbi_console_write(struct console *con, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(s[i]);
	}
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
	__asm__ __volatile__("mv tp, %0" :: "r"(ci));
}

__noreturn void start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	setup_boot_cpu(hartid);
	sbi_init();
	register_console(&sbi_early_console);
	pr_notice("rivet " RIVET_VERSION " (riscv64, Sv39) booting on hart %lu\n", hartid);
	sbi_print_info();

	setup_arch(dtb_pa);
	trap_init();
	setup_devices();
	time_init();
	arch_local_irq_enable();
	ptdump_kernel();
	run_crash_tests();
	pr_notice("rivet: boot complete, %lu ms since power-on\n",
		  (unsigned long)(ktime_get_ns() / 1000000));
	console_monitor();
}
