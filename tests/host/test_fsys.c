/*
 * The file system calls on the host, through their sys_* entry points as
 * the trap path will call them, on tmpfs and on an ext2 image: the
 * descriptor table (lowest free, dup/dup3/fcntl, -EMFILE, close-on-exec,
 * fork's copy), cwd/root/umask and dirfd walks, read/write/readv/pread
 * with short copies at a faulting user address (the host uaccess shim's
 * bad range), stat/statx/getdents64 layouts, the *at() namespace calls,
 * faccessat's real ids, utimensat, statfs, ioctl, O_PATH, mount/umount2.
 */
#include <string.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/syscalls.h>
#include <linux/cred.h>
#include <linux/timekeeping.h>
#include <asm/uaccess.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>
#include <uapi/dirent.h>
#include <uapi/ioctl.h>
#include <uapi/sched.h>
#include "fs/internal.h"
#include "test.h"
#include "fs_env.h"

int system(const char *command);	/* <stdlib.h>: its sigset_t clashes with uapi/signal.h */
long time(long *t);	/* <time.h>: its timespec clashes with uapi/time.h */

uid_t host_fsuid;
gid_t host_fsgid;

SYSCALL_DEFINE(openat); SYSCALL_DEFINE(close); SYSCALL_DEFINE(dup); SYSCALL_DEFINE(dup3);
SYSCALL_DEFINE(fcntl); SYSCALL_DEFINE(read); SYSCALL_DEFINE(write); SYSCALL_DEFINE(readv);
SYSCALL_DEFINE(writev); SYSCALL_DEFINE(pread64); SYSCALL_DEFINE(pwrite64); SYSCALL_DEFINE(lseek);
SYSCALL_DEFINE(fstat); SYSCALL_DEFINE(newfstatat); SYSCALL_DEFINE(statx);
SYSCALL_DEFINE(getdents64); SYSCALL_DEFINE(mkdirat); SYSCALL_DEFINE(unlinkat);
SYSCALL_DEFINE(renameat2); SYSCALL_DEFINE(linkat); SYSCALL_DEFINE(symlinkat);
SYSCALL_DEFINE(readlinkat); SYSCALL_DEFINE(faccessat2); SYSCALL_DEFINE(fchmodat);
SYSCALL_DEFINE(fchownat); SYSCALL_DEFINE(utimensat); SYSCALL_DEFINE(chdir);
SYSCALL_DEFINE(fchdir); SYSCALL_DEFINE(getcwd); SYSCALL_DEFINE(umask); SYSCALL_DEFINE(chroot);
SYSCALL_DEFINE(statfs); SYSCALL_DEFINE(fstatfs); SYSCALL_DEFINE(ioctl); SYSCALL_DEFINE(mount);
SYSCALL_DEFINE(umount2); SYSCALL_DEFINE(ftruncate); SYSCALL_DEFINE(truncate);
SYSCALL_DEFINE(fallocate); SYSCALL_DEFINE(fsync); SYSCALL_DEFINE(sendfile);
SYSCALL_DEFINE(mknodat);

/* A system call with up to six arguments, as the trap path passes them. */
#define SYS(name, ...) sys_call6(sys_##name, __VA_ARGS__)
#define A(x) ((unsigned long)(x))
static long sys_call6(syscall_fn_t fn, unsigned long a0, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5)
{
	return fn(a0, a1, a2, a3, a4, a5);
}
#define OPEN(path, flags, mode) SYS(openat, A(AT_FDCWD), A(path), A(flags), A(mode), 0, 0)
#define OPENAT(dfd, path, flags, mode) SYS(openat, A((long)(dfd)), A(path), A(flags), A(mode), 0, 0)
#define CLOSE(fd) SYS(close, A(fd), 0, 0, 0, 0, 0)
#define SWRITE(fd, buf, n) SYS(write, A(fd), A(buf), A(n), 0, 0, 0)
#define SREAD(fd, buf, n) SYS(read, A(fd), A(buf), A(n), 0, 0, 0)
#define LSEEK(fd, off, wh) SYS(lseek, A(fd), A((long)(off)), A(wh), 0, 0, 0)
#define FCNTL(fd, cmd, arg) SYS(fcntl, A(fd), A(cmd), A(arg), 0, 0, 0)

/* A user buffer whose second half faults (the shim's bad range). */
static char straddle[8192] __attribute__((aligned(4096)));
#define BAD_HALF (straddle + 4096)

static void bad_range(bool on)
{
	host_uaccess_bad_lo = on ? (unsigned long)BAD_HALF : 0;
	host_uaccess_bad_hi = on ? (unsigned long)BAD_HALF + 4096 : 0;
}

static long write_file(const char *path, const char *s)
{
	long fd = OPEN(path, O_CREAT | O_WRONLY | O_TRUNC, 0644), n;

	if (fd < 0)
		return fd;
	n = SWRITE(fd, s, strlen(s));
	CLOSE(fd);
	return n;
}

static void test_fd_table(void)
{
	long fd0, fd1, fd2, fd, n;
	long fds[NR_OPEN_DEFAULT];
	int i, opened;

	fd0 = OPEN("/t", O_CREAT | O_RDWR, 0644);
	fd1 = OPEN("/t", O_RDONLY, 0);
	fd2 = OPEN("/t", O_RDONLY | O_CLOEXEC, 0);
	CHECK(fd0 == 0 && fd1 == 1 && fd2 == 2, "open gives the lowest free descriptors: %ld %ld %ld",
	      fd0, fd1, fd2);
	CHECK(CLOSE(1) == 0 && CLOSE(1) == -EBADF, "close, then close again: -EBADF");
	CHECK(SYS(dup, 0, 0, 0, 0, 0, 0) == 1, "dup takes the freed slot 1");
	CHECK(SYS(dup3, 0, 0, 0, 0, 0, 0) == -EINVAL, "dup3(0, 0): -EINVAL");
	CHECK(SYS(dup3, 0, 1, A(O_APPEND), 0, 0, 0) == -EINVAL, "dup3 with a flag other than O_CLOEXEC: -EINVAL");
	CHECK(SYS(dup3, 77, 5, 0, 0, 0, 0) == -EBADF, "dup3 of a closed descriptor: -EBADF");
	CHECK(SYS(dup3, 0, 9, A(O_CLOEXEC), 0, 0, 0) == 9 && FCNTL(9, F_GETFD, 0) == FD_CLOEXEC,
	      "dup3 to 9 with O_CLOEXEC");
	CHECK(SYS(dup3, 2, 9, 0, 0, 0, 0) == 9 && FCNTL(9, F_GETFD, 0) == 0, "dup3 over an open 9 replaces it");
	CHECK(SYS(dup3, 0, NR_OPEN_DEFAULT, 0, 0, 0, 0) == -EBADF, "dup3 past RLIMIT_NOFILE: -EBADF");
	CHECK(FCNTL(2, F_GETFD, 0) == FD_CLOEXEC && FCNTL(0, F_GETFD, 0) == 0, "O_CLOEXEC shows in F_GETFD");
	CHECK(FCNTL(0, F_DUPFD, 5) == 5 && FCNTL(0, F_DUPFD_CLOEXEC, 5) == 6 && FCNTL(6, F_GETFD, 0) == 1,
	      "F_DUPFD and F_DUPFD_CLOEXEC from 5");
	CHECK(FCNTL(0, F_DUPFD, NR_OPEN_DEFAULT) == -EINVAL, "F_DUPFD at the limit: -EINVAL");
	CHECK(FCNTL(0, F_SETFD, FD_CLOEXEC) == 0 && FCNTL(0, F_GETFD, 0) == 1 &&
	      FCNTL(0, F_SETFD, 0) == 0, "F_SETFD sets and clears the bit");
	CHECK(FCNTL(0, F_GETFL, 0) == (O_RDWR | O_LARGEFILE), "F_GETFL: O_RDWR|O_LARGEFILE (%lo)",
	      FCNTL(0, F_GETFL, 0));
	CHECK(FCNTL(0, F_SETFL, O_APPEND | O_NONBLOCK | O_TRUNC) == 0 &&
	      FCNTL(0, F_GETFL, 0) == (O_RDWR | O_LARGEFILE | O_APPEND | O_NONBLOCK),
	      "F_SETFL changes O_APPEND|O_NONBLOCK only");
	CHECK(FCNTL(0, F_SETLK, 0) == -ENOLCK && FCNTL(0, F_GETLK, 0) == -ENOLCK, "record locks: -ENOLCK");
	CHECK(FCNTL(0, 9999, 0) == -EINVAL && FCNTL(55, F_GETFD, 0) == -EBADF, "bad command -EINVAL, bad fd -EBADF");
	n = SWRITE(0, "ab", 2);
	CHECK(n == 2 && LSEEK(1, 0, SEEK_CUR) == 2, "dup'd descriptors share the file position");
	FCNTL(0, F_SETFL, 0);

	/* fork's copy: the same files, its own table */
	{
		struct files_struct *mine = host_task.files, *copy = dup_fd(mine);

		CHECK(copy && copy->fd[0] == mine->fd[0] && (copy->close_on_exec[0] >> 6 & 1),
		      "dup_fd: the same files and close-on-exec bits");
		host_task.files = copy;
		CLOSE(0);
		host_task.files = mine;
		CHECK(FCNTL(0, F_GETFD, 0) == 0, "closing in the copy leaves the original open");
		put_files_struct(copy);
	}

	/* growth and -EMFILE at RLIMIT_NOFILE (1024 without limits) */
	opened = 0;
	for (i = 0; i < NR_OPEN_DEFAULT; i++) {
		fds[i] = OPEN("/t", O_RDONLY, 0);
		if (fds[i] < 0)
			break;
		opened++;
	}
	CHECK(fds[opened] == -EMFILE && opened == NR_OPEN_DEFAULT - 6,
	      "the table grows to 1024 descriptors, then -EMFILE (%d opened, %ld)", opened, fds[opened]);
	CHECK(host_task.files->max_fds >= NR_OPEN_DEFAULT, "max_fds grew to %u", host_task.files->max_fds);
	for (i = 0; i < opened; i++)
		CLOSE(fds[i]);
	fd = OPEN("/t", O_RDONLY, 0);
	CHECK(fd == 3, "after closing them the lowest free is 3 again (%ld)", fd);
	CLOSE(fd);

	/* close-on-exec */
	do_close_on_exec(host_task.files);
	CHECK(FCNTL(6, F_GETFD, 0) == -EBADF && FCNTL(5, F_GETFD, 0) == 0 && FCNTL(2, F_GETFD, 0) == -EBADF,
	      "do_close_on_exec closed 2 and 6, kept 5");
	for (i = 0; i < 16; i++)
		CLOSE(i);
}

