/*
 * The per-process part of procfs: the root directory lists its entries,
 * then "self" (a symlink to the caller's tgid), "thread-self" and a
 * directory per thread-group leader, /proc/<pid>, whose files (stat,
 * status, maps, ...) are made when opened, from the task its pid finds
 * then; /proc/<pid>/task/<tid> has the same files with the thread's own
 * stat and status. After Linux 4.x's fs/proc/base.c in shape (tables of
 * pid entries); leaves out pid namespaces, hidepid, ptrace access checks,
 * fdinfo and writes to any of the files. The dentries under /proc/<pid>
 * are never hashed: each path walk looks the pid up again, so a task
 * that has gone is -ENOENT at once (Linux's pid_revalidate does that job).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/seq_buf.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/mm_vma.h>
#include <linux/namei.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include "internal.h"

/* Root directory positions after the entries: self, thread-self, then PROC_PID_POS(tgid). */
#define PROC_SELF_POS		0x100000
#define PROC_THREAD_SELF_POS	(PROC_SELF_POS + 1)
#define PROC_PID_POS(tgid)	(PROC_SELF_POS + 2 + (loff_t)(tgid))

/* Inode numbers: far above the entry tree's; a pid's files follow its directory. */
#define PROC_SELF_INO		0xfffffffeUL
#define PROC_THREAD_SELF_INO	0xfffffffdUL
#define PROC_PID_INO(pid, idx)	((1UL << 32) | ((unsigned long)(pid) << 12) | (idx))

#define PID_BATCH		32	/* tgids (or fds) copied per lock hold in readdir */
#define PROC_FD_IDX(fd)		(64 + (fd))	/* fd/<fd>'s index in PROC_PID_INO */

/* One name in /proc/<pid>: a text file (show), a symlink (link) or a directory. */
struct pid_entry {
	const char *name;
	umode_t mode;
	/* Text files: write the whole text for @task; 0 or -Exxx. May sleep. */
	int (*show)(struct seq_buf *s, struct task_struct *task);
	/* Symlinks: the target path of @task into @path (a reference); 0 or -ENOENT. */
	int (*link)(struct task_struct *task, struct path *path);
	/* Directories: their operations. */
	const struct inode_operations *dir_iops;
	const struct file_operations *dir_fops;
};

static int proc_pid_cmdline(struct seq_buf *s, struct task_struct *task);
static int proc_pid_comm(struct seq_buf *s, struct task_struct *task);
static int proc_pid_environ(struct seq_buf *s, struct task_struct *task);
static int proc_exe_link(struct task_struct *task, struct path *path);
static int proc_cwd_link(struct task_struct *task, struct path *path);
static int proc_root_link(struct task_struct *task, struct path *path);
static const struct inode_operations proc_fd_inode_operations;
static const struct file_operations proc_fd_operations;
static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

static const struct pid_entry tgid_base_stuff[] = {
	{ "stat", S_IFREG | 0444, .show = proc_pid_stat },
	{ "status", S_IFREG | 0444, .show = proc_pid_status },
	{ "statm", S_IFREG | 0444, .show = proc_pid_statm },
	{ "cmdline", S_IFREG | 0444, .show = proc_pid_cmdline },
	{ "environ", S_IFREG | 0400, .show = proc_pid_environ },
	{ "comm", S_IFREG | 0444, .show = proc_pid_comm },
	{ "maps", S_IFREG | 0444, .show = proc_pid_maps },
	{ "smaps_rollup", S_IFREG | 0444, .show = proc_pid_smaps_rollup },
	{ "exe", S_IFLNK | 0777, .link = proc_exe_link },
	{ "cwd", S_IFLNK | 0777, .link = proc_cwd_link },
	{ "root", S_IFLNK | 0777, .link = proc_root_link },
	{ "fd", S_IFDIR | 0500, .dir_iops = &proc_fd_inode_operations,
	  .dir_fops = &proc_fd_operations },
	{ "task", S_IFDIR | 0555, .dir_iops = &proc_task_inode_operations,
	  .dir_fops = &proc_task_operations },
};

