/*
 * Host tests for mm/mmap.c on the real slab and buddy allocator: seeded
 * random mmap (fixed and not), munmap and mprotect against a page-granular
 * model, checking after every step that the VMA list and the rb-tree
 * agree, are sorted and do not overlap, that the VMAs are exactly the
 * maximal runs of equal pages (so adjacent compatible VMAs are merged, as
 * Linux merges them), and that unmap_range/protect_range saw exactly the
 * pages that changed. Then fixed scenarios for vma_merge's eight cases and
 * its refusals, get_unmapped_area, the map-count limit, allocation
 * failure, file and anon_vma references (through counting stand-ins for
 * the kernel side), MAP_FIXED_NOREPLACE, do_brk, expand_stack with its
 * limit and guard gap, and no leaked VMAs. VMA allocations are counted
 * and made to fail through -Wl,--wrap (mmap.mk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/mm_vma.h>
#include <uapi/mman.h>
#include <linux/slab.h>
#include "test.h"
#include "slab_test_env.h"

/* ---- VMA allocations: counting and failure injection ---- */

void *__real_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *__real_kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void __real_kmem_cache_free(struct kmem_cache *cachep, void *objp);
void *__wrap_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *__wrap_kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void __wrap_kmem_cache_free(struct kmem_cache *cachep, void *objp);

static long live_vmas;
static bool fail_alloc;

static void *count_alloc(struct kmem_cache *cachep, void *p)
{
	if (p && cachep == vm_area_cachep)
		live_vmas++;
	return p;
}

void *__wrap_kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	if (cachep == vm_area_cachep && fail_alloc)
		return NULL;
	return count_alloc(cachep, __real_kmem_cache_alloc(cachep, flags));
}

void *__wrap_kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	if (cachep == vm_area_cachep && fail_alloc)
		return NULL;
	return count_alloc(cachep, __real_kmem_cache_zalloc(cachep, flags));
}

void __wrap_kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	if (cachep == vm_area_cachep)
		live_vmas--;
	__real_kmem_cache_free(cachep, objp);
}

/*
 * ---- stand-ins for the kernel side of files and anon_vmas ----
 * Files and anon_vmas here are fake pointers that are never dereferenced;
 * their references are counted per pointer, so a leak or a double put
 * shows. call_mmap records its calls and can be made to fail.
 */

#define NREFS 8
static struct { const void *p; long refs; } refs[NREFS];
static long file_links;		/* vma_link_file minus vma_unlink_file */
static int mmap_calls, mmap_error, check_error;
static const struct vm_operations_struct file_vm_ops;
static unsigned long stack_rlimit = ~0UL;

static long *ref_slot(const void *p)
{
	for (int i = 0; i < NREFS; i++)
		if (refs[i].p == p || !refs[i].p) {
			refs[i].p = p;
			return &refs[i].refs;
		}
	printf("# ref_slot: table full\n");
	return &refs[0].refs;
}

static long refs_of(const void *p)
{
	return *ref_slot(p);
}

static bool all_refs_zero(void)
{
	for (int i = 0; i < NREFS; i++)
		if (refs[i].p && refs[i].refs) {
			printf("# %p has %ld references left\n", refs[i].p, refs[i].refs);
			return false;
		}
	return true;
}

struct file *get_file(struct file *f) { ++*ref_slot(f); return f; }
void fput(struct file *f) { --*ref_slot(f); }
void get_anon_vma(struct anon_vma *av) { if (av) ++*ref_slot(av); }
void put_anon_vma(struct anon_vma *av) { if (av) --*ref_slot(av); }
static LIST_HEAD(fake_i_mmap);
void vma_link_file(struct vm_area_struct *vma) { list_add(&vma->shared, &fake_i_mmap); file_links++; }
void vma_unlink_file(struct vm_area_struct *vma)
{
	if (!list_empty(&vma->shared)) {
		list_del_init(&vma->shared);
		file_links--;
	}
}
unsigned long mm_rlimit(unsigned int res) { return stack_rlimit; }

int call_mmap(struct file *file, struct vm_area_struct *vma)
{
	mmap_calls++;
	if (mmap_error)
		return mmap_error;
	vma->vm_ops = &file_vm_ops;
	return 0;
}

int mmap_file_check(struct file *file, unsigned long prot, unsigned long flags,
		    unsigned long *vm_flags)
{
	return check_error;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	vma->vm_file = get_file((struct file *)0x5000);
	vma->vm_ops = &file_vm_ops;
	return 0;
}

/* ---- the address space and its page-table hooks ---- */

