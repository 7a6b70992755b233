/*
 * iov_iter: where a read's data goes or a write's comes from, walked
 * segment by segment (lib/iov_iter.c). ITER_KVEC is kernel memory (the
 * kernel's own reads and writes, and the tests); ITER_BVEC is pages;
 * ITER_IOVEC is user memory (readv, and read/write as one segment),
 * copied with copy_to_user/copy_from_user: a fault makes a copy short.
 * Linux's names and shape, without pipes, xarrays or ITER_UBUF.
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>

struct page;
struct bio_vec;

#ifndef __user
#define __user		/* a user pointer (asm/uaccess.h) */
#endif

/* readv/writev's segment, as user space lays it out (16 bytes). */
struct iovec {
	void __user *iov_base;	/* user address */
	size_t iov_len;
};

#define UIO_MAXIOV	1024	/* the most segments readv/writev take (Linux's) */

struct kvec {
	void *iov_base;		/* kernel address */
	size_t iov_len;
};

enum iter_type { ITER_IOVEC, ITER_KVEC, ITER_BVEC };
#define READ	0		/* data flows into the iterator (a read(2)) */
#define WRITE	1		/* data flows out of it (a write(2)) */

struct iov_iter {
	enum iter_type type;
	int data_source;	/* WRITE: the iterator is the source */
	size_t iov_offset;	/* into the current segment */
	size_t count;		/* bytes left in all segments */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		const struct bio_vec *bvec;
	};
	unsigned long nr_segs;	/* segments left, the current one included */
};

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

void iov_iter_kvec(struct iov_iter *i, int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_bvec(struct iov_iter *i, int direction, const struct bio_vec *bvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_init(struct iov_iter *i, int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
/* Moves @i on by @bytes (at most its count). */
void iov_iter_advance(struct iov_iter *i, size_t bytes);
/* Shortens @i to @count bytes if it is longer. */
void iov_iter_truncate(struct iov_iter *i, size_t count);

/* Copies @bytes at @offset of @page (kmap_atomic) into @i and advances it; returns bytes copied. */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
/* Copies from @i into @page and advances @i; returns bytes copied. */
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
/*
 * The write path's copy (seed 000): from @i into @page at @offset through
 * kmap_atomic, without advancing @i (the caller advances by what
 * write_end accepted). Returns bytes copied; short at a user page that is
 * not present, since it never resolves a fault (the caller faults the
 * source in first: fault_in_iov_iter_readable).
 */
size_t iov_iter_copy_from_user_atomic(struct page *page, struct iov_iter *i,
				      unsigned long offset, size_t bytes);
/* Faults in @i's next @bytes for reading; returns the bytes it could not. May sleep. */
size_t fault_in_iov_iter_readable(const struct iov_iter *i, size_t bytes);
/* Writes @bytes of zeroes into @i (a read of a hole). */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
/* Plain buffers, for the kernel's own readers and writers. */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);

#endif
