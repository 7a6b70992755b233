/*
 * A sampling profiler of kernel time (include/linux/profile.h): each
 * timer tick, the interrupted PC is turned into its function's start
 * (kallsyms) and counted in a small open-addressed table. Under QEMU's
 * -icount a tick is a fixed number of instructions, so the counts are an
 * instruction profile. Linux's profile= boot option in spirit; leaves out
 * /proc/profile, per-CPU tables and user-space samples.
 */
#include <linux/kernel.h>
#include <linux/params.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <linux/errno.h>
#include <linux/profile.h>
#include <linux/kernel_stat.h>

#define PROF_SLOTS	1024	/* distinct functions kept; more are counted as "other" */

struct prof_slot {
	unsigned long start;	/* function start; 0 = empty */
	unsigned long hits;
};

static bool prof_on;
static struct prof_slot prof_table[PROF_SLOTS];
static unsigned long prof_total, prof_other, prof_user;

static int profile_setup(char *val)
{
	prof_on = val && !strcmp(val, "1");
	return prof_on || (val && !strcmp(val, "0")) ? 0 : -EINVAL;
}
__setup("profile=", profile_setup);

bool profile_enabled(void)
{
	return prof_on;
}

/* Counts one hit for the function starting at @start. IRQs off. */
static void prof_count(unsigned long start)
{
	unsigned int h = (unsigned int)((start >> 1) * 2654435761u) % PROF_SLOTS;

	for (unsigned int i = 0; i < PROF_SLOTS; i++, h = (h + 1) % PROF_SLOTS) {
		if (prof_table[h].start == start || !prof_table[h].start) {
			prof_table[h].start = start;
			prof_table[h].hits++;
			return;
		}
	}
	prof_other++;
}

void profile_tick(unsigned long pc, bool user)
{
	unsigned long size, offset;

	account_process_tick(user);	/* /proc/stat's CPU times, the load average */
	if (!prof_on)
		return;
	prof_total++;
	if (user) {
		prof_user++;
		return;
	}
	if (kallsyms_lookup(pc, &size, &offset))
		prof_count(pc - offset);
	else
		prof_other++;
}

void profile_reset(void)
{
	unsigned long flags;

	local_irq_save(flags);
	memset(prof_table, 0, sizeof(prof_table));
	prof_total = prof_other = prof_user = 0;
	local_irq_restore(flags);
}

/* The @n busiest functions since profile_reset, from a copy of the table. */
void profile_print(const char *title, unsigned int n)
{
	static struct prof_slot copy[PROF_SLOTS];
	unsigned long flags, total;

	if (!prof_on)
		return;
	local_irq_save(flags);
	memcpy(copy, prof_table, sizeof(copy));
	total = prof_total;
	local_irq_restore(flags);
	pr_notice("profile: %s: %lu samples\n", title, total);
	for (unsigned int k = 0; k < n; k++) {
		struct prof_slot *best = NULL;
		unsigned long size, offset;
		const char *name;

		for (unsigned int i = 0; i < PROF_SLOTS; i++)
			if (copy[i].hits && (!best || copy[i].hits > best->hits))
				best = &copy[i];
		if (!best)
			break;
		name = kallsyms_lookup(best->start, &size, &offset);
		pr_notice("profile: %5lu %3lu.%lu%%  %s\n", best->hits, best->hits * 100 / total,
			  best->hits * 1000 / total % 10, name ? name : "?");
		best->hits = 0;
	}
}
