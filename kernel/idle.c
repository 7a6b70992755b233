/*
 * The idle loop, after Linux's kernel/sched/idle.c: what the boot thread
 * (the idle task, pid 0) does once start_kernel is done. It hands the CPU
 * to any runnable task and otherwise waits for an interrupt in the arch's
 * low-power wait. Leaves out cpuidle states and the tick being stopped.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <asm/processor.h>

/*
 * One pass: run the others if any is runnable, else wait. Interrupts are
 * off from the check to the wait, so a wake-up in between keeps the wait
 * short instead of being missed (arch_cpu_idle returns on a pending one).
 */
static void do_idle(void)
{
	local_irq_disable();
	if (sched_has_runnable()) {
		local_irq_enable();
		schedule();
		return;
	}
	arch_cpu_idle();	/* returns with interrupts on */
}

/* The idle task's body; only the boot thread calls it, at the end of boot. */
void cpu_idle(void)
{
	for (;;)
		do_idle();
}
