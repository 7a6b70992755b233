/*
 * Descriptor tables (linux/fdtable.h): allocation of the lowest free
 * descriptor under RLIMIT_NOFILE, the table growing by doubling, sharing
 * and copying at fork, close-on-exec, and close, dup, dup3 and fcntl.
 * After Linux's fs/file.c and fs/fcntl.c; one spinlock per table instead
 * of RCU, no file locks (F_SETLK and friends: -ENOLCK), no leases,
 * F_SETOWN signals or file seals.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <uapi/fcntl.h>
#include <uapi/sched.h>
#include "internal.h"

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

struct files_struct init_files = {
	.count = 1,
	.file_lock = __SPIN_LOCK_UNLOCKED,
	.max_fds = NR_OPEN_SMALL,
	.fd = init_files.fd_array,
	.open_fds = init_files.open_fds_init,
	.close_on_exec = init_files.close_on_exec_init,
};

/* ---- bitmaps ---- */

static bool test_fd_bit(const unsigned long *map, unsigned int nr)
{
	return map[nr / BITS_PER_WORD] >> (nr % BITS_PER_WORD) & 1;
}

static void set_fd_bit(unsigned long *map, unsigned int nr, bool on)
{
	unsigned long bit = 1UL << (nr % BITS_PER_WORD);

	if (on)
		map[nr / BITS_PER_WORD] |= bit;
	else
		map[nr / BITS_PER_WORD] &= ~bit;
}

/* The first clear bit of @map at or after @start, below @size; @size if none. */
static unsigned int find_zero_bit(const unsigned long *map, unsigned int size, unsigned int start)
{
	for (unsigned int nr = start; nr < size; nr++) {
		unsigned long word = map[nr / BITS_PER_WORD];

		if (nr % BITS_PER_WORD == 0 && word == ~0UL) {
			nr += BITS_PER_WORD - 1;
			continue;
		}
		if (!(word >> (nr % BITS_PER_WORD) & 1))
			return nr;
	}
	return size;
}

static size_t map_bytes(unsigned int nr)
{
	return nr / BITS_PER_WORD * sizeof(unsigned long);
}

/* ---- the table ---- */

unsigned int task_nofile_limit(void)
{
	unsigned long lim = NR_OPEN_DEFAULT;

	if (current->signal)
		lim = current->signal->rlim[RLIMIT_NOFILE].rlim_cur;
	return lim > NR_OPEN_MAX ? NR_OPEN_MAX : (unsigned int)lim;
}

/* A new table's arrays of @nr slots (a multiple of NR_OPEN_SMALL), zeroed; false without memory. */
static bool alloc_fd_arrays(unsigned int nr, struct file ***fd, unsigned long **open,
			    unsigned long **cloexec)
{
	*fd = kcalloc(nr, sizeof(struct file *), GFP_KERNEL);
	*open = kzalloc(map_bytes(nr), GFP_KERNEL);
	*cloexec = kzalloc(map_bytes(nr), GFP_KERNEL);
	if (*fd && *open && *cloexec)
		return true;
	kfree(*fd);
	kfree(*open);
	kfree(*cloexec);
	return false;
}

static void free_fd_arrays(struct files_struct *files)
{
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->open_fds);
		kfree(files->close_on_exec);
	}
}

/* Copies @files' slots into the new arrays and makes them the table's (file_lock held). */
static void install_fd_arrays(struct files_struct *files, unsigned int nr, struct file **fd,
			      unsigned long *open, unsigned long *cloexec)
{
	memcpy(fd, files->fd, files->max_fds * sizeof(struct file *));
	memcpy(open, files->open_fds, map_bytes(files->max_fds));
	memcpy(cloexec, files->close_on_exec, map_bytes(files->max_fds));
	free_fd_arrays(files);
	files->fd = fd;
	files->open_fds = open;
	files->close_on_exec = cloexec;
	files->max_fds = nr;
}

