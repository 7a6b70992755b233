/* The tick counter and time conversions (kernel/time.c). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

extern volatile unsigned long jiffies;
extern unsigned int HZ;		/* ticks per second, "hz=" on the command line */
extern unsigned long riscv_timebase;	/* time CSR ticks per second (DTB) */

u64 get_cycles(void);		/* the time CSR */
u64 ktime_get_ns(void);

#endif
