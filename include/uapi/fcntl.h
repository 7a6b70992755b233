/*
 * fcntl(2) commands and the *at() calls' directory and flag arguments (the
 * generic values riscv64 uses). The O_* open flags and SEEK_* are in
 * linux/fs.h, one definition each; test_abi checks them there.
 */
#ifndef _UAPI_FCNTL_H
#define _UAPI_FCNTL_H

#define F_DUPFD		0
#define F_GETFD		1	/* FD_CLOEXEC */
#define F_SETFD		2
#define F_GETFL		3	/* O_* status flags */
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_LINUX_SPECIFIC_BASE	1024
#define F_SETLEASE	(F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE	(F_LINUX_SPECIFIC_BASE + 1)
#define F_NOTIFY	(F_LINUX_SPECIFIC_BASE + 2)
#define F_DUPFD_CLOEXEC	(F_LINUX_SPECIFIC_BASE + 6)
#define F_SETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 8)
#define F_ADD_SEALS	(F_LINUX_SPECIFIC_BASE + 9)
#define F_GET_SEALS	(F_LINUX_SPECIFIC_BASE + 10)

#define FD_CLOEXEC	1	/* F_GETFD/F_SETFD: close on execve */

/* struct flock's l_type */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

/* The dirfd meaning "relative to the current directory". */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100	/* do not follow a final symlink */
#define AT_EACCESS		0x200	/* faccessat: effective ids */
#define AT_REMOVEDIR		0x200	/* unlinkat: rmdir instead */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat: follow */
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000	/* "" names dirfd itself */
#define AT_STATX_SYNC_TYPE	0x6000
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
#define AT_RECURSIVE		0x8000

#endif