static void test_read_write(void)
{
	char buf[64];
	struct iovec iov[3];
	long fd = OPEN("/rw", O_CREAT | O_RDWR | O_TRUNC, 0644), n;

	CHECK(fd == 0, "open /rw");
	CHECK(SWRITE(fd, "hello world", 11) == 11 && LSEEK(fd, 0, SEEK_CUR) == 11, "write moves the position");
	CHECK(LSEEK(fd, -1, SEEK_SET) == -EINVAL && LSEEK(fd, 0, 7) == -EINVAL, "lseek: negative and bad whence -EINVAL");
	CHECK(LSEEK(fd, 0, SEEK_SET) == 0 && SREAD(fd, buf, sizeof(buf)) == 11 && !memcmp(buf, "hello world", 11),
	      "read it back");
	CHECK(SREAD(fd, buf, sizeof(buf)) == 0, "read at the end: 0");
	CHECK(SYS(pread64, A(fd), A(buf), 5, 6, 0, 0) == 5 && !memcmp(buf, "world", 5) &&
	      LSEEK(fd, 0, SEEK_CUR) == 11, "pread64 at 6 leaves the position");
	CHECK(SYS(pwrite64, A(fd), A("W"), 1, 6, 0, 0) == 1 && SYS(pread64, A(fd), A(buf), 1, 6, 0, 0) == 1 &&
	      buf[0] == 'W', "pwrite64 at 6");
	CHECK(SYS(pread64, A(fd), A(buf), 1, A(-1L), 0, 0) == -EINVAL, "pread64 at -1: -EINVAL");
	iov[0] = (struct iovec){ (void *)"ab", 2 };
	iov[1] = (struct iovec){ (void *)"", 0 };
	iov[2] = (struct iovec){ (void *)"cde", 3 };
	LSEEK(fd, 0, SEEK_SET);
	CHECK(SYS(writev, A(fd), A(iov), 3, 0, 0, 0) == 5, "writev of 2 + 0 + 3 bytes");
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ buf + 10, 3 };
	iov[2] = (struct iovec){ buf + 20, 100 };
	LSEEK(fd, 0, SEEK_SET);
	n = SYS(readv, A(fd), A(iov), 3, 0, 0, 0);
	CHECK(n == 11 && buf[0] == 'a' && !memcmp(buf + 10, "bcd", 3) && !memcmp(buf + 20, "e World", 7),
	      "readv scatters 1 + 3 + 7 bytes (%ld)", n);
	CHECK(SYS(readv, A(fd), A(iov), UIO_MAXIOV + 1, 0, 0, 0) == -EINVAL, "readv of too many segments: -EINVAL");

	/* faults */
	bad_range(true);
	LSEEK(fd, 0, SEEK_SET);
	n = SREAD(fd, BAD_HALF - 4, 11);
	CHECK(n == 4 && !memcmp(BAD_HALF - 4, "abcd", 4), "a read into a buffer that faults after 4 bytes: 4 (%ld)", n);
	CHECK(SREAD(fd, BAD_HALF, 5) == -EFAULT, "a read into a faulting buffer: -EFAULT");
	LSEEK(fd, 0, SEEK_END);
	CHECK(SWRITE(fd, BAD_HALF, 5) == -EFAULT, "a write from a faulting buffer: -EFAULT");
	memcpy(BAD_HALF - 3, "xyz", 3);
	CHECK(SWRITE(fd, BAD_HALF - 3, 10) == 3 && LSEEK(fd, 0, SEEK_END) == 14, "a write that faults after 3 bytes: 3");
	CHECK(SYS(readv, A(fd), A(BAD_HALF), 1, 0, 0, 0) == -EFAULT, "readv of a faulting iovec array: -EFAULT");
	CHECK(OPEN(BAD_HALF, O_RDONLY, 0) == -EFAULT, "open of a faulting name: -EFAULT");
	bad_range(false);
	CLOSE(fd);

	fd = OPEN("/rw", O_WRONLY | O_APPEND, 0);
	CHECK(SREAD(fd, buf, 1) == -EBADF, "read of a write-only file: -EBADF");
	CHECK(SYS(pwrite64, A(fd), A("!"), 1, 0, 0, 0) == 1 && LSEEK(fd, 0, SEEK_END) == 15,
	      "O_APPEND: even pwrite64 at 0 appends (Linux's rule)");
	CLOSE(fd);
	fd = OPEN("/", O_RDONLY | O_DIRECTORY, 0);
	CHECK(SREAD(fd, buf, 1) == -EISDIR, "read of a directory: -EISDIR");
	CLOSE(fd);
	CHECK(SREAD(42, buf, 1) == -EBADF && SWRITE(42, buf, 1) == -EBADF, "a closed descriptor: -EBADF");

	fd = OPEN("/rw", O_RDWR, 0);
	CHECK(SYS(ftruncate, A(fd), 4, 0, 0, 0, 0) == 0 && LSEEK(fd, 0, SEEK_END) == 4, "ftruncate to 4");
	CHECK(SYS(ftruncate, A(fd), A(-1L), 0, 0, 0, 0) == -EINVAL, "ftruncate to -1: -EINVAL");
	CHECK(SYS(truncate, A("/rw"), 2, 0, 0, 0, 0) == 0 && LSEEK(fd, 0, SEEK_END) == 2, "truncate to 2");
	CHECK(SYS(fallocate, A(fd), 0, 0, 10, 0, 0) == -EOPNOTSUPP, "fallocate: -EOPNOTSUPP");
	CHECK(SYS(fsync, A(fd), 0, 0, 0, 0, 0) == 0, "fsync of a tmpfs file");
	{
		long out = OPEN("/sf", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		loff_t off = 1;

		CHECK(SYS(sendfile, A(out), A(fd), A(&off), 10, 0, 0) == 1 && off == 2,
		      "sendfile from offset 1 of a 2-byte file: 1 byte, offset 2");
		CLOSE(out);
	}
	CLOSE(fd);
}

