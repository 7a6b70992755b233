/*
 * /proc/cpuinfo in Linux's riscv layout (arch/riscv/kernel/cpu.c's
 * fields): per online CPU "processor", "hart", "isa", "mmu" and, when
 * the compatible string names a core, "uarch", then a blank line. The
 * values come from the hart's /cpus node in the device tree
 * ("riscv,isa", "mmu-type", "compatible"); a line whose property is
 * missing is left out. Leaves out mvendorid/marchid/mimpid (SBI) and
 * "isa extensions".
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/seq_buf.h>
#include <linux/cpumask.h>
#include <linux/of.h>
#include <asm/percpu.h>
#include "internal.h"

/* The /cpus child whose reg is @hartid, or NULL. */
static struct device_node *hart_node(unsigned long hartid)
{
	struct device_node *cpus = of_find_node_by_path("/cpus"), *child;
	u32 reg;

	if (!cpus)
		return NULL;
	for_each_child_of_node(cpus, child)	/* the macro wants this name */
		if (!of_property_read_u32(child, "reg", &reg) && reg == hartid)
			return child;
	return NULL;
}

/* One CPU's block. */
static void show_cpu(struct seq_buf *s, unsigned int cpu)
{
	unsigned long hartid = cpu_data[cpu].hartid;
	struct device_node *np = hart_node(hartid);
	const char *isa, *mmu, *compat;

	seq_buf_printf(s, "processor\t: %u\nhart\t\t: %lu\n", cpu, hartid);
	if (np && !of_property_read_string(np, "riscv,isa", &isa))
		seq_buf_printf(s, "isa\t\t: %s\n", isa);
	if (np && !of_property_read_string(np, "mmu-type", &mmu))
		seq_buf_printf(s, "mmu\t\t: %s\n", !strncmp(mmu, "riscv,", 6) ? mmu + 6 : mmu);
	if (np && !of_property_read_string(np, "compatible", &compat) && strcmp(compat, "riscv"))
		seq_buf_printf(s, "uarch\t\t: %s\n", compat);
	seq_buf_puts(s, "\n");
}

static void cpuinfo_proc_show(struct seq_buf *s)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		show_cpu(s, cpu);
}

int proc_cpuinfo_init(void)
{
	return proc_create_single("cpuinfo", 0444, NULL, cpuinfo_proc_show) ? 0 : -ENOMEM;
}
