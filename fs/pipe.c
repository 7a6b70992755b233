/*
 * Pipes and FIFOs: pipe2(2) makes two files on one inode of the internal
 * "pipefs" super block; a FIFO is an S_IFIFO inode of a real file system
 * opened through fifo_open. Both share a ring of PIPE_DEF_BUFFERS page
 * buffers, allocated as data arrives. Linux semantics after its fs/pipe.c
 * (5.x: head/tail ring, rd_wait/wr_wait); leaves out splice, packet mode
 * (O_DIRECT), F_SETPIPE_SZ, watch queues and the FIFO's f_version HUP rule.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/poll.h>
#include <linux/pipe_fs_i.h>
#include <linux/syscalls.h>
#include <linux/fdtable.h>
#include <uapi/ioctl.h>
#include <asm/uaccess.h>
#include "internal.h"

#define PIPEFS_MAGIC	0x50495045

/* ---- the ring ---- */

static bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static bool pipe_full(unsigned int head, unsigned int tail, unsigned int size)
{
	return head - tail >= size;
}

static struct pipe_buffer *pipe_slot(struct pipe_inode_info *pipe, unsigned int n)
{
	return &pipe->bufs[n % pipe->ring_size];
}

/* Bytes unread in @pipe. Its mutex held (or a racy snapshot for FIONREAD). */
unsigned int pipe_nr_unread(struct pipe_inode_info *pipe)
{
	unsigned int n = 0;

	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		n += pipe_slot(pipe, i)->len;
	return n;
}

/*
 * Bytes a write may put in @pipe now without waiting: the room after the
 * newest buffer plus a page per free slot. Mutex held.
 */
static size_t pipe_space(struct pipe_inode_info *pipe)
{
	size_t room = 0;

	if (!pipe_empty(pipe->head, pipe->tail)) {
		struct pipe_buffer *buf = pipe_slot(pipe, pipe->head - 1);

		room = PAGE_SIZE - (buf->offset + buf->len);
	}
	return room + (size_t)(pipe->ring_size - (pipe->head - pipe->tail)) * PAGE_SIZE;
}

/* A new empty pipe with its ring (no pages yet), or NULL. May sleep. */
static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->bufs = kcalloc(PIPE_DEF_BUFFERS, sizeof(struct pipe_buffer), GFP_KERNEL);
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	pipe->ring_size = PIPE_DEF_BUFFERS;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	INIT_LIST_HEAD(&pipe->fifo_list);
	return pipe;
}

/* Frees @pipe, its pages and its ring: the last file of it is gone. */
static void free_pipe_info(struct pipe_inode_info *pipe)
{
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		__free_page(pipe_slot(pipe, i)->page);
	if (pipe->tmp_page)
		__free_page(pipe->tmp_page);
	kfree(pipe->bufs);
	kfree(pipe);
}

/* A page for a new slot: the spare one, or a fresh one (NULL without memory). */
static struct page *pipe_get_page(struct pipe_inode_info *pipe)
{
	struct page *page = pipe->tmp_page;

	if (page) {
		pipe->tmp_page = NULL;
		return page;
	}
	return alloc_page(GFP_KERNEL);
}

/* The reader emptied the oldest slot: keep its page as the spare, or free it. */
static void pipe_release_tail(struct pipe_inode_info *pipe)
{
	struct pipe_buffer *buf = pipe_slot(pipe, pipe->tail);

	if (!pipe->tmp_page)
		pipe->tmp_page = buf->page;
	else
		__free_page(buf->page);
	buf->page = NULL;
	pipe->tail++;
}

/* ---- read ---- */

/*
 * Copies what is unread into @to, oldest first, freeing emptied slots.
 * Bytes copied, or -EFAULT if the first copy failed. Mutex held.
 */
static ssize_t pipe_copy_out(struct pipe_inode_info *pipe, struct iov_iter *to)
{
	ssize_t ret = 0;

	while (!pipe_empty(pipe->head, pipe->tail) && iov_iter_count(to)) {
		struct pipe_buffer *buf = pipe_slot(pipe, pipe->tail);
		size_t chars = min_t(size_t, buf->len, iov_iter_count(to));
		size_t done = copy_page_to_iter(buf->page, buf->offset, chars, to);

		buf->offset += done;
		buf->len -= done;
		ret += done;
		if (!buf->len)
			pipe_release_tail(pipe);
		if (done < chars)
			return ret ? ret : -EFAULT;
	}
	return ret;
}