static void test_stat(void)
{
	struct stat st;
	struct statx sx;
	long fd;

	CHECK(sizeof(struct stat) == 128 && sizeof(struct statx) == 256 && sizeof(struct statfs) == 120,
	      "stat 128, statx 256, statfs 120 bytes");
	write_file("/st", "12345");
	SYS(symlinkat, A("st"), A(AT_FDCWD), A("/st-link"), 0, 0, 0);
	fd = OPEN("/st", O_RDONLY, 0);
	CHECK(SYS(fstat, A(fd), A(&st), 0, 0, 0, 0) == 0 && st.st_size == 5 && S_ISREG(st.st_mode) &&
	      st.st_nlink == 1 && (st.st_mode & 0777) == 0644, "fstat: a 5-byte 0644 file");
	CHECK(SYS(newfstatat, A(AT_FDCWD), A("/st-link"), A(&st), 0, 0, 0) == 0 && S_ISREG(st.st_mode),
	      "newfstatat follows the symlink");
	CHECK(SYS(newfstatat, A(AT_FDCWD), A("/st-link"), A(&st), A(AT_SYMLINK_NOFOLLOW), 0, 0) == 0 &&
	      S_ISLNK(st.st_mode) && st.st_size == 2, "AT_SYMLINK_NOFOLLOW: the link itself");
	CHECK(SYS(newfstatat, A(fd), A(""), A(&st), A(AT_EMPTY_PATH), 0, 0) == 0 && st.st_size == 5,
	      "AT_EMPTY_PATH: the descriptor's file");
	CHECK(SYS(newfstatat, A(fd), A(""), A(&st), 0, 0, 0) == -ENOENT, "\"\" without AT_EMPTY_PATH: -ENOENT");
	CHECK(SYS(newfstatat, A(AT_FDCWD), A("/st"), A(&st), 0x1, 0, 0) == -EINVAL, "bad flags: -EINVAL");
	bad_range(true);
	CHECK(SYS(fstat, A(fd), A(BAD_HALF), 0, 0, 0, 0) == -EFAULT, "fstat into a faulting buffer: -EFAULT");
	bad_range(false);
	memset(&sx, 0xff, sizeof(sx));
	CHECK(SYS(statx, A(AT_FDCWD), A("/st"), 0, A(STATX_BASIC_STATS), A(&sx), 0) == 0 &&
	      sx.stx_mask == STATX_BASIC_STATS && sx.stx_size == 5 && S_ISREG(sx.stx_mode) &&
	      sx.__spare3[0] == 0, "statx: the basic fields, the spare ones zero");
	CHECK(SYS(statx, A(AT_FDCWD), A("/st"), 0, A(STATX__RESERVED), A(&sx), 0) == -EINVAL,
	      "statx with STATX__RESERVED: -EINVAL");
	CLOSE(fd);
}

/* The names getdents64 gives for @fd with @count-byte calls, joined by ' ' into @out. Records or -Exxx. */
static long list_dir(long fd, size_t count, char *out, size_t outlen)
{
	static char buf[4096] __attribute__((aligned(8)));
	long n, total = 0, off;

	out[0] = 0;
	while ((n = SYS(getdents64, A(fd), A(buf), A(count), 0, 0, 0)) > 0) {
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
				strncat(out, d->d_name, outlen - strlen(out) - 2);
				strcat(out, " ");
			}
			off += d->d_reclen;
			total++;
		}
	}
	return n < 0 ? n : total;
}

static void test_getdents(void)
{
	char names[256];
	long fd, n;
	static char buf[64] __attribute__((aligned(8)));

	SYS(mkdirat, A(AT_FDCWD), A("/ls"), 0755, 0, 0, 0);
	write_file("/ls/a", "");
	write_file("/ls/bb", "");
	write_file("/ls/ccc", "");
	fd = OPEN("/ls", O_RDONLY | O_DIRECTORY, 0);
	n = list_dir(fd, 4096, names, sizeof(names));
	CHECK(n == 5 && strstr(names, "a ") && strstr(names, "bb ") && strstr(names, "ccc "),
	      "getdents64: ., .., a, bb, ccc (%ld: %s)", n, names);
	LSEEK(fd, 0, SEEK_SET);
	CHECK(SYS(getdents64, A(fd), A(buf), 20, 0, 0, 0) == -EINVAL, "a 20-byte buffer holds no record: -EINVAL");
	n = list_dir(fd, 24, names, sizeof(names));
	CHECK(n == 5, "24-byte calls: one record each, all 5 in turn (%ld)", n);
	LSEEK(fd, 0, SEEK_SET);
	n = SYS(getdents64, A(fd), A(buf), sizeof(buf), 0, 0, 0);
	{
		struct linux_dirent64 *d = (struct linux_dirent64 *)buf;

		CHECK(n > 0 && d->d_reclen == 24 && d->d_type == DT_DIR && !strcmp(d->d_name, ".") &&
		      d->d_off > 0, "the first record: \".\", 24 bytes, DT_DIR, d_off set");
		LSEEK(fd, d->d_off, SEEK_SET);
		n = list_dir(fd, 4096, names, sizeof(names));
		CHECK(n == 4, "lseek to its d_off resumes after it (%ld)", n);
	}
	CLOSE(fd);
	fd = OPEN("/ls/a", O_RDONLY, 0);
	CHECK(SYS(getdents64, A(fd), A(buf), sizeof(buf), 0, 0, 0) == -ENOTDIR, "getdents64 of a file: -ENOTDIR");
	CLOSE(fd);
}

