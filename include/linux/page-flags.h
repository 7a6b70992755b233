/*
 * struct page flag bits and their PageX, SetPageX, ClearPageX accessors
 * (Linux's names). The zone number is not a flag: it lives in the top
 * ZONES_SHIFT bits of page->flags (see mm.h), so "highmem" is a zone.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/mm_types.h>

enum pageflags {
	PG_locked,		/* page is locked for I/O; lock_page() */
	PG_referenced,		/* recently accessed (reclaim) */
	PG_uptodate,		/* contents valid */
	PG_dirty,		/* must be written back */
	PG_lru,			/* on an LRU list */
	PG_active,		/* on the active LRU list */
	PG_slab,		/* owned by the slab allocator */
	PG_reserved,		/* never handed to the buddy allocator */
	PG_private,		/* page->private in use (buffer heads) */
	PG_writeback,		/* write-back I/O in flight */
	PG_head,		/* first page of a compound page */
	PG_tail,		/* other pages of a compound page */
	PG_buddy,		/* free, in a buddy free_area list; order in private */
	PG_reclaim,		/* to be reclaimed when write-back ends */
	PG_mappedtodisk,	/* has blocks allocated on disk */
	PG_error,		/* an I/O error happened on this page */
	PG_readahead,		/* reaching it starts the next async readahead */
	PG_unevictable,		/* never reclaimed (tmpfs without swap) */
	PG_swapbacked,		/* backed by RAM only (tmpfs, anonymous) */
	PG_pkmapped,		/* a highmem page with a PKMAP address (kmap); kmap_lock */
	__NR_PAGEFLAGS
};

/*
 * For each flag: PageX (test), SetPageX/ClearPageX (atomic, for pages
 * others may see), __SetPageX/__ClearPageX (non-atomic, for pages only the
 * caller can reach), TestSetPageX/TestClearPageX (atomic, return old bit).
 */
#define PAGEFLAG(uname, lname)						\
static inline int Page##uname(const struct page *page)			\
{ return (READ_ONCE(page->flags) >> PG_##lname) & 1; }			\
static inline void SetPage##uname(struct page *page)			\
{ __atomic_fetch_or(&page->flags, 1UL << PG_##lname, __ATOMIC_RELAXED); } \
static inline void ClearPage##uname(struct page *page)			\
{ __atomic_fetch_and(&page->flags, ~(1UL << PG_##lname), __ATOMIC_RELEASE); } \
static inline void __SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)		\
{ page->flags &= ~(1UL << PG_##lname); }				\
static inline int TestSetPage##uname(struct page *page)		\
{ return (__atomic_fetch_or(&page->flags, 1UL << PG_##lname,		\
			    __ATOMIC_ACQUIRE) >> PG_##lname) & 1; }	\
static inline int TestClearPage##uname(struct page *page)		\
{ return (__atomic_fetch_and(&page->flags, ~(1UL << PG_##lname),	\
			     __ATOMIC_RELEASE) >> PG_##lname) & 1; }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Tail, tail)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(MappedToDisk, mappedtodisk)
PAGEFLAG(Error, error)
PAGEFLAG(Readahead, readahead)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Pkmapped, pkmapped)

#undef PAGEFLAG

static inline int PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

/* All flag bits (the zone number above them is not a flag). */
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << __NR_PAGEFLAGS) - 1)

/* A page must not have any of these when it is freed (bad_page otherwise). */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_locked | 1UL << PG_lru | 1UL << PG_active |		\
	 1UL << PG_slab | 1UL << PG_reserved | 1UL << PG_private |	\
	 1UL << PG_writeback | 1UL << PG_buddy)

#endif