/* Is there something for a reader: data, or no writer left (EOF)? */
static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return !pipe_empty(READ_ONCE(pipe->head), READ_ONCE(pipe->tail)) ||
	       !READ_ONCE(pipe->writers);
}

/*
 * read(2) of a pipe: whatever is there, up to the count, without waiting
 * for more; 0 at EOF (empty, no writers); -EAGAIN if empty with
 * O_NONBLOCK; else it sleeps, -ERESTARTSYS if a signal comes. May sleep.
 */
static ssize_t pipe_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *filp = iocb->ki_filp;
	struct pipe_inode_info *pipe = filp->private_data;
	ssize_t ret = 0;

	if (!iov_iter_count(to))
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		ret = pipe_copy_out(pipe, to);
		if (ret || !pipe->writers)
			break;
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		ret = wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe));
		mutex_lock(&pipe->mutex);
		if (ret)
			break;
	}
	mutex_unlock(&pipe->mutex);
	if (ret > 0)
		wake_up(&pipe->wr_wait);
	return ret;
}

/* ---- write ---- */

/*
 * Appends up to @len bytes of @from after the newest buffer's data (its
 * page's free end). Bytes copied; *@err = -EFAULT if the source faulted.
 */
static size_t pipe_copy_merge(struct pipe_inode_info *pipe, struct iov_iter *from, size_t len,
			      int *err)
{
	struct pipe_buffer *buf;
	size_t end, chars, done;

	if (pipe_empty(pipe->head, pipe->tail))
		return 0;
	buf = pipe_slot(pipe, pipe->head - 1);
	end = buf->offset + buf->len;
	chars = min_t(size_t, len, PAGE_SIZE - end);
	done = chars ? copy_page_from_iter(buf->page, end, chars, from) : 0;
	buf->len += done;
	if (done < chars)
		*err = -EFAULT;
	return done;
}

/*
 * Copies up to @len bytes of @from into @pipe: first after the newest
 * buffer's data, then into new slots while there are free ones. Returns
 * the bytes copied; *@err is -EFAULT (the source faulted) or -ENOMEM (no
 * page) if it stopped short with room left, else untouched. Mutex held.
 */
static size_t pipe_copy_in(struct pipe_inode_info *pipe, struct iov_iter *from, size_t len,
			   int *err)
{
	size_t ret = pipe_copy_merge(pipe, from, len, err);

	while (!*err && ret < len && !pipe_full(pipe->head, pipe->tail, pipe->ring_size)) {
		size_t chars = min_t(size_t, len - ret, PAGE_SIZE);
		struct page *page = pipe_get_page(pipe);
		size_t done;

		if (!page) {
			*err = -ENOMEM;
			break;
		}
		done = copy_page_from_iter(page, 0, chars, from);
		if (!done) {
			pipe->tmp_page = page;
			*err = -EFAULT;
			break;
		}
		*pipe_slot(pipe, pipe->head) = (struct pipe_buffer){ .page = page, .len = done };
		pipe->head++;
		ret += done;
		if (done < chars)
			*err = -EFAULT;
	}
	return ret;
}

/* May a writer that needs @need bytes of room go on: room enough, or no reader left? */
static bool pipe_writable(struct pipe_inode_info *pipe, size_t need)
{
	return !READ_ONCE(pipe->readers) || pipe_space(pipe) >= need;
}

/*
 * write(2) of a pipe. Up to PIPE_BUF bytes go in at once or not at all;
 * a larger write may be split around other writers' data. No reader:
 * SIGPIPE to the caller and -EPIPE (or the bytes already written).
 * O_NONBLOCK: what fits, -EAGAIN if nothing did. Else it sleeps for room,
 * -ERESTARTSYS on a signal before anything was written. May sleep.
 */
