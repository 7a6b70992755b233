/* Small helpers every kernel file wants: sizes, alignment, min/max, BUG. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))

#define SZ_1K	0x400UL
#define SZ_4K	0x1000UL
#define SZ_1M	0x100000UL
#define SZ_2M	0x200000UL
#define SZ_1G	0x40000000UL

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* panic() is for kernel bugs only; bad input returns -Exxx. */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);
/* The same for a trap taken in the kernel: shows @regs and backtraces from them. */
struct pt_regs;
__noreturn __printf(2, 3) void panic_regs(struct pt_regs *regs, const char *fmt, ...);

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) panic("BUG_ON(%s) at %s:%d", #c, __FILE__, __LINE__); } while (0)
#define WARN_ON(c) ({ int __w = !!(c); if (unlikely(__w)) { \
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", #c, __FILE__, __LINE__); } unlikely(__w); })
#define WARN_ON_ONCE(c) ({ static bool __o; int __w = !!(c); if (unlikely(__w) && !__o) { __o = true; \
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", #c, __FILE__, __LINE__); } unlikely(__w); })

#endif
