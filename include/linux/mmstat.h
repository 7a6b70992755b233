/*
 * The memory statistics texts on the console (kernel/mmstat.c) until /proc
 * exists: printed at boot by "mmstat=", and commands of the console monitor.
 */
#ifndef _LINUX_MMSTAT_H
#define _LINUX_MMSTAT_H

/* Boot: print the reports "mmstat=" lists (nothing without it). */
void print_mm_stats(void);
/* Print the report called @name ("meminfo", ...): 0, or -ENOENT if none is. */
int show_mm_report(const char *name);
/* One help line per report, for the monitor's "help". */
void print_mm_report_names(void);
/* The "free" command: memory in use, free and cached, in kB. */
void show_free(void);

#endif
