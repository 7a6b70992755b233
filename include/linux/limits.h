/*
 * Integer limits, from the compiler's predefined macros (the kernel has no
 * libc <limits.h>). Guarded so host tests may include both.
 */
#ifndef _LINUX_LIMITS_H
#define _LINUX_LIMITS_H

#ifndef INT_MAX
#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(INT_MAX * 2U + 1U)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(LONG_MAX * 2UL + 1UL)
#endif
#ifndef LLONG_MAX
#define LLONG_MAX	__LONG_LONG_MAX__
#define LLONG_MIN	(-LLONG_MAX - 1LL)
#define ULLONG_MAX	(LLONG_MAX * 2ULL + 1ULL)
#endif

#endif