/* /proc/<pid>/task/<tid>: the same, with the thread's own stat and status, and no task/. */
static const struct pid_entry tid_base_stuff[] = {
	{ "stat", S_IFREG | 0444, .show = proc_tid_stat },
	{ "status", S_IFREG | 0444, .show = proc_tid_status },
	{ "statm", S_IFREG | 0444, .show = proc_pid_statm },
	{ "cmdline", S_IFREG | 0444, .show = proc_pid_cmdline },
	{ "environ", S_IFREG | 0400, .show = proc_pid_environ },
	{ "comm", S_IFREG | 0444, .show = proc_pid_comm },
	{ "maps", S_IFREG | 0444, .show = proc_pid_maps },
	{ "smaps_rollup", S_IFREG | 0444, .show = proc_pid_smaps_rollup },
	{ "exe", S_IFLNK | 0777, .link = proc_exe_link },
	{ "cwd", S_IFLNK | 0777, .link = proc_cwd_link },
	{ "root", S_IFLNK | 0777, .link = proc_root_link },
	{ "fd", S_IFDIR | 0500, .dir_iops = &proc_fd_inode_operations,
	  .dir_fops = &proc_fd_operations },
};

/* ---- tasks behind inodes ---- */

/* The task @inode stands for, with a reference (put_task_struct), or NULL if it has gone. */
static struct task_struct *get_proc_task(const struct inode *inode)
{
	int pid = PROC_I(inode)->pid;

	return pid > 0 ? find_get_task_by_vpid(pid) : NULL;
}

/*
 * A new inode on @sb for entry @idx (0: the directory itself) of @task's
 * directory: owned by the task's effective ids, as Linux's. NULL without
 * memory. May sleep.
 */
static struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
					 umode_t mode, unsigned int idx)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = PROC_PID_INO(task->pid, idx);
	inode->i_mode = mode;
	inode->i_uid = task->cred.euid;
	inode->i_gid = task->cred.egid;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	PROC_I(inode)->pid = task->pid;
	return inode;
}

