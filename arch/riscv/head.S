/*
 * Kernel entry. Starts with the 64-byte RISC-V Linux Image header so U-Boot's
 * booti accepts the file (boards.md 2.1). Entered in S-mode with the MMU off,
 * a0 = hart id, a1 = DTB physical address, at an address that differs per
 * board, so everything before the MMU is on is PC-relative.
 */
#include <asm/csr.h>
#include <asm/page.h>

	.section .head.text, "ax"
	.option push
	.option norvc
	.globl _start
_start:
	j	_start_kernel		/* code0: jump past the header */
	.word	0			/* code1 */
	.dword	0x200000		/* text_offset: load at RAM base + 2 MiB */
	.dword	_end - _start		/* image_size, must not be 0 */
	.dword	0			/* flags: little endian */
	.word	2			/* version 0.2 */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2: what U-Boot checks */
	.word	0			/* res3 */
	.option pop

	.section .text.entry, "ax"
_start_kernel:
	csrw	CSR_SIE, zero
	csrw	CSR_SIP, zero
	csrw	CSR_SATP, zero
	/* One hart boots; any other that arrives here waits for SBI HSM. */
	la	t0, boot_hart_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, .Lpark

	/* Keep the firmware's a0/a1 in callee-saved registers. */
	mv	s0, a0
	mv	s1, a1

	la	sp, init_stack_top

	/* Clear .bss (PC-relative: we still run at the physical address). */
	la	t0, _sbss
	la	t1, _ebss
1:	bgeu	t0, t1, 2f
	sd	zero, (t0)
	addi	t0, t0, 8
	j	1b
2:
	/* Build early_pg_dir: kernel at its link address + identity map. */
	la	a0, _start
	mv	a1, s1
	call	setup_vm

	/* Turn on Sv39. The identity map keeps the next fetch valid. */
	la	t0, early_pg_dir
	srli	t0, t0, PAGE_SHIFT
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	CSR_SATP, t0
	sfence.vma

	/* Jump to the link address; the stack moves by the same offset. */
	la	t0, kernel_va_pa_offset
	ld	t0, (t0)
	add	sp, sp, t0
	ld	t1, .Lvirt_addr
	jr	t1
.Lvirt:
	mv	a0, s0
	mv	a1, s1
	call	start_kernel
	/* start_kernel never returns */
.Lpark:
	wfi
	j	.Lpark

	.balign 8
.Lvirt_addr:
	.dword	.Lvirt

	.section .data
	.balign 4
boot_hart_lottery:
	.word	0

	.section .bss.page_aligned, "aw", @nobits
	.balign	PAGE_SIZE
	.globl	init_stack
init_stack:
	.space	4 * PAGE_SIZE
	.globl	init_stack_top
init_stack_top:
