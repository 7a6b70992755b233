/*
 * In-kernel tests of the file system calls (ktest=fsys): that init_fs
 * has the mounted root as root and cwd once the VFS is up, and that the
 * sys_* entries, handed kernel addresses (which access_ok refuses, as
 * the real uaccess routines would a bad user pointer), return -EFAULT
 * without touching them. The calls' behaviour itself is host-tested
 * (tests/host/test_fsys.c); this checks the kernel build's uaccess path.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/fcntl.h>
#include "../../fs/internal.h"	/* get_fs_root: the namespace's root */

SYSCALL_DEFINE(openat);
SYSCALL_DEFINE(read);
SYSCALL_DEFINE(write);
SYSCALL_DEFINE(fstat);
SYSCALL_DEFINE(getcwd);
SYSCALL_DEFINE(close);
SYSCALL_DEFINE(getdents64);

KTEST(fsys_init_fs_root)
{
	struct path root;

	get_fs_root(&root);
	KT_EXPECT(init_fs.root.dentry == root.dentry && init_fs.root.mnt == root.mnt);
	KT_EXPECT(init_fs.pwd.dentry == root.dentry);
	path_put(&root);
}

/* The calls on kernel addresses: each must be -EFAULT (the descriptors are current's). */
static void efault_checks(void)
{
	static const char name[] = "/tmp/kt-fsys";
	char kbuf[64];
	struct file *f;
	int fd;

	KT_EXPECT(sys_openat((unsigned long)AT_FDCWD, (unsigned long)name, O_RDONLY, 0, 0, 0) == -EFAULT);
	f = filp_open(name, O_CREAT | O_RDWR, 0644);
	if (!KT_EXPECT(!IS_ERR(f)))
		return;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (!KT_EXPECT(fd >= 0)) {
		fput(f);
		return;
	}
	fd_install(fd, f);
	KT_EXPECT(sys_write(fd, (unsigned long)kbuf, sizeof(kbuf), 0, 0, 0) == -EFAULT);
	kernel_write(f, "x", 1, &(loff_t){ 0 });
	KT_EXPECT(sys_read(fd, (unsigned long)kbuf, sizeof(kbuf), 0, 0, 0) == -EFAULT);
	KT_EXPECT(sys_fstat(fd, (unsigned long)kbuf, 0, 0, 0, 0) == -EFAULT);
	KT_EXPECT(sys_getcwd((unsigned long)kbuf, sizeof(kbuf), 0, 0, 0, 0) == -EFAULT);
	KT_EXPECT(sys_close(fd, 0, 0, 0, 0, 0) == 0);
	KT_EXPECT(sys_close(fd, 0, 0, 0, 0, 0) == -EBADF);
	f = filp_open("/", O_RDONLY | O_DIRECTORY, 0);
	fd = IS_ERR(f) ? -1 : get_unused_fd_flags(0);
	if (KT_EXPECT(fd >= 0)) {
		fd_install(fd, f);
		KT_EXPECT(sys_getdents64(fd, (unsigned long)kbuf, sizeof(kbuf), 0, 0, 0) == -EFAULT);
		sys_close(fd, 0, 0, 0, 0, 0);
	} else if (!IS_ERR(f)) {
		fput(f);
	}
	vfs_path_unlink(name);
}

KTEST(fsys_kernel_pointers_efault)
{
	bool borrowed = !current->files;

	if (borrowed) {	/* a kthread without a table borrows init_files */
		__atomic_add_fetch(&init_files.count, 1, __ATOMIC_ACQ_REL);
		current->files = &init_files;
	}
	efault_checks();
	if (borrowed)
		exit_files(current);
}
