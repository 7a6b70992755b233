/*
 * Slab allocator and kmalloc (seed 002: caches, slabs, general caches, /proc/slabinfo),
 * plus a debug mode: red zones, poisoning, last caller. Left out: per-CPU array
 * caches, colouring, NUMA, off-slab descriptors (bookkeeping lives in struct page).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/params.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define _RET_IP_	((unsigned long)__builtin_return_address(0))

#define SLAB_MAX_ORDER	3	/* small objects: slabs up to 8 pages */
#define SLAB_KEEP_BYTES	(64 * 1024)	/* free objects kept per cache, roughly */

/* Caller's gfp bits that still mean something for a slab page. */
#define SLAB_GFP_KEEP	(__GFP_WAIT | __GFP_HIGH | __GFP_IO | __GFP_FS | \
			 __GFP_COLD | __GFP_NOWARN | __GFP_REPEAT | __GFP_NOFAIL | \
			 __GFP_NORETRY | __GFP_MEMALLOC | __GFP_HARDWALL)

/* slab_caches (the seed's cache_chain) is protected by slab_mutex. */
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_mutex);

/*
 * kmem_cache_boot, slab_up and the kmalloc cache tables are set by
 * kmem_cache_init on the boot CPU and read without locks afterwards.
 */
static struct kmem_cache kmem_cache_boot;	/* the cache of struct kmem_cache */
static bool slab_up;
struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1];
unsigned long slab_debug_errors;

/* ---- object addressing ----------------------------------------------- */

/* Where a free object keeps its next pointer (see cache_layout). */
static inline void **obj_link(struct kmem_cache *cachep, void *objp)
{
	return (void **)((char *)objp + cachep->free_offset);
}

/* Object idx of page's slab; slab pages are lowmem, so linearly mapped. */
static inline void *index_to_obj(struct kmem_cache *cachep, struct page *page,
				 unsigned int idx)
{
	return (char *)lowmem_page_address(page) + idx * cachep->size + cachep->obj_offset;
}

/*
 * Index of objp in its slab, or -1 if objp is not the start of one of the
 * slab's objects. Debug paths only (it divides).
 */
static long obj_to_index(struct kmem_cache *cachep, struct page *page,
			 const void *objp)
{
	long off = (long)((const char *)objp - (const char *)lowmem_page_address(page)) -
		   (long)cachep->obj_offset;

	if (off < 0 || off % cachep->size)
		return -1;
	if (off / cachep->size >= page->objects)
		return -1;
	return off / cachep->size;
}

/* ---- debug words ----------------------------------------------------- */

/* Red zone 1: the word right before the object (SLAB_RED_ZONE only). */
static inline u64 *dbg_redzone1(struct kmem_cache *cachep, void *objp)
{
	return (u64 *)((char *)objp - sizeof(u64));
}

/* Red zone 2 sits right after the object, so it may be unaligned. */
static inline u64 dbg_rz2_get(struct kmem_cache *cachep, void *objp)
{
	u64 v;

	__builtin_memcpy(&v, (char *)objp + cachep->object_size, sizeof(v));
	return v;
}

/* Write red zone 2 (byte-wise, see dbg_rz2_get). */
static inline void dbg_rz2_set(struct kmem_cache *cachep, void *objp, u64 v)
{
	__builtin_memcpy((char *)objp + cachep->object_size, &v, sizeof(v));
}

/* Set both red-zone words to v (RED_*); nothing without SLAB_RED_ZONE. */
static inline void set_redzones(struct kmem_cache *cachep, void *objp, u64 v)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, objp) = v;
		dbg_rz2_set(cachep, objp, v);
	}
}

/* The last-caller word (SLAB_STORE_USER only). */
static inline unsigned long *dbg_userword(struct kmem_cache *cachep, void *objp)
{
	return (unsigned long *)((char *)objp + cachep->user_offset);
}

/* Who last allocated or freed objp, or 0 without SLAB_STORE_USER. */
static inline unsigned long last_user(struct kmem_cache *cachep, void *objp)
{
	return (cachep->flags & SLAB_STORE_USER) ? *dbg_userword(cachep, objp) : 0;
}

/*
 * Fill a free object with POISON_FREE, ending in POISON_END, so that
 * check_poison_obj notices any write made after the free.
 */
static void poison_obj(struct kmem_cache *cachep, void *objp)
{
	memset(objp, POISON_FREE, cachep->object_size - 1);
	((u8 *)objp)[cachep->object_size - 1] = POISON_END;
}

/* Offset of the first byte that is not free-object poison, or -1. */
static long check_poison_obj(struct kmem_cache *cachep, void *objp)
{
	const u8 *p = objp;
	unsigned int i, last = cachep->object_size - 1;

	for (i = 0; i < last; i++)
		if (p[i] != POISON_FREE)
			return i;
	return p[last] == POISON_END ? -1 : (long)last;
}

/* ---- debug reports ---------------------------------------------------- */

/*
 * Print one debug report naming the cache, the object and the caller, and
 * count it. Never panics: the caller then quarantines or ignores the object.
 */
