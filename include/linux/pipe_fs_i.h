/*
 * Pipes and FIFOs (fs/pipe.c): a ring of page buffers shared by the
 * reading and the writing files, Linux's struct pipe_inode_info with its
 * head/tail ring (Linux 5.5+) and split reader/writer queues (5.6+).
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/wait.h>

struct page;
struct inode;
struct file;
struct file_operations;

#define PIPE_DEF_BUFFERS	16	/* ring slots: 64 KiB, as Linux */
#define PIPE_BUF		4096	/* writes up to this size are atomic (POSIX) */

/* One slot of the ring: bytes [offset, offset + len) of page are unread. */
struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

/*
 * A pipe. mutex guards everything but the counters poll reads without it
 * (head, tail, readers, writers: read with READ_ONCE). Slot i of the ring
 * is bufs[i % ring_size]; [tail, head) are full, head - tail <= ring_size.
 */
struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait;	/* readers wait for data or no writers */
	wait_queue_head_t wr_wait;	/* writers wait for room or no readers */
	unsigned int head;		/* the next slot to fill */
	unsigned int tail;		/* the oldest full slot */
	unsigned int ring_size;		/* PIPE_DEF_BUFFERS */
	unsigned int readers, writers;	/* open files that read / write it */
	unsigned int files;		/* open files of it (it goes with the last) */
	unsigned int r_counter, w_counter;	/* opens for reading / writing ever (FIFOs) */
	struct page *tmp_page;		/* a spare page, kept for the next write */
	struct pipe_buffer *bufs;	/* ring_size slots */
	struct inode *fifo_inode;	/* a FIFO's inode (its lookup key), NULL for pipe(2) */
	struct list_head fifo_list;	/* on the list of open FIFOs */
};

/* The file operations of pipes and FIFOs (init_special_inode gives FIFOs these). */
extern const struct file_operations pipefifo_fops;

/*
 * Opens a FIFO (f_op->open of pipefifo_fops): a reader waits for a writer
 * and a writer for a reader unless O_NONBLOCK (then a writer without a
 * reader gets -ENXIO). 0, -ERESTARTSYS, -ENOMEM, -ENXIO.
 */
int fifo_open(struct inode *inode, struct file *file);

/*
 * A new pipe: @res[0] reads, @res[1] writes (@flags: O_NONBLOCK honoured),
 * both on one pipefs inode. 0, or -ENOMEM/-ENFILE with nothing left over.
 */
int create_pipe_files(struct file **res, int flags);

/* Bytes unread in @file's pipe (FIONREAD). */
unsigned int pipe_nr_unread(struct pipe_inode_info *pipe);

#endif
