/*
 * A task's open files (fs/file.c): the descriptor table, shared by
 * CLONE_FILES tasks and copied at fork, with the close-on-exec bits.
 * Linux's files_struct without RCU: one spinlock guards the table, and
 * a struct file is taken out of it with a reference (fget) before use.
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct file;
struct task_struct;

#define NR_OPEN_SMALL	64	/* slots every table starts with (one bitmap word) */
#define NR_OPEN_DEFAULT	1024	/* RLIMIT_NOFILE when a task has no limits (kthreads) */
#define NR_OPEN_MAX	16384	/* no table grows past this: fd[] stays a kmalloc (Linux: fs.nr_open) */

struct files_struct {
	int count;			/* tasks sharing it (atomic) */
	spinlock_t file_lock;		/* everything below */
	unsigned int max_fds;		/* slots in fd[] and bits in the bitmaps */
	unsigned int next_fd;		/* no free slot below this */
	struct file **fd;		/* fd_array, or a kmalloc'd table once grown */
	unsigned long *open_fds;	/* allocated slots (installed or reserved) */
	unsigned long *close_on_exec;
	struct file *fd_array[NR_OPEN_SMALL];
	unsigned long open_fds_init[1];
	unsigned long close_on_exec_init[1];
};

/* The table of kernel threads and of init before its first exec; each user holds a count (init_task the first). */
extern struct files_struct init_files;

/* @fd's file with a reference (fput it), or NULL if it is not open. O_PATH files: NULL. */
struct file *fget(unsigned int fd);
/* The same, O_PATH files included (fchdir, fstat, the *at() dirfd). */
struct file *fget_raw(unsigned int fd);
/* The lowest free descriptor, reserved, close-on-exec if @flags has O_CLOEXEC. -EMFILE. */
int get_unused_fd_flags(unsigned int flags);
/* Gives back a descriptor get_unused_fd_flags reserved and nothing was installed in. */
void put_unused_fd(unsigned int fd);
/* Puts @file (its reference moves to the table) in the reserved slot @fd. */
void fd_install(unsigned int fd, struct file *file);
/* FIOCLEX/FIONCLEX: sets or clears @fd's close-on-exec bit. 0 or -EBADF. */
int set_close_on_exec(unsigned int fd, bool on);
/* close(2): the slot freed, the file's reference dropped. 0 or -EBADF. */
int close_fd(unsigned int fd);

/* fork: CLONE_FILES shares current's table, else a copy (dup_fd). 0 or -ENOMEM. */
int copy_files(unsigned long clone_flags, struct task_struct *tsk);
/* A copy of @old: the same files with one more reference each, the same bits. NULL: no memory. */
struct files_struct *dup_fd(struct files_struct *old);
/* Drops @tsk's table (every file closed with its last user) and sets tsk->files NULL. */
void exit_files(struct task_struct *tsk);
void put_files_struct(struct files_struct *files);
/* exec: closes every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);
/* exec: a private copy of current's table if it is shared. 0 or -ENOMEM. */
int unshare_files(void);
/* The most descriptors current may have open (RLIMIT_NOFILE, capped at NR_OPEN_MAX). */
unsigned int task_nofile_limit(void);

#endif
