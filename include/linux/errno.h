/* Error numbers: the Linux asm-generic values (the riscv64 ABI uses them), and ERR_PTR. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#include <uapi/errno.h>	/* EPERM..EHWPOISON, the numbers user space sees */

/* Kernel-internal, never seen by user space (Linux's values). */
#define ERESTARTSYS	512	/* interrupted: restart if SA_RESTART, else -EINTR */
#define ERESTARTNOINTR	513	/* interrupted: always restart */
#define ERESTARTNOHAND	514	/* restart if no handler ran, else -EINTR */
#define ENOIOCTLCMD	515	/* no such ioctl for this driver (user sees -ENOTTY) */
#define ERESTART_RESTARTBLOCK 516	/* restart through restart_syscall */
#define EPROBE_DEFER	517	/* driver: try again once other devices bound */

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long e) { return (void *)e; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }
static inline int IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR_VALUE(p); }
static inline void *ERR_CAST(const void *p) { return (void *)p; }

#endif
