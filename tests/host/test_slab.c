/*
 * Host tests for mm/slab.c: size classes, large kmalloc, krealloc/kcalloc,
 * ctors, a seeded random stress over many caches, /proc/slabinfo, and the
 * debug reports (double free, overflow, underflow, use after free).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/seq_buf.h>
#include "test.h"
#include "slab_test_env.h"

#include "capture.h"

static const char *captured;

static int count_substr(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* ---- helpers ---- */

static unsigned long rng_state = 12345;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static size_t class_of(size_t size)
{
	size_t c = 8;

	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	while (c < size)
		c <<= 1;
	return c;
}

static void fill(void *p, size_t n, unsigned long seed)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(seed * 31 + i * 7 + (seed >> 8));
}

static bool check_fill(const void *p, size_t n, unsigned long seed)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != (unsigned char)(seed * 31 + i * 7 + (seed >> 8)))
			return false;
	return true;
}

/* ---- basic kmalloc behaviour ---- */

static void test_size_classes(void)
{
	bool ok = true, aligned = true;
	size_t size;
	void *p;

	for (size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += size < 512 ? 1 : 509) {
		p = kmalloc(size, GFP_KERNEL);
		if (!p || ksize(p) != class_of(size)) {
			printf("# size %zu: ksize %zu, want %zu\n", size, p ? ksize(p) : 0, class_of(size));
			ok = false;
		}
		if ((unsigned long)p % 8)
			aligned = false;
		if (p)
			memset(p, 0xee, size);
		kfree(p);
	}
	CHECK(ok, "kmalloc size classes: ksize is the smallest class >= request (1 .. 128 KiB)");
	CHECK(aligned, "kmalloc results are 8-byte aligned");
	CHECK(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR, "kmalloc(0) returns ZERO_SIZE_PTR");
	CHECK(kzalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR, "kzalloc(0) returns ZERO_SIZE_PTR");
	CHECK(ksize(ZERO_SIZE_PTR) == 0 && ksize(NULL) == 0, "ksize of ZERO_SIZE_PTR/NULL is 0");
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	CHECK(1, "kfree(NULL) and kfree(ZERO_SIZE_PTR) are no-ops");
	CHECK(kmalloc_caches[6] && !strcmp(kmalloc_caches[6]->name, "kmalloc-64") &&
	      kmalloc_caches[1] && !strcmp(kmalloc_caches[1]->name, "kmalloc-96") &&
	      kmalloc_caches[17] && !strcmp(kmalloc_caches[17]->name, "kmalloc-131072"),
	      "general caches named kmalloc-64, kmalloc-96 .. kmalloc-131072");
}

static void test_zeroing(void)
{
	unsigned char *p = kmalloc(100, GFP_KERNEL);
	bool zero = true;
	int i;

	memset(p, 0x77, 100);
	kfree(p);
	p = kzalloc(100, GFP_KERNEL);
	for (i = 0; i < 100; i++)
		zero &= p[i] == 0;
	CHECK(zero, "kzalloc(100) is zeroed even over a dirtied object");
	kfree(p);
	p = kcalloc(10, 30, GFP_KERNEL);
	zero = p != NULL;
	for (i = 0; p && i < 300; i++)
		zero &= p[i] == 0;
	CHECK(zero && ksize(p) >= 300, "kcalloc(10, 30) gives 300 zeroed bytes");
	kfree(p);
	CHECK(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL) == NULL, "kcalloc overflow returns NULL");
	CHECK(kmalloc_array(SIZE_MAX / 8 + 1, 8, GFP_KERNEL) == NULL, "kmalloc_array overflow returns NULL");
}

