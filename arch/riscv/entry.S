/*
 * Trap entry and exit. stvec points at handle_exception for every trap.
 * Convention (as Linux): sscratch is 0 while the hart runs in the kernel and
 * holds the kernel's per-CPU pointer (tp) while it runs user code, so the
 * entry knows which stack to use. The full register set is saved in a
 * struct pt_regs (asm/ptrace.h), register xN at offset N*8, sepc at 0.
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>

	.section .text
	.balign 4
	.globl handle_exception
handle_exception:
	csrrw	tp, CSR_SSCRATCH, tp
	bnez	tp, .Lfrom_user
	/* From the kernel: tp was 0-swapped; restore it, keep the stack. */
	csrr	tp, CSR_SSCRATCH
	/*
	 * Is there room for the registers above the task's stack bottom?
	 * If not, the kernel stack overflowed into its guard page: save the
	 * registers on this CPU's overflow stack instead, so the report can
	 * be printed (do_trap sees regs->sp below the stack and panics).
	 */
	sd	t0, CI_SCRATCH(tp)
	ld	t0, CI_STACK_LO(tp)
	addi	t0, t0, PT_SIZE
	bltu	sp, t0, .Loverflow
	ld	t0, CI_SCRATCH(tp)
	sd	sp, -PT_SIZE + 2*8(sp)
	addi	sp, sp, -PT_SIZE
	j	.Lsave
.Loverflow:
	sd	sp, CI_SCRATCH2(tp)
	ld	sp, CI_OVERFLOW_SP(tp)
	addi	sp, sp, -PT_SIZE
	ld	t0, CI_SCRATCH2(tp)
	sd	t0, 2*8(sp)
	ld	t0, CI_SCRATCH(tp)
	j	.Lsave
.Lfrom_user:
	/* tp = per-CPU area; its first word is the kernel stack top. */
	sd	sp, 8(tp)		/* scratch slot: user sp */
	ld	sp, 0(tp)
	addi	sp, sp, -PT_SIZE
	sd	t0, 5*8(sp)
	ld	t0, 8(tp)
	sd	t0, 2*8(sp)
	ld	t0, 5*8(sp)
.Lsave:
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	/* The interrupted tp (user's, or the kernel's own) is in sscratch. */
	csrr	t0, CSR_SSCRATCH
	sd	t0, 4*8(sp)
	csrw	CSR_SSCRATCH, zero	/* in the kernel now */
	csrr	t0, CSR_SEPC
	sd	t0, 0(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, PT_STATUS(sp)
	csrr	t0, CSR_STVAL
	sd	t0, PT_BADADDR(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, PT_CAUSE(sp)

	/* End the frame chain here; panic_regs walks from the saved s0. */
	li	s0, 0
	mv	a0, sp
	call	do_trap

	.globl ret_from_exception
ret_from_exception:
	ld	t0, PT_STATUS(sp)
	andi	t1, t0, SR_SPP
	bnez	t1, 1f
	/* Back to user: park tp (per-CPU) in sscratch, save the stack top. */
	addi	t1, sp, PT_SIZE
	sd	t1, 0(tp)
	csrw	CSR_SSCRATCH, tp
1:
	csrw	CSR_SSTATUS, t0
	ld	t0, 0(sp)
	csrw	CSR_SEPC, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	x2, 2*8(sp)
	sret