static ssize_t pipe_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *filp = iocb->ki_filp;
	struct pipe_inode_info *pipe = filp->private_data;
	size_t total = iov_iter_count(from);
	size_t need = total <= PIPE_BUF ? total : 1;	/* room that must be there at once */
	size_t ret = 0;
	int err = 0;

	if (!total)
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			err = -EPIPE;
			break;
		}
		if (pipe_space(pipe) >= need) {
			ret += pipe_copy_in(pipe, from, total - ret, &err);
			if (err || ret == total)
				break;
		}
		if (filp->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		wake_up(&pipe->rd_wait);	/* what is written so far can go */
		mutex_unlock(&pipe->mutex);
		err = wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe, need));
		mutex_lock(&pipe->mutex);
		if (err)
			break;
	}
	if (ret)
		wake_up(&pipe->rd_wait);
	mutex_unlock(&pipe->mutex);
	return ret ? (ssize_t)ret : err;
}

/* ---- poll, ioctl, seek, release ---- */

/*
 * POLLIN if there is data, POLLHUP for a reader once no writer is left,
 * POLLOUT if a slot is free (a PIPE_BUF write fits), POLLERR for a writer
 * once no reader is left. Lockless, after registering on both queues.
 */
static unsigned int pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = filp->private_data;
	unsigned int head, tail, mask = 0;

	poll_wait(filp, &pipe->rd_wait, wait);
	poll_wait(filp, &pipe->wr_wait, wait);
	head = READ_ONCE(pipe->head);
	tail = READ_ONCE(pipe->tail);
	if (filp->f_mode & FMODE_READ) {
		if (!pipe_empty(head, tail))
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= POLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (!pipe_full(head, tail, pipe->ring_size))
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= POLLERR;
	}
	return mask;
}

/* FIONREAD: the unread bytes as an int at user @arg. -ENOTTY for others. */
static long pipe_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = filp->private_data;
	int count;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&pipe->mutex);
	count = pipe_nr_unread(pipe);
	mutex_unlock(&pipe->mutex);
	return put_user(count, (int __user *)arg);
}

static loff_t pipe_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* Open pipes and FIFOs, each found by its inode (Linux: inode->i_pipe). */
static LIST_HEAD(fifo_pipes);
static DEFINE_MUTEX(fifo_lock);	/* fifo_pipes and every pipe's files; before pipe->mutex */

/* Under fifo_lock: the pipe open on @inode, or NULL. */
static struct pipe_inode_info *find_inode_pipe(struct inode *inode)
{
	struct pipe_inode_info *pipe;

	list_for_each_entry(pipe, &fifo_pipes, fifo_list) {
		if (pipe->fifo_inode == inode)
			return pipe;
	}
	return NULL;
}

/*
 * A file of @pipe goes: the reader/writer counts of @fmode drop and the
 * other side is woken (EOF, EPIPE, POLLHUP, POLLERR); the last file frees
 * the pipe. May sleep.
 */
static void pipe_put_file(struct pipe_inode_info *pipe, unsigned int fmode)
{
	bool last;

	mutex_lock(&fifo_lock);
	mutex_lock(&pipe->mutex);
	if (fmode & FMODE_READ)
		pipe->readers--;
	if (fmode & FMODE_WRITE)
		pipe->writers--;
	last = --pipe->files == 0;
	if (last) {
		list_del_init(&pipe->fifo_list);
	} else {
		wake_up(&pipe->rd_wait);
		wake_up(&pipe->wr_wait);
	}
	mutex_unlock(&pipe->mutex);
	mutex_unlock(&fifo_lock);
	if (last)
		free_pipe_info(pipe);
}

/* f_op->release: the last close of one end of the pipe. */
static int pipe_release(struct inode *inode, struct file *filp)
{
	pipe_put_file(filp->private_data, filp->f_mode & (FMODE_READ | FMODE_WRITE));
	return 0;
}

/* ---- FIFOs ---- */

/* Wake whoever waits in wait_for_partner (or reads or writes). Mutex held. */
static void wake_up_partner(struct pipe_inode_info *pipe)
{
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
}

/*
 * Sleep (mutex dropped meanwhile) until *@cnt moves on: the other end was
 * opened. 0 or -ERESTARTSYS. Mutex held on entry and return.
 */
