/*
 * Sleeping for a while (kernel/sched.c implements it). Portable, so the
 * allocators can back off between retries and still build for the host
 * tests, which supply their own msleep.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

/* Sleep at least @ms milliseconds (rounded up to whole ticks). May sleep. */
void msleep(unsigned int ms);

#endif