static void test_cwd_dirfd(void)
{
	char buf[64];
	struct stat st;
	long dfd, fd, n;

	CHECK(SYS(mkdirat, A(AT_FDCWD), A("/d"), 0755, 0, 0, 0) == 0, "mkdirat /d");
	CHECK(SYS(chdir, A("/d"), 0, 0, 0, 0, 0) == 0, "chdir /d");
	CHECK(write_file("f", "rel") == 3 && SYS(newfstatat, A(AT_FDCWD), A("/d/f"), A(&st), 0, 0, 0) == 0,
	      "a relative open creates /d/f");
	n = SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0);
	CHECK(n == 3 && !strcmp(buf, "/d"), "getcwd: \"/d\", 3 with the NUL (%ld)", n);
	CHECK(SYS(getcwd, A(buf), 3, 0, 0, 0, 0) == 3 && SYS(getcwd, A(buf), 2, 0, 0, 0, 0) == -ERANGE,
	      "getcwd with 3 bytes fits, with 2: -ERANGE");
	CHECK(SYS(chdir, A("f"), 0, 0, 0, 0, 0) == -ENOTDIR && SYS(chdir, A("nope"), 0, 0, 0, 0, 0) == -ENOENT,
	      "chdir to a file -ENOTDIR, to nothing -ENOENT");
	CHECK(SYS(mkdirat, A(AT_FDCWD), A("sub"), 0755, 0, 0, 0) == 0 && SYS(chdir, A("sub/.."), 0, 0, 0, 0, 0) == 0 &&
	      SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0) == 3, "mkdir sub; chdir sub/..: still /d");
	SYS(chdir, A("/"), 0, 0, 0, 0, 0);
	dfd = OPEN("/d", O_RDONLY | O_DIRECTORY, 0);
	fd = OPENAT(dfd, "f", O_RDONLY, 0);
	CHECK(fd >= 0 && SREAD(fd, buf, 3) == 3 && !memcmp(buf, "rel", 3), "openat(dirfd of /d, \"f\")");
	CHECK(OPENAT(fd, "x", O_RDONLY, 0) == -ENOTDIR, "a file as dirfd: -ENOTDIR");
	CHECK(OPENAT(99, "x", O_RDONLY, 0) == -EBADF, "a closed dirfd: -EBADF");
	CHECK(OPENAT(99, "/d/f", O_RDONLY, 0) >= 0, "an absolute name ignores the dirfd");
	CLOSE(fd);
	CHECK(SYS(fchdir, A(dfd), 0, 0, 0, 0, 0) == 0 && SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0) == 3,
	      "fchdir to /d");
	CHECK(SYS(mount, A("none"), A("sub"), A("tmpfs"), 0, 0, 0) == 0, "mount tmpfs on /d/sub (relative)");
	CHECK(SYS(chdir, A("sub"), 0, 0, 0, 0, 0) == 0 && SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0) == 7 &&
	      !strcmp(buf, "/d/sub"), "getcwd inside a mount: /d/sub");
	CHECK(SYS(chdir, A(".."), 0, 0, 0, 0, 0) == 0 && SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0) == 3,
	      "\"..\" from a mount's root goes up across it");
	CHECK(SYS(umount2, A("/d/sub"), 2 /* MNT_DETACH */, 0, 0, 0, 0) == -EINVAL,
	      "umount2 MNT_DETACH: -EINVAL");
	CHECK(SYS(umount2, A("/d/sub"), 0, 0, 0, 0, 0) == 0, "umount2 /d/sub");

	/* chroot */
	host_fsuid = 1000;
	CHECK(SYS(chroot, A("/d"), 0, 0, 0, 0, 0) == -EPERM, "chroot as uid 1000: -EPERM");
	host_fsuid = 0;
	CHECK(SYS(chroot, A("/d"), 0, 0, 0, 0, 0) == 0, "chroot /d");
	fd = OPEN("/f", O_RDONLY, 0);
	CHECK(fd >= 0 && SREAD(fd, buf, 3) == 3, "\"/f\" is /d/f now");
	CLOSE(fd);
	CHECK(SYS(chdir, A("/../.."), 0, 0, 0, 0, 0) == 0 && SYS(getcwd, A(buf), sizeof(buf), 0, 0, 0, 0) == 2 &&
	      !strcmp(buf, "/"), "\"..\" stops at the new root; getcwd \"/\"");
	{
		struct path root;

		get_fs_root(&root);	/* back to the namespace's root for the other tests */
		set_fs_root(host_task.fs, &root);
		set_fs_pwd(host_task.fs, &root);
		path_put(&root);
	}
	CLOSE(dfd);

	/* umask */
	CHECK(SYS(umask, 077, 0, 0, 0, 0, 0) == 022, "umask(077) returns the old 022");
	fd = OPEN("/um", O_CREAT | O_WRONLY, 0666);
	CHECK(SYS(fstat, A(fd), A(&st), 0, 0, 0, 0) == 0 && (st.st_mode & 0777) == 0600, "a new file gets 0666 & ~077");
	CLOSE(fd);
	CHECK(SYS(mkdirat, A(AT_FDCWD), A("/umd"), 0777, 0, 0, 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/umd"), A(&st), 0, 0, 0) == 0 && (st.st_mode & 0777) == 0700,
	      "and mkdirat 0777 & ~077");
	SYS(umask, 022, 0, 0, 0, 0, 0);
}

