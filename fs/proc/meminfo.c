/*
 * /proc/meminfo: mm/vmstat.c's meminfo_show with what mm/ does not own,
 * Buffers (block-device pages, fs/buffer.c's nr_blockdev_pages) and the
 * vmalloc figures. Cached = file pages - Buffers (no swap cache), as Linux
 * 4.x computes it; the layout is meminfo_show's (Linux's).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include <linux/vmstat.h>
#include <linux/vmalloc.h>
#include <linux/buffer_head.h>
#include <asm/page.h>
#include "internal.h"

/* The /proc/meminfo text. Any process context. */
static void meminfo_proc_show(struct seq_buf *s)
{
	struct meminfo_extra extra = {
		.buffers = nr_blockdev_pages(),
		.vmalloc_total = VMALLOC_END - VMALLOC_START,
		.vmalloc_used = vmalloc_used_pages() << PAGE_SHIFT,
	};

	meminfo_show(s, &extra);
}

int proc_meminfo_init(void)
{
	return proc_create_single("meminfo", 0444, NULL, meminfo_proc_show) ? 0 : -ENOMEM;
}
