/*
 * What the scheduler needs from the CPU: the registers a task keeps across
 * __switch_to (arch/riscv/switch.S), a busy-wait hint and the idle wait.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/page.h>
#include <uapi/sigcontext.h>

/*
 * Callee-saved registers across __switch_to; switch.S stores ra at offset
 * 0, sp at 8 and s0..s11 from 16. A new kernel thread starts with ra =
 * ret_from_kthread and s1 = its task (kthread_create). User tasks also
 * keep their F/D registers here while another task runs (the kernel
 * itself never touches them).
 */
struct thread_struct {
	unsigned long ra, sp;
	unsigned long s[12];
	struct __riscv_d_ext_state fstate;	/* f0..f31, fcsr (arch/riscv/fpu.S) */
};

/* The user stack's top (TASK_SIZE, asm/page.h: the lower half of Sv39). */
#define STACK_TOP		TASK_SIZE

/* The user registers of @tsk, saved at the top of its kernel stack. */
#define task_pt_regs(tsk) \
	((struct pt_regs *)((unsigned long)(tsk)->stack + THREAD_SIZE) - 1)
#define current_pt_regs()	task_pt_regs(current)
#define current_user_sp()	(current_pt_regs()->sp)

/* Point @regs at a fresh user program: pc, sp, user mode, FPU initial. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp);

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