/*
 * Makes room for slot @nr (below NR_OPEN_MAX): called and returns with
 * file_lock held, drops it to allocate. 0 or -ENOMEM (-EMFILE past the cap).
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int size;
	struct file **fd;
	unsigned long *open, *cloexec;

	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (nr >= files->max_fds) {
		size = files->max_fds;
		while (size <= nr)
			size *= 2;
		if (size > NR_OPEN_MAX)
			size = NR_OPEN_MAX;
		spin_unlock(&files->file_lock);
		if (!alloc_fd_arrays(size, &fd, &open, &cloexec)) {
			spin_lock(&files->file_lock);
			return -ENOMEM;
		}
		spin_lock(&files->file_lock);
		if (size <= files->max_fds) {	/* another task grew it meanwhile */
			kfree(fd);
			kfree(open);
			kfree(cloexec);
			continue;
		}
		install_fd_arrays(files, size, fd, open, cloexec);
	}
	return 0;
}

/*
 * Reserves the lowest free descriptor of current's table at or above
 * @start and below @end (close-on-exec per @flags): it, or -EMFILE.
 */
static int alloc_fd(unsigned int start, unsigned int end, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int fd;
	int err;

	if (!files)
		return -EMFILE;
	spin_lock(&files->file_lock);
	for (;;) {
		fd = find_zero_bit(files->open_fds, files->max_fds, max(start, files->next_fd));
		err = -EMFILE;
		if (fd >= end)
			goto out;
		if (fd < files->max_fds)
			break;
		err = expand_files(files, fd);
		if (err)
			goto out;
	}
	set_fd_bit(files->open_fds, fd, true);
	set_fd_bit(files->close_on_exec, fd, flags & O_CLOEXEC);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	err = (int)fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, task_nofile_limit(), flags);
}

/* Frees slot @fd (file_lock held). */
static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	set_fd_bit(files->open_fds, fd, false);
	set_fd_bit(files->close_on_exec, fd, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	WARN_ON(files->fd[fd]);
	files->fd[fd] = file;
	spin_unlock(&files->file_lock);
}

/* @fd's file with a reference, O_PATH ones only if @raw. */
static struct file *__fget(unsigned int fd, bool raw)
{
	struct files_struct *files = current->files;
	struct file *file = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->file_lock);
	if (fd < files->max_fds && files->fd[fd] &&
	    (raw || !(files->fd[fd]->f_mode & FMODE_PATH)))
		file = get_file(files->fd[fd]);
	spin_unlock(&files->file_lock);
	return file;
}

struct file *fget(unsigned int fd)
{
	return __fget(fd, false);
}

struct file *fget_raw(unsigned int fd)
{
	return __fget(fd, true);
}

/* Takes @fd's file out of @files (its reference is the caller's), or NULL. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *file = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->max_fds && files->fd[fd]) {
		file = files->fd[fd];
		files->fd[fd] = NULL;
		__put_unused_fd(files, fd);
	}
	spin_unlock(&files->file_lock);
	return file;
}

int close_fd(unsigned int fd)
{
	struct file *file = current->files ? pick_file(current->files, fd) : NULL;

	if (!file)
		return -EBADF;
	return filp_close(file);
}

/* ---- fork, exec, exit ---- */

