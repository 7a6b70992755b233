/*
 * Task state that only the arch knows: the registers a new kernel thread
 * or forked task starts with (copy_thread), a new program's (start_thread),
 * the user FPU registers across a switch, and the register dump of a trap
 * (show_regs). Seed: Linux's copy_thread, start_thread, __switch_to's FPU
 * half and show_regs, by name.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/ptrace.h>
#include <asm/stacktrace.h>
#include <asm/switch_to.h>
#include <asm/traps.h>
#include <asm/csr.h>
#include <linux/string.h>

/*
 * The first __switch_to into @p "returns" to ret_from_kthread with s1 =
 * @p, which switch.S hands to kthread_main. Its stack starts below the
 * pt_regs slot, so a kthread that execs (init) can fill them in.
 */
void copy_thread(struct task_struct *p)
{
	memset(task_pt_regs(p), 0, sizeof(struct pt_regs));
	p->thread.ra = (unsigned long)ret_from_kthread;
	p->thread.sp = (unsigned long)task_pt_regs(p);
	p->thread.s[1] = (unsigned long)p;
}

void copy_thread_user(struct task_struct *p, unsigned long usp, bool settls,
		      unsigned long tls)
{
	struct pt_regs *regs = task_pt_regs(p);

	*regs = *current_pt_regs();
	regs->a0 = 0;			/* the child's return value */
	if (usp)
		regs->sp = usp;
	if (settls)
		regs->tp = tls;
	p->thread = current->thread;	/* the FPU registers, saved by the caller */
	p->thread.ra = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)regs;
	p->thread.s[1] = (unsigned long)regs;
}

/* A new program: U-mode, interrupts on, FPU "initial" with zeroed registers. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->epc = pc;
	regs->sp = sp;
	regs->status = SR_SPIE | SR_FS_INITIAL;	/* SPP = 0: user mode */
	memset(&current->thread.fstate, 0, sizeof(current->thread.fstate));
}

/* FS field of a saved sstatus. */
static unsigned long regs_fs(const struct pt_regs *regs)
{
	return regs->status & SR_FS;
}

/*
 * Lazy in one direction: registers are saved only when the task dirtied
 * them (FS = Dirty in its saved sstatus), always loaded for a user task
 * (cheap next to a switch, and kthreads leave them alone).
 */
void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	struct pt_regs *pr = task_pt_regs(prev), *nr = task_pt_regs(next);

	if (prev->mm && regs_fs(pr) == SR_FS_DIRTY) {
		__fstate_save(&prev->thread.fstate);
		pr->status = (pr->status & ~SR_FS) | SR_FS_CLEAN;
	}
	if (next->mm && regs_fs(nr) != SR_FS_OFF) {
		__fstate_restore(&next->thread.fstate);
		nr->status = (nr->status & ~SR_FS) | SR_FS_CLEAN;
	}
}

void fstate_save_current(void)
{
	struct pt_regs *regs = current_pt_regs();

	if (regs_fs(regs) == SR_FS_DIRTY) {
		__fstate_save(&current->thread.fstate);
		regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN;
	}
}

void fstate_restore_current(void)
{
	struct pt_regs *regs = current_pt_regs();

	__fstate_restore(&current->thread.fstate);
	regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN;
}

/* Every saved register, the cause decoded, then the backtrace from s0/epc. */
void show_regs(const struct pt_regs *r)
{
	pr_emerg("epc : %pS\n", (void *)r->epc);
	pr_emerg(" ra : %pS\n", (void *)r->ra);
	pr_emerg("epc %016lx ra  %016lx sp  %016lx\n", r->epc, r->ra, r->sp);
	pr_emerg(" gp %016lx tp  %016lx t0  %016lx\n", r->gp, r->tp, r->t0);
	pr_emerg(" t1 %016lx t2  %016lx s0  %016lx\n", r->t1, r->t2, r->s0);
	pr_emerg(" s1 %016lx a0  %016lx a1  %016lx\n", r->s1, r->a0, r->a1);
	pr_emerg(" a2 %016lx a3  %016lx a4  %016lx\n", r->a2, r->a3, r->a4);
	pr_emerg(" a5 %016lx a6  %016lx a7  %016lx\n", r->a5, r->a6, r->a7);
	pr_emerg(" s2 %016lx s3  %016lx s4  %016lx\n", r->s2, r->s3, r->s4);
	pr_emerg(" s5 %016lx s6  %016lx s7  %016lx\n", r->s5, r->s6, r->s7);
	pr_emerg(" s8 %016lx s9  %016lx s10 %016lx\n", r->s8, r->s9, r->s10);
	pr_emerg(" s11 %016lx t3 %016lx t4  %016lx\n", r->s11, r->t3, r->t4);
	pr_emerg(" t5 %016lx t6  %016lx\n", r->t5, r->t6);
	pr_emerg("status %016lx badaddr %016lx cause %016lx (%s)\n",
		 r->status, r->badaddr, r->cause,
		 (r->cause >> 63) ? "interrupt" : exception_name(r->cause));
	dump_backtrace(r->s0, r->epc);
}
