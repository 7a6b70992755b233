/*
 * procfs inodes and the text files: an inode per looked-up entry, and the
 * file operations of proc_create_single files, which make the whole text
 * at open into a buffer sized by retrying (one page, doubled while the
 * seq_buf overflows) and read from it. After Linux 4.x's fs/proc/inode.c
 * and single_open (fs/seq_file.c); leaves out seq_file's record-by-record
 * paging (a text is made whole, at most PROC_TEXT_MAX bytes) and mmap.
 * Inodes are struct proc_inode (PROC_I), so the per-process files of
 * base.c can keep the pid they stand for.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/seq_buf.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include "internal.h"

#define PROC_TEXT_MAX	(4UL << 20)	/* the largest text one open makes */

/* One open text file: its whole text (private_data). */
struct proc_text {
	size_t len;		/* bytes of text */
	char *buf;		/* kmalloc'd or vmalloc'd */
};

/* alloc_inode: a zeroed proc_inode, its vfs inode set up. NULL without memory. */
static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	if (!ei)
		return NULL;
	inode_init_once(&ei->vfs_inode);
	return &ei->vfs_inode;
}

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

/* A proc inode goes when its last reference goes (its dentry's). */
static int proc_drop_inode(struct inode *inode)
{
	return 1;
}

/* Last reference gone: a proc inode has no pages, only the inode to clear. */
static void proc_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
}

const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
	.drop_inode = proc_drop_inode,
	.evict_inode = proc_evict_inode,
	.statfs = simple_statfs,
};

/*
 * A new inode on @sb for @de: its mode, link count (directories: 2 plus
 * child directories), operations and times now; i_private is @de. NULL
 * without memory. May sleep.
 */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = de->low_ino;
	inode->i_mode = de->mode;
	inode->i_uid = 0;
	inode->i_gid = 0;
	inode->i_private = de;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_fop = de->proc_fops;
	if (S_ISDIR(de->mode)) {
		inode->i_op = &proc_dir_inode_operations;
		set_nlink(inode, 2 + de->nr_subdirs);
	} else {
		set_nlink(inode, 1);
	}
	return inode;
}

/* A buffer of @size bytes: kmalloc up to its largest cache, vmalloc above. */
static char *proc_text_alloc(size_t size)
{
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc(size, GFP_KERNEL);
	return vmalloc(size);
}

/*
 * Runs @show(s, @arg) into buffers of one page, two, four ... until its
 * text fits (seq_buf did not overflow). Fills @t; 0, @show's error,
 * -ENOMEM, or -EFBIG past PROC_TEXT_MAX. May sleep.
 */
static int proc_text_make(int (*show)(struct seq_buf *s, void *arg), void *arg,
			  struct proc_text *t)
{
	struct seq_buf s;
	int err;

	for (size_t size = PAGE_SIZE; size <= PROC_TEXT_MAX; size *= 2) {
		char *buf = proc_text_alloc(size);

		if (!buf)
			return -ENOMEM;
		seq_buf_init(&s, buf, size);
		err = show(&s, arg);
		if (!err && !seq_buf_has_overflowed(&s)) {
			t->buf = buf;
			t->len = seq_buf_used(&s);
			return 0;
		}
		kvfree(buf);
		if (err)
			return err;
	}
	return -EFBIG;
}

int proc_text_open(struct file *file, int (*show)(struct seq_buf *s, void *arg), void *arg)
{
	struct proc_text *t = kmalloc(sizeof(*t), GFP_KERNEL);
	int err;

	if (!t)
		return -ENOMEM;
	err = proc_text_make(show, arg, t);
	if (err) {
		kfree(t);
		return err;
	}
	file->private_data = t;
	return 0;
}

/* proc_text_open's @show for a proc_create_single entry (@arg). */
static int proc_single_show(struct seq_buf *s, void *arg)
{
	struct proc_dir_entry *de = arg;

	de->single_show(s);
	return 0;
}

/* ->open of a text file: makes its text now. 0, -ENOMEM or -EFBIG; writers get -EACCES. */
static int proc_single_open(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	return proc_text_open(file, proc_single_show, PDE(inode));
}

/* ->read_iter: the text from ki_pos on, as much as @to takes; 0 at the end. */
ssize_t proc_text_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct proc_text *t = iocb->ki_filp->private_data;
	size_t n, copied;

	if (iocb->ki_pos < 0)
		return -EINVAL;
	if ((size_t)iocb->ki_pos >= t->len)
		return 0;
	n = min_t(size_t, t->len - iocb->ki_pos, iov_iter_count(to));
	copied = copy_to_iter(t->buf + iocb->ki_pos, n, to);
	if (!copied && n)
		return -EFAULT;
	iocb->ki_pos += copied;
	return copied;
}

/*
 * ->llseek within the text (SEEK_END counts from its end): the new
 * position, or -EINVAL (negative, or a bad @whence). f_lock as Linux's
 * vfs_setpos; the VFS may hold f_pos_lock around the call.
 */
loff_t proc_text_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_text *t = file->private_data;
	loff_t pos;

	spin_lock(&file->f_lock);
	switch (whence) {
	case SEEK_SET: pos = offset; break;
	case SEEK_CUR: pos = file->f_pos + offset; break;
	case SEEK_END: pos = (loff_t)t->len + offset; break;
	default: pos = -1; break;
	}
	if (pos >= 0)
		file->f_pos = pos;
	spin_unlock(&file->f_lock);
	return pos >= 0 ? pos : -EINVAL;
}

/* ->release: frees the text. */
int proc_text_release(struct inode *inode, struct file *file)
{
	struct proc_text *t = file->private_data;

	kvfree(t->buf);
	kfree(t);
	return 0;
}

const struct file_operations proc_single_file_operations = {
	.open = proc_single_open,
	.read_iter = proc_text_read_iter,
	.llseek = proc_text_llseek,
	.release = proc_text_release,
};