static void test_namespace_calls(void)
{
	char buf[64], longname[300];
	struct stat st;
	struct { long long tv_sec, tv_nsec; } ts[2];	/* __kernel_timespec (uapi/time.h clashes with libc) */
	long fd;

	write_file("/n1", "one");
	write_file("/n2", "two");
	CHECK(SYS(renameat2, A(AT_FDCWD), A("/n1"), A(AT_FDCWD), A("/n2"), 1, 0) == -EEXIST,
	      "renameat2 RENAME_NOREPLACE over a file: -EEXIST");
	CHECK(SYS(renameat2, A(AT_FDCWD), A("/n1"), A(AT_FDCWD), A("/n2"), 2, 0) == -EINVAL,
	      "RENAME_EXCHANGE: -EINVAL");
	CHECK(SYS(renameat2, A(AT_FDCWD), A("/n1"), A(AT_FDCWD), A("/n3"), 1, 0) == 0, "NOREPLACE to a free name");
	CHECK(SYS(renameat2, A(AT_FDCWD), A("/n3"), A(AT_FDCWD), A("/n2"), 0, 0) == 0, "plain rename replaces");
	CHECK(SYS(renameat2, A(AT_FDCWD), A("/n2"), A(AT_FDCWD), A("/tmpm/x"), 0, 0) == -EXDEV,
	      "rename across mounts: -EXDEV");
	CHECK(SYS(linkat, A(AT_FDCWD), A("/n2"), A(AT_FDCWD), A("/n4"), 0, 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/n4"), A(&st), 0, 0, 0) == 0 && st.st_nlink == 2, "linkat: 2 links");
	CHECK(SYS(linkat, A(AT_FDCWD), A("/n2"), A(AT_FDCWD), A("/n5"), 0x1, 0) == -EINVAL, "linkat bad flags");
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/n4"), 0, 0, 0, 0) == 0, "unlinkat");
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/d"), 0, 0, 0, 0) == -EISDIR, "unlinkat of a directory: -EISDIR");
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/d"), A(AT_REMOVEDIR), 0, 0, 0) == -ENOTEMPTY,
	      "AT_REMOVEDIR of a full directory: -ENOTEMPTY");
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/d/sub"), A(AT_REMOVEDIR), 0, 0, 0) == 0, "AT_REMOVEDIR");
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/n2"), 0x1, 0, 0, 0) == -EINVAL, "unlinkat bad flags");
	CHECK(SYS(symlinkat, A("/n2"), A(AT_FDCWD), A("/sl"), 0, 0, 0) == 0, "symlinkat /sl -> /n2");
	CHECK(SYS(readlinkat, A(AT_FDCWD), A("/sl"), A(buf), sizeof(buf), 0, 0) == 3 && !memcmp(buf, "/n2", 3),
	      "readlinkat: 3 bytes");
	CHECK(SYS(readlinkat, A(AT_FDCWD), A("/sl"), A(buf), 2, 0, 0) == 2, "readlinkat truncates to bufsiz");
	CHECK(SYS(readlinkat, A(AT_FDCWD), A("/n2"), A(buf), 8, 0, 0) == -EINVAL, "readlinkat of a file: -EINVAL");
	CHECK(SYS(readlinkat, A(AT_FDCWD), A("/sl"), A(buf), 0, 0, 0) == -EINVAL, "readlinkat bufsiz 0: -EINVAL");
	CHECK(SYS(mknodat, A(AT_FDCWD), A("/node"), A(S_IFREG | 0600), 0, 0, 0) == 0, "mknodat S_IFREG");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = 0;
	CHECK(OPEN(longname, O_CREAT | O_RDWR, 0644) == -ENAMETOOLONG, "a 298-byte component: -ENAMETOOLONG");

	/* chmod, chown, access as another user */
	CHECK(SYS(fchmodat, A(AT_FDCWD), A("/n2"), 0600, 0, 0, 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/n2"), A(&st), 0, 0, 0) == 0 && (st.st_mode & 07777) == 0600,
	      "fchmodat 0600");
	CHECK(SYS(faccessat2, A(AT_FDCWD), A("/n2"), 4 | 2, 0, 0, 0) == 0, "root may read and write it");
	CHECK(SYS(faccessat2, A(AT_FDCWD), A("/n2"), 1, 0, 0, 0) == -EACCES, "root may not execute a file with no x bit");
	host_task.cred.uid = 1000;	/* real uid 1000, fsuid still 0 */
	CHECK(SYS(faccessat2, A(AT_FDCWD), A("/n2"), 4, 0, 0, 0) == -EACCES,
	      "faccessat checks the real uid 1000: -EACCES");
	CHECK(SYS(faccessat2, A(AT_FDCWD), A("/n2"), 4, A(AT_EACCESS), 0, 0) == 0, "AT_EACCESS checks fsuid 0: 0");
	CHECK(host_fsuid == 0, "faccessat put the fsuid back");
	host_task.cred.uid = 0;
	CHECK(SYS(faccessat2, A(AT_FDCWD), A("/n2"), 8, 0, 0, 0) == -EINVAL, "faccessat bad mode: -EINVAL");
	CHECK(SYS(fchownat, A(AT_FDCWD), A("/n2"), 1000, 100, 0, 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/n2"), A(&st), 0, 0, 0) == 0 && st.st_uid == 1000 && st.st_gid == 100,
	      "fchownat to 1000:100");
	CHECK(SYS(fchownat, A(AT_FDCWD), A("/sl"), 5, A(-1), A(AT_SYMLINK_NOFOLLOW), 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/sl"), A(&st), A(AT_SYMLINK_NOFOLLOW), 0, 0) == 0 && st.st_uid == 5 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/n2"), A(&st), 0, 0, 0) == 0 && st.st_uid == 1000,
	      "AT_SYMLINK_NOFOLLOW chowns the link, not the target");
	host_fsuid = 1000;
	host_fsgid = 100;
	host_task.cred.groups[0] = 200;
	host_task.cred.ngroups = 1;
	CHECK(SYS(fchownat, A(AT_FDCWD), A("/n2"), A(-1), 200, 0, 0) == 0, "the owner may chgrp to a supplementary group");
	CHECK(SYS(fchownat, A(AT_FDCWD), A("/n2"), A(-1), 300, 0, 0) == -EPERM, "but not to another: -EPERM");
	CHECK(SYS(fchownat, A(AT_FDCWD), A("/n2"), 0, A(-1), 0, 0) == -EPERM, "nor give the file away");
	host_task.cred.ngroups = 0;
	ts[0].tv_sec = 1000;
	ts[0].tv_nsec = 5;
	ts[1].tv_sec = 2000;
	ts[1].tv_nsec = 0;
	CHECK(SYS(utimensat, A(AT_FDCWD), A("/n2"), A(ts), 0, 0, 0) == 0, "the owner sets explicit times");
	host_fsuid = 0;
	host_fsgid = 0;
	CHECK(SYS(newfstatat, A(AT_FDCWD), A("/n2"), A(&st), 0, 0, 0) == 0 && st.st_atime == 1000 &&
	      st.st_atime_nsec == 5 && st.st_mtime == 2000, "atime 1000.000000005, mtime 2000");
	ts[0].tv_nsec = (1L << 30) - 2;	/* UTIME_OMIT */
	ts[1].tv_nsec = (1L << 30) - 1;	/* UTIME_NOW */
	CHECK(SYS(utimensat, A(AT_FDCWD), A("/n2"), A(ts), 0, 0, 0) == 0 &&
	      SYS(newfstatat, A(AT_FDCWD), A("/n2"), A(&st), 0, 0, 0) == 0 && st.st_atime == 1000 &&
	      st.st_mtime != 2000, "UTIME_OMIT keeps atime, UTIME_NOW moves mtime");
	ts[0].tv_nsec = 1000000000;
	CHECK(SYS(utimensat, A(AT_FDCWD), A("/n2"), A(ts), 0, 0, 0) == -EINVAL, "a nanosecond count of 1e9: -EINVAL");
	fd = OPEN("/n2", O_RDONLY, 0);
	CHECK(SYS(utimensat, A(fd), 0, 0, 0, 0, 0) == 0, "utimensat(fd, NULL, NULL): futimens, both now");
	CHECK(SYS(utimensat, A(fd), 0, 0, A(AT_SYMLINK_NOFOLLOW), 0, 0) == -EINVAL,
	      "futimens with AT_SYMLINK_NOFOLLOW: -EINVAL");

	/* ioctl */
	{
		int avail = -1, on = 1;

		LSEEK(fd, 1, SEEK_SET);
		CHECK(SYS(ioctl, A(fd), A(FIONREAD), A(&avail), 0, 0, 0) == 0 && avail == 2, "FIONREAD: 2 bytes left");
		CHECK(SYS(ioctl, A(fd), A(FIOCLEX), 0, 0, 0, 0) == 0 && FCNTL(fd, F_GETFD, 0) == 1, "FIOCLEX");
		CHECK(SYS(ioctl, A(fd), A(FIONCLEX), 0, 0, 0, 0) == 0 && FCNTL(fd, F_GETFD, 0) == 0, "FIONCLEX");
		CHECK(SYS(ioctl, A(fd), A(FIONBIO), A(&on), 0, 0, 0) == 0 && (FCNTL(fd, F_GETFL, 0) & O_NONBLOCK),
		      "FIONBIO sets O_NONBLOCK");
		CHECK(SYS(ioctl, A(fd), 0x5401, 0, 0, 0, 0) == -ENOTTY, "TCGETS on a file: -ENOTTY");
		CHECK(SYS(ioctl, 77, A(FIOCLEX), 0, 0, 0, 0) == -EBADF, "ioctl of a closed descriptor: -EBADF");
	}
	CLOSE(fd);
}

static void test_o_path_statfs(void)
{
	struct statfs sfs;
	struct stat st;
	char c;
	long fd = OPEN("/d", O_PATH | O_DIRECTORY, 0), f2;

	CHECK(fd >= 0 && FCNTL(fd, F_GETFL, 0) == (O_PATH | O_DIRECTORY), "O_PATH open of /d (F_GETFL %lx)",
	      FCNTL(fd, F_GETFL, 0));
	CHECK(SREAD(fd, &c, 1) == -EBADF && SYS(ioctl, A(fd), A(FIOCLEX), 0, 0, 0, 0) == -EBADF,
	      "read and ioctl of an O_PATH descriptor: -EBADF");
	CHECK(SYS(fstat, A(fd), A(&st), 0, 0, 0, 0) == 0 && S_ISDIR(st.st_mode), "fstat of it works");
	f2 = OPENAT(fd, "f", O_RDONLY, 0);
	CHECK(f2 >= 0, "it works as a dirfd");
	CLOSE(f2);
	CLOSE(fd);
	fd = OPEN("/sl", O_PATH | O_NOFOLLOW, 0);
	CHECK(fd >= 0 && SYS(newfstatat, A(fd), A(""), A(&st), A(AT_EMPTY_PATH), 0, 0) == 0 && S_ISLNK(st.st_mode),
	      "O_PATH|O_NOFOLLOW of a symlink: the link itself");
	CHECK(SYS(readlinkat, A(fd), A(""), A(&c), 1, 0, 0) == 1 && c == '/', "readlinkat(fd, \"\") reads it");
	CLOSE(fd);
	CHECK(OPEN("/sl", O_RDONLY | O_NOFOLLOW, 0) == -ELOOP, "O_NOFOLLOW without O_PATH: -ELOOP");

	CHECK(SYS(statfs, A("/"), A(&sfs), 0, 0, 0, 0) == 0 && sfs.f_type == 0x01021994 && sfs.f_bsize == 4096 &&
	      sfs.f_namelen == 255, "statfs /: tmpfs's magic, 4 KiB blocks (%lx)", sfs.f_type);
	fd = OPEN("/", O_RDONLY, 0);
	CHECK(SYS(fstatfs, A(fd), A(&sfs), 0, 0, 0, 0) == 0 && sfs.f_type == 0x01021994, "fstatfs");
	CLOSE(fd);
	CHECK(SYS(statfs, A("/nothing"), A(&sfs), 0, 0, 0, 0) == -ENOENT, "statfs of nothing: -ENOENT");
}

/* An empty ext2 image, mounted with the syscalls; the calls on it. */
static void test_ext2(const char *dir)
{
	char img[448], cmd[1200], buf[64], names[256];
	struct host_disk *disk;
	struct statfs sfs;
	long fd, n;

	snprintf(img, sizeof(img), "%s/fsys-ext2.img", dir);
	snprintf(cmd, sizeof(cmd), "rm -f %s && PATH=$PATH:/sbin:/usr/sbin mke2fs -q -F -t ext2 -b 1024 %s 4096 >/dev/null 2>&1",
		 img, img);
	if (system(cmd)) {
		CHECK(0, "mke2fs made %s", img);
		return;
	}
	disk = host_disk_open(img, "vdf");
	CHECK(disk != NULL, "the image as disk vdf");
	if (!disk)
		return;
	CHECK(SYS(mount, A("devtmpfs"), A("/dv"), A("devtmpfs"), 0, 0, 0) == 0, "mount(2) devtmpfs on /dv");
	fd = OPEN("/dv/vdf", O_RDONLY, 0);
	{
		u64 bytes = 0;
		struct stat st;

		CHECK(fd >= 0 && SYS(fstat, A(fd), A(&st), 0, 0, 0, 0) == 0 && S_ISBLK(st.st_mode) &&
		      st.st_rdev == new_encode_dev(disk->disk->part0.bdev.bd_dev),
		      "/dv/vdf is the disk's block device node");
		CHECK(SYS(ioctl, A(fd), A(BLKGETSIZE64), A(&bytes), 0, 0, 0) == 0 && bytes == 4096 * 1024,
		      "BLKGETSIZE64: 4 MiB (%llu)", (unsigned long long)bytes);
	}
	CLOSE(fd);
	CHECK(SYS(umount2, A("/dv"), 0, 0, 0, 0, 0) == 0, "umount2 /dv");
	SYS(mkdirat, A(AT_FDCWD), A("/e"), 0755, 0, 0, 0);
	host_fsuid = 1000;
	CHECK(SYS(mount, A("vdf"), A("/e"), A("ext2"), 0, 0, 0) == -EPERM, "mount as uid 1000: -EPERM");
	host_fsuid = 0;
	CHECK(SYS(mount, A("vdf"), A("/e"), A("nosuchfs"), 0, 0, 0) == -ENODEV, "an unknown type: -ENODEV");
	CHECK(SYS(mount, A("vdf"), A("/e"), A("ext2"), 1 /* MS_RDONLY */, 0, 0) == 0, "mount ext2 read-only");
	CHECK(OPEN("/e/x", O_CREAT | O_WRONLY, 0644) == -EROFS, "creating on it: -EROFS");
	CHECK(SYS(mount, 0, A("/e"), 0, 32 /* MS_REMOUNT */, 0, 0) == 0, "remount read-write");
	fd = OPEN("/e/x", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0 && SWRITE(fd, "ext2 data", 9) == 9, "create and write /e/x");
	CHECK(SYS(fsync, A(fd), 0, 0, 0, 0, 0) == 0, "fsync on ext2");
	CHECK(LSEEK(fd, 5, SEEK_SET) == 5 && SREAD(fd, buf, 10) == 4 && !memcmp(buf, "data", 4), "read back");
	bad_range(true);
	LSEEK(fd, 0, SEEK_SET);
	n = SREAD(fd, BAD_HALF - 2, 9);
	CHECK(n == 2, "a short read at a fault on ext2: 2 (%ld)", n);
	bad_range(false);
	CLOSE(fd);
	CHECK(SYS(mkdirat, A(AT_FDCWD), A("/e/dir"), 0755, 0, 0, 0) == 0 &&
	      SYS(renameat2, A(AT_FDCWD), A("/e/x"), A(AT_FDCWD), A("/e/dir/y"), 0, 0) == 0, "mkdir and rename on ext2");
	fd = OPEN("/e/dir", O_RDONLY | O_DIRECTORY, 0);
	n = list_dir(fd, 64, names, sizeof(names));
	CHECK(n == 3 && !strcmp(names, "y "), "getdents64 on ext2 in 64-byte calls: ., .., y (%ld: %s)", n, names);
	CHECK(SYS(fstatfs, A(fd), A(&sfs), 0, 0, 0, 0) == 0 && sfs.f_type == 0xEF53 && sfs.f_bsize == 1024,
	      "fstatfs: ext2's magic, 1 KiB blocks");
	CHECK(SYS(umount2, A("/e"), 0, 0, 0, 0, 0) == -EBUSY, "umount2 with a file open: -EBUSY");
	CLOSE(fd);
	CHECK(SYS(unlinkat, A(AT_FDCWD), A("/e/dir/y"), 0, 0, 0, 0) == 0 &&
	      SYS(unlinkat, A(AT_FDCWD), A("/e/dir"), A(AT_REMOVEDIR), 0, 0, 0) == 0, "unlink and rmdir on ext2");
	CHECK(SYS(umount2, A("/e"), 0, 0, 0, 0, 0) == 0, "umount2 /e");
	host_disk_close(disk);
	snprintf(cmd, sizeof(cmd), "PATH=$PATH:/sbin:/usr/sbin e2fsck -fn %s >/dev/null 2>&1", img);
	CHECK(system(cmd) == 0, "e2fsck -fn finds the image clean");
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	char dir[400];	/* fits test_ext2's img[] with the file name */

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	fs_env_init();
	{
		/* the wall clock an RTC would set: e2fsck reads small deletion times as orphan links */
		struct timespec64 now = { .tv_sec = time(NULL) };

		do_settimeofday64(&now);
	}
	dcache_init();
	inode_init();
	files_init();
	CHECK(shmem_init() == 0 && init_mount_tree() == 0, "tmpfs registered and mounted as the rootfs");
	CHECK(init_ext2_fs() == 0, "register_filesystem(ext2)");
	set_init_fs_root();
	host_task.files = &init_files;
	host_task.fs = &init_fs;
	SYS(mkdirat, A(AT_FDCWD), A("/tmpm"), 0755, 0, 0, 0);
	CHECK(SYS(mount, A("tmpfs"), A("/tmpm"), A("tmpfs"), 0, 0, 0) == 0, "mount(2) a tmpfs on /tmpm");
	test_fd_table();
	test_read_write();
	test_stat();
	test_getdents();
	test_cwd_dirfd();
	test_namespace_calls();
	test_o_path_statfs();
	test_ext2(dir);
	return test_exit();
}