static void slab_report(struct kmem_cache *cachep, const char *what,
			const void *objp, unsigned long caller)
{
	slab_debug_errors++;
	if (caller)
		pr_err("slab: %s of object %p in cache %s, caller %pS\n",
		       what, objp, cachep->name, (void *)caller);
	else
		pr_err("slab: %s of object %p in cache %s, found by kmem_cache_check\n",
		       what, objp, cachep->name);
	if (cachep->flags & SLAB_STORE_USER)
		pr_err("slab:   last user of the object: %pS\n",
		       (void *)last_user(cachep, (void *)objp));
}

/* Report a pointer that is not an object of cachep (so has no debug words). */
static void slab_report_pointer(struct kmem_cache *cachep, const char *what,
				const void *objp, unsigned long caller)
{
	slab_debug_errors++;
	pr_err("slab: free of %p in cache %s: %s, caller %pS\n",
	       objp, cachep->name, what, (void *)caller);
}

/*
 * Withhold an object that a report concerns: it stays counted as in use,
 * so it is never handed out again and its slab is never freed.
 * Caller holds list_lock; the object is already off the freelist.
 */
static void quarantine_locked(struct kmem_cache *cachep, void *objp)
{
	cachep->node.quarantined++;
	set_redzones(cachep, objp, RED_QUARANTINE);
}

/* quarantine_locked, for callers that do not hold list_lock. */
static void quarantine(struct kmem_cache *cachep, void *objp)
{
	unsigned long irqflags;

	spin_lock_irqsave(&cachep->node.list_lock, irqflags);
	quarantine_locked(cachep, objp);
	spin_unlock_irqrestore(&cachep->node.list_lock, irqflags);
}

/*
 * Check that a free object is as free() left it: both red zones inactive,
 * poison intact. Reports and returns false otherwise.
 */
static bool check_free_obj(struct kmem_cache *cachep, void *objp,
			   unsigned long caller)
{
	long bad;

	if (cachep->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cachep, objp) != RED_INACTIVE ||
		    dbg_rz2_get(cachep, objp) != RED_INACTIVE) {
			slab_report(cachep, "red zone damage while free",
				    objp, caller);
			return false;
		}
	}
	if (cachep->flags & SLAB_POISON) {
		bad = check_poison_obj(cachep, objp);
		if (bad >= 0) {
			slab_report(cachep, "use after free (poison overwritten)",
				    objp, caller);
			pr_err("slab:   first modified byte at offset %ld: 0x%02x\n",
			       bad, ((u8 *)objp)[bad]);
			return false;
		}
	}
	return true;
}

/*
 * Debug work on an object just taken off a freelist: verify it, then mark
 * it allocated. Returns false if it was damaged and has been quarantined.
 */
static bool cache_alloc_debugcheck_after(struct kmem_cache *cachep, void *objp,
					 gfp_t flags, unsigned long caller)
{
	if (!check_free_obj(cachep, objp, caller)) {
		quarantine(cachep, objp);
		return false;
	}
	set_redzones(cachep, objp, RED_ACTIVE);
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;
	if ((cachep->flags & SLAB_POISON) && !(flags & __GFP_ZERO))
		memset(objp, POISON_INUSE, cachep->object_size);
	return true;
}

static const char double_free[] = "double free";	/* compared by address */

/*
 * What is wrong with the red zones of an allocated object (being freed or
 * checked), or NULL: ACTIVE/ACTIVE is healthy, INACTIVE/INACTIVE a double
 * free. Returns the kind; the caller reports it.
 */
static const char *redzone_problem(struct kmem_cache *cachep, void *objp)
{
	u64 r1 = *dbg_redzone1(cachep, objp), r2 = dbg_rz2_get(cachep, objp);

	if (r1 == RED_INACTIVE && r2 == RED_INACTIVE)
		return double_free;
	if (r1 != RED_ACTIVE && r2 != RED_ACTIVE)
		return "red zone overflow and underflow";
	if (r1 != RED_ACTIVE)
		return "red zone underflow (write before the start)";
	if (r2 != RED_ACTIVE)
		return "red zone overflow (write past the end)";
	return NULL;
}

/*
 * Debug checks for kmem_cache_free/kfree. Returns true if the object may go
 * back on the freelist (it is then poisoned and marked free), false if it
 * was reported (double free, damaged red zone, bad pointer) or quarantined.
 */
static bool cache_free_debugcheck(struct kmem_cache *cachep, struct page *page,
				  void *objp, unsigned long caller)
{
	const char *problem;

	if (obj_to_index(cachep, page, objp) < 0) {
		slab_report_pointer(cachep, "not the start of an object", objp,
				    caller);
		return false;
	}
	if (cachep->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cachep, objp) == RED_QUARANTINE)
			return false;	/* reported already; keep it withheld */
		problem = redzone_problem(cachep, objp);
		if (problem) {
			slab_report(cachep, problem, objp, caller);
			if (problem != double_free)
				quarantine(cachep, objp);
			return false;
		}
	}
	set_redzones(cachep, objp, RED_INACTIVE);
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp);
	return true;
}

/* ---- slab pages ------------------------------------------------------- */

/*
 * Get the pages for one slab from the zoned page allocator and mark them
 * as a slab of cachep. May sleep if flags allow. NULL when out of memory.
 */
static struct page *kmem_getpages(struct kmem_cache *cachep, gfp_t flags)
{
	struct page *page;
	enum zone_stat_item item;

