/*
 * iov_iter (include/linux/uio.h): copies between pages and a list of
 * segments, one segment piece at a time, pages mapped with kmap_atomic so
 * that highmem page-cache pages need no permanent mapping (seed 000's
 * iov_iter_copy_from_user_atomic). Follows Linux's lib/iov_iter.c in its
 * API. User iovecs (ITER_IOVEC) go through copy_to_user/copy_from_user,
 * which may fault and sleep, so their pages are mapped with kmap instead
 * of kmap_atomic; a fault ends the copy short (the bytes done are returned).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/bio.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/uaccess.h>

static void iter_init(struct iov_iter *i, enum iter_type type, int direction,
		      unsigned long nr_segs, size_t count)
{
	i->type = type;
	i->data_source = direction == WRITE;
	i->iov_offset = 0;
	i->count = count;
	i->nr_segs = nr_segs;
}

void iov_iter_kvec(struct iov_iter *i, int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	iter_init(i, ITER_KVEC, direction, nr_segs, count);
	i->kvec = kvec;
}

void iov_iter_bvec(struct iov_iter *i, int direction, const struct bio_vec *bvec,
		   unsigned long nr_segs, size_t count)
{
	iter_init(i, ITER_BVEC, direction, nr_segs, count);
	i->bvec = bvec;
}

void iov_iter_init(struct iov_iter *i, int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	iter_init(i, ITER_IOVEC, direction, nr_segs, count);
	i->iov = iov;
}

/* Length of the current segment. */
static size_t seg_len(const struct iov_iter *i)
{
	switch (i->type) {
	case ITER_KVEC:
		return i->kvec->iov_len;
	case ITER_BVEC:
		return i->bvec->bv_len;
	default:
		return i->iov->iov_len;
	}
}

static void next_seg(struct iov_iter *i)
{
	i->iov_offset = 0;
	i->nr_segs--;
	switch (i->type) {
	case ITER_KVEC:
		i->kvec++;
		break;
	case ITER_BVEC:
		i->bvec++;
		break;
	default:
		i->iov++;
		break;
	}
}

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	i->count -= bytes;
	while (bytes) {
		size_t n = min(bytes, seg_len(i) - i->iov_offset);

		i->iov_offset += n;
		bytes -= n;
		if (i->iov_offset == seg_len(i))
			next_seg(i);
	}
}

void iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
}

/*
 * Calls @step on the pieces of the next @bytes of @i without moving it:
 * step(kernel address of the piece, length, offset into the copy) for
 * kvecs and bvecs. User iovecs stop the walk (nothing is copied). Returns
 * the bytes walked.
 */
static size_t iter_walk(const struct iov_iter *it, size_t bytes,
			void (*step)(void *seg, size_t len, size_t done, void *arg), void *arg)
{
	struct iov_iter i = *it;
	size_t done = 0;

	bytes = min(bytes, i.count);
	if (i.type == ITER_IOVEC)
		return 0;
	while (done < bytes && i.nr_segs) {
		size_t n = min(bytes - done, seg_len(&i) - i.iov_offset);

		if (n) {
			if (i.type == ITER_KVEC) {
				step((char *)i.kvec->iov_base + i.iov_offset, n, done, arg);
			} else {
				const struct bio_vec *bv = i.bvec;
				size_t off = bv->bv_offset + i.iov_offset;
				struct page *page = bv->bv_page + off / PAGE_SIZE;
				char *p;

				off %= PAGE_SIZE;
				n = min(n, PAGE_SIZE - off);
				p = kmap_atomic(page);
				step(p + off, n, done, arg);
				kunmap_atomic(p);
			}
		}
		done += n;
		i.iov_offset += n;
		if (i.iov_offset == seg_len(&i))
			next_seg(&i);
	}
	return done;
}

/*
 * How iovec_copy moves bytes: to user memory (from @kbuf, or zeros when it
 * is NULL); from it, zeroing what a fault left of @kbuf; from it without
 * that zeroing, for a first attempt under pagefault_disable whose caller
 * copies the rest (a page-cache page must not show zeros nobody wrote).
 */
enum iovec_op { IOV_TO_USER, IOV_FROM_USER, IOV_FROM_USER_INATOMIC };

/*
 * The next @bytes of the user iovec @it to or from kernel memory @kbuf
 * (@op), without moving @it: the bytes copied, short at the first fault.
 * May sleep, unless page faults are disabled.
 */
static size_t iovec_copy(const struct iov_iter *it, void *kbuf, size_t bytes, enum iovec_op op)
{
	struct iov_iter i = *it;
	size_t done = 0;

	bytes = min(bytes, i.count);
	while (done < bytes && i.nr_segs) {
		size_t n = min(bytes - done, seg_len(&i) - i.iov_offset), left;
		char __user *u = (char __user *)i.iov->iov_base + i.iov_offset;

		if (n) {
			if (!kbuf)
				left = clear_user(u, n);
			else if (op == IOV_TO_USER)
				left = copy_to_user(u, (char *)kbuf + done, n);
			else if (op == IOV_FROM_USER)
				left = copy_from_user((char *)kbuf + done, u, n);
			else
				left = __copy_from_user_inatomic((char *)kbuf + done, u, n);
			done += n - left;
			if (left)
				break;
		}
		i.iov_offset += n;
		if (i.iov_offset == seg_len(&i))
			next_seg(&i);
	}
	return done;
}

static void step_to(void *seg, size_t len, size_t done, void *arg)
{
	memcpy(seg, (const char *)arg + done, len);
}

