/*
 * The inode cache: inodes hashed by (super block, inode number), counted
 * by i_count, unused ones on an LRU for the shrinker, eviction through
 * s_op->evict_inode. Follows Linux 4.x fs/inode.c by name; leaves out
 * RCU lookup, per-sb LRUs, inode_operations flags and quotas.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/swap.h>
#include <linux/cred.h>
#include <linux/timekeeping.h>
#include <linux/pipe_fs_i.h>
#include "internal.h"

#define I_HASHBITS	10
#define I_HASHSIZE	(1U << I_HASHBITS)

/*
 * inode_hash_lock protects inode_hashtable, every inode's i_hash, the LRU
 * (inode_lru, nr_unused), the i_count 0 <-> 1 transitions and the
 * I_NEW/I_FREEING/I_WILL_FREE bits (fs-writeback.c's wb_lock has the
 * I_DIRTY and I_SYNC ones). Nests inside sb->s_inode_list_lock.
 */
static DEFINE_SPINLOCK(inode_hash_lock);
static struct hlist_head inode_hashtable[I_HASHSIZE];
static LIST_HEAD(inode_lru);
static unsigned long nr_unused;
/* Waiters for I_NEW to clear, for I_SYNC to clear, for a freeing inode to go. */
static DECLARE_WAIT_QUEUE_HEAD(inode_wq);
/* Bumped each time an evicted inode leaves the hash (freeing waiters watch it). */
static unsigned long inode_unhash_seq;
static struct kmem_cache *inode_cachep;

static const struct inode_operations empty_iops;
static const struct address_space_operations empty_aops;

/* Opening an inode that has no file operations: -ENXIO, as Linux's no_open. */
static int no_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}
static const struct file_operations no_open_fops = { .open = no_open };

static struct hlist_head *inode_hash(const struct super_block *sb, unsigned long ino)
{
	unsigned long h = ino ^ ((unsigned long)sb / L1_CACHE_BYTES);

	h ^= h >> I_HASHBITS;
	return &inode_hashtable[h & (I_HASHSIZE - 1)];
}

/*
 * Sets up the parts of an inode that survive reuse: lists, locks, the
 * address space. The inode slab's constructor; a file system with its
 * own alloc_inode calls it from its cache's constructor.
 */
void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_HLIST_NODE(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_io_list);
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_dentry);
	spin_lock_init(&inode->i_lock);
	mutex_init(&inode->i_mutex);
	address_space_init_once(&inode->i_data);
}

static void init_once(void *obj)
{
	inode_init_once(obj);
}

/* Boot: the inode slab ("inode_cache"). Panics without memory (boot only). */
void inode_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0,
					 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, init_once);
}

/* The per-use fields of a fresh inode of @sb: one reference, i_nlink 1, empty ops. */
static void inode_init_always(struct super_block *sb, struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;

	inode->i_sb = sb;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->i_flags = 0;
	vfs_atomic_set(&inode->i_count, 1);
	inode->i_op = &empty_iops;
	inode->i_fop = &no_open_fops;
	inode->i_nlink = 1;
	inode->i_uid = inode->i_gid = 0;
	inode->i_rdev = 0;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_state = 0;
	inode->dirtied_when = 0;
	inode->i_generation = 0;
	inode->i_bdev = NULL;
	inode->i_private = NULL;
	mapping->host = inode;
	mapping->a_ops = &empty_aops;
	mapping->flags = 0;
	mapping->writeback_index = 0;
	mapping_set_gfp_mask(mapping, GFP_HIGHUSER_MOVABLE);
	inode->i_mapping = mapping;
}

/* A new inode for @sb from s_op->alloc_inode or the inode slab; NULL without memory. May sleep. */
static struct inode *alloc_inode(struct super_block *sb)
{
	struct inode *inode;

	if (sb->s_op && sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);
	if (inode)
		inode_init_always(sb, inode);
	return inode;
}

/* Gives @inode's memory back (s_op->destroy_inode or the slab). */
static void destroy_inode(struct inode *inode)
{
	if (inode->i_sb->s_op && inode->i_sb->s_op->destroy_inode)
		inode->i_sb->s_op->destroy_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

static void inode_sb_list_add(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_list_lock);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
}

static void inode_sb_list_del(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_list_lock);
	list_del_init(&inode->i_sb_list);
	spin_unlock(&sb->s_inode_list_lock);
}