	/* Zone bits are the cache's, not the caller's: ask a DMA32 cache. */
	WARN_ON_ONCE((flags & (__GFP_DMA | __GFP_DMA32)) &&
		     !(cachep->allocflags & __GFP_DMA32));
	page = alloc_pages((flags & SLAB_GFP_KEEP) | cachep->allocflags,
			   cachep->gfporder);
	if (!page)
		return NULL;
	item = (cachep->flags & SLAB_RECLAIM_ACCOUNT) ?
		NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE;
	mod_zone_page_state(page_zone(page), item, 1L << cachep->gfporder);
	__SetPageSlab(page);
	page->slab_cache = cachep;
	return page;
}

/* Give a slab's pages back to the page allocator. No locks needed. */
static void kmem_freepages(struct kmem_cache *cachep, struct page *page)
{
	enum zone_stat_item item;

	item = (cachep->flags & SLAB_RECLAIM_ACCOUNT) ?
		NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE;
	mod_zone_page_state(page_zone(page), item, -(1L << cachep->gfporder));
	__ClearPageSlab(page);
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->active = 0;
	page->objects = 0;
	__free_pages(page, cachep->gfporder);
}

/*
 * Destroy a slab that is off every list and has no object in use. In debug
 * caches the free objects are checked one last time (late use after free).
 */
static void slab_destroy(struct kmem_cache *cachep, struct page *page)
{
	unsigned int i;

	if (cachep->flags & SLAB_DEBUG_FLAGS)
		for (i = 0; i < page->objects; i++)
			check_free_obj(cachep, index_to_obj(cachep, page, i), 0);
	kmem_freepages(cachep, page);
}

/*
 * Lay out a new slab: every object constructed once (ctor), debug words
 * set, all objects chained on page->freelist in address order.
 */
static void cache_init_objs(struct kmem_cache *cachep, struct page *page)
{
	void *objp, *next = NULL;
	unsigned int i;

	page->objects = cachep->num;
	page->active = 0;
	for (i = cachep->num; i-- > 0; next = objp) {
		objp = index_to_obj(cachep, page, i);
		if (cachep->ctor)
			cachep->ctor(objp);
		if (cachep->flags & SLAB_POISON)
			poison_obj(cachep, objp);
		set_redzones(cachep, objp, RED_INACTIVE);
		if (cachep->flags & SLAB_STORE_USER)
			*dbg_userword(cachep, objp) = 0;
		*obj_link(cachep, objp) = next;
	}
	page->freelist = next;
}

/*
 * Add one slab to the cache (the seed's cache_grow). Allocates without the
 * lock held, so it may sleep with GFP_KERNEL. Returns false if out of memory.
 */
static bool cache_grow(struct kmem_cache *cachep, gfp_t flags)
{
	struct kmem_cache_node *n = &cachep->node;
	unsigned long irqflags;
	struct page *page;

	page = kmem_getpages(cachep, flags);
	if (!page)
		return false;
	cache_init_objs(cachep, page);
	spin_lock_irqsave(&n->list_lock, irqflags);
	list_add_tail(&page->slab_list, &n->slabs_free);
	n->total_slabs++;
	n->free_slabs++;
	n->free_objects += page->objects;
	spin_unlock_irqrestore(&n->list_lock, irqflags);
	return true;
}

/* ---- allocation and freeing --------------------------------------------- */

/*
 * Debug caches: a free link points outside the slab (or loops). Cut the
 * freelist after lastgood (NULL: cut it all), which keeps the first kept
 * objects; the rest are lost to use and counted quarantined. list_lock held.
 */
static void drop_corrupt_freelist(struct kmem_cache *cachep, struct page *page,
				  void *lastgood, unsigned int kept)
{
	struct kmem_cache_node *n = &cachep->node;
	unsigned int lost = page->objects - page->active - kept;

	slab_debug_errors++;
	pr_err("slab: corrupted free list in a slab of cache %s (after %p)\n",
	       cachep->name, lastgood);
	if (lastgood)
		*obj_link(cachep, lastgood) = NULL;
	else
		page->freelist = NULL;
	page->active += lost;
	n->free_objects -= lost;
	n->quarantined += lost;
}

/*
 * Take the first free object of page (which has one). Caller holds
 * list_lock and moves the page between lists afterwards.
 */
static inline void *slab_get_obj(struct kmem_cache *cachep, struct page *page)
{
	void *objp = page->freelist;
	void *next = *obj_link(cachep, objp);

	if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS) && next &&
	    obj_to_index(cachep, page, next) < 0) {
		drop_corrupt_freelist(cachep, page, objp, 1);
		next = NULL;
	}
	page->freelist = next;
	page->active++;
	cachep->node.free_objects--;
	return objp;
}

/*
 * Take one object from the node's slabs: partial ones first, then an empty
 * one. NULL if there is none. Caller holds list_lock.
 */
static inline void *cache_alloc_locked(struct kmem_cache *cachep)
{
	struct kmem_cache_node *n = &cachep->node;
	struct page *page;
	void *objp;

	if (likely(!list_empty(&n->slabs_partial))) {
		page = list_first_entry(&n->slabs_partial, struct page, slab_list);
	} else if (!list_empty(&n->slabs_free)) {
		page = list_first_entry(&n->slabs_free, struct page, slab_list);
		list_move(&page->slab_list, &n->slabs_partial);
		n->free_slabs--;
	} else {
		return NULL;
	}
	objp = slab_get_obj(cachep, page);
	if (!page->freelist)
		list_move(&page->slab_list, &n->slabs_full);
	return objp;
}

