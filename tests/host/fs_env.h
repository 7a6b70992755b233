/*
 * The host environment of the storage stack (fs_env.c): one fake task as
 * `current`, a schedule() that lets the "device" finish held requests, no
 * kernel threads, a jiffies clock the test moves, and disks that are image
 * files (a gendisk whose queue_rq does pread/pwrite at once, or holds the
 * completion, or fails it with -EIO), so the block layer above is real.
 * Link with HOST_FS_SRCS (tests/host/fs_sources.mk).
 */
#ifndef _FS_ENV_H
#define _FS_ENV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/genhd.h>
#include <linux/blkdev.h>
#include <linux/sched.h>

/*
 * Memory (the 128 MiB arena of slab_env_real.c: DMA32, Normal, HighMem),
 * the slab, the radix tree and bio caches, buffer_init(), the current
 * task, and the boot disk scan (so host_disk_open reads partition tables).
 * Call once, first.
 */
void fs_env_init(void);

/* A disk backed by an image file. Counters are the test's to read and reset. */
struct host_disk {
	struct gendisk *disk;
	int fd;
	/* what queue_rq saw */
	unsigned long nr_requests;	/* requests of any kind */
	unsigned long nr_bios;		/* bios in them (data bios only) */
	unsigned long nr_read_bios, nr_write_bios;
	unsigned long nr_flushes;	/* REQ_OP_FLUSH requests */
	unsigned long sectors_read, sectors_written;
	sector_t last_sector;		/* first sector of the last data request */
	/* hooks */
	int fail_next;			/* the next N data requests end with fail_error */
	int fail_error;			/* 0 means -EIO */
	unsigned long nr_failed;
	bool hold;			/* keep completions (host_disk_complete or a sleeper ends them) */
	struct list_head held;		/* held requests, oldest first */
	unsigned int nr_held;
	struct list_head list;		/* on the environment's list of disks */
};

/*
 * Opens @image (which must exist; its size, rounded down to 512 bytes, is
 * the capacity) as disk @name ("vda") with room for 15 partitions, major
 * 254, minors allotted in order, and add_disk()s it (reading its partition
 * table). A 512-byte logical block, Linux's default queue limits. NULL and
 * a message if the file cannot be opened.
 */
struct host_disk *host_disk_open(const char *image, const char *name);
/* Completes what is held, then drops the disk (its gendisk is freed). */
void host_disk_close(struct host_disk *d);
/* Ends up to @n held requests of @d, oldest first; returns how many it ended. */
unsigned int host_disk_complete(struct host_disk *d, unsigned int n);
/* Zeroes @d's counters. */
void host_disk_reset_counters(struct host_disk *d);
/* Ends every held request of every disk (what a sleeping task waits for). */
unsigned int host_run_pending(void);

/* ---- image files ---- */
/* The byte the pattern images hold at @off: distinct for each 512-byte sector and offset. */
u8 host_pattern_byte(loff_t off);
/* Creates @path of @bytes bytes holding host_pattern_byte(off) at each offset: 0 or -errno. */
int host_image_create(const char *path, size_t bytes);
/* Reads @len bytes at @off of @path into @buf: 0 or -errno (short reads are -EIO). */
int host_image_read(const char *path, loff_t off, void *buf, size_t len);
/* Writes them: 0 or -errno. */
int host_image_write(const char *path, loff_t off, const void *buf, size_t len);

/* ---- the fake task and its clock ---- */
extern struct task_struct host_task;	/* `current` */
extern unsigned long host_schedule_calls;
/* Moves jiffies (and ktime_get_ns) on by @ticks. */
void host_jiffies_advance(unsigned long ticks);

#endif