#define NPAGES		1024		/* task_size: 4 MiB */
#define BASE_PAGE	768		/* mmap_base */
#define PG(n)		((unsigned long)(n) << PAGE_SHIFT)
#define RW		(PROT_READ | PROT_WRITE)

static struct mm_struct mm;
static unsigned char unmapped_hits[NPAGES];	/* unmap_range calls per page */
static unsigned char protected_hits[NPAGES];	/* protect_range calls per page */
static unsigned long protected_prot[NPAGES];
static bool hook_out_of_range;

static void test_unmap_range(struct mm_struct *m, unsigned long start, unsigned long end)
{
	if (m != &mm || start >= end || end > PG(NPAGES)) {
		hook_out_of_range = true;
		return;
	}
	for (; start < end; start += PAGE_SIZE)
		unmapped_hits[start >> PAGE_SHIFT]++;
}

static void test_protect_range(struct mm_struct *m, unsigned long start,
			       unsigned long end, unsigned long prot)
{
	if (m != &mm || start >= end || end > PG(NPAGES)) {
		hook_out_of_range = true;
		return;
	}
	for (; start < end; start += PAGE_SIZE) {
		protected_hits[start >> PAGE_SHIFT]++;
		protected_prot[start >> PAGE_SHIFT] = prot;
	}
}

static void reset_hooks(void)
{
	memset(unmapped_hits, 0, sizeof(unmapped_hits));
	memset(protected_hits, 0, sizeof(protected_hits));
	hook_out_of_range = false;
}

static void mm_setup(void)
{
	memset(&mm, 0, sizeof(mm));
	mm.mm_rb = RB_ROOT;
	mm.task_size = PG(NPAGES);
	mm.mmap_base = PG(BASE_PAGE);
	mm.unmap_range = test_unmap_range;
	mm.protect_range = test_protect_range;
	reset_hooks();
}

/* ---- the model: one entry per page ---- */

struct mpage {
	bool mapped;
	unsigned long flags;	/* the vm_flags the page's VMA must have */
};

static struct mpage model[NPAGES];

static bool model_free(unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		if (model[i].mapped)
			return false;
	return true;
}

static unsigned long model_pages(void)
{
	unsigned long i, n = 0;

	for (i = 0; i < NPAGES; i++)
		n += model[i].mapped;
	return n;
}

/* ---- structure checks ---- */

static int rb_black_height(struct rb_node *n, struct rb_node *parent)
{
	int l, r;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return -1;
	if (rb_is_red(n) && ((n->rb_left && rb_is_red(n->rb_left)) ||
			     (n->rb_right && rb_is_red(n->rb_right))))
		return -1;
	l = rb_black_height(n->rb_left, n);
	r = rb_black_height(n->rb_right, n);
	return l < 0 || l != r ? -1 : l + rb_is_black(n);
}

/* List sorted, non-overlapping, linked both ways; tree valid and in the same order. */
static const char *check_structure(void)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *n = rb_first(&mm.mm_rb);
	int count = 0;

	if (mm.mm_rb.rb_node && (!rb_is_black(mm.mm_rb.rb_node) ||
				 rb_black_height(mm.mm_rb.rb_node, NULL) < 0))
		return "rb-tree invariants";
	for (vma = mm.mmap; vma; prev = vma, vma = vma->vm_next, n = rb_next(n)) {
		if (vma->vm_prev != prev || vma->vm_mm != &mm)
			return "list links";
		if (vma->vm_start >= vma->vm_end || offset_in_page(vma->vm_start) ||
		    offset_in_page(vma->vm_end) || (prev && prev->vm_end > vma->vm_start))
			return "sorted, non-overlapping, page-aligned";
		if (!n || rb_entry(n, struct vm_area_struct, vm_rb) != vma)
			return "rb-tree order differs from the list";
		count++;
	}
	if (n || count != mm.map_count)
		return "map_count / tree size";
	return NULL;
}

/* The VMAs are exactly the model's maximal runs, with the model's flags. */
static const char *check_against_model(void)
{
	struct vm_area_struct *vma = mm.mmap;
	unsigned long i = 0, start;

	for (;;) {
		while (i < NPAGES && !model[i].mapped)
			i++;
		if (i == NPAGES)
			break;
		start = i;
		while (i + 1 < NPAGES && model[i + 1].mapped &&
		       model[i + 1].flags == model[start].flags)
			i++;
		i++;
		if (!vma || vma->vm_start != PG(start) || vma->vm_end != PG(i))
			return "VMA bounds differ from the model's runs";
		if (vma->vm_flags != model[start].flags ||
		    vma->vm_page_prot != vm_get_page_prot(vma->vm_flags) ||
		    vma->vm_pgoff != start)
			return "VMA flags, prot or pgoff";
		vma = vma->vm_next;
	}
	if (vma)
		return "more VMAs than the model";
	if (mm.total_vm != model_pages())
		return "total_vm";
	return NULL;
}

