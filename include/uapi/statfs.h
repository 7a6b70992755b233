/*
 * statfs(2) and fstatfs(2) as user space reads them on riscv64: the
 * generic 64-bit struct statfs (every count a long, 120 bytes).
 */
#ifndef _UAPI_STATFS_H
#define _UAPI_STATFS_H

#include <linux/types.h>

typedef struct {
	int val[2];
} __kernel_fsid_t;

struct statfs {
	long f_type;		/* the file system's magic number */
	long f_bsize;
	long f_blocks;		/* in f_frsize units, as the three below */
	long f_bfree;
	long f_bavail;		/* free for unprivileged users */
	long f_files;
	long f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;		/* ST_* mount flags */
	long f_spare[4];
};

#endif