/*
 * The general allocation path: grows the cache when it is empty, runs the
 * debug checks, zeroes. Returns NULL when the page allocator has nothing.
 * May sleep only when it must grow the cache and flags allow it.
 */
static __attribute__((noinline)) void *slab_alloc_slow(struct kmem_cache *cachep,
						       gfp_t flags,
						       unsigned long caller)
{
	unsigned long irqflags;
	void *objp;

	if (unlikely(flags & __GFP_HIGHMEM)) {
		WARN_ON_ONCE(flags & __GFP_HIGHMEM);	/* slab memory is lowmem */
		flags &= ~__GFP_HIGHMEM;
	}
	for (;;) {
		spin_lock_irqsave(&cachep->node.list_lock, irqflags);
		objp = cache_alloc_locked(cachep);
		spin_unlock_irqrestore(&cachep->node.list_lock, irqflags);
		if (unlikely(!objp)) {
			if (!cache_grow(cachep, flags))
				return NULL;
			continue;
		}
		if (likely(!(cachep->flags & SLAB_DEBUG_FLAGS)) ||
		    cache_alloc_debugcheck_after(cachep, objp, flags, caller))
			break;
	}
	if (unlikely(flags & __GFP_ZERO))
		memset(objp, 0, cachep->object_size);
	return objp;
}

/*
 * The allocation path shared by kmem_cache_alloc and kmalloc. The common
 * case (a free object at hand, no debug, no zeroing) is inline and makes
 * no calls; everything else goes through slab_alloc_slow.
 */
static __always_inline void *slab_alloc(struct kmem_cache *cachep, gfp_t flags,
					unsigned long caller)
{
	unsigned long irqflags;
	void *objp;

	if (likely(!(flags & (__GFP_HIGHMEM | __GFP_ZERO)) &&
		   !(cachep->flags & SLAB_DEBUG_FLAGS))) {
		spin_lock_irqsave(&cachep->node.list_lock, irqflags);
		objp = cache_alloc_locked(cachep);
		spin_unlock_irqrestore(&cachep->node.list_lock, irqflags);
		if (likely(objp))
			return objp;
	}
	return slab_alloc_slow(cachep, flags, caller);
}

/*
 * Put objp back on its slab and move the slab to the list it now belongs
 * on. Returns a now-empty slab to destroy when the cache holds more than
 * free_limit free objects, else NULL. Caller holds list_lock.
 */
static inline struct page *cache_free_locked(struct kmem_cache *cachep,
					     struct page *page, void *objp)
{
	struct kmem_cache_node *n = &cachep->node;
	bool was_full = !page->freelist;

	*obj_link(cachep, objp) = page->freelist;
	page->freelist = objp;
	page->active--;
	n->free_objects++;
	if (page->active == 0) {
		if (n->free_objects > cachep->free_limit) {
			list_del(&page->slab_list);
			n->total_slabs--;
			n->free_objects -= page->objects;
			return page;
		}
		list_move(&page->slab_list, &n->slabs_free);
		n->free_slabs++;
	} else if (was_full) {
		list_move(&page->slab_list, &n->slabs_partial);
	}
	return NULL;
}

/* The freeing path shared by kmem_cache_free and kfree. Never sleeps. */
static __always_inline void __cache_free(struct kmem_cache *cachep,
					 struct page *page, void *objp,
					 unsigned long caller)
{
	unsigned long irqflags;
	struct page *victim;

	if (unlikely(cachep->flags & SLAB_DEBUG_FLAGS) &&
	    !cache_free_debugcheck(cachep, page, objp, caller))
		return;
	spin_lock_irqsave(&cachep->node.list_lock, irqflags);
	victim = cache_free_locked(cachep, page, objp);
	spin_unlock_irqrestore(&cachep->node.list_lock, irqflags);
	if (unlikely(victim))
		slab_destroy(cachep, victim);
}

/* Report a pointer handed to kfree that no allocator here gave out. */
static void report_bad_free(const void *objp, unsigned long caller)
{
	slab_debug_errors++;
	pr_err("slab: kfree of %p, which is not a slab object or kmalloc'ed page, caller %pS\n",
	       objp, (void *)caller);
}

/*
 * The head page of the allocation objp lies in, or NULL if objp is not a
 * lowmem address at all (then it was never ours).
 */
static inline struct page *obj_to_head_page(const void *objp)
{
	if (unlikely(!virt_addr_valid(objp)))
		return NULL;
	return virt_to_head_page(objp);
}

/*
 * Allocate one object of cachep. Returns NULL when out of memory; with
 * __GFP_ZERO the object is zeroed (ctor-made state is then lost: do not mix).
 */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	return slab_alloc(cachep, flags, _RET_IP_);
}

/* kmem_cache_alloc, zeroed (so not for caches with a ctor). */
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return slab_alloc(cachep, flags | __GFP_ZERO, _RET_IP_);
}

/*
 * Free an object of cachep. A pointer of another cache, or not from the
 * slab allocator, is reported and ignored. Never sleeps.
 */
