/*
 * execve: replace the caller's program. The arguments and environment are
 * copied in, the file is opened and checked, "#!" scripts are turned into
 * their interpreter's command line, and a static ELF (ET_EXEC or
 * static-PIE ET_DYN) is loaded into a new address space: its segments
 * mapped file-backed and private (text is demand-paged from the page
 * cache, data copied on the first write), bss anonymous, and a stack with
 * argc/argv/envp/auxv. Everything that can fail for a reason the caller
 * could fix fails before the old program is dropped. After Linux's
 * fs/exec.c and fs/binfmt_elf.c (do_execveat_common, bprm_execve,
 * begin_new_exec, setup_arg_pages, load_elf_binary) by name; leaves out
 * dynamic linking (PT_INTERP: -ENOEXEC), set-id programs and binfmt_misc.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/binfmts.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/random.h>
#include <linux/limits.h>
#include <linux/dcache.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>
#include <asm/uaccess.h>
#include <asm/mmu_context.h>
#include <asm/switch_to.h>
#include <asm/signal.h>
#include <asm/cacheflush.h>
#include <asm/processor.h>

#define ARG_MAX_BYTES	(256 * 1024)	/* argument and environment strings, pointers aside */
#define MAX_SCRIPT_DEPTH 4		/* "#!" interpreters that are scripts themselves */
#define STACK_INITIAL	(128 * 1024)	/* the stack VMA at exec; it grows down on faults */
#define ELF_ET_DYN_BASE	(TASK_SIZE / 3 * 2 & ~(PAGE_SIZE - 1))
#define STACK_TOP_EXEC	(TASK_SIZE - 4 * PAGE_SIZE)	/* below the sigreturn page */

/* One exec's state: the strings (in one buffer), the file, its first bytes. */
struct linux_binprm {
	char *strings;		/* ARG_MAX_BYTES: argv then envp strings, NUL-ended */
	size_t used;
	const char **argv;	/* argc + 1 pointers into strings */
	const char **envp;
	int argc, envc;
	size_t arg_bytes, env_bytes;
	char *filename;		/* what to open (the interpreter's, for a script) */
	char *execfn;		/* what the caller asked for: AT_EXECFN and comm */
	struct file *file;
	char buf[ELF_EXEC_PAGESIZE];	/* the file's first page: "#!" line or ELF headers */
	loff_t size;
};

/* The string @src (user or kernel) appended to bprm->strings; its copy. */
static const char *copy_one_string(struct linux_binprm *b, const char *src, bool user)
{
	size_t room = ARG_MAX_BYTES - b->used;
	char *dst = b->strings + b->used;
	long len;

	if (user) {
		len = strncpy_from_user(dst, (const char __user *)src, min_t(size_t, room, MAX_ARG_STRLEN));
		if (len < 0)
			return ERR_PTR(-EFAULT);
	} else {
		len = strnlen(src, min_t(size_t, room, MAX_ARG_STRLEN));
		memcpy(dst, src, len);
	}
	if ((size_t)len >= room || len >= (long)MAX_ARG_STRLEN)
		return ERR_PTR(-E2BIG);
	dst[len] = '\0';
	b->used += len + 1;
	return dst;
}

/* The pointer at @v[i] (user or kernel array); -EFAULT through *err. */
static const char *vec_entry(const char *const *v, int i, bool user, int *err)
{
	const char *p = NULL;

	if (!user)
		return v[i];
	if (get_user(p, (const char *const __user *)&v[i]))
		*err = -EFAULT;
	return p;
}

/* Copy a NULL-ended string vector into @b; *out gets the kernel copy. */
static int copy_strings(struct linux_binprm *b, const char *const *v, bool user,
			const char ***out, int *count, size_t *bytes)
{
	size_t start = b->used;
	const char **vec;
	int n = 0, err = 0, i;

	while (v && vec_entry(v, n, user, &err) && !err)
		if (++n > ARG_MAX_BYTES / (int)sizeof(void *))
			return -E2BIG;
	if (err)
		return err;
	vec = kmalloc((n + 1) * sizeof(*vec), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const char *s = copy_one_string(b, vec_entry(v, i, user, &err), user);

		if (err || IS_ERR(s)) {
			kfree(vec);
			return err ? err : PTR_ERR(s);
		}
		vec[i] = s;
	}
	vec[n] = NULL;
	*out = vec;
	*count = n;
	*bytes = b->used - start;
	return 0;
}