/* find_vma, find_vma_prev and find_vma_intersection at @page agree with the model. */
static bool lookups_agree(unsigned long page)
{
	struct vm_area_struct *vma, *prev, *want = NULL, *want_prev = NULL;

	for (vma = mm.mmap; vma; vma = vma->vm_next) {
		if (vma->vm_end > PG(page)) {
			want = vma;
			break;
		}
		want_prev = vma;
	}
	if (find_vma(&mm, PG(page)) != want || find_vma_prev(&mm, PG(page), &prev) != want ||
	    prev != want_prev)
		return false;
	vma = find_vma_intersection(&mm, PG(page), PG(page + 1));
	return vma == (model[page].mapped ? want : NULL);
}

/* ---- random operations ---- */

static unsigned int rnd_state = 2024;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static unsigned long anon_flags(unsigned long prot)
{
	unsigned long f = calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	return (f & VM_WRITE) ? f | VM_ACCOUNT : f;
}

/* Model of do_munmap of pages [first, first + n): which pages the hook must see. */
static void model_unmap(unsigned long first, unsigned long n, unsigned char *want)
{
	unsigned long i;

	for (i = first; i < first + n && i < NPAGES; i++) {
		want[i] = model[i].mapped;
		model[i].mapped = false;
	}
}

static void model_map(unsigned long first, unsigned long n, unsigned long flags)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		model[i] = (struct mpage){ .mapped = true, .flags = flags };
}

/* Where the model says a non-fixed mmap of n pages with this hint goes, or 0. */
static unsigned long model_place(unsigned long hint, unsigned long n)
{
	unsigned long a;

	if (hint >= 1 && hint + n <= NPAGES && model_free(hint, n))
		return hint;
	for (a = BASE_PAGE - n; a >= 1; a--)
		if (model_free(a, n))
			return a;
	return 0;
}

static unsigned char want_unmapped[NPAGES];
static int hooks_bad;

static void check_unmap_hooks(void)
{
	if (memcmp(want_unmapped, unmapped_hits, sizeof(want_unmapped)) || hook_out_of_range)
		hooks_bad++;
}

static bool op_mmap(bool fixed)
{
	unsigned long n = 1 + rnd() % 16, prot = rnd() % 8, hint = 0, want, got;

	memset(want_unmapped, 0, sizeof(want_unmapped));
	if (fixed)
		hint = 1 + rnd() % (NPAGES - n);
	else if (rnd() % 2)
		hint = rnd() % NPAGES;
	want = fixed ? hint : model_place(hint, n);
	got = do_mmap(&mm, NULL, PG(hint), PG(n) - (rnd() % 2 ? 100 : 0), prot,
		      MAP_PRIVATE | MAP_ANONYMOUS | (fixed ? MAP_FIXED : 0), 0);
	if (!want)
		return got == (unsigned long)-ENOMEM;
	if (got != PG(want))
		return false;
	model_unmap(want, n, want_unmapped);
	model_map(want, n, anon_flags(prot));
	check_unmap_hooks();
	return true;
}

static bool op_munmap(void)
{
	unsigned long first = rnd() % NPAGES, n = 1 + rnd() % 40;

	if (first + n > NPAGES)
		n = NPAGES - first;
	memset(want_unmapped, 0, sizeof(want_unmapped));
	if (do_munmap(&mm, PG(first), PG(n)))
		return false;
	model_unmap(first, n, want_unmapped);
	check_unmap_hooks();
	return true;
}

/* Model of do_mprotect: changes pages from @first until a hole; false if it hit one. */
static bool model_mprotect(unsigned long first, unsigned long n, unsigned long prot,
			   unsigned char *want)
{
	unsigned long i, f;

	for (i = first; i < first + n; i++) {
		if (!model[i].mapped)
			return false;
		f = calc_vm_prot_bits(prot) | (model[i].flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		if ((f & VM_WRITE) && !(model[i].flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED |
							 VM_NORESERVE)))
			f |= VM_ACCOUNT;
		want[i] = f != model[i].flags;
		model[i].flags = f;
	}
	return true;
}

static bool op_mprotect(void)
{
	unsigned long first = rnd() % NPAGES, n = 1 + rnd() % 24, prot = rnd() % 8, i;
	static unsigned char want[NPAGES];
	bool whole;
	int err;

	if (first + n > NPAGES)
		n = NPAGES - first;
	memset(want, 0, sizeof(want));
	whole = model_mprotect(first, n, prot, want);
	err = do_mprotect(&mm, PG(first), PG(n), prot);
	if (err != (whole ? 0 : -ENOMEM))
		return false;
	if (memcmp(want, protected_hits, sizeof(want)) || hook_out_of_range)
		hooks_bad++;
	for (i = 0; i < NPAGES; i++)
		if (protected_hits[i] && protected_prot[i] != vm_get_page_prot(model[i].flags))
			hooks_bad++;
	return true;
}