void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	struct page *page;

	if (unlikely(!objp))
		return;
	page = obj_to_head_page(objp);
	if (unlikely(!page || !PageSlab(page) || page->slab_cache != cachep)) {
		slab_report_pointer(cachep, "not an object of this cache", objp,
				    _RET_IP_);
		return;
	}
	__cache_free(cachep, page, objp, _RET_IP_);
}

/* ---- cache creation ------------------------------------------------------ */

/*
 * Pick the slab order: the smallest one (up to SLAB_MAX_ORDER, or the one
 * a single big object needs) that wastes at most 1/8 of the slab, else
 * the one that wastes least.
 */
static void calculate_slab_order(struct kmem_cache *cachep)
{
	unsigned int order, max_order, best = 0;
	unsigned long slab, waste, best_waste = ~0UL;

	max_order = get_order(cachep->size);
	if (max_order < SLAB_MAX_ORDER)
		max_order = SLAB_MAX_ORDER;
	for (order = 0; order <= max_order; order++) {
		slab = PAGE_SIZE << order;
		if (slab < cachep->size)
			continue;
		waste = slab % cachep->size;
		if (waste * 8 <= slab) {
			best = order;
			break;
		}
		if (best_waste == ~0UL ||
		    waste * (PAGE_SIZE << best) < best_waste * slab) {
			best = order;
			best_waste = waste;
		}
	}
	cachep->gfporder = best;
	cachep->num = (PAGE_SIZE << best) / cachep->size;
}

/* Alignment: at least a word; cache-line for SLAB_HWCACHE_ALIGN, less for small objects. */
static unsigned int calculate_alignment(unsigned long flags, size_t align,
					size_t size)
{
	size_t ralign = ARCH_KMALLOC_MINALIGN;

	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > ARCH_KMALLOC_MINALIGN)
			ralign /= 2;
	}
	return (unsigned int)max(ralign, align);
}

/*
 * Place the object and its debug words in a slot (see struct kmem_cache).
 * The free link goes outside the object when a ctor's work or the poison
 * must survive while the object is free.
 */
static void cache_layout(struct kmem_cache *cachep)
{
	unsigned int end = cachep->object_size;

	cachep->obj_offset = 0;
	if (cachep->flags & SLAB_RED_ZONE) {
		cachep->obj_offset = ALIGN(sizeof(u64), cachep->align);
		end += sizeof(u64);
	}
	end = ALIGN(end, sizeof(void *));
	if (cachep->flags & SLAB_STORE_USER) {
		cachep->user_offset = end;
		end += sizeof(void *);
	}
	cachep->free_offset = 0;
	if (cachep->ctor || (cachep->flags & SLAB_DEBUG_FLAGS)) {
		cachep->free_offset = end;
		end += sizeof(void *);
	}
	end = max_t(unsigned int, end, sizeof(void *));
	cachep->size = ALIGN(cachep->obj_offset + end, cachep->align);
}

/*
 * Red zones, poisoning and caller tracking on every cache of objects up to
 * a page: always in CONFIG_SLAB_DEBUG builds (the host tests), and in the
 * kernel with "slab_debug" on the command line (the QEMU test boots).
 */
#ifdef CONFIG_SLAB_DEBUG
static bool slab_debug_all = true;
#else
static bool slab_debug_all;
#endif

/* "slab_debug" (early_param): debug every small cache created from now on. */
static int slab_debug_setup(char *val)
{
	slab_debug_all = true;
	return 0;
}
early_param("slab_debug", slab_debug_setup);

/*
 * Fill in a cache descriptor. Returns 0, or -EINVAL for sizes no slab of
 * MAX_ORDER pages can hold or an alignment that is not a power of two.
 */
static int __kmem_cache_create(struct kmem_cache *cachep, const char *name,
			       size_t size, size_t align, unsigned long flags,
			       void (*ctor)(void *))
{
	if (!name || !size || size > (PAGE_SIZE << (MAX_ORDER - 1)) ||
	    (align & (align - 1)) || align > PAGE_SIZE)
		return -EINVAL;
	if (slab_debug_all && size <= PAGE_SIZE)
		flags |= SLAB_DEBUG_FLAGS;
	if (ctor)
		flags &= ~SLAB_POISON;	/* poison would destroy the ctor's work */
	memset(cachep, 0, sizeof(*cachep));
	cachep->name = name;
	cachep->object_size = (unsigned int)size;
	cachep->flags = flags;
	cachep->ctor = ctor;
	cachep->align = calculate_alignment(flags, align, size);
	cache_layout(cachep);
	calculate_slab_order(cachep);
	cachep->free_limit = max_t(unsigned int, 2 * cachep->num,
				   SLAB_KEEP_BYTES / cachep->size);
	if (get_order(cachep->size) >= MAX_ORDER)
		return -EINVAL;
	cachep->allocflags = __GFP_COMP;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		cachep->allocflags |= __GFP_RECLAIMABLE;
	if (flags & SLAB_CACHE_DMA32)
		cachep->allocflags |= __GFP_DMA32;
	spin_lock_init(&cachep->node.list_lock);
	INIT_LIST_HEAD(&cachep->node.slabs_partial);
	INIT_LIST_HEAD(&cachep->node.slabs_full);
	INIT_LIST_HEAD(&cachep->node.slabs_free);
	return 0;
}

