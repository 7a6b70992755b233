/*
 * The kernel's accesses to user memory (asm/uaccess.h): copies, clearing,
 * strncpy and single loads and stores. Each sets sstatus.SUM (RISC-V
 * privileged spec: S-mode may touch U pages only while SUM is 1) once on
 * entry and clears it before returning. Every instruction that touches a
 * user address has an __ex_table entry: if its page fault cannot be
 * resolved, fixup_exception (extable.c) resumes at the fixup label, which
 * clears SUM and reports how far the routine got. No FPU or vector copies.
 */
#include <asm/csr.h>

/* Record that a fault at @insn continues at @fixup. */
#define EX(insn, fixup)						\
	.pushsection __ex_table, "a";				\
	.balign 8;						\
	.dword insn, fixup;					\
	.popsection

	.text

/*
 * unsigned long __asm_copy_user(void *to, const void *from, unsigned long n)
 * Either side may be the user one. Copies 8 bytes at a time when to and
 * from are equally aligned, else byte by byte. Returns the bytes not
 * copied (0 on success); a fault in an 8-byte step counts all 8, exact
 * at page boundaries.
 */
	.globl __asm_copy_user
__asm_copy_user:
	li	t6, SR_SUM
	csrs	sstatus, t6		/* user pages reachable from here on */
	add	a3, a0, a2		/* a3 = end of to; a3 - a0 = bytes left */
	xor	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lcopy_bytes	/* alignments differ: bytes only */
	li	t0, 16
	bltu	a2, t0, .Lcopy_bytes	/* short: not worth aligning */
.Lcopy_head:				/* bytes until to (and so from) is aligned */
	andi	t0, a0, 7
	beqz	t0, .Lcopy_words
1:	lb	t1, 0(a1)
2:	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	j	.Lcopy_head
.Lcopy_words:
	andi	t2, a3, -8		/* t2 = end of the last whole word */
.Lcopy_wloop:
	bgeu	a0, t2, .Lcopy_bytes
3:	ld	t1, 0(a1)
4:	sd	t1, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	j	.Lcopy_wloop
.Lcopy_bytes:				/* the tail, or everything */
	bgeu	a0, a3, .Lcopy_done
5:	lb	t1, 0(a1)
6:	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	j	.Lcopy_bytes
.Lcopy_done:
	csrc	sstatus, t6
	li	a0, 0
	ret
.Lcopy_fault:				/* a0 = first byte not copied */
	csrc	sstatus, t6
	sub	a0, a3, a0
	ret
	EX(1b, .Lcopy_fault)
	EX(2b, .Lcopy_fault)
	EX(3b, .Lcopy_fault)
	EX(4b, .Lcopy_fault)
	EX(5b, .Lcopy_fault)
	EX(6b, .Lcopy_fault)

/*
 * unsigned long __asm_clear_user(void *to, unsigned long n)
 * Zeroes n user bytes; returns the bytes not zeroed.
 */
	.globl __asm_clear_user
__asm_clear_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	add	a3, a0, a1		/* a3 = end */
	andi	t2, a3, -8		/* t2 = end of the last whole word */
.Lclear_head:				/* bytes until aligned (or the end) */
	bgeu	a0, a3, .Lclear_done
	andi	t0, a0, 7
	beqz	t0, .Lclear_wloop
1:	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	.Lclear_head
.Lclear_wloop:
	bgeu	a0, t2, .Lclear_tail
2:	sd	zero, 0(a0)
	addi	a0, a0, 8
	j	.Lclear_wloop
.Lclear_tail:
	bgeu	a0, a3, .Lclear_done
3:	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	.Lclear_tail
.Lclear_done:
	csrc	sstatus, t6
	li	a0, 0
	ret
.Lclear_fault:
	csrc	sstatus, t6
	sub	a0, a3, a0
	ret
	EX(1b, .Lclear_fault)
	EX(2b, .Lclear_fault)
	EX(3b, .Lclear_fault)

/*
 * long __asm_strncpy_from_user(char *dst, const char *src, long count)
 * Copies up to count bytes, stopping after a NUL. Returns the length
 * before the NUL, count if none was met, -1 on a fault.
 */
	.globl __asm_strncpy_from_user
__asm_strncpy_from_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	li	t2, 0			/* t2 = bytes copied, NUL not counted */
.Lstr_loop:
	beq	t2, a2, .Lstr_done
1:	lbu	t1, 0(a1)
	sb	t1, 0(a0)
	beqz	t1, .Lstr_done
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	t2, t2, 1
	j	.Lstr_loop
.Lstr_done:
	csrc	sstatus, t6
	mv	a0, t2
	ret
.Lstr_fault:
	csrc	sstatus, t6
	li	a0, -1
	ret
	EX(1b, .Lstr_fault)

/*
 * long __get_user_N(const void *uaddr, unsigned long *val): one N-byte
 * load, zero-extended into *val; 0, or -1 on a fault (*val = 0).
 * long __put_user_N(void *uaddr, unsigned long val): one N-byte store of
 * val's low bytes; 0 or -1.
 */
.macro GET_USER name, insn
	.globl \name
\name:
	li	t6, SR_SUM
	csrs	sstatus, t6
1:	\insn	t0, 0(a0)
	csrc	sstatus, t6
	sd	t0, 0(a1)
	li	a0, 0
	ret
	EX(1b, .Lget_fault)
.endm

.macro PUT_USER name, insn
	.globl \name
\name:
	li	t6, SR_SUM
	csrs	sstatus, t6
1:	\insn	a1, 0(a0)
	csrc	sstatus, t6
	li	a0, 0
	ret
	EX(1b, .Lput_fault)
.endm

	GET_USER __get_user_1, lbu
	GET_USER __get_user_2, lhu
	GET_USER __get_user_4, lwu
	GET_USER __get_user_8, ld
.Lget_fault:
	csrc	sstatus, t6
	sd	zero, 0(a1)
	li	a0, -1
	ret

	PUT_USER __put_user_1, sb
	PUT_USER __put_user_2, sh
	PUT_USER __put_user_4, sw
	PUT_USER __put_user_8, sd
.Lput_fault:
	csrc	sstatus, t6
	li	a0, -1
	ret
