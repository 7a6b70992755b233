/*
 * Write-back of inodes: the list of dirty inodes (oldest first, by
 * dirtied_when), writeback_single_inode (pages with do_writepages, then
 * the inode with s_op->write_inode), sync of a super block, and the
 * flusher kernel thread "writeback", which every dirty_writeback_interval
 * writes inodes dirty for longer than dirty_expire_interval (kupdate) and,
 * when balance_dirty_pages wakes it, writes until dirty memory is below
 * the background limit. After Linux 4.x fs/fs-writeback.c with one
 * bdi_writeback; leaves out cgroup write-back, lazytime and work items.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include "internal.h"

/* What write-back writes of one inode at a time (Linux's MAX_WRITEBACK_PAGES). */
#define MAX_WRITEBACK_PAGES	1024

/*
 * wb_lock protects b_dirty, every inode's i_io_list and dirtied_when, the
 * I_DIRTY and I_SYNC bits, the flusher's requests and the statistics.
 */
static DEFINE_SPINLOCK(wb_lock);
static LIST_HEAD(b_dirty);			/* dirty inodes, dirtied_when order (mostly) */
/*
 * One pass of wb_writeback at a time, as Linux's flusher runs its work
 * items one by one: a pass holds its batch on a private list, so a sync
 * pass running beside another would miss that batch's inodes and return
 * with them still dirty.
 */
static DEFINE_MUTEX(wb_pass_mutex);
static DECLARE_WAIT_QUEUE_HEAD(wb_sync_wq);	/* waiters for I_SYNC to clear */
static struct task_struct *wb_task;		/* the flusher, once writeback_init ran */
static bool wb_background_wanted, wb_all_wanted;
static unsigned long wb_next_kupdate;		/* jiffies of the next periodic run */
static struct writeback_stats wb_stats;

/* One write-back request: which inodes, how many pages, how. */
struct wb_request {
	struct super_block *sb;		/* NULL: all */
	long nr_pages;
	enum writeback_sync_modes sync_mode;
	bool for_kupdate, for_background, for_sync;
	unsigned long older_than;	/* kupdate: inodes dirtied at or before this */
};

/* Centiseconds (the tunables' unit) in jiffies, at least 1. */
static unsigned long cs_to_jiffies(unsigned int cs)
{
	unsigned long j = (unsigned long)cs * HZ / 100;

	return j ? j : 1;
}

/*
 * Records that @inode changed: I_DIRTY_SYNC/I_DIRTY_DATASYNC (the inode,
 * after s_op->dirty_inode) or I_DIRTY_PAGES. The first dirtying stamps
 * dirtied_when and queues the inode at the tail of the flusher's list
 * (an inode being written back is requeued when that ends). Any process
 * context; no sleeping.
 */
void __mark_inode_dirty(struct inode *inode, int flags)
{
	const struct super_operations *op = inode->i_sb->s_op;
	unsigned long was_dirty;

	if ((flags & I_DIRTY_INODE) && op && op->dirty_inode)
		op->dirty_inode(inode, flags);
	if ((inode->i_state & flags) == (unsigned int)flags)
		return;
	spin_lock(&wb_lock);
	was_dirty = inode->i_state & I_DIRTY;
	inode->i_state |= flags;
	if (!was_dirty && !(inode->i_state & (I_SYNC | I_FREEING | I_CLEAR))) {
		inode->dirtied_when = jiffies;
		list_move_tail(&inode->i_io_list, &b_dirty);
	}
	spin_unlock(&wb_lock);
}

/* Eviction: @inode leaves the dirty list for good. */
void inode_io_list_del(struct inode *inode)
{
	spin_lock(&wb_lock);
	list_del_init(&inode->i_io_list);
	spin_unlock(&wb_lock);
}

/* Sleeps until nobody writes @inode back (I_SYNC clear). */
void inode_wait_for_writeback(struct inode *inode)
{
	wait_event(wb_sync_wq, !(READ_ONCE(inode->i_state) & I_SYNC));
}