/*
 * Create a cache of size-byte objects (the name must outlive the cache).
 * ctor, if any, runs once per object when its slab is made; objects must
 * be freed in the constructed state. Returns NULL on failure, or panics
 * with SLAB_PANIC. May sleep.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *cachep = NULL;
	unsigned long irqflags;

	if (!WARN_ON(!kmem_cache_boot.num))	/* before kmem_cache_init */
		cachep = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (cachep && __kmem_cache_create(cachep, name, size, align, flags, ctor)) {
		kmem_cache_free(&kmem_cache_boot, cachep);
		cachep = NULL;
	}
	if (!cachep) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create cache %s",
			      name ? name : "(null)");
		return NULL;
	}
	spin_lock_irqsave(&slab_mutex, irqflags);
	list_add_tail(&cachep->list, &slab_caches);
	spin_unlock_irqrestore(&slab_mutex, irqflags);
	return cachep;
}

/*
 * Free every empty slab of cachep. Returns the number of pages given back
 * to the page allocator. Never sleeps.
 */
int kmem_cache_shrink(struct kmem_cache *cachep)
{
	struct kmem_cache_node *n = &cachep->node;
	struct page *page, *tmp;
	unsigned long irqflags;
	LIST_HEAD(victims);
	int pages = 0;

	spin_lock_irqsave(&n->list_lock, irqflags);
	while (!list_empty(&n->slabs_free)) {
		page = list_first_entry(&n->slabs_free, struct page, slab_list);
		list_move(&page->slab_list, &victims);
		n->free_slabs--;
		n->total_slabs--;
		n->free_objects -= page->objects;
	}
	spin_unlock_irqrestore(&n->list_lock, irqflags);
	list_for_each_entry_safe(page, tmp, &victims, slab_list) {
		list_del(&page->slab_list);
		slab_destroy(cachep, page);
		pages += 1 << cachep->gfporder;
	}
	return pages;
}

/*
 * Destroy a cache and take it off slab_caches. If objects are still in
 * use (or quarantined) it complains, naming the cache, and leaves the cache
 * in place: leaking it is better than freeing memory someone still uses.
 */
void kmem_cache_destroy(struct kmem_cache *cachep)
{
	struct kmem_cache_node *n;
	unsigned long irqflags, used;

	if (!cachep)
		return;
	n = &cachep->node;
	kmem_cache_shrink(cachep);
	spin_lock_irqsave(&n->list_lock, irqflags);
	used = n->total_slabs * cachep->num - n->free_objects;
	spin_unlock_irqrestore(&n->list_lock, irqflags);
	if (used) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects (%lu in use, %lu quarantined); leaking it\n",
		       cachep->name, used - n->quarantined, n->quarantined);
		return;
	}
	spin_lock_irqsave(&slab_mutex, irqflags);
	list_del(&cachep->list);
	spin_unlock_irqrestore(&slab_mutex, irqflags);
	kmem_cache_free(&kmem_cache_boot, cachep);
}

/* ---- kmalloc ------------------------------------------------------------ */

/* kmalloc_caches index for sizes 1..192, by (size - 1) / 8. */
static const u8 kmalloc_size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/* 8, 16, 32, 64 */
	1, 1, 1, 1, 7, 7, 7, 7,		/* 96, 128 */
	2, 2, 2, 2, 2, 2, 2, 2,		/* 192 */
};

/* kmalloc_caches index and size of every general cache, for the names. */
#define KMALLOC_SIZES(X)						\
	X(1, 96) X(2, 192) X(3, 8) X(4, 16) X(5, 32) X(6, 64) X(7, 128)	\
	X(8, 256) X(9, 512) X(10, 1024) X(11, 2048) X(12, 4096)		\
	X(13, 8192) X(14, 16384) X(15, 32768) X(16, 65536) X(17, 131072)
#define KMALLOC_NAME(i, size)		[i] = "kmalloc-" #size,
#define DMA_KMALLOC_NAME(i, size)	[i] = "dma-kmalloc-" #size,

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	KMALLOC_SIZES(KMALLOC_NAME)
};
static const char *const kmalloc_dma_names[KMALLOC_SHIFT_HIGH + 1] = {
	KMALLOC_SIZES(DMA_KMALLOC_NAME)
};

/* Which general cache serves size (1 .. KMALLOC_MAX_CACHE_SIZE). */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	unsigned int i = 8;

	if (size <= 192)
		return kmalloc_size_index[(size - 1) / 8];
	while ((1UL << i) < size)	/* no clz: rv64imac would call libgcc */
		i++;
	return i;
}

/*
 * Requests above KMALLOC_MAX_CACHE_SIZE: whole pages, a compound block, so
 * that kfree finds the order in the head page.
 */
static void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (unlikely(flags & __GFP_HIGHMEM)) {
		WARN_ON_ONCE(flags & __GFP_HIGHMEM);
		flags &= ~__GFP_HIGHMEM;
	}
	if (order >= MAX_ORDER) {
		if (!(flags & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the page allocator's largest block\n",
				size);
		return NULL;
	}
	page = alloc_pages((flags & ~__GFP_MOVABLE) | __GFP_COMP, order);
	return page ? lowmem_page_address(page) : NULL;
}