static int wait_for_partner(struct pipe_inode_info *pipe, unsigned int *cnt)
{
	unsigned int cur = *cnt;
	int err;

	mutex_unlock(&pipe->mutex);
	err = wait_event_interruptible(pipe->rd_wait, READ_ONCE(*cnt) != cur);
	mutex_lock(&pipe->mutex);
	return err;
}

/*
 * The reader/writer rules of a FIFO open (mutex held): a reader without
 * writers waits for one unless O_NONBLOCK; a writer without readers gets
 * -ENXIO with O_NONBLOCK, else waits; O_RDWR never waits. On failure the
 * counts it raised are in *@counted for the caller to drop.
 */
static int fifo_open_mode(struct pipe_inode_info *pipe, struct file *filp, unsigned int *counted)
{
	bool nonblock = filp->f_flags & O_NONBLOCK;

	switch (filp->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		*counted = FMODE_READ;
		if (pipe->readers++ == 0)
			wake_up_partner(pipe);
		if (!pipe->writers && !nonblock)
			return wait_for_partner(pipe, &pipe->w_counter);
		return 0;
	case FMODE_WRITE:
		if (nonblock && !pipe->readers)
			return -ENXIO;
		pipe->w_counter++;
		*counted = FMODE_WRITE;
		if (pipe->writers++ == 0)
			wake_up_partner(pipe);
		if (!pipe->readers)
			return wait_for_partner(pipe, &pipe->r_counter);
		return 0;
	case FMODE_READ | FMODE_WRITE:
		pipe->r_counter++;
		pipe->w_counter++;
		pipe->readers++;
		pipe->writers++;
		*counted = FMODE_READ | FMODE_WRITE;
		wake_up_partner(pipe);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * f_op->open of a FIFO (and of a pipe reopened by name): the inode's pipe,
 * made on the first open, then fifo_open_mode's rules. 0, -ENXIO,
 * -ERESTARTSYS, -ENOMEM, -EINVAL. May sleep.
 */
int fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe;
	unsigned int counted = 0;
	int err;

	mutex_lock(&fifo_lock);
	pipe = find_inode_pipe(inode);
	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe) {
			mutex_unlock(&fifo_lock);
			return -ENOMEM;
		}
		pipe->fifo_inode = inode;
		list_add(&pipe->fifo_list, &fifo_pipes);
	}
	mutex_lock(&pipe->mutex);
	pipe->files++;
	mutex_unlock(&fifo_lock);
	filp->private_data = pipe;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	err = fifo_open_mode(pipe, filp, &counted);
	mutex_unlock(&pipe->mutex);
	if (err)
		pipe_put_file(pipe, counted);
	return err;
}

/* ---- pipefs and pipe2 ---- */

static struct vfsmount *pipe_mnt;
static DEFINE_MUTEX(pipe_mnt_lock);

/* The pipefs super block: a root directory and nothing else by name. */
static int pipefs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = PIPEFS_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	if (!root)
		return -ENOMEM;
	root->i_ino = 1;
	root->i_mode = S_IFDIR | 0700;
	root->i_op = &simple_dir_inode_operations;
	root->i_fop = &simple_dir_operations;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	return mount_nodev(type, flags, data, pipefs_fill_super);
}

/* Not registered: nobody mounts it by name (Linux: SB_NOUSER). */
static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
	.fs_supers = LIST_HEAD_INIT(pipe_fs_type.fs_supers),
};

/* The internal pipefs mount, made on the first pipe: 0 or -Exxx. May sleep. */
static int pipe_mount(void)
{
	struct vfsmount *mnt;
	int err = 0;

	mutex_lock(&pipe_mnt_lock);
	if (!pipe_mnt) {
		mnt = vfs_kern_mount(&pipe_fs_type, 0, "pipefs", NULL);
		if (IS_ERR(mnt))
			err = PTR_ERR(mnt);
		else
			pipe_mnt = mnt;
	}
	mutex_unlock(&pipe_mnt_lock);
	return err;
}

/* A pipefs inode for a new pipe (S_IFIFO, owner rw, current's ids), or NULL. */
static struct inode *get_pipe_inode(void)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_fop = &pipefifo_fops;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	return inode;
}