/* Decimal @name (@len bytes, no sign, no leading zero) as a pid, or -1. */
static int name_to_pid(const char *name, unsigned int len)
{
	int n = 0;

	if (!len || len > 9 || (len > 1 && name[0] == '0'))
		return -1;
	for (unsigned int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

/* ---- the text files and symlinks ---- */

/* What proc_pid_show hands proc_text_open. */
struct pid_show_arg {
	const struct pid_entry *entry;
	struct task_struct *task;
};

static int proc_pid_show(struct seq_buf *s, void *arg)
{
	struct pid_show_arg *a = arg;

	return a->entry->show(s, a->task);
}

/* ->open of a pid text file: its text, from the task as it is now. -ESRCH if it has gone. */
static int proc_pid_open(struct inode *inode, struct file *file)
{
	struct pid_show_arg a = { PROC_I(inode)->entry, get_proc_task(inode) };
	int err;

	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	if (!a.task)
		return -ESRCH;
	err = proc_text_open(file, proc_pid_show, &a);
	put_task_struct(a.task);
	return err;
}

static const struct file_operations proc_pid_file_operations = {
	.open = proc_pid_open,
	.read_iter = proc_text_read_iter,
	.llseek = proc_text_llseek,
	.release = proc_text_release,
};

/*
 * Copies @len bytes of @data (NULs included) to @s: false, and @s marked
 * overflowed with what fitted, if they do not fit (seq_buf's rule).
 */
static bool seq_buf_putmem(struct seq_buf *s, const void *data, size_t len)
{
	size_t room = s->size > s->len ? s->size - s->len - 1 : 0;

	if (s->overflow || len > room) {
		memcpy(s->buf + s->len, data, min(len, room));
		s->len += min(len, room);
		if (s->size)
			s->buf[s->len] = 0;
		s->overflow = true;
		return false;
	}
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	s->buf[s->len] = 0;
	return true;
}

/*
 * The bytes of @task's user memory between the mm fields at @start and
 * @end (arg_start..arg_end, env_start..env_end), read through
 * access_process_vm; nothing for a kernel thread or before exec set them.
 */
static int show_user_range(struct seq_buf *s, struct task_struct *task, bool env)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned long addr, end;
	char *page;
	int err = 0;

	if (!mm)
		return 0;
	addr = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		err = -ENOMEM;
	while (page && addr < end) {
		int want = min_t(unsigned long, end - addr, PAGE_SIZE);
		int got = access_process_vm(task, addr, page, want, 0);

		if (got <= 0 || !seq_buf_putmem(s, page, got))
			break;
		addr += got;
	}
	kfree(page);
	mmput(mm);
	return err;
}

/*
 * /proc/<pid>/cmdline: argv as exec left it, each string NUL-terminated.
 * Linux also follows an argv rewritten past arg_end into the
 * environment; not here.
 */
static int proc_pid_cmdline(struct seq_buf *s, struct task_struct *task)
{
	return show_user_range(s, task, false);
}

/* /proc/<pid>/environ: the environment strings, NUL-terminated (mode 0400). */
static int proc_pid_environ(struct seq_buf *s, struct task_struct *task)
{
	return show_user_range(s, task, true);
}

/* /proc/<pid>/comm: the task's name and a newline. */
static int proc_pid_comm(struct seq_buf *s, struct task_struct *task)
{
	char comm[TASK_COMM_LEN];

	memcpy(comm, task->comm, sizeof(comm));
	comm[TASK_COMM_LEN - 1] = 0;
	seq_buf_printf(s, "%s\n", comm);
	return 0;
}

/*
 * /proc/<pid>/exe: the executable's path (mm->exe_file, else the task's
 * exe_file). -ENOENT for a kernel thread.
 */
static int proc_exe_link(struct task_struct *task, struct path *path)
{
	struct mm_struct *mm = get_task_mm(task);
	struct file *exe = NULL;
	unsigned long flags;

	if (!mm)
		return -ENOENT;
	if (mm->exe_file) {
		exe = get_file(mm->exe_file);	/* stays while we hold the mm */
	} else {
		spin_lock_irqsave(&tasklist_lock, flags);
		if (task->exe_file)
			exe = get_file(task->exe_file);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	mmput(mm);
	if (!exe)
		return -ENOENT;
	*path = exe->f_path;
	path_get(path);
	fput(exe);
	return 0;
}

/* @task's cwd (@pwd) or root from its fs_struct, with a reference. -ENOENT without one. */
static int fs_path(struct task_struct *task, struct path *path, bool pwd)
{
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (task->fs) {
		spin_lock(&task->fs->lock);
		*path = pwd ? task->fs->pwd : task->fs->root;
		if (path->dentry && path->mnt) {
			path_get(path);
			err = 0;
		}
		spin_unlock(&task->fs->lock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* /proc/<pid>/cwd. */
static int proc_cwd_link(struct task_struct *task, struct path *path)
{
	return fs_path(task, path, true);
}

/* /proc/<pid>/root. */
static int proc_root_link(struct task_struct *task, struct path *path)
{
	return fs_path(task, path, false);
}

/* Copies the string @p (its length @len) into the readlink buffer: at most @buflen bytes. */
static int readlink_copy(char *buf, int buflen, const char *p, int len)
{
	if (len > buflen)
		len = buflen;
	memcpy(buf, p, len);
	return len;
}

/* ->readlink of /proc/<pid>/exe and its kind: the target's path. -ENOENT if it has none. */
static int proc_pid_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = d_inode(dentry);
	struct task_struct *task = get_proc_task(inode);
	struct path path;
	char *tmp, *p;
	int err;

	if (!task)
		return -ENOENT;
	err = PROC_I(inode)->entry->link(task, &path);
	put_task_struct(task);
	if (err)
		return err;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		path_put(&path);
		return -ENOMEM;
	}
	p = d_path(&path, tmp, PATH_MAX);
	path_put(&path);
	err = IS_ERR(p) ? PTR_ERR(p) : readlink_copy(buf, buflen, p, strlen(p));
	kfree(tmp);
	return err;
}

static const struct inode_operations proc_pid_link_inode_operations = {
	.readlink = proc_pid_readlink,
};

/* ---- /proc/<pid>/fd ---- */

/* The file open at @fd in @task's table, with a reference (fput), or NULL. */
static struct file *task_fget(struct task_struct *task, unsigned int fd)
{
	struct files_struct *files;
	struct file *file = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		if (fd < files->max_fds && files->fd[fd])
			file = get_file(files->fd[fd]);
		spin_unlock(&files->file_lock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return file;
}

/*
 * The name fd/<n> links to: the file's path, or "pipe:[ino]" for a pipe,
 * whose inode is in no mounted tree. Into @tmp (PATH_MAX bytes): where it
 * starts, or ERR_PTR.
 */
static char *file_link_name(struct file *file, char *tmp)
{
	struct inode *inode = file_inode(file);

	if (inode && S_ISFIFO(inode->i_mode) && !strcmp(inode->i_sb->s_type->name, "pipefs")) {
		snprintf(tmp, PATH_MAX, "pipe:[%lu]", inode->i_ino);
		return tmp;
	}
	if (!file->f_path.dentry || !file->f_path.mnt)
		return ERR_PTR(-ENOENT);
	return d_path(&file->f_path, tmp, PATH_MAX);
}

/* ->readlink of /proc/<pid>/fd/<n>: what the descriptor has open now. -ENOENT once closed. */
static int proc_fd_readlink(struct dentry *dentry, char *buf, int buflen)
{
	struct inode *inode = d_inode(dentry);
	struct task_struct *task = get_proc_task(inode);
	struct file *file = NULL;
	char *tmp, *p;
	int err;

	if (task) {
		file = task_fget(task, PROC_I(inode)->fd);
		put_task_struct(task);
	}
	if (!file)
		return -ENOENT;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		fput(file);
		return -ENOMEM;
	}
	p = file_link_name(file, tmp);
	fput(file);
	err = IS_ERR(p) ? PTR_ERR(p) : readlink_copy(buf, buflen, p, strlen(p));
	kfree(tmp);
	return err;
}

static const struct inode_operations proc_fd_link_inode_operations = {
	.readlink = proc_fd_readlink,
};

/* ->lookup in /proc/<pid>/fd: a symlink per open descriptor, else -ENOENT. */
static struct dentry *proc_fd_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	int fd = name_to_pid(dentry->d_name.name, dentry->d_name.len);
	struct task_struct *task = get_proc_task(dir);
	struct file *file = NULL;
	struct inode *inode = NULL;

	if (task && fd >= 0 && fd < NR_OPEN_MAX)
		file = task_fget(task, fd);
	if (file) {
		inode = proc_pid_make_inode(dir->i_sb, task, S_IFLNK | 0700, PROC_FD_IDX(fd));
		fput(file);
	}
	if (task)
		put_task_struct(task);
	if (!file)
		return ERR_PTR(-ENOENT);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->fd = fd;
	inode->i_op = &proc_fd_link_inode_operations;
	d_instantiate(dentry, inode);
	return NULL;
}

/* Up to PID_BATCH open descriptors >= @from of @task, ascending, into @out: how many. */
static int next_fds(struct task_struct *task, int from, int *out)
{
	struct files_struct *files;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		for (unsigned int fd = from; fd < files->max_fds && n < PID_BATCH; fd++)
			if (files->fd[fd])
				out[n++] = fd;
		spin_unlock(&files->file_lock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/*
 * A directory of numbered entries under /proc/<pid> (fd/, task/): ".",
 * "..", then the numbers @next hands out in batches, ascending; entry N
 * sits at pos 2 + N, so a readdir resumes where it stopped.
 */
static int proc_numbered_readdir(struct file *file, struct dir_context *ctx,
				 int (*next)(struct task_struct *task, int from, int *out),
				 unsigned long (*ino)(struct task_struct *task, int nr),
				 unsigned char type)
{
	struct inode *inode = file_inode(file);
	struct task_struct *task = get_proc_task(inode);
	int nrs[PID_BATCH], n;

	if (!task)
		return -ENOENT;
	if (ctx->pos == 0 && dir_emit(ctx, ".", 1, inode->i_ino, DT_DIR))
		ctx->pos = 1;
	if (ctx->pos == 1 && dir_emit(ctx, "..", 2, PROC_PID_INO(task->pid, 0), DT_DIR))
		ctx->pos = 2;
	while (ctx->pos >= 2 && (n = next(task, ctx->pos - 2, nrs)) > 0) {
		for (int i = 0; i < n; i++) {
			char name[12];
			int len = snprintf(name, sizeof(name), "%d", nrs[i]);

			ctx->pos = 2 + nrs[i];
			if (!dir_emit(ctx, name, len, ino(task, nrs[i]), type))
				goto out;
		}
		ctx->pos++;
	}
out:
	put_task_struct(task);
	return 0;
}

static unsigned long fd_ino(struct task_struct *task, int fd)
{
	return PROC_PID_INO(task->pid, PROC_FD_IDX(fd));
}

/* ->iterate_shared of /proc/<pid>/fd: the open descriptors, as symlinks. */
static int proc_fd_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_numbered_readdir(file, ctx, next_fds, fd_ino, DT_LNK);
}

static const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_fd_lookup,
};

static const struct file_operations proc_fd_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_fd_readdir,
};

/* ---- /proc/<pid> ---- */

/* ->lookup in a pid (or tid) directory: one of the @nents entries of @ents, or -ENOENT. */
static struct dentry *pid_base_lookup(struct inode *dir, struct dentry *dentry,
				      const struct pid_entry *ents, unsigned int nents)
{
	const struct pid_entry *p = NULL;
	struct task_struct *task;
	struct inode *inode;
	unsigned int i;

	for (i = 0; i < nents; i++) {
		if (strlen(ents[i].name) == dentry->d_name.len &&
		    !memcmp(ents[i].name, dentry->d_name.name, dentry->d_name.len)) {
			p = &ents[i];
			break;
		}
	}
	if (!p)
		return ERR_PTR(-ENOENT);
	task = get_proc_task(dir);
	if (!task)
		return ERR_PTR(-ENOENT);
	inode = proc_pid_make_inode(dir->i_sb, task, p->mode, i + 1);
	put_task_struct(task);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->entry = p;
	if (S_ISLNK(p->mode)) {
		inode->i_op = &proc_pid_link_inode_operations;
	} else if (S_ISDIR(p->mode)) {
		inode->i_op = p->dir_iops;
		inode->i_fop = p->dir_fops;
		set_nlink(inode, 2);
	} else {
		inode->i_fop = &proc_pid_file_operations;
	}
	d_instantiate(dentry, inode);	/* unhashed: looked up again next time */
	return NULL;
}

/* ->iterate_shared of a pid (or tid) directory: ".", "..", then the names of @ents (pos 2 + index). */
static int pid_base_readdir(struct file *file, struct dir_context *ctx,
			    const struct pid_entry *ents, unsigned int nents)
{
	struct inode *inode = file_inode(file);
	int pid = PROC_I(inode)->pid;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, PROC_ROOT_INO, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (; ctx->pos - 2 < (loff_t)nents; ctx->pos++) {
		unsigned int i = ctx->pos - 2;
		const struct pid_entry *p = &ents[i];

		if (!dir_emit(ctx, p->name, strlen(p->name), PROC_PID_INO(pid, i + 1),
			      (p->mode >> 12) & 15))
			break;
	}
	return 0;
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry,
					    unsigned int flags)
{
	return pid_base_lookup(dir, dentry, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return pid_base_readdir(file, ctx, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *dentry,
					   unsigned int flags)
{
	return pid_base_lookup(dir, dentry, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static int proc_tid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return pid_base_readdir(file, ctx, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_tgid_base_readdir,
};

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup = proc_tid_base_lookup,
};

static const struct file_operations proc_tid_base_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_tid_base_readdir,
};

/* ---- /proc/<pid>/task ---- */

/* ->lookup in /proc/<pid>/task: a directory per thread of the group, else -ENOENT. */
static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	int tid = name_to_pid(dentry->d_name.name, dentry->d_name.len);
	struct task_struct *leader = get_proc_task(dir), *task = NULL;
	struct inode *inode = NULL;
	bool found;

	if (leader && tid > 0)
		task = find_get_task_by_vpid(tid);
	found = task && task->tgid == leader->tgid;
	if (found)
		inode = proc_pid_make_inode(dir->i_sb, task, S_IFDIR | 0555, 0);
	if (task)
		put_task_struct(task);
	if (leader)
		put_task_struct(leader);
	if (!found)
		return ERR_PTR(-ENOENT);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = &proc_tid_base_inode_operations;
	inode->i_fop = &proc_tid_base_operations;
	set_nlink(inode, 2);
	d_instantiate(dentry, inode);
	return NULL;
}

/* Up to PID_BATCH tids >= @from of @task's group, ascending, into @out: how many. Takes tasklist_lock. */
static int next_tids(struct task_struct *task, int from, int *out)
{
	struct task_struct *t;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(task, t) {
		int tid = t->pid, i;

		if (tid < from || (n == PID_BATCH && tid > out[n - 1]))
			continue;
		if (n < PID_BATCH)
			n++;
		for (i = n - 1; i > 0 && out[i - 1] > tid; i--)
			out[i] = out[i - 1];
		out[i] = tid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static unsigned long tid_ino(struct task_struct *task, int tid)
{
	return PROC_PID_INO(tid, 0);
}

/* ->iterate_shared of /proc/<pid>/task: the thread ids, as directories. */
static int proc_task_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_numbered_readdir(file, ctx, next_tids, tid_ino, DT_DIR);
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_task_readdir,
};

/* ---- the root: self and the pids ---- */

/* ->readlink of /proc/self: the caller's tgid ("42"). */
static int proc_self_readlink(struct dentry *dentry, char *buf, int buflen)
{
	char tmp[16];
	int len = snprintf(tmp, sizeof(tmp), "%d", task_tgid_nr(current));

	return readlink_copy(buf, buflen, tmp, len);
}

static const struct inode_operations proc_self_inode_operations = {
	.readlink = proc_self_readlink,
};

/* ->readlink of /proc/thread-self: "<tgid>/task/<tid>" of the caller. */
static int proc_thread_self_readlink(struct dentry *dentry, char *buf, int buflen)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof(tmp), "%d/task/%d", task_tgid_nr(current),
			   task_pid_nr(current));

	return readlink_copy(buf, buflen, tmp, len);
}

static const struct inode_operations proc_thread_self_inode_operations = {
	.readlink = proc_thread_self_readlink,
};

/* /proc/self's (or thread-self's) inode in @dir's super block, tied to @dentry. 0 or -ENOMEM. */
static int proc_self_lookup(struct inode *dir, struct dentry *dentry, bool thread)
{
	struct inode *inode = new_inode(dir->i_sb);

	if (!inode)
		return -ENOMEM;
	inode->i_ino = thread ? PROC_THREAD_SELF_INO : PROC_SELF_INO;
	inode->i_mode = S_IFLNK | 0777;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_op = thread ? &proc_thread_self_inode_operations : &proc_self_inode_operations;
	d_instantiate(dentry, inode);	/* unhashed: each caller reads its own */
	return 0;
}

/* /proc/<pid> for @pid in @dir's super block, tied to @dentry. 0, -ENOENT or -ENOMEM. */
static int proc_pid_lookup(struct inode *dir, struct dentry *dentry, int pid)
{
	struct task_struct *task = pid > 0 ? find_get_task_by_vpid(pid) : NULL;
	struct inode *inode;

	if (!task)
		return -ENOENT;
	inode = proc_pid_make_inode(dir->i_sb, task, S_IFDIR | 0555, 0);
	put_task_struct(task);
	if (!inode)
		return -ENOMEM;
	inode->i_op = &proc_tgid_base_inode_operations;
	inode->i_fop = &proc_tgid_base_operations;
	set_nlink(inode, 2);
	d_instantiate(dentry, inode);	/* unhashed: gone with the task */
	return 0;
}

/* ->lookup in /proc: an entry, "self", "thread-self", or a pid (any thread's, as Linux). */
static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct dentry *d = proc_lookup(dir, dentry, flags);
	int pid;

	if (d != ERR_PTR(-ENOENT))
		return d;
	if (dentry->d_name.len == 4 && !memcmp(dentry->d_name.name, "self", 4))
		return ERR_PTR(proc_self_lookup(dir, dentry, false));
	if (dentry->d_name.len == 11 && !memcmp(dentry->d_name.name, "thread-self", 11))
		return ERR_PTR(proc_self_lookup(dir, dentry, true));
	pid = name_to_pid(dentry->d_name.name, dentry->d_name.len);
	if (pid < 0)
		return ERR_PTR(-ENOENT);
	return ERR_PTR(proc_pid_lookup(dir, dentry, pid));
}

