/*
 * The slab allocator (mm/slab.c): caches of equal-sized objects carved out
 * of page-allocator pages, and kmalloc on top of a set of general caches.
 * Follows seed 002 ("The Slab Allocator", "General Purpose Objects").
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/spinlock.h>

/* kmem_cache_create() flags (Linux's values). */
#define SLAB_RED_ZONE		0x00000400UL	/* guard words around each object */
#define SLAB_POISON		0x00000800UL	/* fill free objects with 0x6b..0xa5 */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align objects to cache lines */
#define SLAB_CACHE_DMA32	0x00008000UL	/* slab pages from ZONE_DMA32 */
#define SLAB_STORE_USER		0x00010000UL	/* remember the last alloc/free caller */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL	/* pages are __GFP_RECLAIMABLE */
#define SLAB_PANIC		0x00040000UL	/* panic if creation fails */

#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Debug patterns (the values Linux uses, so dumps look familiar). */
#define POISON_INUSE	0x5a	/* fresh object, not yet written by its user */
#define POISON_FREE	0x6b	/* freed object */
#define POISON_END	0xa5	/* last byte of a freed object */
#define RED_INACTIVE	0x09F911029D74E35BULL	/* red zone of a free object */
#define RED_ACTIVE	0xD84156C5635688C0ULL	/* red zone of an allocated object */
#define RED_QUARANTINE	0x5155415241544e45ULL	/* object withheld after a report */

#define L1_CACHE_BYTES	64
#define ARCH_KMALLOC_MINALIGN	8

/*
 * kmalloc(0) returns this: not NULL (so callers do not see a failure), but
 * any dereference faults. kfree() and ksize() accept it.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/*
 * General caches: 8 .. 128 KiB; kmalloc_caches[i] holds 2^i bytes, [1] 96,
 * [2] 192. kmalloc_dma_caches[] ("dma-kmalloc-*") are the same sizes from
 * ZONE_DMA32, for kmalloc with GFP_DMA32 or __GFP_DMA. Power-of-two sizes
 * are naturally aligned (kmalloc(4096) is page-aligned), debug on or off.
 */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	17
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)

/*
 * One node's slab lists (rivet has one memory node). list_lock protects
 * every field here and, for each slab page on these lists, its freelist
 * and active count. Taken with interrupts off (spin_lock_irqsave).
 */
struct kmem_cache_node {
	spinlock_t list_lock;
	struct list_head slabs_partial;	/* some objects free */
	struct list_head slabs_full;	/* no object free */
	struct list_head slabs_free;	/* every object free */
	unsigned long total_slabs;
	unsigned long free_slabs;	/* slabs on slabs_free */
	unsigned long free_objects;	/* objects on all freelists */
	unsigned long quarantined;	/* objects withheld after a debug report */
};

/*
 * A cache descriptor. Everything but node is fixed at creation and read
 * without locks. Object slot layout (debug words only with the flags):
 *
 *   [pad][red zone 1][object: object_size][red zone 2][pad][last caller][free link]
 *                    ^ obj_offset from slot start; free link at obj + free_offset
 */
struct kmem_cache {
	struct kmem_cache_node node;
	unsigned int size;		/* slot stride */
	unsigned int object_size;	/* usable bytes (ksize) */
	unsigned int align;
	unsigned int obj_offset;	/* slot start -> object */
	unsigned int free_offset;	/* object -> free link (0: inside the object) */
	unsigned int user_offset;	/* object -> last-caller word (STORE_USER) */
	unsigned int num;		/* objects per slab */
	unsigned int gfporder;		/* slab = 2^gfporder pages */
	unsigned int free_limit;	/* free objects kept before slabs go back */
	gfp_t allocflags;		/* added to every slab page request */
	unsigned long flags;		/* SLAB_* */
	void (*ctor)(void *);		/* run once when an object is created */
	const char *name;		/* caller's string; must outlive the cache */
	struct list_head list;		/* slab_caches, under slab_mutex */
};

extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
extern struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1];
extern unsigned long slab_debug_errors;	/* debug reports so far (tests read it) */

void kmem_cache_init(void);
bool slab_is_available(void);

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cachep);
int kmem_cache_shrink(struct kmem_cache *cachep);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
int kmem_cache_check(struct kmem_cache *cachep);

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
/* A kmalloc'd copy of the string @s; NULL without memory. */
char *kstrdup(const char *s, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

/* /proc/slabinfo text (format version 2.1). */
struct seq_buf;
void slabinfo_show(struct seq_buf *s);

#endif
