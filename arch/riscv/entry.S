/*
 * Trap entry and exit (RISC-V privileged spec: the S-mode trap CSRs stvec,
 * sscratch, sepc, scause, stval and SRET; seed: Linux's handle_exception and
 * ret_from_exception). stvec points at handle_exception for every trap,
 * interrupt or exception, from either mode. Convention (as Linux):
 * sscratch is 0 while the hart runs in the kernel and holds the kernel's
 * per-CPU pointer (tp) while it runs user code, so the entry knows which
 * stack to use. The full register set is saved in a struct pt_regs
 * (asm/ptrace.h), register xN at offset N*8, sepc at 0. Leaves out the FPU
 * and vector state (the kernel does not use them and there is no user
 * space yet), syscall fast paths and signals.
 *
 * The hart enters with sstatus.SIE cleared (its old value in SPIE) and
 * SPP = the mode it came from, so everything here runs with interrupts off.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>

	.section .text
	.balign 4			/* stvec's BASE must be 4-byte aligned */
	.globl handle_exception
handle_exception:
	/*
	 * Swap tp and sscratch. From user: tp = per-CPU pointer, sscratch =
	 * the user's tp. From the kernel: tp = 0, sscratch = the kernel's tp.
	 */
	csrrw	tp, CSR_SSCRATCH, tp
	bnez	tp, .Lfrom_user		/* non-zero: sscratch held the per-CPU pointer */
	/* From the kernel: tp was 0-swapped; restore it, keep the stack. */
	csrr	tp, CSR_SSCRATCH	/* sscratch keeps it too: .Lsave stores it as regs->tp */
	/*
	 * Is there room for the registers above the task's stack bottom?
	 * If not, the kernel stack overflowed into its guard page: save the
	 * registers on this CPU's overflow stack instead, so the report can
	 * be printed (do_trap sees regs->sp below the stack and panics).
	 * No store may touch the stack before this check.
	 */
	sd	t0, CI_SCRATCH(tp)	/* free t0: park it in the per-CPU scratch word */
	ld	t0, CI_STACK_LO(tp)	/* lowest address of the running task's stack */
	addi	t0, t0, PT_SIZE		/* lowest sp that still fits a pt_regs */
	bltu	sp, t0, .Loverflow
	ld	t0, CI_SCRATCH(tp)	/* t0 back: the stack is fine */
	sd	sp, -PT_SIZE + 2*8(sp)	/* regs->sp = the interrupted sp, before sp moves */
	addi	sp, sp, -PT_SIZE	/* the pt_regs frame, just below the interrupted sp */
	j	.Lsave
.Loverflow:
	sd	sp, CI_SCRATCH2(tp)	/* park the interrupted (overflowed) sp */
	ld	sp, CI_OVERFLOW_SP(tp)	/* switch to this CPU's overflow stack (smpboot.c) */
	addi	sp, sp, -PT_SIZE	/* the pt_regs frame at its top */
	ld	t0, CI_SCRATCH2(tp)
	sd	t0, 2*8(sp)		/* regs->sp = the overflowed sp, for the report */
	ld	t0, CI_SCRATCH(tp)	/* t0 back */
	j	.Lsave
.Lfrom_user:
	/* tp = per-CPU area; its first word is the kernel stack top. */
	sd	sp, 8(tp)		/* scratch slot: user sp */
	ld	sp, 0(tp)		/* kernel_sp, left there by ret_from_exception */
	addi	sp, sp, -PT_SIZE	/* the pt_regs frame at the top of the kernel stack */
	sd	t0, 5*8(sp)		/* free t0: its own slot in the frame */
	ld	t0, 8(tp)
	sd	t0, 2*8(sp)		/* regs->sp = the user sp */
	ld	t0, 5*8(sp)		/* t0 back, so .Lsave stores every register alike */
