/*
 * The OOM killer (mm/oom_kill.c): when reclaim cannot free memory for a
 * user allocation, kill the process with the largest resident set so its
 * memory comes back. Linux's out_of_memory, without oom_score_adj,
 * cgroups or the OOM reaper.
 */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#include <linux/types.h>
#include <linux/gfp.h>

/*
 * Called by the page allocator's slow path (mm/page_alloc.c) after
 * reclaim gave up on a user request of @order. True if a victim was sent
 * SIGKILL (or one is already dying): the caller may wait a little and
 * retry. False if nothing can be killed, or current is itself a victim
 * (its allocation should fail so it can exit). May sleep.
 */
bool out_of_memory(gfp_t gfp_mask, unsigned int order);

#endif