/* A number for an inode of a file system without inode numbers of its own. */
unsigned int get_next_ino(void)
{
	static unsigned int last_ino = 1;	/* 1 is left for roots (proc's) */

	return __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
}

/*
 * A new unhashed inode of @sb with one reference, on the sb's list; the
 * caller sets i_ino, i_mode and the operations. NULL without memory.
 */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = alloc_inode(sb);

	if (inode)
		inode_sb_list_add(inode);
	return inode;
}

/* Under inode_hash_lock: take @inode off the unused LRU if it is there. */
static void inode_lru_list_del(struct inode *inode)
{
	if (!list_empty(&inode->i_lru)) {
		list_del_init(&inode->i_lru);
		nr_unused--;
	}
}

/* Under inode_hash_lock: one more reference (an unused inode leaves the LRU). */
static void __iget(struct inode *inode)
{
	if (vfs_atomic_inc_return(&inode->i_count) == 1)
		inode_lru_list_del(inode);
}

/* Under inode_hash_lock: an unused inode joins the LRU's head (newest). */
static void inode_lru_list_add(struct inode *inode)
{
	if (list_empty(&inode->i_lru)) {
		list_add(&inode->i_lru, &inode_lru);
		nr_unused++;
	}
}

/* After write-back of an unused inode: it may be freed again. */
void inode_add_lru(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	if (!vfs_atomic_read(&inode->i_count) &&
	    !(inode->i_state & (I_FREEING | I_WILL_FREE)))
		inode_lru_list_add(inode);
	spin_unlock(&inode_hash_lock);
}

/*
 * Under inode_hash_lock: the inode (@sb, @ino) in @head with a new
 * reference, NULL if there is none, ERR_PTR(-EAGAIN) after waiting for a
 * dying one (the lock was dropped: look again).
 */
static struct inode *find_inode_fast(struct super_block *sb, struct hlist_head *head,
				     unsigned long ino)
{
	struct inode *inode;
	unsigned long seq;

	hlist_for_each_entry(inode, head, i_hash) {
		if (inode->i_ino != ino || inode->i_sb != sb)
			continue;
		if (inode->i_state & (I_FREEING | I_WILL_FREE)) {
			seq = inode_unhash_seq;
			spin_unlock(&inode_hash_lock);
			wait_event(inode_wq, READ_ONCE(inode_unhash_seq) != seq);
			spin_lock(&inode_hash_lock);
			return ERR_PTR(-EAGAIN);
		}
		__iget(inode);
		return inode;
	}
	return NULL;
}

/*
 * Waits until a cached inode found by iget_locked is read in. Returns it,
 * or NULL (its reading failed and the reference was dropped: look again).
 */
static struct inode *wait_on_new_inode(struct inode *inode)
{
	wait_event(inode_wq, !(READ_ONCE(inode->i_state) & I_NEW));
	if (!inode_unhashed(inode))
		return inode;
	iput(inode);
	return NULL;
}

/* Under inode_hash_lock: find (@sb, @ino), retrying past dying inodes. */
static struct inode *find_inode_retry(struct super_block *sb, struct hlist_head *head,
				      unsigned long ino)
{
	struct inode *inode;

	do {
		inode = find_inode_fast(sb, head, ino);
	} while (IS_ERR(inode));
	return inode;
}

/*
 * The inode (@sb, @ino) from the cache with a reference, or a new one
 * hashed with I_NEW set that the caller fills in and then passes to
 * unlock_new_inode (or iget_failed). NULL without memory. May sleep:
 * waits while another caller is reading the same inode.
 */
struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	struct hlist_head *head = inode_hash(sb, ino);
	struct inode *inode, *old;

again:
	spin_lock(&inode_hash_lock);
	inode = find_inode_retry(sb, head, ino);
	spin_unlock(&inode_hash_lock);
	if (inode) {
		inode = wait_on_new_inode(inode);
		if (!inode)
			goto again;
		return inode;
	}
	inode = alloc_inode(sb);
	if (!inode)
		return NULL;
	spin_lock(&inode_hash_lock);
	old = find_inode_retry(sb, head, ino);	/* alloc_inode may have slept */
	if (!old) {
		inode->i_ino = ino;
		inode->i_state = I_NEW;
		hlist_add_head(&inode->i_hash, head);
	}
	spin_unlock(&inode_hash_lock);
	if (old) {
		destroy_inode(inode);
		inode = wait_on_new_inode(old);
		if (!inode)
			goto again;
		return inode;
	}
	inode_sb_list_add(inode);
	return inode;
}

