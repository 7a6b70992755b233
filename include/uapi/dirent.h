/*
 * getdents64(2)'s records. Each is d_reclen bytes (8-byte aligned) and its
 * d_name is NUL-terminated; d_type is a DT_* value (linux/fs.h).
 */
#ifndef _UAPI_DIRENT_H
#define _UAPI_DIRENT_H

#include <linux/types.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* where the next record starts, for lseek */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];		/* offset 19 */
};

#endif
