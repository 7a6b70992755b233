/*
 * The kernel reading and writing user memory (Linux's uaccess API). User
 * addresses are those below TASK_SIZE; access_ok checks a range lies
 * there. The routines (arch/riscv/uaccess.S) set sstatus.SUM only while
 * they run, and a page fault inside them that the fault path cannot
 * resolve (no VMA, wrong permission, no memory) ends them early through
 * the exception table instead of panicking. They may sleep (the fault
 * path allocates). copy_* return the bytes NOT copied (0 = all done).
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/page.h>

#ifndef __user
#define __user		/* marks a user pointer (no checker here) */
#endif

struct pt_regs;

/* Is [addr, addr + size) all in the user half? (Linux 5's two-argument form.) */
static inline bool __access_ok(unsigned long addr, unsigned long size)
{
	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}
#define access_ok(addr, size)	__access_ok((unsigned long)(addr), (size))

unsigned long __asm_copy_user(void *to, const void *from, unsigned long n);
unsigned long __asm_clear_user(void __user *to, unsigned long n);
long __asm_strncpy_from_user(char *dst, const char __user *src, long count);

/* Copy @n bytes to user @to; returns the bytes not copied (all if !access_ok). */
static inline unsigned long copy_to_user(void __user *to, const void *from,
					 unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __asm_copy_user((void *)to, from, n);
}

/* Copy @n bytes from user @from; the bytes not copied are zeroed and counted. */
static inline unsigned long copy_from_user(void *to, const void __user *from,
					   unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = __asm_copy_user(to, (const void *)from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

/*
 * copy_from_user without zeroing what a fault left: for a first attempt
 * with page faults disabled, whose caller copies the rest (lib/iov_iter.c).
 */
static inline unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
						      unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __asm_copy_user(to, (const void *)from, n);
}

/* Zero @n user bytes at @to; returns the bytes not zeroed. */
static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __asm_clear_user(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count);

/* One load or store of 1, 2, 4 or 8 bytes (uaccess.S); 0 or -1. */
long __get_user_1(const void __user *p, unsigned long *v);
long __get_user_2(const void __user *p, unsigned long *v);
long __get_user_4(const void __user *p, unsigned long *v);
long __get_user_8(const void __user *p, unsigned long *v);
long __put_user_1(void __user *p, unsigned long v);
long __put_user_2(void __user *p, unsigned long v);
long __put_user_4(void __user *p, unsigned long v);
long __put_user_8(void __user *p, unsigned long v);
/* Never defined: get_user/put_user of another size fails to link. */
long __get_user_bad(void);

static __always_inline long __get_user_fn(unsigned long size, const void __user *p,
					  unsigned long *v)
{
	long r;

	switch (size) {
	case 1: r = __get_user_1(p, v); break;
	case 2: r = __get_user_2(p, v); break;
	case 4: r = __get_user_4(p, v); break;
	case 8: r = __get_user_8(p, v); break;
	default: r = __get_user_bad();
	}
	return r ? -EFAULT : 0;
}

static __always_inline long __put_user_fn(unsigned long size, void __user *p,
					  unsigned long v)
{
	long r;

	switch (size) {
	case 1: r = __put_user_1(p, v); break;
	case 2: r = __put_user_2(p, v); break;
	case 4: r = __put_user_4(p, v); break;
	case 8: r = __put_user_8(p, v); break;
	default: r = __get_user_bad();
	}
	return r ? -EFAULT : 0;
}

/* x = *ptr for a user ptr to a 1/2/4/8-byte object: 0, or -EFAULT (x = 0). */
#define get_user(x, ptr) ({						\
	const __typeof__(*(ptr)) __user *__gp = (ptr);			\
	unsigned long __gv = 0;						\
	long __ge = -EFAULT;						\
	if (access_ok(__gp, sizeof(*__gp)))				\
		__ge = __get_user_fn(sizeof(*__gp), __gp, &__gv);	\
	(x) = (__typeof__(*(ptr)))__gv;					\
	__ge; })

/* *ptr = x for a user ptr to a 1/2/4/8-byte object: 0, or -EFAULT. */
#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __user *__pp = (ptr);			\
	__typeof__(*(ptr)) __px = (x);					\
	unsigned long __pv = 0;						\
	__builtin_memcpy(&__pv, &__px, sizeof(__px));			\
	access_ok(__pp, sizeof(*__pp)) ?				\
		__put_user_fn(sizeof(*__pp), __pp, __pv) : -EFAULT; })

/*
 * The fault at regs->epc happened in a uaccess routine: resume at its
 * fixup (regs->epc changed) and return 1; 0 if epc is not in the table.
 */
int fixup_exception(struct pt_regs *regs);
/* Does an __ex_table entry cover the instruction at @addr? */
bool search_exception_tables(unsigned long addr);

#endif