/* An open file of @pipe at @path with @flags (O_RDONLY or O_WRONLY, O_NONBLOCK), or NULL. */
static struct file *alloc_pipe_file(const struct path *path, unsigned int flags,
				    struct pipe_inode_info *pipe)
{
	struct file *f = get_empty_filp();

	if (!f)
		return NULL;
	f->f_flags = flags;
	f->f_mode = (flags & O_ACCMODE) == O_RDONLY ? FMODE_READ : FMODE_WRITE;
	f->f_path = *path;
	path_get(path);
	f->f_inode = path->dentry->d_inode;
	f->f_mapping = f->f_inode->i_mapping;
	f->f_op = &pipefifo_fops;
	f->private_data = pipe;
	return f;
}

/* The two files of a new pipe on @dentry, counted in @pipe as they are made. 0 or -ENFILE. */
static int make_pipe_files(struct dentry *dentry, struct pipe_inode_info *pipe,
			   struct file **res, int flags)
{
	struct path path = { .mnt = pipe_mnt, .dentry = dentry };
	unsigned int nb = flags & O_NONBLOCK;

	res[1] = alloc_pipe_file(&path, O_WRONLY | nb, pipe);
	if (!res[1]) {
		free_pipe_info(pipe);
		return -ENFILE;
	}
	pipe->writers = pipe->files = pipe->w_counter = 1;
	res[0] = alloc_pipe_file(&path, O_RDONLY | nb, pipe);
	if (!res[0]) {
		fput(res[1]);	/* the last file: frees the pipe */
		return -ENFILE;
	}
	pipe->readers = pipe->r_counter = 1;
	pipe->files = 2;
	return 0;
}

/*
 * pipe(2)'s objects: a pipefs inode and its dentry, the pipe, and the two
 * files (linux/pipe_fs_i.h). The files hold the rest; 0 or -Exxx.
 */
int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe;
	struct dentry *dentry;
	struct inode *inode;
	char name[32];
	int err = pipe_mount();

	if (err)
		return err;
	inode = get_pipe_inode();
	if (!inode)
		return -ENFILE;
	pipe = alloc_pipe_info();
	snprintf(name, sizeof(name), "pipe:[%lu]", inode->i_ino);
	dentry = pipe ? d_alloc_name(pipe_mnt->mnt_root, name) : NULL;
	if (!dentry) {
		if (pipe)
			free_pipe_info(pipe);
		iput(inode);
		return -ENFILE;
	}
	d_instantiate(dentry, inode);	/* the dentry holds the inode now */
	pipe->fifo_inode = inode;
	err = make_pipe_files(dentry, pipe, res, flags);
	if (!err) {
		mutex_lock(&fifo_lock);
		list_add(&pipe->fifo_list, &fifo_pipes);
		mutex_unlock(&fifo_lock);
	}
	dput(dentry);	/* the files hold it */
	return err;
}

/*
 * pipe2(fds, flags): a pipe, fds[0] its read end, fds[1] its write end.
 * @flags: O_CLOEXEC, O_NONBLOCK, else -EINVAL. -EMFILE, -ENFILE; -EFAULT
 * if @fds cannot be written (nothing stays open then).
 */
SYSCALL_DEFINE(pipe2)
{
	int __user *ufds = (int __user *)a0;
	int flags = (int)a1;
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = err = get_unused_fd_flags(flags);
	if (fd[0] < 0)
		goto out_files;
	fd[1] = err = get_unused_fd_flags(flags);
	if (fd[1] < 0)
		goto out_fd0;
	if (copy_to_user(ufds, fd, sizeof(fd))) {
		put_unused_fd(fd[1]);
		err = -EFAULT;
		goto out_fd0;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
out_fd0:
	put_unused_fd(fd[0]);
out_files:
	fput(files[0]);
	fput(files[1]);
	return err;
}

const struct file_operations pipefifo_fops = {
	.open		= fifo_open,
	.llseek		= pipe_llseek,
	.read_iter	= pipe_read,
	.write_iter	= pipe_write,
	.poll		= pipe_poll,
	.unlocked_ioctl	= pipe_ioctl,
	.release	= pipe_release,
};
