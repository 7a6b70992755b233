/*
 * The host tests' user memory: a "user pointer" is a host pointer, and
 * the copies are memcpy, except that the page at 0 and the range
 * [host_uaccess_bad_lo, host_uaccess_bad_hi) a test sets fault: a copy
 * stops at the first such byte, as the real routines do at a fault, so
 * short copies and -EFAULT paths can be tested. Same API as
 * arch/riscv/include/asm/uaccess.h; test-only code.
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>

#ifndef __user
#define __user
#endif

/* The faulting range (weak: every program that includes this shares one pair). */
__attribute__((weak)) unsigned long host_uaccess_bad_lo, host_uaccess_bad_hi;

static inline bool host_uaddr_bad(const volatile void *p)
{
	unsigned long a = (unsigned long)p;

	return a < 4096 || (a >= host_uaccess_bad_lo && a < host_uaccess_bad_hi);
}

/* Bytes from @addr that can be touched, up to @n. */
static inline unsigned long host_uaccess_ok_len(const void *addr, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (host_uaddr_bad((const char *)addr + i))
			break;
	}
	return i;
}

#define access_ok(addr, size)	((void)(addr), (void)(size), true)

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	unsigned long ok = host_uaccess_ok_len(to, n);

	memcpy(to, from, ok);
	return n - ok;
}

static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long ok = host_uaccess_ok_len(from, n);

	memcpy(to, from, ok);
	memset((char *)to + ok, 0, n - ok);
	return n - ok;
}

/* copy_from_user without the zeroing (the write path's in-atomic copy). */
static inline unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
						      unsigned long n)
{
	unsigned long ok = host_uaccess_ok_len(from, n);

	memcpy(to, from, ok);
	return n - ok;
}

/* One byte from user @p into *@v: 0, or -1 at a fault (as uaccess.S's). */
static inline long __get_user_1(const void __user *p, unsigned long *v)
{
	if (host_uaddr_bad(p))
		return -1;
	*v = *(const unsigned char *)p;
	return 0;
}

static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long ok = host_uaccess_ok_len(to, n);

	memset(to, 0, ok);
	return n - ok;
}

/* The string's length (count if no NUL in @count bytes), or -EFAULT. */
static inline long strncpy_from_user(char *dst, const char __user *src, long count)
{
	for (long i = 0; i < count; i++) {
		if (host_uaddr_bad(src + i))
			return -EFAULT;
		dst[i] = src[i];
		if (!src[i])
			return i;
	}
	return count;
}

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gx = 0;					\
	long __ge = host_uaccess_ok_len((ptr), sizeof(*(ptr))) == sizeof(*(ptr)) ? 0 : -EFAULT; \
	if (!__ge)							\
		memcpy(&__gx, (const void *)(ptr), sizeof(*(ptr)));	\
	(x) = __gx;							\
	__ge; })

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __px = (x);					\
	long __pe = host_uaccess_ok_len((ptr), sizeof(*(ptr))) == sizeof(*(ptr)) ? 0 : -EFAULT; \
	if (!__pe)							\
		memcpy((void *)(ptr), &__px, sizeof(*(ptr)));		\
	__pe; })

#endif