/* An empty table of @nr slots (NR_OPEN_SMALL or more), or NULL. */
static struct files_struct *alloc_files(unsigned int nr)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	spin_lock_init(&files->file_lock);
	files->max_fds = NR_OPEN_SMALL;
	files->fd = files->fd_array;
	files->open_fds = files->open_fds_init;
	files->close_on_exec = files->close_on_exec_init;
	if (nr > NR_OPEN_SMALL) {
		if (!alloc_fd_arrays(nr, &files->fd, &files->open_fds, &files->close_on_exec)) {
			kfree(files);
			return NULL;
		}
		files->max_fds = nr;
	}
	return files;
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *new;
	unsigned int nr;

	for (;;) {	/* a table as large as old's: it only grows, so retry if it did */
		new = alloc_files(READ_ONCE(old->max_fds));
		if (!new)
			return NULL;
		spin_lock(&old->file_lock);
		if (old->max_fds <= new->max_fds)
			break;
		spin_unlock(&old->file_lock);
		free_fd_arrays(new);
		kfree(new);
	}
	for (nr = 0; nr < old->max_fds; nr++) {
		struct file *f = old->fd[nr];

		if (f) {	/* slots reserved by an open in progress stay free in the copy */
			new->fd[nr] = get_file(f);
			set_fd_bit(new->open_fds, nr, true);
			set_fd_bit(new->close_on_exec, nr, test_fd_bit(old->close_on_exec, nr));
		}
	}
	spin_unlock(&old->file_lock);
	return new;
}

/* Closes every file of a table nobody uses any more. */
static void close_files(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *f = files->fd[fd];

		if (f) {
			files->fd[fd] = NULL;
			filp_close(f);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->count, 1, __ATOMIC_ACQ_REL))
		return;
	if (WARN_ON(files == &init_files))	/* a user that never took its reference */
		return;
	close_files(files);
	free_fd_arrays(files);
	kfree(files);
}

int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *old = current->files;

	if (!old) {
		tsk->files = NULL;
		return 0;
	}
	if (clone_flags & CLONE_FILES) {
		__atomic_add_fetch(&old->count, 1, __ATOMIC_ACQ_REL);
		tsk->files = old;
		return 0;
	}
	tsk->files = dup_fd(old);
	return tsk->files ? 0 : -ENOMEM;
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	tsk->files = NULL;
	put_files_struct(files);
}