static bool random_op(void)
{
	unsigned int op = rnd() % 10;

	reset_hooks();
	if (op < 3)
		return op_mmap(false);
	if (op < 5)
		return op_mmap(true);
	if (op < 7)
		return op_munmap();
	return op_mprotect();
}

#define NOPS	20000

static void test_random(void)
{
	int i, results_ok = 1, lookups_ok = 1, max_vmas = 0;
	const char *structure = NULL, *layout = NULL;

	mm_setup();
	memset(model, 0, sizeof(model));
	hooks_bad = 0;
	for (i = 0; i < NOPS; i++) {
		results_ok &= random_op();
		if (!structure)
			structure = check_structure();
		if (!layout)
			layout = check_against_model();
		lookups_ok &= lookups_agree(rnd() % NPAGES);
		if (mm.map_count > max_vmas)
			max_vmas = mm.map_count;
	}
	CHECK(results_ok, "%d random mmap/munmap/mprotect return what the model predicts", NOPS);
	CHECK(!structure, "list and rb-tree agree, sorted, no overlaps (%s)",
	      structure ? structure : "every step");
	CHECK(!layout, "VMAs are exactly the maximal runs: merged when Linux merges (%s; peak %d VMAs)",
	      layout ? layout : "every step", max_vmas);
	CHECK(!hooks_bad, "unmap_range/protect_range saw exactly the unmapped/changed pages");
	CHECK(lookups_ok, "find_vma, find_vma_prev, find_vma_intersection agree");
	reset_hooks();
	memset(want_unmapped, 0, sizeof(want_unmapped));
	model_unmap(0, NPAGES, want_unmapped);
	exit_mmap(&mm);
	hooks_bad = 0;
	check_unmap_hooks();
	CHECK(!mm.mmap && RB_EMPTY_ROOT(&mm.mm_rb) && !mm.map_count && !mm.total_vm &&
	      !hooks_bad && live_vmas == 0,
	      "exit_mmap unmaps every page once and frees every VMA (live %ld)", live_vmas);
}

/* ---- fixed scenarios ---- */

static struct vm_area_struct *add_vma(unsigned long start, unsigned long end,
				      unsigned long flags, struct file *file,
				      unsigned long pgoff, struct anon_vma *anon)
{
	struct vm_area_struct *vma = vm_area_alloc(&mm);

	vma->vm_start = PG(start);
	vma->vm_end = PG(end);
	vma->vm_flags = flags;
	vma->vm_file = file ? get_file(file) : NULL;
	vma->vm_pgoff = pgoff;
	vma->anon_vma = anon;
	get_anon_vma(anon);
	if (insert_vm_struct(&mm, vma))
		printf("add_vma: overlap\n");
	return vma;
}

/* The layout as "start-end:flags start-end:flags ..." in pages, for comparisons. */
static const char *layout(void)
{
	static char buf[512];
	struct vm_area_struct *vma;
	int n = 0;

	buf[0] = 0;
	for (vma = mm.mmap; vma; vma = vma->vm_next)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%lu-%lu:%lx", n ? " " : "",
			      vma->vm_start >> PAGE_SHIFT, vma->vm_end >> PAGE_SHIFT,
			      vma->vm_flags & 7);
	return buf;
}

static bool layout_is(const char *want)
{
	if (strcmp(layout(), want) == 0 && !check_structure())
		return true;
	printf("# layout %s, expected %s\n", layout(), want);
	return false;
}