/* Calls s_op->write_inode (nothing to do without one). */
static int write_inode(struct inode *inode, struct writeback_control *wbc)
{
	const struct super_operations *op = inode->i_sb->s_op;

	if (op && op->write_inode)
		return op->write_inode(inode, wbc);
	return 0;
}

/*
 * The work of writeback_single_inode, I_SYNC held: pages (and a wait for
 * them under WB_SYNC_ALL), then the dirty bits cleared (I_DIRTY_PAGES
 * stays if pages are still tagged dirty) and the inode itself written if
 * it was dirty. The first error.
 */
static int __writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct address_space *mapping = inode->i_mapping;
	long before = wbc->nr_to_write;
	unsigned long dirty;
	int ret, err;

	ret = do_writepages(mapping, wbc);
	if (wbc->sync_mode == WB_SYNC_ALL) {
		err = filemap_fdatawait(mapping);
		if (!ret)
			ret = err;
	}
	spin_lock(&wb_lock);
	wb_stats.pages_written += before - wbc->nr_to_write;
	dirty = inode->i_state & I_DIRTY;
	inode->i_state &= ~I_DIRTY;
	if (radix_tree_tagged(&mapping->page_tree, PAGECACHE_TAG_DIRTY))
		inode->i_state |= I_DIRTY_PAGES;
	spin_unlock(&wb_lock);
	if (dirty & I_DIRTY_INODE) {
		err = write_inode(inode, wbc);
		if (!ret)
			ret = err;
	}
	return ret;
}

/* Under wb_lock, after write-back: still dirty -> back on the list's tail, else off it. */
static void requeue_inode(struct inode *inode)
{
	if (inode->i_state & (I_FREEING | I_CLEAR))
		list_del_init(&inode->i_io_list);
	else if (inode->i_state & I_DIRTY)
		list_move_tail(&inode->i_io_list, &b_dirty);
	else
		list_del_init(&inode->i_io_list);
}

/*
 * Writes @inode's dirty pages and then the inode as @wbc says. If it is
 * being written back already, WB_SYNC_NONE leaves it (0) and WB_SYNC_ALL
 * waits first. The caller holds a reference. 0 or the first error.
 * May sleep.
 */
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	int ret;

	spin_lock(&wb_lock);
	while (inode->i_state & I_SYNC) {
		spin_unlock(&wb_lock);
		if (wbc->sync_mode != WB_SYNC_ALL)
			return 0;
		inode_wait_for_writeback(inode);
		spin_lock(&wb_lock);
	}
	if (!(inode->i_state & I_DIRTY) && wbc->sync_mode != WB_SYNC_ALL) {
		spin_unlock(&wb_lock);
		return 0;
	}
	inode->i_state |= I_SYNC;
	spin_unlock(&wb_lock);
	ret = __writeback_single_inode(inode, wbc);
	spin_lock(&wb_lock);
	inode->i_state &= ~I_SYNC;
	requeue_inode(inode);
	spin_unlock(&wb_lock);
	wake_up(&wb_sync_wq);
	return ret;
}

/* Writes all of @inode (waiting if @sync): 0 or the first error. May sleep. */
int write_inode_now(struct inode *inode, int sync)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX,
		.sync_mode = sync ? WB_SYNC_ALL : WB_SYNC_NONE,
		.range_start = 0,
		.range_end = MAX_LFS_FILESIZE,
	};

	return writeback_single_inode(inode, &wbc);
}

/* Writes only the inode itself (no pages), waiting if @wait: fsync's metadata step. */
int sync_inode_metadata(struct inode *inode, int wait)
{
	struct writeback_control wbc = {
		.sync_mode = wait ? WB_SYNC_ALL : WB_SYNC_NONE,
		.nr_to_write = 0,
	};

	return writeback_single_inode(inode, &wbc);
}

/* Under wb_lock: does @inode belong in @req's batch? */
static bool inode_matches(const struct inode *inode, const struct wb_request *req)
{
	if (req->sb && inode->i_sb != req->sb)
		return false;
	if (req->for_kupdate && (long)(inode->dirtied_when - req->older_than) > 0)
		return false;
	return true;
}