/* The caller of iget_locked has filled @inode in: others may use it now. */
void unlock_new_inode(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	WARN_ON(!(inode->i_state & I_NEW));
	inode->i_state &= ~I_NEW;
	spin_unlock(&inode_hash_lock);
	wake_up(&inode_wq);
}

/*
 * Reading an I_NEW inode failed: unhash it so nobody finds it, wake the
 * waiters (they look again) and drop the reference; it is freed without
 * being written (i_nlink 0 makes iput evict it).
 */
void iget_failed(struct inode *inode)
{
	remove_inode_hash(inode);
	clear_nlink(inode);
	unlock_new_inode(inode);
	iput(inode);
}

/* Puts @inode (already set up) into the hash so iget_locked finds it. */
void insert_inode_hash(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	if (inode_unhashed(inode))
		hlist_add_head(&inode->i_hash, inode_hash(inode->i_sb, inode->i_ino));
	spin_unlock(&inode_hash_lock);
}

/* Takes @inode out of the hash; iget_locked no longer finds it. */
void remove_inode_hash(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	if (!inode_unhashed(inode))
		hlist_del(&inode->i_hash);
	spin_unlock(&inode_hash_lock);
}

/* One more reference to @inode unless it is being freed (then NULL). */
struct inode *igrab(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	if (inode->i_state & (I_FREEING | I_WILL_FREE))
		inode = NULL;
	else
		__iget(inode);
	spin_unlock(&inode_hash_lock);
	return inode;
}

/* One more reference to an inode the caller already holds one on. */
void ihold(struct inode *inode)
{
	WARN_ON(vfs_atomic_inc_return(&inode->i_count) < 2);
}

/*
 * The file system is done with @inode (from evict_inode): its pages must
 * be gone. Marks it I_CLEAR; evict frees it.
 */
void clear_inode(struct inode *inode)
{
	WARN_ON(inode->i_data.nrpages);
	WARN_ON(!(inode->i_state & I_FREEING));
	WARN_ON(inode->i_state & I_CLEAR);
	inode->i_state = I_FREEING | I_CLEAR;
}

/*
 * Frees an inode nobody uses, I_FREEING set and off the LRU: off the
 * dirty list, waits for write-back, s_op->evict_inode (or drop the pages
 * and clear it), out of the hash, then the memory. May sleep.
 */
static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	inode_io_list_del(inode);
	inode_sb_list_del(inode);
	inode_wait_for_writeback(inode);
	if (op && op->evict_inode) {
		op->evict_inode(inode);
	} else {
		truncate_inode_pages_final(&inode->i_data);
		clear_inode(inode);
	}
	WARN_ON(inode->i_state != (I_FREEING | I_CLEAR));
	spin_lock(&inode_hash_lock);
	if (!inode_unhashed(inode))
		hlist_del(&inode->i_hash);
	inode_unhash_seq++;
	spin_unlock(&inode_hash_lock);
	wake_up(&inode_wq);
	destroy_inode(inode);
}

/* Linux's default drop_inode: free at once if unlinked or no longer hashed. */
int generic_drop_inode(struct inode *inode)
{
	return !inode->i_nlink || inode_unhashed(inode);
}

/*
 * The last reference of @inode went (inode_hash_lock held, dropped here).
 * A live inode of an active super block stays cached on the LRU; an
 * unlinked one, or any at umount, is evicted now (written first if dirty
 * and still linked).
 */
static void iput_final(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;
	int drop = op && op->drop_inode ? op->drop_inode(inode) : generic_drop_inode(inode);

	if (!drop && (inode->i_sb->s_flags & SB_ACTIVE)) {
		inode_lru_list_add(inode);
		spin_unlock(&inode_hash_lock);
		return;
	}
	if (!drop) {
		inode->i_state |= I_WILL_FREE;
		spin_unlock(&inode_hash_lock);
		write_inode_now(inode, 1);
		spin_lock(&inode_hash_lock);
		inode->i_state &= ~I_WILL_FREE;
	}
	inode->i_state |= I_FREEING;
	inode_lru_list_del(inode);
	spin_unlock(&inode_hash_lock);
	evict(inode);
}

