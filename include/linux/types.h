/* Basic fixed-width types shared by the kernel and the host tests. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint32_t __be32;
typedef uint64_t __be64;

typedef unsigned long phys_addr_t;
typedef u64 sector_t;		/* 512-byte units, whatever the block size */
typedef long ssize_t;

/* File-system types, the same widths as the riscv64 C library's (host tests include both). */
typedef long loff_t;		/* file offsets, bytes */
typedef unsigned long pgoff_t;	/* file offsets, pages */
typedef unsigned short umode_t;	/* S_IF* type and permission bits */
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned long dev_t;	/* MKDEV(major, minor) */
typedef unsigned long ino_t;
typedef long blkcnt_t;		/* 512-byte units */
typedef s64 time64_t;

typedef struct { int counter; } atomic_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

#endif
