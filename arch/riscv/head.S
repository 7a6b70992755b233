/*
 * Kernel entry. Starts with the 64-byte RISC-V Linux Image header so U-Boot's
 * booti accepts the file (boards.md 2.1; the format is Linux's
 * Documentation/riscv/boot-image-header). Entered in S-mode with the MMU off,
 * a0 = hart id, a1 = DTB physical address, at an address that differs per
 * board, so everything before the MMU is on is PC-relative. Leaves out the
 * EFI stub (no PE/COFF header) and secondary harts (they park).
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/sections.h>

	.section .head.text, "ax"
	.option push
	.option norvc			/* 4-byte jump: the fields below keep their offsets */
	.globl _start
_start:
	/* Image header, all fields little endian; offsets in boards.md. */
	j	_start_kernel		/* code0: jump past the header */
	.word	0			/* code1: never executed */
	.dword	0x200000		/* text_offset: run at RAM base + 2 MiB (2 MiB aligned) */
	.dword	_end - _start		/* image_size, .bss included; must not be 0 */
	.dword	0			/* flags: bit 0 = 0 is little endian, the rest reserved */
	.word	2			/* version 0.2: major in bits 31:16, minor in 15:0 */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2: what U-Boot checks */
	.word	0			/* res3: PE/COFF header offset, 0 = no EFI stub */
	.option pop

	.section .text.entry, "ax"
_start_kernel:
	csrw	CSR_SIE, zero		/* no S-mode interrupt source enabled */
	csrw	CSR_SIP, zero		/* drop a pending software interrupt */
	csrw	CSR_SATP, zero		/* MMU off (Bare), whatever the loader left */
	/*
	 * One hart boots; any other that arrives here (firmware without SBI
	 * HSM may release them all) parks for good: bringing up the others
	 * is left for later. The first amoswap reads 0 and wins; every later
	 * one reads 1. The flag lives in .data, not .bss: it must be 0 at
	 * load time and must survive the .bss clear below.
	 */
	la	t0, boot_hart_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)		/* t1 = old value, flag = 1, atomically */
	bnez	t1, .Lpark		/* lost: another hart is already booting */

	/* Keep the firmware's a0/a1 in callee-saved registers. */
	mv	s0, a0			/* hart id */
	mv	s1, a1			/* DTB physical address */

	la	sp, init_stack_top	/* physical for now; moved to its link address below */

	/* Clear .bss (PC-relative: we still run at the physical address). */
	la	t0, _sbss
	la	t1, _ebss
1:	bgeu	t0, t1, 2f
	sd	zero, (t0)		/* 8 bytes at a time: kernel.lds page-aligns _ebss */
	addi	t0, t0, 8
	j	1b
2:
	/*
	 * Build early_pg_dir: kernel at its link address + identity map.
	 * setup_vm(load_pa, dtb_pa) is C compiled to run at this physical
	 * address (early_vm.c); it also records kernel_va_pa_offset.
	 */
	la	a0, _start		/* where the loader put us */
	mv	a1, s1
	call	setup_vm

	/* Turn on Sv39. The identity map keeps the next fetch valid. */
	la	t0, early_pg_dir
	srli	t0, t0, PAGE_SHIFT	/* satp.PPN: the root table's page number */
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1		/* satp.MODE = Sv39, ASID 0 */
	sfence.vma			/* order setup_vm's PTE stores before the walk */
	csrw	CSR_SATP, t0
	sfence.vma			/* drop anything cached under the old satp */

	/* Jump to the link address; the stack moves by the same offset. */
	la	t0, kernel_va_pa_offset	/* PC-relative: still the identity-mapped copy */
	ld	t0, (t0)
	add	sp, sp, t0		/* init_stack_top's virtual address */
	ld	t1, .Lvirt_addr		/* an absolute address, from data, not from la */
	jr	t1
.Lvirt:
	/* Now at KERNEL_LINK_ADDR + x; the identity map is gone at paging_init. */
	mv	a0, s0
	mv	a1, s1
	call	start_kernel		/* start_kernel(hartid, dtb_pa) */
	/* start_kernel never returns */
.Lpark:
	wfi				/* a lottery loser sleeps here for good */
	j	.Lpark

	.balign 8
.Lvirt_addr:
	.dword	.Lvirt			/* the linker fills in the link (virtual) address */

	.section .data
	.balign 4
boot_hart_lottery:
	.word	0			/* 0 until a hart claims the boot */

	.section .bss.page_aligned, "aw", @nobits
	.balign	PAGE_SIZE
	.globl	init_stack
init_stack:
	.space	INIT_STACK_SIZE		/* the boot thread's stack, later the idle task's */
	.globl	init_stack_top
init_stack_top:
