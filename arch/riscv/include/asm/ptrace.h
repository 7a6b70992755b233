/* Registers saved on a trap (arch/riscv/entry.S builds this on the stack). */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long epc;	/* slot 0: sepc, where the trap happened */
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;	/* sstatus */
	unsigned long badaddr;	/* stval */
	unsigned long cause;	/* scause; -1 once a syscall's restart was decided */
	unsigned long orig_a0;	/* a0 at a system call, for its restart */
};

static inline int user_mode(const struct pt_regs *regs)
{
	return !(regs->status & (1UL << 8));	/* SPP = 0: came from U-mode */
}

/* Print @regs and the backtrace from them (arch/riscv/process.c); for panic. */
void show_regs(const struct pt_regs *regs);
#endif

/* Offsets: register xN is saved at N * 8 (x0's slot holds epc). */
#define PT_SIZE		(36 * 8)	/* a multiple of 16: sp stays aligned */
#define PT_STATUS	(32 * 8)
#define PT_BADADDR	(33 * 8)
#define PT_CAUSE	(34 * 8)
#define PT_ORIG_A0	(35 * 8)

#endif