/*
 * One strings buffer is kept between execs: vmalloc and vfree of 256 KiB
 * (64 pages mapped, then a TLB flush) would otherwise be most of what a
 * small exec costs. A second exec at the same time gets its own.
 */
static char *cached_strings;
static DEFINE_SPINLOCK(strings_lock);

static char *get_strings_buffer(void)
{
	unsigned long flags;
	char *buf;

	spin_lock_irqsave(&strings_lock, flags);
	buf = cached_strings;
	cached_strings = NULL;
	spin_unlock_irqrestore(&strings_lock, flags);
	return buf ? buf : vmalloc(ARG_MAX_BYTES);
}

static void put_strings_buffer(char *buf)
{
	unsigned long flags;

	if (!buf)
		return;
	spin_lock_irqsave(&strings_lock, flags);
	if (!cached_strings) {
		cached_strings = buf;
		buf = NULL;
	}
	spin_unlock_irqrestore(&strings_lock, flags);
	vfree(buf);
}

static void free_bprm(struct linux_binprm *b)
{
	if (b->file && !IS_ERR(b->file))
		fput(b->file);
	kfree(b->argv);
	kfree(b->envp);
	kfree(b->filename);
	kfree(b->execfn);
	put_strings_buffer(b->strings);
	kfree(b);
}

/* Open @name for exec: a regular, mappable file the caller may execute. */
static struct file *open_exec(const char *name)
{
	struct file *f = do_filp_open(AT_FDCWD, name, O_RDONLY, 0);
	struct inode *inode;
	int err;

	if (IS_ERR(f))
		return f;
	inode = file_inode(f);
	err = -EACCES;
	if (!S_ISREG(inode->i_mode) || !f->f_op->mmap)	/* segments are mapped from the file */
		goto fail;
	err = inode_permission(inode, MAY_EXEC);
	if (err)
		goto fail;
	return f;
fail:
	fput(f);
	return ERR_PTR(err);
}

/* Open bprm->filename and read its first bytes. */
static int prepare_binprm(struct linux_binprm *b)
{
	loff_t pos = 0;
	ssize_t n;

	if (b->file)
		fput(b->file);
	b->file = open_exec(b->filename);
	if (IS_ERR(b->file)) {
		int err = PTR_ERR(b->file);

		b->file = NULL;
		return err;
	}
	b->size = i_size_read(file_inode(b->file));
	memset(b->buf, 0, sizeof(b->buf));
	n = kernel_read(b->file, b->buf, sizeof(b->buf), &pos);
	return n < 0 ? (int)n : 0;
}

/*
 * A "#!" script: argv becomes interpreter [arg] script argv[1..], and the
 * interpreter is what gets opened next. -ENOEXEC if not a script.
 */
static int load_script(struct linux_binprm *b)
{
	char interp[BINPRM_BUF_SIZE], arg[BINPRM_BUF_SIZE];
	const char **argv;
	int err = script_parse(b->buf, BINPRM_BUF_SIZE, interp, sizeof(interp), arg, sizeof(arg));
	int n = 0, i;

	if (err)
		return err;
	argv = kmalloc((b->argc + 3) * sizeof(*argv), GFP_KERNEL);
	if (!argv)
		return -ENOMEM;
	argv[n++] = copy_one_string(b, interp, false);
	if (arg[0])
		argv[n++] = copy_one_string(b, arg, false);
	argv[n++] = copy_one_string(b, b->filename, false);
	for (i = 1; i < b->argc; i++)
		argv[n++] = b->argv[i];
	argv[n] = NULL;
	for (i = 0; i < n; i++) {
		if (IS_ERR(argv[i])) {
			err = PTR_ERR(argv[i]);
			kfree(argv);
			return err;
		}
	}
	kfree(b->argv);
	b->argv = argv;
	b->argc = n;
	b->arg_bytes = 0;
	for (i = 0; i < n; i++)
		b->arg_bytes += strlen(argv[i]) + 1;
	kfree(b->filename);
	b->filename = kstrdup(interp, GFP_KERNEL);
	return b->filename ? 1 : -ENOMEM;	/* 1: open the interpreter next */
}