/*
 * kmalloc's body: ZERO_SIZE_PTR for 0 bytes, kmalloc_large above
 * KMALLOC_MAX_CACHE_SIZE, else the smallest general cache that fits (its
 * dma-kmalloc twin for __GFP_DMA or __GFP_DMA32). NULL when out of memory,
 * and (with a warning) before kmem_cache_init. caller is the one debug
 * reports and SLAB_STORE_USER name.
 */
static __always_inline void *__do_kmalloc(size_t size, gfp_t flags,
					  unsigned long caller)
{
	struct kmem_cache *cachep;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, flags);
	if (unlikely(flags & (__GFP_DMA | __GFP_DMA32)))
		cachep = kmalloc_dma_caches[kmalloc_index(size)];
	else
		cachep = kmalloc_caches[kmalloc_index(size)];
	if (unlikely(!cachep)) {
		WARN_ON_ONCE(!slab_up);	/* kmalloc before kmem_cache_init */
		return NULL;
	}
	return slab_alloc(cachep, flags, caller);
}

/*
 * Allocate size bytes from the general caches (or whole pages above 128 KiB).
 * kmalloc(0) gives ZERO_SIZE_PTR. NULL when out of memory.
 */
void *kmalloc(size_t size, gfp_t flags)
{
	return __do_kmalloc(size, flags, _RET_IP_);
}

/* kmalloc, zeroed. */
void *kzalloc(size_t size, gfp_t flags)
{
	return __do_kmalloc(size, flags | __GFP_ZERO, _RET_IP_);
}

/* n * size bytes; NULL if the product overflows. */
void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __do_kmalloc(bytes, flags, _RET_IP_);
}

/* kmalloc_array, zeroed. */
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __do_kmalloc(bytes, flags | __GFP_ZERO, _RET_IP_);
}

/* Free a kmalloc_large block, after checking objp is its start. */
static void free_large_kmalloc(struct page *page, const void *objp,
			       unsigned long caller)
{
	if (!PageHead(page) || lowmem_page_address(page) != objp) {
		report_bad_free(objp, caller);
		return;
	}
	__free_pages(page, compound_order(page));
}

/*
 * Free memory from kmalloc (NULL and ZERO_SIZE_PTR are fine). Anything
 * else is reported and ignored. Never sleeps.
 */
/* A kmalloc'd copy of the string @s, or NULL without memory (Linux: mm/util.c). */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len = strlen(s) + 1;
	char *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, s, len);
	return p;
}

void kfree(const void *objp)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	page = obj_to_head_page(objp);
	if (unlikely(!page)) {
		report_bad_free(objp, _RET_IP_);
		return;
	}
	if (unlikely(!PageSlab(page))) {
		free_large_kmalloc(page, objp, _RET_IP_);
		return;
	}
	__cache_free(page->slab_cache, page, (void *)objp, _RET_IP_);
}

/* Usable size of a kmalloc'ed block (at least what was asked for); 0 for NULL. */
size_t ksize(const void *objp)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	page = obj_to_head_page(objp);
	if (!page)
		return 0;
	if (PageSlab(page))
		return page->slab_cache->object_size;
	return PAGE_SIZE << compound_order(page);
}

/*
 * Resize p to new_size, keeping its contents. Returns p itself when it is
 * big enough already, a new block otherwise (p is then freed), NULL on
 * failure (p untouched). new_size 0 frees p and returns ZERO_SIZE_PTR.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t old_size;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old_size = ksize(p);
	if (old_size >= new_size)
		return (void *)p;
	ret = __do_kmalloc(new_size, flags, _RET_IP_);
	if (ret && old_size) {
		memcpy(ret, p, old_size);
		kfree(p);
	}
	return ret;
}

/* ---- consistency check (debug caches) ----------------------------------- */

/*
 * Walk page's freelist, checking each free object; damaged ones are
 * reported, unlinked and quarantined. list_lock held.
 */
static void check_slab_freelist(struct kmem_cache *cachep, struct page *page)
{
	struct kmem_cache_node *n = &cachep->node;
	void *prev = NULL, *objp = page->freelist, *next;
	unsigned int kept = 0, seen = 0;

	while (objp) {
		next = *obj_link(cachep, objp);
		if (++seen > page->objects ||
		    (next && obj_to_index(cachep, page, next) < 0)) {
			drop_corrupt_freelist(cachep, page, prev, kept);
			return;
		}
		if (!check_free_obj(cachep, objp, 0)) {
			if (prev)
				*obj_link(cachep, prev) = next;
			else
				page->freelist = next;
			page->active++;
			n->free_objects--;
			quarantine_locked(cachep, objp);
		} else {
			prev = objp;
			kept++;
		}
		objp = next;
	}
}

/*
 * Check the red zones of objects in use: a damaged one is reported and the
 * object quarantined (its later free is then ignored). list_lock held.
 */
