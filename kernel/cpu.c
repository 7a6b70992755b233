/*
 * Which CPUs are online (include/linux/cpumask.h), after Linux's
 * kernel/cpu.c: the mask itself and boot_cpu_init. Leaves out CPU hotplug
 * and the possible/present/active masks; secondary harts, once started,
 * will call set_cpu_online for themselves.
 */
#include <linux/cpumask.h>

struct cpumask __cpu_online_mask;

/* Called once by the boot CPU in start_kernel, before anything reads the mask. */
void boot_cpu_init(void)
{
	set_cpu_online(smp_processor_id(), true);
}
