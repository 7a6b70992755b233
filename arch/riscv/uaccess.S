/*
 * The kernel's accesses to user memory (asm/uaccess.h): copies, clearing,
 * strncpy and single loads and stores. Each sets sstatus.SUM (RISC-V
 * privileged spec: S-mode may touch U pages only while SUM is 1) once on
 * entry and clears it before returning. Every instruction that touches a
 * user address has an __ex_table entry: if its page fault cannot be
 * resolved, fixup_exception (extable.c) resumes at the fixup label, which
 * clears SUM and reports how far the routine got (__asm_copy_user's word
 * loops first go on byte by byte up to the exact faulting byte). No FPU
 * or vector copies.
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
 * Either side may be the user one; they must not overlap. Returns the
 * bytes not copied: 0, or exactly the count from the first byte that
 * could not be read or written to the end (the bytes before it are all
 * copied). Under 16 bytes goes byte by byte. Longer copies first go byte
 * by byte until to is 8-byte aligned. If from is then aligned too, 64
 * bytes go per turn (eight loads, then eight stores), then single words;
 * if not, each aligned store of to is pieced together by shifts from the
 * two aligned words of from that hold its bytes (a word that holds a
 * needed byte lies in that byte's page, so no other page is touched).
 * The last bytes go one by one.
 *
 * Faults: in the byte loops the fixup returns end - to, which is exact.
 * A word loop only moves its pointers after a turn's stores, so its fixup
 * restarts the byte loop at the start of the faulting turn: that copies
 * again the bytes the turn had stored (the same values) and faults again
 * at the first inaccessible byte, so the count is exact there too.
 */
	.globl __asm_copy_user
__asm_copy_user:
	li	t6, SR_SUM
	csrs	sstatus, t6		/* user pages reachable from here on */
	add	a3, a0, a2		/* a3 = end of to; a3 - a0 = bytes left */
	li	t0, 16
	bltu	a2, t0, .Lcopy_bytes	/* short: not worth aligning */
.Lcopy_head:				/* bytes until to is aligned */
	andi	t0, a0, 7
	beqz	t0, .Lcopy_aligned
1:	lb	t1, 0(a1)
2:	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	j	.Lcopy_head
.Lcopy_aligned:				/* to aligned, at least 9 bytes left */
	andi	t0, a1, 7
	bnez	t0, .Lcopy_shift
	sub	t0, a3, a0
	andi	t0, t0, -64
	add	t2, a0, t0		/* t2 = end of the last whole 64-byte block */
	beq	a0, t2, .Lcopy_words
.Lcopy_block:				/* loads first: no load waits on a store */
10:	ld	t0, 0(a1)
11:	ld	t1, 8(a1)
12:	ld	t3, 16(a1)
13:	ld	t4, 24(a1)
14:	ld	t5, 32(a1)
15:	ld	a4, 40(a1)
16:	ld	a5, 48(a1)
17:	ld	a6, 56(a1)
20:	sd	t0, 0(a0)
21:	sd	t1, 8(a0)
22:	sd	t3, 16(a0)
23:	sd	t4, 24(a0)
24:	sd	t5, 32(a0)
25:	sd	a4, 40(a0)
26:	sd	a5, 48(a0)
27:	sd	a6, 56(a0)
	addi	a0, a0, 64
	addi	a1, a1, 64
	bltu	a0, t2, .Lcopy_block
.Lcopy_words:				/* fewer than 64 bytes left */
	andi	t2, a3, -8		/* t2 = end of the last whole word */
	bgeu	a0, t2, .Lcopy_bytes
.Lcopy_wloop:
30:	ld	t1, 0(a1)
31:	sd	t1, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	bltu	a0, t2, .Lcopy_wloop
.Lcopy_bytes:				/* the tail, everything, or after a word fault */
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
.Lcopy_shift:				/* t0 = from & 7, not 0 */
	slli	t3, t0, 3		/* t3 = bits of the first word not wanted */
	neg	t4, t3			/* sll takes it mod 64: t4 = 64 - t3 */
	sub	a4, a1, t0		/* a4 = from rounded down to a word */
	andi	t2, a3, -8		/* t2 = end of to's last whole word */
40:	ld	t1, 0(a4)		/* the word holding from's next byte */
.Lcopy_sloop:				/* a1 = a4 + t0 all along; at least one turn */
41:	ld	a5, 8(a4)
	srl	t1, t1, t3
	sll	a2, a5, t4
	or	t1, t1, a2		/* from's 8 bytes at a4 + t0 */
42:	sd	t1, 0(a0)
	mv	t1, a5
	addi	a0, a0, 8
	addi	a4, a4, 8
	bltu	a0, t2, .Lcopy_sloop
	add	a1, a4, t0
	j	.Lcopy_bytes
.Lcopy_sfault:				/* a fault in the shifting loop: a1 from a4 */
	add	a1, a4, t0
	j	.Lcopy_bytes
.Lcopy_fault:				/* a0 = first byte not copied */
	csrc	sstatus, t6
	sub	a0, a3, a0
	ret
	EX(1b, .Lcopy_fault)
	EX(2b, .Lcopy_fault)
	EX(5b, .Lcopy_fault)
	EX(6b, .Lcopy_fault)
	EX(10b, .Lcopy_bytes)
	EX(11b, .Lcopy_bytes)
	EX(12b, .Lcopy_bytes)
	EX(13b, .Lcopy_bytes)
	EX(14b, .Lcopy_bytes)
	EX(15b, .Lcopy_bytes)
	EX(16b, .Lcopy_bytes)
	EX(17b, .Lcopy_bytes)
	EX(20b, .Lcopy_bytes)
	EX(21b, .Lcopy_bytes)
	EX(22b, .Lcopy_bytes)
	EX(23b, .Lcopy_bytes)
	EX(24b, .Lcopy_bytes)
	EX(25b, .Lcopy_bytes)
	EX(26b, .Lcopy_bytes)
	EX(27b, .Lcopy_bytes)
	EX(30b, .Lcopy_bytes)
	EX(31b, .Lcopy_bytes)
	EX(40b, .Lcopy_sfault)
	EX(41b, .Lcopy_sfault)
	EX(42b, .Lcopy_sfault)

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