void do_close_on_exec(struct files_struct *files)
{
	struct file *f;

	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		if (!test_fd_bit(files->close_on_exec, fd) || !files->fd[fd])
			continue;
		f = files->fd[fd];
		files->fd[fd] = NULL;
		__put_unused_fd(files, fd);
		spin_unlock(&files->file_lock);
		filp_close(f);	/* may sleep */
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

int unshare_files(void)
{
	struct files_struct *old = current->files, *new;

	if (!old || __atomic_load_n(&old->count, __ATOMIC_ACQUIRE) == 1)
		return 0;
	new = dup_fd(old);
	if (!new)
		return -ENOMEM;
	current->files = new;
	put_files_struct(old);
	return 0;
}

/* ---- the system calls ---- */

SYSCALL_DEFINE(close)
{
	int err = close_fd((unsigned int)a0);

	/* the descriptor is gone whatever the release said; a restart would hit another file */
	if (err == -ERESTARTSYS || err == -ERESTARTNOINTR || err == -ERESTARTNOHAND ||
	    err == -ERESTART_RESTARTBLOCK)
		err = -EINTR;
	return err;
}

/*
 * Puts @file (a reference the caller gives) in slot @fd, closing what was
 * there. -EBUSY if @fd is reserved by an open in progress (Linux's rule).
 */
static int do_dup2(struct files_struct *files, struct file *file, unsigned int fd,
		   unsigned int flags)
{
	struct file *old;

	old = files->fd[fd];
	if (!old && test_fd_bit(files->open_fds, fd)) {
		spin_unlock(&files->file_lock);
		fput(file);
		return -EBUSY;
	}
	files->fd[fd] = file;
	set_fd_bit(files->open_fds, fd, true);
	set_fd_bit(files->close_on_exec, fd, flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	if (old)
		filp_close(old);
	return (int)fd;
}

/* dup3(oldfd, newfd, flags): O_CLOEXEC only; -EINVAL for oldfd == newfd; -EBADF. */
static int ksys_dup3(unsigned int oldfd, unsigned int newfd, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *file;
	int err;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	if (newfd >= task_nofile_limit() || !files)
		return -EBADF;
	spin_lock(&files->file_lock);
	err = expand_files(files, newfd);
	if (err) {
		spin_unlock(&files->file_lock);
		return err == -EMFILE ? -EBADF : err;
	}
	file = oldfd < files->max_fds ? files->fd[oldfd] : NULL;
	if (!file) {
		spin_unlock(&files->file_lock);
		return -EBADF;
	}
	get_file(file);
	return do_dup2(files, file, newfd, flags);	/* unlocks */
}

SYSCALL_DEFINE(dup3)
{
	return ksys_dup3((unsigned int)a0, (unsigned int)a1, (unsigned int)a2);
}

/* A new descriptor >= @start for @fd's file (dup, F_DUPFD): it or -EBADF, -EMFILE, -EINVAL. */
static int dupfd_from(unsigned int fd, unsigned long start, unsigned int flags)
{
	struct file *file = fget_raw(fd);
	int newfd;

	if (!file)
		return -EBADF;
	if (start >= task_nofile_limit()) {
		fput(file);
		return -EINVAL;
	}
	newfd = alloc_fd((unsigned int)start, task_nofile_limit(), flags);
	if (newfd < 0)
		fput(file);
	else
		fd_install(newfd, file);
	return newfd;
}

SYSCALL_DEFINE(dup)
{
	return dupfd_from((unsigned int)a0, 0, 0);
}

/* F_GETFD and F_SETFD: the close-on-exec bit of an open @fd. */
static long fd_cloexec(unsigned int fd, bool set, unsigned long arg)
{
	struct files_struct *files = current->files;
	long ret = -EBADF;

	spin_lock(&files->file_lock);
	if (fd < files->max_fds && files->fd[fd]) {
		ret = test_fd_bit(files->close_on_exec, fd) ? FD_CLOEXEC : 0;
		if (set) {
			set_fd_bit(files->close_on_exec, fd, arg & FD_CLOEXEC);
			ret = 0;
		}
	}
	spin_unlock(&files->file_lock);
	return ret;
}

int set_close_on_exec(unsigned int fd, bool on)
{
	return (int)fd_cloexec(fd, true, on ? FD_CLOEXEC : 0);
}

/* The status flags F_SETFL may change (Linux: SETFL_MASK without FASYNC). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

/* F_SETFL: -EPERM clearing O_APPEND of an append-only file. */
static long set_fl(struct file *file, unsigned long arg)
{
	struct inode *inode = file_inode(file);

	if (!(arg & O_APPEND) && (inode->i_flags & S_APPEND))
		return -EPERM;
	spin_lock(&file->f_lock);
	file->f_flags = (file->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
	spin_unlock(&file->f_lock);
	return 0;
}

/* The commands an O_PATH descriptor allows. */
static bool cmd_ok_for_path(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

/* The command on @file (a reference held) as descriptor @fd. */
static long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg, struct file *file)
{
	switch (cmd) {
	case F_DUPFD:
		return dupfd_from(fd, arg, 0);
	case F_DUPFD_CLOEXEC:
		return dupfd_from(fd, arg, O_CLOEXEC);
	case F_GETFD:
		return fd_cloexec(fd, false, 0);
	case F_SETFD:
		return fd_cloexec(fd, true, arg);
	case F_GETFL:
		return file->f_flags | (file->f_mode & FMODE_PATH ? O_PATH : 0);
	case F_SETFL:
		return set_fl(file, arg);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return -ENOLCK;	/* no record locks */
	case F_GETOWN:
		return 0;
	case F_SETOWN:
		return 0;	/* accepted; no SIGIO is ever sent */
	}
	return -EINVAL;
}

SYSCALL_DEFINE(fcntl)
{
	unsigned int fd = (unsigned int)a0, cmd = (unsigned int)a1;
	struct file *file = fget_raw(fd);
	long ret;

	if (!file)
		return -EBADF;
	if ((file->f_mode & FMODE_PATH) && !cmd_ok_for_path(cmd))
		ret = -EBADF;
	else
		ret = do_fcntl(fd, cmd, a2, file);
	fput(file);
	return ret;
}
