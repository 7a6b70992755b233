/*
 * The kernel profiler (kernel/profile.c): with "profile=1" on the command
 * line every timer tick records the function it interrupted, so a boot
 * with a high "hz=" under QEMU's -icount gives an instruction profile of
 * a benchmark. Linux's profile= in spirit (a histogram of kernel PCs);
 * by function rather than by address bucket, printed rather than read
 * from /proc/profile.
 */
#ifndef _LINUX_PROFILE_H
#define _LINUX_PROFILE_H

#include <linux/types.h>

/* The timer interrupt: @pc is where it interrupted (kernel addresses only). */
void profile_tick(unsigned long pc, bool user);
/* Starts a new profile (the tests call it around the part they measure). */
void profile_reset(void);
/* Prints the @n functions with most samples, with their share. */
void profile_print(const char *title, unsigned int n);
bool profile_enabled(void);

#endif