/* Drops a reference to @inode (NULL is fine); the last one may evict it. May sleep. */
void iput(struct inode *inode)
{
	if (!inode)
		return;
	spin_lock(&inode_hash_lock);
	if (WARN_ON(vfs_atomic_read(&inode->i_count) <= 0)) {
		spin_unlock(&inode_hash_lock);
		return;
	}
	if (vfs_atomic_dec_return(&inode->i_count) == 0 && !(inode->i_state & I_NEW))
		iput_final(inode);
	else
		spin_unlock(&inode_hash_lock);
}

/* Evicts every inode on @dispose (linked through i_lru, I_FREEING set). */
static void dispose_list(struct list_head *dispose)
{
	struct inode *inode, *n;

	list_for_each_entry_safe(inode, n, dispose, i_lru) {
		list_del_init(&inode->i_lru);
		evict(inode);
	}
}

/*
 * Under inode_hash_lock: may the unused @inode be freed now? Busy, dirty
 * or being written back ones stay; so do ones whose pages would not go.
 */
static bool inode_freeable(struct inode *inode)
{
	if (vfs_atomic_read(&inode->i_count) ||
	    (inode->i_state & (I_DIRTY | I_SYNC | I_NEW | I_FREEING | I_WILL_FREE)))
		return false;
	return inode->i_data.nrpages == 0;
}

/*
 * Drops the clean pages of the unused @inode (lock dropped meanwhile, the
 * inode pinned), then under inode_hash_lock again: true if it may be
 * freed now (it is off the LRU then), false if it went back on the LRU.
 */
static bool prune_inode_pages(struct inode *inode)
{
	__iget(inode);
	spin_unlock(&inode_hash_lock);
	invalidate_mapping_pages(&inode->i_data, 0, ~0UL);
	spin_lock(&inode_hash_lock);
	if (vfs_atomic_dec_return(&inode->i_count) == 0 && inode_freeable(inode))
		return true;
	if (!vfs_atomic_read(&inode->i_count))
		inode_lru_list_add(inode);
	return false;
}

/*
 * Frees up to @nr unused inodes, oldest first (the shrinker, drop_caches).
 * Clean pages of an inode are dropped first; inodes that are dirty or
 * keep pages go to the head, to be tried later. Returns how many were
 * freed. May sleep.
 */
unsigned long prune_icache(unsigned long nr)
{
	LIST_HEAD(dispose);
	unsigned long freed = 0, scanned = 0, todo;
	struct inode *inode;

	spin_lock(&inode_hash_lock);
	todo = nr_unused;
	while (freed < nr && scanned++ < todo && !list_empty(&inode_lru)) {
		inode = list_last_entry(&inode_lru, struct inode, i_lru);
		if (inode_freeable(inode)) {
			inode_lru_list_del(inode);
		} else if (inode->i_data.nrpages && !(inode->i_state & (I_DIRTY | I_SYNC))) {
			if (!prune_inode_pages(inode))
				continue;
		} else {
			list_move(&inode->i_lru, &inode_lru);
			continue;
		}
		inode->i_state |= I_FREEING;
		list_add(&inode->i_lru, &dispose);
		freed++;
	}
	spin_unlock(&inode_hash_lock);
	dispose_list(&dispose);
	return freed;
}

/* Inodes on the unused LRU now. */
unsigned long nr_unused_inodes(void)
{
	return READ_ONCE(nr_unused);
}

/*
 * Umount: drops every unused inode of @sb (a dirty one is written first).
 * Returns how many inodes were still in use (0: none was busy). May sleep.
 */
int evict_inodes(struct super_block *sb)
{
	struct inode *inode, *n;
	LIST_HEAD(dispose);
	int busy = 0;

	spin_lock(&sb->s_inode_list_lock);
	spin_lock(&inode_hash_lock);
	list_for_each_entry_safe(inode, n, &sb->s_inodes, i_sb_list) {
		if (vfs_atomic_read(&inode->i_count) ||
		    (inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE))) {
			busy++;
			continue;
		}
		inode_lru_list_del(inode);
		inode->i_state |= I_WILL_FREE;
		list_add(&inode->i_lru, &dispose);
	}
	spin_unlock(&inode_hash_lock);
	spin_unlock(&sb->s_inode_list_lock);
	list_for_each_entry_safe(inode, n, &dispose, i_lru) {
		if (inode->i_state & I_DIRTY)
			write_inode_now(inode, 1);
		spin_lock(&inode_hash_lock);
		inode->i_state = (inode->i_state & ~I_WILL_FREE) | I_FREEING;
		spin_unlock(&inode_hash_lock);
	}
	dispose_list(&dispose);
	return busy;
}

