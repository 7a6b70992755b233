/*
 * struct sysinfo, laid out as the Linux riscv64 sysinfo(2) ABI has it, so
 * the system call can copy it out as is. si_meminfo() fills the memory
 * fields; the system call fills the rest.
 */
#ifndef _LINUX_SYSINFO_H
#define _LINUX_SYSINFO_H

#include <linux/types.h>

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute load averages << 16 */
	unsigned long totalram;		/* in mem_unit */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;		/* bytes per unit above */
	char _f[20 - 2 * sizeof(unsigned long) - sizeof(unsigned int)];
};

#endif