static unsigned long map_fixed(unsigned long page, unsigned long n, unsigned long prot)
{
	return do_mmap(&mm, NULL, PG(page), PG(n), prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
}

static void test_merge_cases_mmap(void)
{
	struct vm_area_struct *p, *n;

	mm_setup();
	map_fixed(10, 2, RW);
	map_fixed(14, 2, RW);
	p = find_vma(&mm, PG(10));
	map_fixed(12, 2, RW);
	CHECK(layout_is("10-16:3") && find_vma(&mm, PG(15)) == p && mm.map_count == 1,
	      "vma_merge case 1: a hole filled between P and N joins all three into P");
	exit_mmap(&mm);

	map_fixed(10, 2, RW);
	map_fixed(14, 2, PROT_READ);
	p = find_vma(&mm, PG(10));
	map_fixed(12, 2, RW);
	CHECK(layout_is("10-14:3 14-16:1") && find_vma(&mm, PG(13)) == p,
	      "vma_merge case 2: P grows, an incompatible N is left alone");
	exit_mmap(&mm);

	map_fixed(14, 2, RW);
	n = find_vma(&mm, PG(14));
	map_fixed(12, 2, RW);
	CHECK(layout_is("12-16:3") && find_vma(&mm, PG(12)) == n && n->vm_pgoff == 12,
	      "vma_merge case 3: N grows down, its pgoff follows");
	exit_mmap(&mm);
}

static void test_merge_cases_mprotect(void)
{
	struct vm_area_struct *x;

	mm_setup();
	map_fixed(10, 4, PROT_READ);
	map_fixed(14, 2, RW);
	do_mprotect(&mm, PG(12), PG(2), RW);
	x = find_vma(&mm, PG(14));
	CHECK(layout_is("10-12:1 12-16:3") && x->vm_start == PG(12) && x->vm_pgoff == 12,
	      "vma_merge case 4: the tail of P joins N");
	exit_mmap(&mm);

	map_fixed(10, 2, RW);
	map_fixed(12, 4, PROT_READ);
	do_mprotect(&mm, PG(12), PG(2), RW);
	x = find_vma(&mm, PG(14));
	CHECK(layout_is("10-14:3 14-16:1") && x->vm_pgoff == 14,
	      "vma_merge case 5: the head of N joins P, N keeps the rest");
	exit_mmap(&mm);

	map_fixed(10, 2, RW);
	map_fixed(12, 2, PROT_READ);
	map_fixed(14, 2, RW);
	do_mprotect(&mm, PG(12), PG(2), RW);
	CHECK(layout_is("10-16:3") && mm.map_count == 1 && live_vmas == 1,
	      "vma_merge case 6: all of N joins P and X, two VMAs freed");
	exit_mmap(&mm);

	map_fixed(10, 2, RW);
	map_fixed(12, 2, PROT_READ);
	map_fixed(14, 2, PROT_READ | PROT_EXEC);
	do_mprotect(&mm, PG(12), PG(2), RW);
	CHECK(layout_is("10-14:3 14-16:5") && live_vmas == 2, "vma_merge case 7: all of N joins P");
	exit_mmap(&mm);

	map_fixed(10, 2, PROT_READ | PROT_EXEC);
	map_fixed(12, 2, PROT_READ);
	map_fixed(14, 2, RW);
	x = find_vma(&mm, PG(14));
	do_mprotect(&mm, PG(12), PG(2), RW);
	CHECK(layout_is("10-12:5 12-16:3") && find_vma(&mm, PG(12)) == x &&
	      x->vm_pgoff == 12 && live_vmas == 2, "vma_merge case 8: all of N joins X");
	exit_mmap(&mm);
}

static void close_op(struct vm_area_struct *vma) { }
static const struct vm_operations_struct closing_ops = { .close = close_op };

/* File pgoff continuity, ->close, VM_SPECIAL and anon_vma, through vma_merge itself. */
static void test_merge_refusals(void)
{
	struct file *f = (struct file *)0x1000, *g = (struct file *)0x2000;
	struct anon_vma *a1 = (struct anon_vma *)0x3000, *a2 = (struct anon_vma *)0x4000;
	struct vm_area_struct *p, *n, *got;
	unsigned long fl = VM_READ | VM_MAYREAD;

	mm_setup();
	p = add_vma(10, 12, fl, f, 100, NULL);
	n = add_vma(14, 16, fl, f, 104, NULL);
	CHECK(!vma_merge(&mm, p, PG(12), PG(14), fl, NULL, f, 101) &&
	      !vma_merge(&mm, p, PG(12), PG(14), fl, NULL, g, 102) &&
	      !vma_merge(&mm, p, PG(12), PG(14), fl | VM_WRITE, NULL, f, 102),
	      "vma_merge refuses a broken file offset, another file, other flags");
	CHECK(vma_merge(&mm, p, PG(12), PG(14), fl, NULL, f, 102) == p && layout_is("10-16:1") &&
	      p->vm_pgoff == 100, "file pages 100..105 in a row merge into one VMA");
	exit_mmap(&mm);

	p = add_vma(10, 12, fl | VM_IO, NULL, 10, NULL);
	CHECK(!vma_merge(&mm, p, PG(12), PG(14), fl | VM_IO, NULL, NULL, 12),
	      "VM_SPECIAL (VM_IO) areas never merge");
	p->vm_flags = fl;
	p->vm_ops = &closing_ops;
	CHECK(!vma_merge(&mm, p, PG(12), PG(14), fl, NULL, NULL, 12),
	      "a VMA with vm_ops->close never merges");
	exit_mmap(&mm);

	p = add_vma(10, 12, fl, NULL, 10, a1);
	n = add_vma(14, 16, fl, NULL, 14, a2);
	got = vma_merge(&mm, p, PG(12), PG(14), fl, NULL, NULL, 12);
	CHECK(got == p && layout_is("10-14:1 14-16:1"),
	      "different anon_vmas on both sides: only P merges (case 2 instead of 1)");
	exit_mmap(&mm);

	p = add_vma(10, 12, fl, NULL, 10, NULL);
	n = add_vma(14, 16, fl, NULL, 14, a2);
	got = vma_merge(&mm, p, PG(12), PG(14), fl, NULL, NULL, 12);
	CHECK(got == p && layout_is("10-16:1") && p->anon_vma == a2,
	      "one anon_vma and none: they merge and the survivor takes the anon_vma");
	exit_mmap(&mm);
	(void)n;
}

static void test_unmapped_area(void)
{
	unsigned long got;

	mm_setup();
	map_fixed(BASE_PAGE - 4, 4, RW);
	got = get_unmapped_area(&mm, NULL, 0, PG(2), 0, 0);
	CHECK(got == PG(BASE_PAGE - 6), "top-down: just below the highest VMA under mmap_base");
	got = get_unmapped_area(&mm, NULL, PG(100) + 5, PG(2), 0, 0);
	CHECK(got == PG(101), "a free hint is rounded up to a page and taken");
	got = get_unmapped_area(&mm, NULL, PG(BASE_PAGE - 3), PG(2), 0, 0);
	CHECK(got == PG(BASE_PAGE - 6), "a hint over a VMA falls back to the top-down search");
	CHECK(get_unmapped_area(&mm, NULL, PG(5) + 1, PG(1), 0, MAP_FIXED) == (unsigned long)-EINVAL &&
	      get_unmapped_area(&mm, NULL, PG(NPAGES - 1), PG(2), 0, MAP_FIXED) == (unsigned long)-ENOMEM &&
	      get_unmapped_area(&mm, NULL, PG(BASE_PAGE - 3), PG(2), 0, MAP_FIXED) == PG(BASE_PAGE - 3),
	      "MAP_FIXED: unaligned -EINVAL, past task_size -ENOMEM, else the address as is");
	CHECK(get_unmapped_area(&mm, NULL, 0, PG(BASE_PAGE), 0, 0) == (unsigned long)-ENOMEM,
	      "no gap big enough below mmap_base: -ENOMEM");
	CHECK(do_munmap(&mm, PG(1) + 1, PG(1)) == -EINVAL && do_munmap(&mm, PG(1), 0) == -EINVAL &&
	      do_mmap(&mm, NULL, 0, 0, RW, MAP_PRIVATE | MAP_ANONYMOUS, 0) == (unsigned long)-EINVAL &&
	      do_mmap(&mm, NULL, 0, PG(1), RW, 0x0f | MAP_ANONYMOUS, 0) == (unsigned long)-EINVAL &&
	      do_mprotect(&mm, PG(3), PG(1), RW) == -ENOMEM,
	      "bad arguments (a bad map type too): -EINVAL; mprotect of a hole: -ENOMEM");
	exit_mmap(&mm);
}

/* Fill the mm up to a small map-count limit, then try everything that adds a VMA. */
static void test_map_count_limit(void)
{
	char before[512];
	int i, saved = sysctl_max_map_count;

	mm_setup();
	sysctl_max_map_count = 8;
	for (i = 0; i < 8; i++)
		map_fixed(10 + 10 * i, 4, i % 2 ? RW : PROT_READ);
	strcpy(before, layout());
	reset_hooks();
	CHECK(mm.map_count == 8 &&
	      do_mmap(&mm, NULL, 0, PG(1), RW, MAP_PRIVATE | MAP_ANONYMOUS, 0) == (unsigned long)-ENOMEM &&
	      map_fixed(12, 1, RW) == (unsigned long)-ENOMEM &&
	      do_munmap(&mm, PG(11), PG(1)) == -ENOMEM &&
	      split_vma(&mm, mm.mmap, PG(11), 0) == -ENOMEM &&
	      do_mprotect(&mm, PG(21), PG(1), PROT_READ) == -ENOMEM,
	      "at sysctl_max_map_count: mmap, fixed mmap, munmap and mprotect of a middle, split: -ENOMEM");
	CHECK(strcmp(layout(), before) == 0 && !check_structure() && mm.map_count == 8 &&
	      !unmapped_hits[12] && !protected_hits[21], "and the mm is unchanged");
	do_munmap(&mm, PG(80), PG(4));
	CHECK(do_mprotect(&mm, PG(21), PG(1), PROT_READ) == -ENOMEM && strcmp(layout(), before) != 0 &&
	      mm.map_count == 7 && !protected_hits[21],
	      "one below the limit, an mprotect needing two splits is refused before splitting");
	CHECK(do_munmap(&mm, PG(10), PG(2)) == 0 && mm.map_count == 7,
	      "an munmap that only trims a VMA still works at the limit");
	sysctl_max_map_count = saved;
	exit_mmap(&mm);
}

static void test_alloc_failure(void)
{
	char before[512];

	mm_setup();
	map_fixed(10, 8, RW);
	strcpy(before, layout());
	fail_alloc = true;
	CHECK(do_munmap(&mm, PG(12), PG(2)) == -ENOMEM && strcmp(layout(), before) == 0 &&
	      do_mprotect(&mm, PG(12), PG(2), PROT_READ) == -ENOMEM && strcmp(layout(), before) == 0 &&
	      do_mmap(&mm, NULL, 0, PG(1), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0) ==
	      (unsigned long)-ENOMEM && !check_structure(),
	      "no memory for a VMA: munmap, mprotect and mmap fail with -ENOMEM, mm unchanged");
	fail_alloc = false;
	CHECK(do_munmap(&mm, PG(12), PG(2)) == 0 && layout_is("10-12:3 14-18:3"),
	      "with memory again, the same munmap splits as it should");
	exit_mmap(&mm);
}

/* A file mapping holds a file reference per VMA (splits too) and calls ->mmap once per new VMA. */
static void test_file_refs(void)
{
	struct file *f = (struct file *)0x6000;
	unsigned long a;

	mm_setup();
	mmap_calls = 0;
	a = do_mmap(&mm, f, PG(10), PG(6), PROT_READ, MAP_PRIVATE | MAP_FIXED, 3);
	CHECK(a == PG(10) && mmap_calls == 1 && refs_of(f) == 1 && file_links == 1 &&
	      find_vma(&mm, PG(10))->vm_ops == &file_vm_ops && find_vma(&mm, PG(10))->vm_pgoff == 3,
	      "mmap of a file: one ->mmap call, one reference, linked in i_mmap, vm_pgoff kept");
	CHECK(do_munmap(&mm, PG(12), PG(2)) == 0 && refs_of(f) == 2 && file_links == 2 &&
	      find_vma(&mm, PG(14))->vm_pgoff == 7,
	      "a split VMA takes its own reference and i_mmap link; the tail's pgoff follows");
	mmap_error = -ENODEV;
	CHECK(do_mmap(&mm, f, PG(30), PG(2), PROT_READ, MAP_PRIVATE | MAP_FIXED, 0) ==
	      (unsigned long)-ENODEV && !find_vma_intersection(&mm, PG(30), PG(32)) &&
	      refs_of(f) == 2 && file_links == 2,
	      "->mmap failing: its error, nothing mapped, no reference kept");
	mmap_error = 0;
	check_error = -EACCES;
	CHECK(do_mmap(&mm, f, PG(30), PG(2), PROT_READ, MAP_SHARED | MAP_FIXED, 0) ==
	      (unsigned long)-EACCES && refs_of(f) == 2, "mmap_file_check's -EACCES is returned");
	check_error = 0;
	exit_mmap(&mm);
	CHECK(refs_of(f) == 0 && file_links == 0 && live_vmas == 0,
	      "exit_mmap drops every file reference and i_mmap link");
	a = do_mmap(&mm, NULL, 0, PG(3), RW, MAP_SHARED | MAP_ANONYMOUS, 0);
	CHECK(!IS_ERR_VALUE(a) && find_vma(&mm, a)->vm_file == (struct file *)0x5000 &&
	      find_vma(&mm, a)->vm_pgoff == 0 && (find_vma(&mm, a)->vm_flags & VM_SHARED),
	      "MAP_SHARED|MAP_ANONYMOUS: a tmpfs file from page 0 (shmem_zero_setup)");
	exit_mmap(&mm);
	CHECK(all_refs_zero(), "no file or anon_vma reference left");
}

/* MAP_FIXED_NOREPLACE: -EEXIST over a mapping (nothing changed), like MAP_FIXED in a hole. */
static void test_fixed_noreplace(void)
{
	mm_setup();
	map_fixed(10, 4, RW);
	CHECK(do_mmap(&mm, NULL, PG(12), PG(4), PROT_READ,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0) == (unsigned long)-EEXIST &&
	      layout_is("10-14:3") && !unmapped_hits[12],
	      "MAP_FIXED_NOREPLACE over a mapping: -EEXIST, the mapping untouched");
	CHECK(do_mmap(&mm, NULL, PG(20), PG(2), PROT_READ,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0) == PG(20) &&
	      layout_is("10-14:3 20-22:1"), "MAP_FIXED_NOREPLACE in a hole maps there");
	CHECK(do_mmap(&mm, NULL, PG(30) + 1, PG(1), PROT_READ,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0) == (unsigned long)-EINVAL,
	      "MAP_FIXED_NOREPLACE at an unaligned address: -EINVAL");
	exit_mmap(&mm);
}

/* do_brk grows the heap VMA in place (merging), refuses bad ranges. */
static void test_brk(void)
{
	mm_setup();
	CHECK(do_brk(&mm, PG(40), PG(2)) == 0 && do_brk(&mm, PG(42), PG(3) - 100) == 0 &&
	      layout_is("40-45:3") && mm.total_vm == 5 && mm.data_vm == 5 && !mm.exec_vm,
	      "two do_brk calls make one read-write VMA (len rounded up)");
	CHECK(do_brk(&mm, PG(50) + 8, PG(1)) == -EINVAL && do_brk(&mm, PG(NPAGES - 1), PG(2)) == -ENOMEM &&
	      do_brk(&mm, PG(60), 0) == 0 && layout_is("40-45:3"),
	      "do_brk: unaligned -EINVAL, past task_size -ENOMEM, length 0 does nothing");
	CHECK(do_munmap(&mm, PG(43), PG(2)) == 0 && layout_is("40-43:3"), "shrinking is munmap");
	exit_mmap(&mm);
}

/* expand_stack: RLIMIT_STACK, the guard gap below, and get_unmapped_area keeping the gap free. */
static void test_expand_stack(void)
{
	unsigned long gap_pages = stack_guard_gap >> PAGE_SHIFT, top = BASE_PAGE, got;
	struct vm_area_struct *stack;

	mm_setup();
	got = do_mmap(&mm, NULL, PG(top - 4), PG(4), RW,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
	stack = find_vma(&mm, PG(top - 1));
	CHECK(got == PG(top - 4) && stack && (stack->vm_flags & VM_GROWSDOWN) && mm.stack_vm == 4,
	      "MAP_GROWSDOWN gives a VM_GROWSDOWN VMA, counted in stack_vm");
	CHECK(expand_stack(stack, PG(top - 6) + 123) == 0 && stack->vm_start == PG(top - 6) &&
	      mm.total_vm == 6 && mm.stack_vm == 6 && !check_structure(),
	      "expand_stack grows it down to the faulting page");
	stack_rlimit = PG(8);
	CHECK(expand_stack(stack, PG(top - 9)) == -ENOMEM && stack->vm_start == PG(top - 6) &&
	      expand_stack(stack, PG(top - 8)) == 0,
	      "RLIMIT_STACK: 9 pages refused at an 8-page limit, 8 allowed");
	stack_rlimit = ~0UL;
	map_fixed(top - 8 - gap_pages, 2, RW);	/* ends gap_pages - 2 below the stack */
	CHECK(expand_stack(stack, PG(top - 9)) == -ENOMEM,
	      "no growth to within stack_guard_gap of the mapping below");
	do_munmap(&mm, PG(top - 8 - gap_pages), PG(2));
	got = get_unmapped_area(&mm, NULL, 0, PG(4), 0, 0);
	CHECK(got + PG(4) <= PG(top - 8 - gap_pages),
	      "get_unmapped_area keeps the guard gap below a stack free (%lu)", got >> PAGE_SHIFT);
	exit_mmap(&mm);
	CHECK(mm.stack_vm == 0, "exit_mmap takes the stack out of stack_vm");
}

int main(void)
{
	unsigned long slab_pages_start;
	int i;

	slab_env_init();
	kmem_cache_init();
	mmap_init();
	for (i = 0; i < 16; i++)
		protection_map[i] = 0x1000 + i;
	slab_pages_start = slab_env_slab_pages();
	test_random();
	test_merge_cases_mmap();
	test_merge_cases_mprotect();
	test_merge_refusals();
	test_unmapped_area();
	test_map_count_limit();
	test_alloc_failure();
	test_file_refs();
	test_fixed_noreplace();
	test_brk();
	test_expand_stack();
	kmem_cache_shrink(vm_area_cachep);
	CHECK(live_vmas == 0 && slab_env_slab_pages() == slab_pages_start,
	      "no VMA leaked: %ld live, slab pages %lu -> %lu", live_vmas,
	      slab_pages_start, slab_env_slab_pages());
	CHECK(all_refs_zero(), "every file and anon_vma reference given back");
	return test_exit();
}