/* Drop the other threads of the group before the image changes (they die by SIGKILL). */
static int de_thread(void)
{
	struct task_struct *me = current, *t;
	unsigned long flags;

	if (get_nr_threads(me) == 1)
		return 0;
	if (!thread_group_leader(me))
		return -EINVAL;		/* rivet: exec from a non-leader thread is not supported */
	spin_lock_irqsave(&me->sighand->siglock, flags);
	for_each_thread(me, t) {
		if (t != me) {
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
	}
	spin_unlock_irqrestore(&me->sighand->siglock, flags);
	while (get_nr_threads(me) > 1)
		msleep(1);
	return 0;
}

/* The point of no return: current runs on @mm from now on; the old one goes. */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm;
	unsigned long flags;

	if (old)
		mm_release(tsk, old);
	local_irq_save(flags);
	switch_mm(tsk->active_mm, mm, tsk);
	spin_lock(&tasklist_lock);
	tsk->mm = tsk->active_mm = mm;
	spin_unlock(&tasklist_lock);
	local_irq_restore(flags);
	if (old)
		mmput(old);
}

/* Map one PT_LOAD segment of the plan into current->mm. */
static int map_segment(struct file *file, const struct elf_load *l)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr;
	int prot = l->prot;

	if (l->file_end > l->start) {
		addr = do_mmap(mm, file, l->start, l->file_end - l->start, prot,
			       MAP_PRIVATE | MAP_FIXED, l->offset >> PAGE_SHIFT);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	if (l->zero_end > l->zero_start && (prot & PROT_WRITE) &&
	    clear_user((void __user *)l->zero_start, l->zero_end - l->zero_start))
		return -EFAULT;
	if (l->end > l->file_end) {
		addr = do_mmap(mm, NULL, l->file_end, l->end - l->file_end, prot,
			       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	return 0;
}

/* The stack VMA and its contents; *sp_out is the user sp. */
static int setup_arg_pages(struct linux_binprm *b, const struct elf_image *img,
			   unsigned long *sp_out)
{
	struct mm_struct *mm = current->mm;
	size_t room = PAGE_ALIGN(b->used + (b->argc + b->envc + 64) * sizeof(void *) + 4096);
	unsigned long top = STACK_TOP_EXEC, addr, sp;
	struct elf_auxv_ids ids = {
		.uid = current->cred.uid, .euid = current->cred.euid,
		.gid = current->cred.gid, .egid = current->cred.egid,
		.hwcap = COMPAT_HWCAP_ISA('i') | COMPAT_HWCAP_ISA('m') | COMPAT_HWCAP_ISA('a') |
			 COMPAT_HWCAP_ISA('f') | COMPAT_HWCAP_ISA('d') | COMPAT_HWCAP_ISA('c'),
	};
	u8 random[16];
	char *kbuf;
	int err;

	addr = do_mmap(mm, NULL, top - STACK_INITIAL - room, STACK_INITIAL + room,
		       PROT_READ | PROT_WRITE | (img->stack_exec ? PROT_EXEC : 0),
		       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	mm->start_stack = top;
	kbuf = room <= 4 * PAGE_SIZE ? kmalloc(room, GFP_KERNEL) : vmalloc(room);
	if (!kbuf)
		return -ENOMEM;
	get_random_bytes(random, sizeof(random));
	err = elf_build_stack(kbuf + room, top, room, b->argv, b->envp, img, random,
			      b->execfn, ids, &sp);
	if (!err && copy_to_user((void __user *)sp, kbuf + room - (top - sp), top - sp))
		err = -EFAULT;
	if (!err) {
		const unsigned long *words = (const unsigned long *)(kbuf + room - (top - sp));

		mm->arg_start = words[1];
		mm->arg_end = mm->arg_start + b->arg_bytes;
		mm->env_start = mm->arg_end;
		mm->env_end = mm->env_start + b->env_bytes;
	}
	if (room <= 4 * PAGE_SIZE)
		kfree(kbuf);
	else
		vfree(kbuf);
	*sp_out = sp;
	return err;
}

/* The new program's image in the new mm; any error now is fatal to the task. */
static int load_image(struct linux_binprm *b, const struct elf_image *img, unsigned long *sp)
{
	struct mm_struct *mm = current->mm;
	int err = 0;

	for (int i = 0; i < img->nr_loads && !err; i++)
		err = map_segment(b->file, &img->loads[i]);
	if (err)
		return err;
	mm->start_code = img->load_start;
	mm->end_code = img->load_end;
	mm->start_brk = mm->brk = img->load_end;
	err = arch_setup_additional_pages(mm);
	if (!err)
		err = setup_arg_pages(b, img, sp);
	return err;
}

/* The last name of @path, for comm ("/bin/sh" -> "sh"). */
static const char *kbasename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The process takes on its new identity: comm, handlers, files, exe. */
static void setup_new_exec(struct linux_binprm *b)
{
	struct task_struct *t = current;

	strlcpy(t->comm, kbasename(b->execfn), sizeof(t->comm));
	flush_signal_handlers(t);
	do_close_on_exec(t->files);
	t->flags &= ~PF_FORKNOEXEC;
	if (t->exe_file)
		fput(t->exe_file);
	t->exe_file = get_file(b->file);
	if (t->mm->exe_file)
		fput(t->mm->exe_file);
	t->mm->exe_file = get_file(b->file);
}

/* Parse, then replace the image; 0 when the new program is ready to run. */
static int load_elf_binary(struct linux_binprm *b)
{
	struct elf_image *img = kzalloc(sizeof(*img), GFP_KERNEL);
	struct mm_struct *mm;
	unsigned long sp;
	int err;

	if (!img)
		return -ENOMEM;
	err = elf_parse(b->buf, sizeof(b->buf), b->size, STACK_TOP_EXEC - STACK_INITIAL,
			ELF_ET_DYN_BASE, img);
	if (err) {
		if (img->why)
			pr_info("exec %s: not executable: %s\n", b->filename, img->why);
		goto out;
	}
	err = de_thread();
	if (!err)
		err = unshare_files();
	mm = err ? NULL : mm_alloc();
	if (!err && !mm)
		err = -ENOMEM;
	if (err)
		goto out;
	exec_mmap(mm);			/* no way back from here */
	setup_new_exec(b);
	err = load_image(b, img, &sp);
	if (err) {
		pr_info("%s[%d]: exec of %s failed after the point of no return (%d)\n",
			current->comm, current->pid, b->filename, err);
		force_sig(SIGKILL);
		err = 0;		/* the caller must not see its old image again */
		goto out;
	}
	local_flush_icache_all();
	start_thread(current_pt_regs(), img->entry, sp);
out:
	kfree(img);
	return err;
}

/* Scripts lead to their interpreter, at most MAX_SCRIPT_DEPTH deep. */
static int exec_binprm(struct linux_binprm *b)
{
	for (int depth = 0; depth <= MAX_SCRIPT_DEPTH; depth++) {
		int err = prepare_binprm(b);

		if (err)
			return err;
		err = load_script(b);
		if (err == 1)
			continue;
		if (err != -ENOEXEC)
			return err;
		return load_elf_binary(b);
	}
	return -ELOOP;
}

/* execve for user pointers (@user) or the kernel's own (init). */
static int do_execve_common(const char *filename, const char *const *argv,
			    const char *const *envp, bool user)
{
	struct linux_binprm *b = kzalloc(sizeof(*b), GFP_KERNEL);
	const char *name;
	int err = -ENOMEM;

	if (!b)
		return -ENOMEM;
	b->strings = get_strings_buffer();
	if (!b->strings)
		goto out;
	name = copy_one_string(b, filename, user);
	err = IS_ERR(name) ? (PTR_ERR(name) == -E2BIG ? -ENAMETOOLONG : (int)PTR_ERR(name)) : 0;
	if (!err && !name[0])
		err = -ENOENT;
	if (!err && strlen(name) >= PATH_MAX)
		err = -ENAMETOOLONG;
	if (err)
		goto out;
	b->filename = kstrdup(name, GFP_KERNEL);
	b->execfn = kstrdup(name, GFP_KERNEL);
	if (!b->filename || !b->execfn)
		goto out;
	err = copy_strings(b, argv, user, &b->argv, &b->argc, &b->arg_bytes);
	if (!err)
		err = copy_strings(b, envp, user, &b->envp, &b->envc, &b->env_bytes);
	if (!err)
		err = exec_binprm(b);
out:
	free_bprm(b);
	return err;
}

SYSCALL_DEFINE(execve)
{
	return do_execve_common((const char *)a0, (const char *const *)a1,
				(const char *const *)a2, true);
}

int kernel_execve(const char *filename, const char *const argv[], const char *const envp[])
{
	return do_execve_common(filename, argv, envp, false);
}