static void step_from(void *seg, size_t len, size_t done, void *arg)
{
	memcpy((char *)arg + done, seg, len);
}

static void step_zero(void *seg, size_t len, size_t done, void *arg)
{
	memset(seg, 0, len);
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n;

	if (WARN_ON(i->data_source))
		return 0;
	if (i->type == ITER_IOVEC)
		n = iovec_copy(i, (void *)addr, bytes, IOV_TO_USER);
	else
		n = iter_walk(i, bytes, step_to, (void *)addr);
	iov_iter_advance(i, n);
	return n;
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n;

	if (WARN_ON(!i->data_source))
		return 0;
	if (i->type == ITER_IOVEC)
		n = iovec_copy(i, addr, bytes, IOV_FROM_USER);
	else
		n = iter_walk(i, bytes, step_from, addr);
	iov_iter_advance(i, n);
	return n;
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	size_t n;

	if (i->type == ITER_IOVEC)
		n = iovec_copy(i, NULL, bytes, IOV_TO_USER);
	else
		n = iter_walk(i, bytes, step_zero, NULL);
	iov_iter_advance(i, n);
	return n;
}

/* Through a kmap_atomic mapping: for kernel iters, or with page faults disabled. */
static size_t copy_page_to_iter_atomic(struct page *page, size_t offset, size_t bytes,
				       struct iov_iter *i)
{
	char *p = kmap_atomic(page);
	size_t n;

	if (!p)		/* no slot left: kmap_atomic has reported it */
		return 0;
	n = copy_to_iter(p + offset, bytes, i);
	kunmap_atomic(p);
	return n;
}

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	char *p;
	size_t n;

	if (WARN_ON(offset + bytes > PAGE_SIZE))
		return 0;
	if (i->type != ITER_IOVEC)
		return copy_page_to_iter_atomic(page, offset, bytes, i);
	if (!PageHighMem(page))
		return copy_to_iter(page_address(page) + offset, bytes, i);
	/*
	 * A highmem page to user memory: a kmap_atomic slot first, which
	 * costs no kmap_lock and no PKMAP slot to recycle and flush. The
	 * copy may not sleep there, so a fault on the user side ends it
	 * short; the rest goes through kmap, where the fault is resolved.
	 */
	pagefault_disable();
	n = copy_page_to_iter_atomic(page, offset, bytes, i);
	pagefault_enable();
	if (n < bytes) {
		p = kmap(page);
		n += copy_to_iter(p + offset + n, bytes - n, i);
		kunmap(page);
	}
	return n;
}

/*
 * For callers that hold no page lock (pipes): the atomic copy, then, for
 * what a fault left, a copy through kmap that resolves the fault.
 */
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	size_t n;
	char *p;

	if (WARN_ON(offset + bytes > PAGE_SIZE))
		return 0;
	n = iov_iter_copy_from_user_atomic(page, i, offset, bytes);
	iov_iter_advance(i, n);
	if (n < bytes && i->type == ITER_IOVEC && i->data_source) {
		p = kmap(page);
		n += copy_from_iter(p + offset + n, bytes - n, i);
		kunmap(page);
	}
	return n;
}

/*
 * Never resolves a fault: a user page not present ends the copy short
 * (the write path faults its source in first, because write_begin holds
 * the page lock, and a source mapping that same page would wait on it).
 * Does not zero what a fault left, so the page shows no bytes nobody
 * wrote. Through kmap_atomic, so no kmap_lock or PKMAP slot.
 */
size_t iov_iter_copy_from_user_atomic(struct page *page, struct iov_iter *i,
				      unsigned long offset, size_t bytes)
{
	bool high = PageHighMem(page);
	char *p;
	size_t n;

	if (WARN_ON(offset + bytes > PAGE_SIZE || !i->data_source))
		return 0;
	p = high ? kmap_atomic(page) : page_address(page);
	if (!p)		/* no slot left: kmap_atomic has reported it */
		return 0;
	if (i->type == ITER_IOVEC) {
		pagefault_disable();
		n = iovec_copy(i, p + offset, bytes, IOV_FROM_USER_INATOMIC);
		pagefault_enable();
	} else {
		n = iter_walk(i, bytes, step_from, p + offset);
	}
	if (high)
		kunmap_atomic(p);
	return n;
}

/*
 * Fault in the user pages of @i's next @bytes for reading, one load per
 * page, so a copy with page faults disabled can follow. Returns how many
 * of the @bytes could not be (from the first page with nothing mapped or
 * no read permission on): 0 when all are in. Kernel iters need nothing.
 * May sleep.
 */
size_t fault_in_iov_iter_readable(const struct iov_iter *it, size_t bytes)
{
	struct iov_iter i = *it;
	size_t left;

	if (i.type != ITER_IOVEC)
		return 0;
	left = bytes = min(bytes, i.count);
	while (left && i.nr_segs) {
		unsigned long u = (unsigned long)i.iov->iov_base + i.iov_offset, a, v;
		size_t n = min(left, seg_len(&i) - i.iov_offset);

		if (n && !access_ok((const void __user *)u, n))
			return left;
		for (a = u; a < u + n; a = (a & PAGE_MASK) + PAGE_SIZE)
			if (__get_user_1((const void __user *)a, &v))
				return left - (a - u);
		left -= n;
		i.iov_offset += n;
		if (i.iov_offset == seg_len(&i))
			next_seg(&i);
	}
	return left;
}