/* ---- link counts ---- */

/* The inode has no names left (unlink of its last one, or a failed create). */
void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

/* One name fewer; a count already at 0 is a file system bug (warned, left 0). */
void drop_nlink(struct inode *inode)
{
	if (!WARN_ON(inode->i_nlink == 0))
		inode->i_nlink--;
}

/* ---- owners, device files, times ---- */

/*
 * A new inode's owner and mode: the current fsuid; the group of @dir if
 * it is set-group-ID (and a new directory inherits the bit), else the
 * current fsgid.
 */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = current_fsuid();
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->i_gid = current_fsgid();
	}
	inode->i_mode = mode;
}

/* Opening a FIFO or a socket: rivet has neither pipes nor sockets yet. */
static int no_pipe_open(struct inode *inode, struct file *file)
{
	return -EOPNOTSUPP;
}
static const struct file_operations no_pipe_fops = { .open = no_pipe_open };

/*
 * A device file, FIFO or socket: its mode, its device number and the
 * VFS's file operations for it (def_chr_fops, def_blk_fops, FIFOs
 * pipefifo_fops; sockets open with -EOPNOTSUPP until sockets exist).
 */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;	/* fs/pipe.c: fifo_open */
	} else if (S_ISSOCK(mode)) {
		inode->i_fop = &no_pipe_fops;
	} else {
		pr_warn("init_special_inode: bogus i_mode (%o) for inode %s:%lu\n",
			mode, inode->i_sb->s_id, inode->i_ino);
	}
}

/* The time now, cut to @inode's file system granularity (s_time_gran ns). */
struct timespec64 current_time(struct inode *inode)
{
	struct timespec64 now = ktime_get_real_ts64();
	u32 gran = inode->i_sb->s_time_gran;

	if (gran >= NSEC_PER_SEC)
		now.tv_nsec = 0;
	else if (gran > 1)
		now.tv_nsec -= now.tv_nsec % gran;
	return now;
}

static int timespec64_compare(const struct timespec64 *a, const struct timespec64 *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/*
 * relatime: update atime only if it is not newer than mtime or ctime, or
 * older than a day (Linux's default since 2.6.30).
 */
static bool relatime_need_update(struct inode *inode, const struct timespec64 *now)
{
	if (timespec64_compare(&inode->i_mtime, &inode->i_atime) >= 0)
		return true;
	if (timespec64_compare(&inode->i_ctime, &inode->i_atime) >= 0)
		return true;
	return now->tv_sec - inode->i_atime.tv_sec >= 24 * 60 * 60;
}

/*
 * After a read of @path's file: sets its atime (relatime rules) unless
 * the inode, the mount or the super block says noatime or read-only.
 */
void touch_atime(const struct path *path)
{
	struct inode *inode = path->dentry->d_inode;
	struct timespec64 now;

	if ((inode->i_flags & S_NOATIME) || (inode->i_sb->s_flags & SB_NOATIME))
		return;
	if (path->mnt && ((path->mnt->mnt_flags & MNT_NOATIME) || __mnt_is_readonly(path->mnt)))
		return;
	if (sb_rdonly(inode->i_sb))
		return;
	now = current_time(inode);
	if (!relatime_need_update(inode, &now))
		return;
	inode->i_atime = now;
	mark_inode_dirty_sync(inode);
}

/* A write to @file: mtime and ctime become now (the inode is dirtied if they changed). 0. */
int file_update_time(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct timespec64 now = current_time(inode);

	if (!timespec64_compare(&inode->i_mtime, &now) &&
	    !timespec64_compare(&inode->i_ctime, &now))
		return 0;
	inode->i_mtime = inode->i_ctime = now;
	mark_inode_dirty_sync(inode);
	return 0;
}

/* ---- the shrinker ---- */

static unsigned long icache_count(struct shrinker *s, struct shrink_control *sc)
{
	return nr_unused_inodes();
}

static unsigned long icache_scan(struct shrinker *s, struct shrink_control *sc)
{
	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;	/* eviction may enter the file system */
	return prune_icache(sc->nr_to_scan);
}

static struct shrinker icache_shrinker = {
	.count_objects = icache_count,
	.scan_objects = icache_scan,
};

/* Boot: the inode cache's shrinker (after inode_init). */
void inode_shrinker_init(void)
{
	register_shrinker(&icache_shrinker);
}