/* Under wb_lock: moves @req's dirty inodes from b_dirty to @io, oldest first. */
static void queue_io(struct list_head *io, const struct wb_request *req)
{
	struct inode *inode, *n;

	list_for_each_entry_safe(inode, n, &b_dirty, i_io_list) {
		if (inode_matches(inode, req))
			list_move_tail(&inode->i_io_list, io);
	}
}

/* Has @req done what it was asked (pages, or the background limit reached)? */
static bool wb_request_done(const struct wb_request *req)
{
	return req->nr_pages <= 0 || (req->for_background && !over_bground_thresh());
}

/* Writes one inode of a batch (@inode referenced) for @req; the pages it wrote. */
static long wb_write_one(struct inode *inode, struct wb_request *req)
{
	struct writeback_control wbc = {
		.sync_mode = req->sync_mode,
		.nr_to_write = req->nr_pages < MAX_WRITEBACK_PAGES && req->sync_mode == WB_SYNC_NONE ?
			       req->nr_pages : MAX_WRITEBACK_PAGES,
		.range_start = 0,
		.range_end = MAX_LFS_FILESIZE,
		.range_cyclic = 1,
		.for_kupdate = req->for_kupdate,
		.for_background = req->for_background,
		.for_sync = req->for_sync,
	};

	long want;

	if (req->sync_mode == WB_SYNC_ALL)
		wbc.nr_to_write = LONG_MAX;
	want = wbc.nr_to_write;
	writeback_single_inode(inode, &wbc);
	return want - wbc.nr_to_write;
}

/*
 * Writes the dirty inodes @req selects, oldest first, each once, until
 * the request is met. Inodes being freed or created are put back. Returns
 * how many inodes were written. May sleep.
 */
static long wb_writeback(struct wb_request *req)
{
	LIST_HEAD(io);
	struct inode *inode;
	long written = 0;

	mutex_lock(&wb_pass_mutex);
	spin_lock(&wb_lock);
	queue_io(&io, req);
	while (!list_empty(&io) && !wb_request_done(req)) {
		inode = list_first_entry(&io, struct inode, i_io_list);
		if ((inode->i_state & (I_FREEING | I_WILL_FREE | I_NEW)) ||
		    ((inode->i_state & I_SYNC) && req->sync_mode == WB_SYNC_NONE)) {
			list_move_tail(&inode->i_io_list, &b_dirty);
			continue;
		}
		list_move_tail(&inode->i_io_list, &b_dirty);	/* requeue_inode decides after */
		spin_unlock(&wb_lock);
		if (igrab(inode)) {
			req->nr_pages -= wb_write_one(inode, req);
			written++;
			iput(inode);
		}
		spin_lock(&wb_lock);
	}
	while (!list_empty(&io))	/* not reached: back at the head, still the oldest */
		list_move(io.prev, &b_dirty);
	spin_unlock(&wb_lock);
	mutex_unlock(&wb_pass_mutex);
	return written;
}

/* Waits for the write-back of every inode of @sb started by anyone (sync's second half). */
static void wait_sb_inodes(struct super_block *sb)
{
	struct inode *inode, *old = NULL;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (!inode->i_mapping->nrpages || !igrab(inode))
			continue;
		spin_unlock(&sb->s_inode_list_lock);
		iput(old);	/* after the next one is held: the list position stays valid */
		filemap_fdatawait(inode->i_mapping);
		old = inode;
		spin_lock(&sb->s_inode_list_lock);
	}
	spin_unlock(&sb->s_inode_list_lock);
	iput(old);
}

/* Writes back every dirty inode of @sb and waits for it all (sync, umount). May sleep. */
void sync_inodes_sb(struct super_block *sb)
{
	struct wb_request req = {
		.sb = sb, .nr_pages = LONG_MAX, .sync_mode = WB_SYNC_ALL, .for_sync = true,
	};

	wb_writeback(&req);
	wait_sb_inodes(sb);
}

/* Starts write-back of every dirty inode of @sb without waiting for the I/O. May sleep. */
void writeback_inodes_sb(struct super_block *sb)
{
	struct wb_request req = { .sb = sb, .nr_pages = LONG_MAX, .sync_mode = WB_SYNC_NONE };

	wb_writeback(&req);
}