/*
 * Up to PID_BATCH tgids of thread-group leaders that are >= @from, the
 * smallest first, into @out: how many. Kernel threads count (pid 0, the
 * idle task, is no list member). Takes tasklist_lock.
 */
static int next_tgids(int from, int *out)
{
	struct task_struct *p;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		int tgid = p->tgid, i;

		if (tgid < from || (n == PID_BATCH && tgid > out[n - 1]))
			continue;
		if (n < PID_BATCH)
			n++;
		for (i = n - 1; i > 0 && out[i - 1] > tgid; i--)
			out[i] = out[i - 1];
		out[i] = tgid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/* Emits the pid directories from ctx->pos (PROC_PID_POS(tgid)) on, in pid order. */
static void proc_pid_readdir(struct dir_context *ctx)
{
	int tgids[PID_BATCH], n;

	while ((n = next_tgids(ctx->pos - PROC_PID_POS(0), tgids)) > 0) {
		for (int i = 0; i < n; i++) {
			char name[12];
			int len = snprintf(name, sizeof(name), "%d", tgids[i]);

			ctx->pos = PROC_PID_POS(tgids[i]);
			if (!dir_emit(ctx, name, len, PROC_PID_INO(tgids[i], 0), DT_DIR))
				return;
		}
		ctx->pos++;
	}
}

/*
 * ->iterate_shared of /proc: ".", "..", the entries (generic.c), "self",
 * "thread-self", then one directory per process. Always 0.
 */
static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos < PROC_SELF_POS) {
		if (!proc_readdir_de(&proc_root, file, ctx))
			return 0;
		ctx->pos = PROC_SELF_POS;
	}
	if (ctx->pos == PROC_SELF_POS) {
		if (!dir_emit(ctx, "self", 4, PROC_SELF_INO, DT_LNK))
			return 0;
		ctx->pos = PROC_THREAD_SELF_POS;
	}
	if (ctx->pos == PROC_THREAD_SELF_POS) {
		if (!dir_emit(ctx, "thread-self", 11, PROC_THREAD_SELF_INO, DT_LNK))
			return 0;
		ctx->pos = PROC_PID_POS(1);
	}
	proc_pid_readdir(ctx);
	return 0;
}

const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

const struct file_operations proc_root_operations = {
	.llseek = generic_file_llseek,
	.read = generic_read_dir,
	.iterate_shared = proc_root_readdir,
};
