/*
 * What the scheduler needs from the CPU: the registers a task keeps across
 * __switch_to (arch/riscv/switch.S), a busy-wait hint and the idle wait.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <asm/irqflags.h>

/*
 * Callee-saved registers across __switch_to; switch.S stores ra at offset
 * 0, sp at 8 and s0..s11 from 16. A new kernel thread starts with ra =
 * ret_from_kthread and s1 = its task (kthread_create).
 */
struct thread_struct {
	unsigned long ra, sp;
	unsigned long s[12];
};

/*
 * In a busy-wait loop: let the core save power or a sibling run. PAUSE
 * (Zihintpause) is encoded as a FENCE hint, a no-op on cores without it.
 */
static inline void cpu_relax(void)
{
	__asm__ __volatile__(".4byte 0x0100000f" ::: "memory");	/* pause */
}

/*
 * The idle task's wait: called with interrupts off after it found nothing
 * to run. WFI returns once an interrupt is pending even with sstatus.SIE
 * clear, so a wake-up between the check and the WFI is not lost; turning
 * interrupts on then takes it. Returns with interrupts on.
 */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
	arch_local_irq_enable();
}

#endif