static void check_slab_active(struct kmem_cache *cachep, struct page *page)
{
	const char *problem;
	unsigned int i;
	void *objp;

	if (!(cachep->flags & SLAB_RED_ZONE))
		return;
	for (i = 0; i < page->objects; i++) {
		objp = index_to_obj(cachep, page, i);
		if (*dbg_redzone1(cachep, objp) == RED_INACTIVE ||
		    *dbg_redzone1(cachep, objp) == RED_QUARANTINE)
			continue;	/* free (checked already) or reported */
		problem = redzone_problem(cachep, objp);
		if (problem) {
			slab_report(cachep, problem, objp, 0);
			quarantine_locked(cachep, objp);
		}
	}
}

/* Put page on the list its fill level says. list_lock held; page is off all lists. */
static void slab_refile(struct kmem_cache_node *n, struct page *page)
{
	if (page->active == 0) {
		list_add_tail(&page->slab_list, &n->slabs_free);
		n->free_slabs++;
	} else if (page->active == page->objects) {
		list_add_tail(&page->slab_list, &n->slabs_full);
	} else {
		list_add_tail(&page->slab_list, &n->slabs_partial);
	}
}

/*
 * Full scan of a debug cache: every free object's red zones and poison,
 * every used object's red zones. Reports each problem once (damaged
 * objects are quarantined) and returns how many it found. Without debug
 * flags there is nothing to check and it returns 0.
 */
int kmem_cache_check(struct kmem_cache *cachep)
{
	struct kmem_cache_node *n = &cachep->node;
	unsigned long irqflags, before = slab_debug_errors;
	struct page *page;
	LIST_HEAD(all);

	if (!(cachep->flags & SLAB_DEBUG_FLAGS))
		return 0;
	spin_lock_irqsave(&n->list_lock, irqflags);
	while (!list_empty(&n->slabs_full))
		list_move_tail(n->slabs_full.next, &all);
	while (!list_empty(&n->slabs_partial))
		list_move_tail(n->slabs_partial.next, &all);
	while (!list_empty(&n->slabs_free))
		list_move_tail(n->slabs_free.next, &all);
	n->free_slabs = 0;
	while (!list_empty(&all)) {
		page = list_first_entry(&all, struct page, slab_list);
		list_del(&page->slab_list);
		check_slab_freelist(cachep, page);
		check_slab_active(cachep, page);
		slab_refile(n, page);
	}
	spin_unlock_irqrestore(&n->list_lock, irqflags);
	return (int)(slab_debug_errors - before);
}

/* ---- /proc/slabinfo ------------------------------------------------------ */

/*
 * Write /proc/slabinfo (format 2.1) into s: one line per cache. rivet has
 * no per-CPU array caches, so the tunables and sharedavail are 0.
 */
void slabinfo_show(struct seq_buf *s)
{
	struct kmem_cache *cachep;
	unsigned long irqflags, nflags, slabs, free_slabs, free_objs;

	seq_buf_printf(s, "slabinfo - version: 2.1\n");
	seq_buf_printf(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock_irqsave(&slab_mutex, irqflags);
	list_for_each_entry(cachep, &slab_caches, list) {
		spin_lock_irqsave(&cachep->node.list_lock, nflags);
		slabs = cachep->node.total_slabs;
		free_slabs = cachep->node.free_slabs;
		free_objs = cachep->node.free_objects;
		spin_unlock_irqrestore(&cachep->node.list_lock, nflags);
		seq_buf_printf(s, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n",
			       cachep->name, slabs * cachep->num - free_objs,
			       slabs * cachep->num, cachep->size, cachep->num,
			       1u << cachep->gfporder, 0u, 0u, 0u,
			       slabs - free_slabs, slabs, 0u);
	}
	spin_unlock_irqrestore(&slab_mutex, irqflags);
}

/* ---- bootstrap ------------------------------------------------------------ */

/* True once kmem_cache_init has made the kmalloc caches. */
bool slab_is_available(void)
{
	return slab_up;
}

/*
 * One general cache, kmalloc_caches[i]'s size. Power-of-two sizes are
 * aligned to themselves up to a page, so a debug red zone in front cannot
 * shift them; larger ones are naturally aligned anyway, since their slot
 * is their size and their slab a buddy block at least as large.
 */
static struct kmem_cache *create_kmalloc_cache(const char *name, unsigned int i,
					       unsigned long flags)
{
	size_t size = i == 1 ? 96 : i == 2 ? 192 : 1UL << i;
	size_t align = i > 2 ? min_t(size_t, size, PAGE_SIZE) : 0;

	return kmem_cache_create(name, size, align, flags | SLAB_PANIC, NULL);
}

/*
 * Set up the cache of caches (statically allocated, so it needs no cache
 * to hold it) and then the general kmalloc caches. Needs a working page
 * allocator; panics if memory runs out this early.
 */
void kmem_cache_init(void)
{
	unsigned int i;

	if (__kmem_cache_create(&kmem_cache_boot, "kmem_cache",
				sizeof(struct kmem_cache), 0,
				SLAB_HWCACHE_ALIGN, NULL))
		panic("kmem_cache_init: bad boot cache");
	list_add_tail(&kmem_cache_boot.list, &slab_caches);
	for (i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		if (!kmalloc_names[i])
			continue;
		kmalloc_caches[i] = create_kmalloc_cache(kmalloc_names[i], i, 0);
		kmalloc_dma_caches[i] = create_kmalloc_cache(kmalloc_dma_names[i], i,
							     SLAB_CACHE_DMA32);
	}
	slab_up = true;
}
