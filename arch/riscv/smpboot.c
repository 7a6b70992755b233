/*
 * The boot CPU's per-CPU area (asm/percpu.h): tp points at its struct
 * cpu_info from the first C code on, which entry.S and this_cpu() rely on.
 * Leaves out bringing up the other harts (SBI HSM) for now. Seed: Linux's
 * smpboot.c and its per-CPU thread pointer, by name.
 */
#include <linux/kernel.h>
#include <asm/percpu.h>
#include <asm/setup.h>

/* Only cpu_data[0] is in use; each CPU touches only its own (asm/percpu.h). */
struct cpu_info cpu_data[NR_CPUS];
/* Where a trap lands when the kernel stack has overflowed (entry.S). */
static char overflow_stack[NR_CPUS][4096] __aligned(16);

/* First thing in start_kernel: make this hart CPU 0 and point tp at it. */
void setup_boot_cpu(unsigned long hartid)
{
	struct cpu_info *ci = &cpu_data[0];

	ci->hartid = hartid;
	ci->cpu = 0;
	ci->overflow_sp = (unsigned long)overflow_stack[0] + sizeof(overflow_stack[0]);
	__asm__ __volatile__("mv tp, %0" :: "r"(ci));
}