/* ---- the flusher ---- */

/* A request was left for the flusher: wake it (nothing to wake before writeback_init). */
static void wb_wakeup(void)
{
	if (wb_task)
		wake_up_process(wb_task);
}

/* balance_dirty_pages: dirty memory passed the background limit. Any process context. */
void wb_start_background_writeback(void)
{
	spin_lock(&wb_lock);
	wb_background_wanted = true;
	spin_unlock(&wb_lock);
	wb_wakeup();
}

/* sync and reclaim: write back everything that is dirty, soon. */
void wakeup_flusher_threads(void)
{
	spin_lock(&wb_lock);
	wb_all_wanted = true;
	spin_unlock(&wb_lock);
	wb_wakeup();
}

/* Takes the flag *@flag (wb_lock): was it set? */
static bool wb_take(bool *flag)
{
	bool was;

	spin_lock(&wb_lock);
	was = *flag;
	*flag = false;
	spin_unlock(&wb_lock);
	return was;
}

/* The periodic part: inodes dirty for longer than dirty_expire_interval. */
static void wb_kupdate(void)
{
	struct wb_request req = {
		.nr_pages = LONG_MAX, .sync_mode = WB_SYNC_NONE, .for_kupdate = true,
		.older_than = jiffies - cs_to_jiffies(dirty_expire_interval),
	};

	if (wb_writeback(&req)) {
		spin_lock(&wb_lock);
		wb_stats.kupdate_runs++;
		spin_unlock(&wb_lock);
	}
}

/*
 * One pass of the flusher: a sync request, the background limit, then
 * the periodic expiry when its interval has passed. The flusher thread
 * loops on it; host tests call it directly. Returns the jiffies until
 * the next periodic pass.
 */
long wb_do_writeback(void)
{
	struct wb_request all = { .nr_pages = LONG_MAX, .sync_mode = WB_SYNC_NONE };
	struct wb_request bg = { .nr_pages = LONG_MAX, .sync_mode = WB_SYNC_NONE,
				 .for_background = true };
	unsigned long interval = cs_to_jiffies(dirty_writeback_interval);

	if (wb_take(&wb_all_wanted))
		wb_writeback(&all);
	wb_take(&wb_background_wanted);
	if (over_bground_thresh()) {
		wb_writeback(&bg);
		spin_lock(&wb_lock);
		wb_stats.background_runs++;
		spin_unlock(&wb_lock);
	}
	if (dirty_writeback_interval && (long)(jiffies - wb_next_kupdate) >= 0) {
		wb_next_kupdate = jiffies + interval;
		wb_kupdate();
	}
	return dirty_writeback_interval ? (long)(wb_next_kupdate - jiffies) : (long)(60 * HZ);
}

/* Is a request waiting for the flusher? */
static bool wb_pending(void)
{
	return READ_ONCE(wb_all_wanted) || READ_ONCE(wb_background_wanted);
}

/* The "writeback" thread: passes of wb_do_writeback, sleeping in between until woken or due. */
static int wb_thread(void *data)
{
	long timeout;

	while (!kthread_should_stop()) {
		timeout = wb_do_writeback();
		current->state = TASK_INTERRUPTIBLE;
		if (!wb_pending() && !kthread_should_stop())
			schedule_timeout(timeout > 0 ? timeout : 1);
		current->state = TASK_RUNNING;
	}
	return 0;
}

/* Boot: starts the flusher thread. A message (and no periodic write-back) if it cannot. */
void writeback_init(void)
{
	struct task_struct *t;

	wb_next_kupdate = jiffies + cs_to_jiffies(dirty_writeback_interval);
	t = kthread_run(wb_thread, NULL, "writeback");
	if (IS_ERR_OR_NULL(t)) {
		pr_err("writeback: cannot start the flusher thread\n");
		return;
	}
	wb_task = t;
}

/* The flusher's counters so far. */
void writeback_get_stats(struct writeback_stats *st)
{
	spin_lock(&wb_lock);
	*st = wb_stats;
	spin_unlock(&wb_lock);
}