.Lsave:
	/*
	 * Every general register but x0 (its slot holds sepc), sp (x2, stored
	 * above) and tp (x4, still in sscratch). C code preserves only the
	 * callee-saved ones; they are stored too, so that show_regs prints a
	 * complete set and a backtrace can start from the saved s0.
	 */
	sd	x1, 1*8(sp)		/* ra */
	sd	x3, 3*8(sp)		/* gp */
	sd	x5, 5*8(sp)		/* t0 */
	sd	x6, 6*8(sp)		/* t1 */
	sd	x7, 7*8(sp)		/* t2 */
	sd	x8, 8*8(sp)		/* s0: the interrupted frame pointer (backtrace) */
	sd	x9, 9*8(sp)		/* s1 */
	sd	x10, 10*8(sp)		/* a0 */
	sd	x11, 11*8(sp)		/* a1 */
	sd	x12, 12*8(sp)		/* a2 */
	sd	x13, 13*8(sp)		/* a3 */
	sd	x14, 14*8(sp)		/* a4 */
	sd	x15, 15*8(sp)		/* a5 */
	sd	x16, 16*8(sp)		/* a6 */
	sd	x17, 17*8(sp)		/* a7 */
	sd	x18, 18*8(sp)		/* s2 */
	sd	x19, 19*8(sp)		/* s3 */
	sd	x20, 20*8(sp)		/* s4 */
	sd	x21, 21*8(sp)		/* s5 */
	sd	x22, 22*8(sp)		/* s6 */
	sd	x23, 23*8(sp)		/* s7 */
	sd	x24, 24*8(sp)		/* s8 */
	sd	x25, 25*8(sp)		/* s9 */
	sd	x26, 26*8(sp)		/* s10 */
	sd	x27, 27*8(sp)		/* s11 */
	sd	x28, 28*8(sp)		/* t3 */
	sd	x29, 29*8(sp)		/* t4 */
	sd	x30, 30*8(sp)		/* t5 */
	sd	x31, 31*8(sp)		/* t6 */
	/* The interrupted tp (user's, or the kernel's own) is in sscratch. */
	csrr	t0, CSR_SSCRATCH
	sd	t0, 4*8(sp)		/* regs->tp */
	csrw	CSR_SSCRATCH, zero	/* in the kernel now: a nested trap keeps this stack */
	/* The trap CSRs: a nested trap would overwrite them, so copy them now. */
	csrr	t0, CSR_SEPC
	sd	t0, 0(sp)		/* regs->epc: where to return (the trapping pc) */
	csrr	t0, CSR_SSTATUS
	sd	t0, PT_STATUS(sp)	/* regs->status: SPP (mode) and SPIE (old SIE) */
	csrr	t0, CSR_STVAL
	sd	t0, PT_BADADDR(sp)	/* regs->badaddr: faulting address or instruction */
	csrr	t0, CSR_SCAUSE
	sd	t0, PT_CAUSE(sp)	/* regs->cause: top bit set for an interrupt */
	sd	a0, PT_ORIG_A0(sp)	/* a system call's first argument, for a restart */

	/* End the frame chain here; panic_regs walks from the saved s0. */
	li	s0, 0
	mv	a0, sp			/* do_trap(regs), interrupts still off */
	call	do_trap

	/*
	 * Return from a trap, with sp at its pt_regs (whatever do_trap left in
	 * it is what the interrupted code gets). Interrupts are off.
	 */
	.globl ret_from_exception
ret_from_exception:
	ld	t0, PT_STATUS(sp)
	andi	t1, t0, SR_SPP		/* SPP = 1: back to the kernel */
	bnez	t1, 1f
	/* Back to user: park tp (per-CPU) in sscratch, save the stack top. */
	addi	t1, sp, PT_SIZE		/* the stack top once this frame is popped */
	sd	t1, 0(tp)		/* kernel_sp for the next trap from user */
	csrw	CSR_SSCRATCH, tp	/* non-zero sscratch: "running user code" */
1:
	/*
	 * The saved sstatus has SIE clear (the hart cleared it on entry), so
	 * interrupts stay off until sret sets SIE from SPIE.
	 */
	csrw	CSR_SSTATUS, t0
	ld	t0, 0(sp)
	csrw	CSR_SEPC, t0		/* sret jumps to regs->epc */
	ld	x1, 1*8(sp)		/* ra */
	ld	x3, 3*8(sp)		/* gp */
	ld	x4, 4*8(sp)		/* tp: the user's, or the kernel's per-CPU pointer */
	ld	x5, 5*8(sp)		/* t0 */
	ld	x6, 6*8(sp)		/* t1 */
	ld	x7, 7*8(sp)		/* t2 */
	ld	x8, 8*8(sp)		/* s0 */
	ld	x9, 9*8(sp)		/* s1 */
	ld	x10, 10*8(sp)		/* a0 */
	ld	x11, 11*8(sp)		/* a1 */
	ld	x12, 12*8(sp)		/* a2 */
	ld	x13, 13*8(sp)		/* a3 */
	ld	x14, 14*8(sp)		/* a4 */
	ld	x15, 15*8(sp)		/* a5 */
	ld	x16, 16*8(sp)		/* a6 */
	ld	x17, 17*8(sp)		/* a7 */
	ld	x18, 18*8(sp)		/* s2 */
	ld	x19, 19*8(sp)		/* s3 */
	ld	x20, 20*8(sp)		/* s4 */
	ld	x21, 21*8(sp)		/* s5 */
	ld	x22, 22*8(sp)		/* s6 */
	ld	x23, 23*8(sp)		/* s7 */
	ld	x24, 24*8(sp)		/* s8 */
	ld	x25, 25*8(sp)		/* s9 */
	ld	x26, 26*8(sp)		/* s10 */
	ld	x27, 27*8(sp)		/* s11 */
	ld	x28, 28*8(sp)		/* t3 */
	ld	x29, 29*8(sp)		/* t4 */
	ld	x30, 30*8(sp)		/* t5 */
	ld	x31, 31*8(sp)		/* t6 */
	ld	x2, 2*8(sp)		/* sp last: it is the base of every load above */
	sret				/* pc = sepc, mode = SPP, SIE = SPIE */
