/*
 * Signal delivery's arch half (arch/riscv/signal.c): the user stack frame
 * a handler runs on (Linux's riscv64 struct rt_sigframe), the return
 * trampoline, and the system-call restart rules.
 */
#ifndef _ASM_SIGNAL_H
#define _ASM_SIGNAL_H

struct pt_regs;
struct mm_struct;

/*
 * On the way to user mode: deliver one pending signal (a handler frame, a
 * default action) or, if none, restart the interrupted system call and
 * put back a saved signal mask. Interrupts on.
 */
void arch_do_signal_or_restart(struct pt_regs *regs);

/* Map the sigreturn trampoline page ("[vdso]") into @mm at exec; 0 or -Exxx. */
int arch_setup_additional_pages(struct mm_struct *mm);

#endif
