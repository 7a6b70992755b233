/*
 * The user's floating-point registers (F and D extensions: f0..f31 and
 * fcsr; RISC-V unprivileged spec, "D" chapter). The kernel is built
 * without F/D and never touches them, so they need saving only when the
 * CPU passes to another task, and restoring before a task returns to user
 * mode. sstatus.FS must be non-Off for these instructions: each routine
 * turns it on for itself and puts the old value back.
 */
#include <asm/csr.h>

	.option push
	.option arch, +d
	.section .text

/* __fstate_save(struct __riscv_d_ext_state *st): f0..f31 at 0, fcsr at 256. */
	.globl __fstate_save
__fstate_save:
	li	t1, SR_FS
	csrrs	t0, CSR_SSTATUS, t1	/* FS on; t0 = the old sstatus */
	fsd	f0, 0*8(a0)
	fsd	f1, 1*8(a0)
	fsd	f2, 2*8(a0)
	fsd	f3, 3*8(a0)
	fsd	f4, 4*8(a0)
	fsd	f5, 5*8(a0)
	fsd	f6, 6*8(a0)
	fsd	f7, 7*8(a0)
	fsd	f8, 8*8(a0)
	fsd	f9, 9*8(a0)
	fsd	f10, 10*8(a0)
	fsd	f11, 11*8(a0)
	fsd	f12, 12*8(a0)
	fsd	f13, 13*8(a0)
	fsd	f14, 14*8(a0)
	fsd	f15, 15*8(a0)
	fsd	f16, 16*8(a0)
	fsd	f17, 17*8(a0)
	fsd	f18, 18*8(a0)
	fsd	f19, 19*8(a0)
	fsd	f20, 20*8(a0)
	fsd	f21, 21*8(a0)
	fsd	f22, 22*8(a0)
	fsd	f23, 23*8(a0)
	fsd	f24, 24*8(a0)
	fsd	f25, 25*8(a0)
	fsd	f26, 26*8(a0)
	fsd	f27, 27*8(a0)
	fsd	f28, 28*8(a0)
	fsd	f29, 29*8(a0)
	fsd	f30, 30*8(a0)
	fsd	f31, 31*8(a0)
	frcsr	t2
	sw	t2, 32*8(a0)
	csrw	CSR_SSTATUS, t0		/* FS back as it was */
	ret

/* __fstate_restore(const struct __riscv_d_ext_state *st): the reverse. */
	.globl __fstate_restore
__fstate_restore:
	li	t1, SR_FS
	csrrs	t0, CSR_SSTATUS, t1
	fld	f0, 0*8(a0)
	fld	f1, 1*8(a0)
	fld	f2, 2*8(a0)
	fld	f3, 3*8(a0)
	fld	f4, 4*8(a0)
	fld	f5, 5*8(a0)
	fld	f6, 6*8(a0)
	fld	f7, 7*8(a0)
	fld	f8, 8*8(a0)
	fld	f9, 9*8(a0)
	fld	f10, 10*8(a0)
	fld	f11, 11*8(a0)
	fld	f12, 12*8(a0)
	fld	f13, 13*8(a0)
	fld	f14, 14*8(a0)
	fld	f15, 15*8(a0)
	fld	f16, 16*8(a0)
	fld	f17, 17*8(a0)
	fld	f18, 18*8(a0)
	fld	f19, 19*8(a0)
	fld	f20, 20*8(a0)
	fld	f21, 21*8(a0)
	fld	f22, 22*8(a0)
	fld	f23, 23*8(a0)
	fld	f24, 24*8(a0)
	fld	f25, 25*8(a0)
	fld	f26, 26*8(a0)
	fld	f27, 27*8(a0)
	fld	f28, 28*8(a0)
	fld	f29, 29*8(a0)
	fld	f30, 30*8(a0)
	fld	f31, 31*8(a0)
	lw	t2, 32*8(a0)
	fscsr	t2
	csrw	CSR_SSTATUS, t0
	ret

	.option pop