static void test_large(void)
{
	unsigned long before = slab_env_free_pages();
	unsigned char *p = kmalloc(200000, GFP_KERNEL), *z;
	struct page *page = virt_to_page(p);
	bool zero = true;
	size_t i;

	CHECK(p && !PageSlab(page) && PageHead(page) && compound_order(page) == 6,
	      "kmalloc(200000) is an order-6 compound page block, not slab");
	CHECK(ksize(p) == 256 * 1024, "ksize of the large block is 256 KiB (got %zu)", ksize(p));
	CHECK(slab_env_free_pages() == before - 64, "large kmalloc took 64 pages from the page allocator");
	fill(p, 200000, 7);
	CHECK(check_fill(p, 200000, 7), "large block holds its contents");
	kfree(p);
	CHECK(slab_env_free_pages() == before, "kfree of the large block gives its pages back");
	z = kzalloc(300000, GFP_KERNEL);
	for (i = 0; z && i < 300000; i++)
		zero &= z[i] == 0;
	CHECK(z && zero, "kzalloc(300000) is zeroed");
	kfree(z);
	CHECK(kmalloc((PAGE_SIZE << MAX_ORDER), GFP_KERNEL | __GFP_NOWARN) == NULL,
	      "kmalloc beyond the largest buddy block returns NULL");
}

static void test_krealloc(void)
{
	unsigned char *p = kmalloc(50, GFP_KERNEL), *q;

	fill(p, 50, 99);
	q = krealloc(p, 40, GFP_KERNEL);
	CHECK(q == p, "krealloc to a smaller size keeps the block");
	q = krealloc(p, 1000, GFP_KERNEL);
	CHECK(q && q != p && ksize(q) >= 1000 && check_fill(q, 50, 99),
	      "krealloc 50 -> 1000 moves the block and keeps the contents");
	fill(q, 1000, 5);
	p = krealloc(q, 150000, GFP_KERNEL);
	CHECK(p && ksize(p) >= 150000 && check_fill(p, 1000, 5),
	      "krealloc 1000 -> 150000 (page block) keeps the contents");
	q = krealloc(p, 0, GFP_KERNEL);
	CHECK(q == ZERO_SIZE_PTR, "krealloc(p, 0) frees p and returns ZERO_SIZE_PTR");
	p = krealloc(NULL, 24, GFP_KERNEL);
	CHECK(p && ksize(p) == 32, "krealloc(NULL, 24) acts as kmalloc(24)");
	kfree(p);
}

/* ---- ctors ---- */

static int ctor_calls;
struct ctor_obj {
	unsigned long magic;
	unsigned long data[5];
};

static void ctor_fn(void *p)
{
	struct ctor_obj *o = p;

	ctor_calls++;
	o->magic = 0xc0ffee;
	o->data[0] = 0;
}

static void test_ctor(void)
{
	struct kmem_cache *c = kmem_cache_create("ctor-test", sizeof(struct ctor_obj),
						 0, 0, ctor_fn);
	struct ctor_obj *objs[300];
	bool magic = true;
	unsigned long kept;
	int i, calls;

	CHECK(c != NULL, "kmem_cache_create with a ctor");
	for (i = 0; i < 300; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		magic &= objs[i]->magic == 0xc0ffee;
	}
	CHECK(magic, "every object comes out constructed");
	CHECK(ctor_calls == (int)(c->node.total_slabs * c->num),
	      "ctor ran once per object made (%d calls, %lu slabs x %u)",
	      ctor_calls, c->node.total_slabs, c->num);
	for (i = 0; i < 300; i++)
		kmem_cache_free(c, objs[i]);
	calls = ctor_calls;
	kept = c->node.total_slabs;
	magic = true;
	for (i = 0; i < 300; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		magic &= objs[i]->magic == 0xc0ffee;
	}
	CHECK(magic, "freed objects keep their constructed state (free link outside the object)");
	CHECK(kept >= 1 && ctor_calls - calls == (int)((c->node.total_slabs - kept) * c->num),
	      "reuse runs no ctor; only the %lu remade slabs ran it (%d calls)",
	      c->node.total_slabs - kept, ctor_calls - calls);
	for (i = 0; i < 300; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

/* ---- random stress ---- */

#define NCACHES	10
#define NLIVE	4096

struct live {
	void *p;
	size_t size;
	int cache;		/* -1: kmalloc */
	unsigned long seed;
};

static struct kmem_cache *caches[NCACHES];
static const size_t cache_size[NCACHES] = { 8, 24, 40, 100, 256, 333, 1000, 3000, 5000, 20000 };
static const size_t cache_align[NCACHES] = { 0, 16, 0, 32, 0, 128, 0, 64, 0, 0 };
static const unsigned long cache_flags[NCACHES] = {
	0, SLAB_HWCACHE_ALIGN, SLAB_RECLAIM_ACCOUNT, 0, SLAB_HWCACHE_ALIGN,
	0, SLAB_RECLAIM_ACCOUNT, 0, SLAB_HWCACHE_ALIGN, 0 };
static const char *const cache_names[NCACHES] = {
	"st-8", "st-24", "st-40", "st-100", "st-256", "st-333", "st-1000",
	"st-3000", "st-5000", "st-20000" };
static struct live live[NLIVE];
static unsigned long live_per_cache[NCACHES];

static void stress_alloc(struct live *l, unsigned long seq)
{
	int which = (int)(rnd() % (NCACHES + 3)) - 3;
	size_t align = 8;

	if (which < 0) {
		l->size = rnd() % 3 == 0 ? 1 + rnd() % 8192 : 1 + rnd() % 256;
		if (rnd() % 200 == 0)
			l->size = 131073 + rnd() % 100000;
		l->p = kmalloc(l->size, GFP_KERNEL);
		l->cache = -1;
	} else {
		l->size = cache_size[which];
		l->p = kmem_cache_alloc(caches[which], GFP_KERNEL);
		l->cache = which;
		align = max_t(size_t, cache_align[which], 8);
		live_per_cache[which]++;
	}
	l->seed = seq;
	CHECK_QUIET(l->p && (unsigned long)l->p % align == 0 && virt_addr_valid(l->p),
		    "stress alloc %zu: aligned lowmem", l->size);
	if (l->p)
		fill(l->p, l->size, l->seed);
}

static bool stress_free(struct live *l)
{
	bool ok = check_fill(l->p, l->size, l->seed);

	if (l->cache < 0) {
		kfree(l->p);
	} else {
		kmem_cache_free(caches[l->cache], l->p);
		live_per_cache[l->cache]--;
	}
	l->p = NULL;
	return ok;
}

/* Parse slabinfo and find a cache's numbers; returns false if absent. */
struct slabinfo_line {
	unsigned long active, num, objsize, perslab, pages, aslabs, nslabs;
};

static char slabinfo_text[32768];

static void read_slabinfo(void)
{
	struct seq_buf s;

	seq_buf_init(&s, slabinfo_text, sizeof(slabinfo_text));
	slabinfo_show(&s);
}

static bool slabinfo_find(const char *name, struct slabinfo_line *out)
{
	char *line = slabinfo_text, nm[64];
	unsigned long a, b, c, d, e, f, g, h, i, j, k;

	while (line && *line) {
		if (sscanf(line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			   nm, &a, &b, &c, &d, &e, &f, &g, &h, &i, &j, &k) == 12 &&
		    !strcmp(nm, name)) {
			*out = (struct slabinfo_line){ a, b, c, d, e, i, j };
			return true;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return false;
}

static void check_slabinfo_against_caches(void)
{
	struct slabinfo_line si;
	bool ok = true, found = true;
	int i;

	read_slabinfo();
	CHECK(!strncmp(slabinfo_text, "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n",
		       strlen("slabinfo - version: 2.1\n# name")),
	      "slabinfo starts with the version 2.1 header");
	for (i = 0; i < NCACHES; i++) {
		struct kmem_cache *c = caches[i];

		if (!slabinfo_find(cache_names[i], &si)) {
			found = false;
			continue;
		}
		if (si.active != live_per_cache[i] || si.objsize != c->size ||
		    si.perslab != c->num || si.pages != (1UL << c->gfporder) ||
		    si.num != si.nslabs * si.perslab ||
		    si.nslabs != c->node.total_slabs ||
		    si.aslabs != c->node.total_slabs - c->node.free_slabs) {
			printf("# %s: slabinfo active %lu (live %lu) num %lu size %lu/%u\n",
			       cache_names[i], si.active, live_per_cache[i], si.num,
			       si.objsize, c->size);
			ok = false;
		}
	}
	CHECK(found, "every stress cache has a slabinfo line");
	CHECK(ok, "slabinfo numbers match the live objects and the cache geometry");
	CHECK(slabinfo_find("kmalloc-64", &si) && slabinfo_find("kmem_cache", &si),
	      "slabinfo lists kmalloc-64 and kmem_cache");
}

/* Pages held by slabs according to slabinfo, all caches. */
static unsigned long slabinfo_pages(void)
{
	char *line = slabinfo_text, nm[64];
	unsigned long a, b, c, d, pages, f, g, h, i, nslabs, k, total = 0;

	read_slabinfo();
	while (line && *line) {
		if (sscanf(line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			   nm, &a, &b, &c, &d, &pages, &f, &g, &h, &i, &nslabs, &k) == 12)
			total += pages * nslabs;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return total;
}

static void shrink_all(void)
{
	int i;

	for (i = 0; i <= KMALLOC_SHIFT_HIGH; i++)
		if (kmalloc_caches[i])
			kmem_cache_shrink(kmalloc_caches[i]);
	for (i = 0; i < NCACHES; i++)
		kmem_cache_shrink(caches[i]);
}

static void test_stress(void)
{
	unsigned long start_free, errors = slab_debug_errors, seq, bad = 0;
	int i, ops = 0, checks = 0;

	for (i = 0; i < NCACHES; i++) {
		caches[i] = kmem_cache_create(cache_names[i], cache_size[i],
					      cache_align[i], cache_flags[i], NULL);
		CHECK_QUIET(caches[i] != NULL, "create %s", cache_names[i]);
	}
	CHECK(caches[2]->allocflags & __GFP_RECLAIMABLE,
	      "SLAB_RECLAIM_ACCOUNT caches ask for __GFP_RECLAIMABLE pages");
	shrink_all();
	start_free = slab_env_free_pages();
	for (seq = 1; seq <= 200000; seq++) {
		struct live *l = &live[rnd() % NLIVE];

		if (l->p) {
			bad += !stress_free(l);
		} else {
			stress_alloc(l, seq);
		}
		ops++;
		if (seq % 50000 == 0) {
			for (i = 0; i < NCACHES; i++)
				checks += kmem_cache_check(caches[i]);
		}
	}
	CHECK(bad == 0, "200000 random ops: every object kept its pattern (%lu damaged)", bad);
	CHECK(checks == 0, "kmem_cache_check found nothing during the stress");
	CHECK(slab_env_reclaimable_pages() >= (1UL << caches[2]->gfporder) * caches[2]->node.total_slabs +
	      (1UL << caches[6]->gfporder) * caches[6]->node.total_slabs &&
	      caches[2]->node.total_slabs > 0,
	      "SLAB_RECLAIM_ACCOUNT slabs are counted in NR_SLAB_RECLAIMABLE (%lu pages)",
	      slab_env_reclaimable_pages());
	check_slabinfo_against_caches();
	CHECK(slabinfo_pages() == slab_env_slab_pages(),
	      "zone NR_SLAB_* counters (%lu) equal the pages slabinfo shows (%lu)",
	      slab_env_slab_pages(), slabinfo_pages());
	for (i = 0; i < NLIVE; i++)
		if (live[i].p)
			bad += !stress_free(&live[i]);
	CHECK(bad == 0, "every object intact when freeing the rest");
	CHECK(slab_debug_errors == errors, "no debug reports during the stress");
	shrink_all();
	CHECK(slab_env_free_pages() == start_free,
	      "after freeing everything and shrinking, the page allocator is back to its start count (%lu vs %lu)",
	      slab_env_free_pages(), start_free);
	for (i = 0; i < NCACHES; i++)
		kmem_cache_destroy(caches[i]);
	read_slabinfo();
	CHECK(!strstr(slabinfo_text, "st-100"), "destroyed caches leave slabinfo");
}

static void test_orders(void)
{
	bool waste_ok = true;
	int i;

	for (i = 0; i <= KMALLOC_SHIFT_HIGH; i++) {
		struct kmem_cache *c = kmalloc_caches[i];
		unsigned long slab;

		if (!c)
			continue;
		slab = PAGE_SIZE << c->gfporder;
		if (c->num < 1 || c->num * c->size > slab ||
		    (c->size <= (PAGE_SIZE << 3) / 4 && (slab % c->size) * 8 > slab) ||
		    (c->size < PAGE_SIZE && c->gfporder > 3)) {
			printf("# %s: order %u num %u size %u\n", c->name, c->gfporder, c->num, c->size);
			waste_ok = false;
		}
	}
	CHECK(waste_ok, "slab orders: small objects <= order 3, waste <= 1/8");
	CHECK(kmalloc_caches[17]->num == 1 && kmalloc_caches[17]->gfporder == 5,
	      "kmalloc-131072: one object per order-5 slab");
}

static void test_highmem_flag(void)
{
	void *p;

	capture_begin();
	p = kmalloc(32, GFP_KERNEL | __GFP_HIGHMEM);
	captured = capture_end();
	CHECK(p && virt_addr_valid(p), "kmalloc with __GFP_HIGHMEM still returns lowmem");
	CHECK(strstr(captured, "WARNING") != NULL, "... and warns");
	kfree(p);
}

/*
 * Power-of-two kmalloc sizes are aligned to their size (to a page at
 * least up to 4096), with and without the debug red zones.
 */
static void test_natural_alignment(void)
{
	bool ok = true;
	void *p[3];

	for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		size_t size = 1UL << i;

		for (int j = 0; j < 3; j++) {
			p[j] = kmalloc(size, GFP_KERNEL);
			if (!p[j] || !IS_ALIGNED((unsigned long)p[j], size)) {
				printf("# kmalloc(%zu) = %p\n", size, p[j]);
				ok = false;
			}
		}
		for (int j = 0; j < 3; j++)
			kfree(p[j]);
	}
	CHECK(ok, "kmalloc(2^n) is 2^n-aligned for 8 .. 128 KiB (kmalloc(4096) page-aligned)");
}

static bool in_zone(const void *p, enum zone_type zone)
{
	return p && virt_addr_valid(p) && page_zonenum(virt_to_page(p)) == zone;
}

/* GFP_DMA32 and __GFP_DMA kmalloc come from ZONE_DMA32, small or large. */
static void test_dma32(void)
{
	void *a = kmalloc(64, GFP_KERNEL | GFP_DMA32);
	void *b = kzalloc(1000, GFP_KERNEL | __GFP_DMA);
	void *c = kmalloc(200000, GFP_KERNEL | GFP_DMA32);
	void *n = kmalloc(64, GFP_KERNEL);
	struct kmem_cache *plain;
	void *d;

	CHECK(in_zone(a, ZONE_DMA32) && in_zone(b, ZONE_DMA32),
	      "kmalloc(64, GFP_DMA32) and kzalloc(1000, __GFP_DMA) are in ZONE_DMA32");
	CHECK(in_zone(c, ZONE_DMA32), "kmalloc(200000, GFP_DMA32) (page-backed) is in ZONE_DMA32");
	CHECK(in_zone(n, ZONE_NORMAL), "plain kmalloc(64) still prefers ZONE_NORMAL");
	CHECK(kmalloc_dma_caches[6] && !strcmp(kmalloc_dma_caches[6]->name, "dma-kmalloc-64") &&
	      virt_to_page(a)->slab_cache == kmalloc_dma_caches[6],
	      "served by the dma-kmalloc-64 cache");
	kfree(a);
	kfree(b);
	kfree(c);
	kfree(n);
	plain = kmem_cache_create("st-plain", 48, 0, 0, NULL);
	capture_begin();
	d = kmem_cache_alloc(plain, GFP_KERNEL | GFP_DMA32);
	captured = capture_end();
	CHECK(d && strstr(captured, "WARNING"),
	      "GFP_DMA32 on a cache without SLAB_CACHE_DMA32 warns");
	kmem_cache_free(plain, d);
	kmem_cache_destroy(plain);
}

static void test_destroy_busy(void)
{
	struct kmem_cache *c = kmem_cache_create("busy-cache", 48, 0, 0, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	capture_begin();
	kmem_cache_destroy(c);
	captured = capture_end();
	CHECK(strstr(captured, "busy-cache") && strstr(captured, "still has objects"),
	      "destroying a cache with live objects complains, naming it");
	read_slabinfo();
	CHECK(strstr(slabinfo_text, "busy-cache") != NULL, "... and leaves the cache in place");
	memset(p, 1, 48);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	read_slabinfo();
	CHECK(!strstr(slabinfo_text, "busy-cache"), "once empty it is destroyed");
}

/* ---- debug reports ---- */

static struct kmem_cache *dbg;

/* Run one planted bug; check it was reported exactly once, by name. */
static void expect_report(const char *what, const char *kind, const char *cache)
{
	CHECK(count_substr(captured, kind) == 1 && strstr(captured, cache) &&
	      strstr(captured, "caller"),
	      "%s: reported once as \"%s\" naming cache %s", what, kind, cache);
}

static void test_debug(void)
{
	unsigned long e;
	unsigned char *p, *q, *big, *seen[200];
	unsigned long free_before;
	struct page *pg;
	bool reused = false, consistent = true;
	int i;

	dbg = kmem_cache_create("dbg-test", 64, 0,
				SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, NULL);

	/* double free */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	kmem_cache_free(dbg, p);
	e = slab_debug_errors;
	capture_begin();
	kmem_cache_free(dbg, p);
	captured = capture_end();
	expect_report("double free", "double free", "dbg-test");
	CHECK(slab_debug_errors == e + 1, "double free counted once");
	q = kmem_cache_alloc(dbg, GFP_KERNEL);
	CHECK(q == p, "after a double free the object is handed out once (LIFO reuse)");
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	CHECK(p && p != q, "... and not twice");
	kmem_cache_free(dbg, p);
	kmem_cache_free(dbg, q);
	CHECK(kmem_cache_check(dbg) == 0, "cache consistent after the double free");

	/* overflow by one byte */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	p[64] = 'x';
	e = slab_debug_errors;
	capture_begin();
	kmem_cache_free(dbg, p);
	captured = capture_end();
	expect_report("one-byte overflow", "overflow", "dbg-test");
	CHECK(slab_debug_errors == e + 1 && dbg->node.quarantined == 1,
	      "overflow counted once and the object quarantined");
	for (i = 0; i < 200; i++) {
		seen[i] = kmem_cache_alloc(dbg, GFP_KERNEL);
		reused |= seen[i] == p;
	}
	CHECK(!reused, "the quarantined object is never handed out again");
	for (i = 0; i < 200; i++)
		kmem_cache_free(dbg, seen[i]);

	/* underflow */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	p[-1] = 0;
	e = slab_debug_errors;
	capture_begin();
	kmem_cache_free(dbg, p);
	captured = capture_end();
	expect_report("one-byte underflow", "underflow", "dbg-test");
	CHECK(slab_debug_errors == e + 1, "underflow counted once");

	/* use after free, found when the object is reallocated */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	kmem_cache_free(dbg, p);
	p[10] = 0x42;
	e = slab_debug_errors;
	capture_begin();
	q = kmem_cache_alloc(dbg, GFP_KERNEL);
	captured = capture_end();
	expect_report("use after free", "use after free", "dbg-test");
	CHECK(slab_debug_errors == e + 1 && q && q != p,
	      "use after free counted once; another object handed out instead");
	kmem_cache_free(dbg, q);

	/* the full scan: overflow of a live object, poison damage of a free one */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	q = kmem_cache_alloc(dbg, GFP_KERNEL);
	p[70] = 1;
	kmem_cache_free(dbg, q);
	q[0] = 0;
	e = slab_debug_errors;
	capture_begin();
	i = kmem_cache_check(dbg);
	kmem_cache_free(dbg, p);	/* already reported: stays quiet */
	captured = capture_end();
	CHECK(i == 2 && slab_debug_errors == e + 2,
	      "kmem_cache_check finds a live overflow and a free-object write (%d)", i);
	CHECK(count_substr(captured, "overflow") == 1 && count_substr(captured, "use after free") == 1,
	      "... each reported once, the later free of the bad object stays quiet");
	CHECK(kmem_cache_check(dbg) == 0, "a second scan finds nothing new");

	/* bad pointers */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	e = slab_debug_errors;
	capture_begin();
	kmem_cache_free(dbg, p + 8);
	kfree(&e);
	captured = capture_end();
	CHECK(slab_debug_errors == e + 2 && strstr(captured, "not the start of an object") &&
	      strstr(captured, "not a slab object"),
	      "freeing a pointer into an object, or a stack address, is reported");
	kmem_cache_free(dbg, p);
	pg = alloc_pages(GFP_KERNEL, 0);
	big = kmalloc(200000, GFP_KERNEL);
	free_before = slab_env_free_pages();
	e = slab_debug_errors;
	capture_begin();
	kfree(lowmem_page_address(pg));
	kfree(big + 4096);
	kmem_cache_free(dbg, big);
	captured = capture_end();
	CHECK(slab_debug_errors == e + 3 && slab_env_free_pages() == free_before,
	      "kfree of a plain page, of the inside of a large block, and kmem_cache_free of a large block are reported and ignored");
	__free_pages(pg, 0);
	kfree(big);

	/* freelist link overwritten */
	p = kmem_cache_alloc(dbg, GFP_KERNEL);
	q = kmem_cache_alloc(dbg, GFP_KERNEL);
	kmem_cache_free(dbg, q);
	kmem_cache_free(dbg, p);
	*(void **)(p + dbg->free_offset) = (void *)0x1234;
	e = slab_debug_errors;
	capture_begin();
	q = kmem_cache_alloc(dbg, GFP_KERNEL);
	captured = capture_end();
	CHECK(q == p && slab_debug_errors == e + 1 && strstr(captured, "corrupted free list"),
	      "a corrupted free link is reported and the list cut there");
	kmem_cache_free(dbg, q);

	/* still a working cache */
	for (i = 0; i < 200; i++) {
		seen[i] = kmem_cache_alloc(dbg, GFP_KERNEL);
		consistent &= seen[i] != NULL;
		if (seen[i])
			fill(seen[i], 64, i);
	}
	for (i = 0; i < 200; i++) {
		consistent &= check_fill(seen[i], 64, i);
		kmem_cache_free(dbg, seen[i]);
	}
	CHECK(consistent && kmem_cache_check(dbg) == 0,
	      "after all the planted bugs the cache still allocates and checks clean");
}

#ifdef CONFIG_SLAB_DEBUG
/* With CONFIG_SLAB_DEBUG every small cache is a debug cache, kmalloc's too. */
static void test_kmalloc_debug(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);
	unsigned long e = slab_debug_errors;

	CHECK(kmalloc_caches[6]->flags & SLAB_RED_ZONE, "CONFIG_SLAB_DEBUG: kmalloc-64 has red zones");
	p[64] = 0;
	capture_begin();
	kfree(p);
	captured = capture_end();
	expect_report("kmalloc overflow", "overflow", "kmalloc-64");
	CHECK(slab_debug_errors == e + 1, "kmalloc overflow counted");
	p = kmalloc(32, GFP_KERNEL);
	kfree(p);
	e = slab_debug_errors;
	capture_begin();
	kfree(p);
	captured = capture_end();
	expect_report("kfree twice", "double free", "kmalloc-32");
}
#endif

int main(void)
{
	slab_env_init();
	kmem_cache_init();
	CHECK(slab_is_available(), "kmem_cache_init brings the slab up");
	test_size_classes();
	test_zeroing();
	test_large();
	test_krealloc();
	test_ctor();
	test_orders();
	test_stress();
	test_highmem_flag();
	test_natural_alignment();
	test_dma32();
	test_destroy_busy();
	test_debug();
#ifdef CONFIG_SLAB_DEBUG
	test_kmalloc_debug();
#endif
	printf("# %d passed, %d failed\n", test_passed, test_failed);
	return test_exit();
}
