/*
 * In-kernel tests of copy_to_user and copy_from_user (ktest=uaccess;
 * docs/arch.md "User memory from the kernel"): every alignment 0..15 of
 * either side and every length 0..300 against memcpy, a few long copies,
 * and copies running into an unmapped or PROT_NONE page, whose count of
 * bytes not copied must be exact. The user side is read and written
 * through the kernel's own mapping of its pages (kmap), never through the
 * routines under test. Also pagefault_disable, and the page copies that
 * rely on it (copy_page_to_iter, iov_iter_copy_from_user_atomic) into and
 * out of user pages not yet faulted in. Not covered: clear_user,
 * strncpy_from_user (tests/kernel/test_fault.c).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/vmalloc.h>
#include <linux/sched.h>
#include <asm/mmu_context.h>
#include <asm/pgalloc.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/preempt.h>

#define UA_ALIGNS	16	/* offsets 0..15 on either side */
#define UA_MAXLEN	300	/* the sweep's lengths: 0..UA_MAXLEN */
#define UA_BIG_PAGES	20	/* the long copies' user mapping */
#define UA_NEAR		64	/* faulting copies start this close to the boundary, or closer */
#define UA_GUARD	0xe5	/* fills what a copy must leave alone */

static struct mm_struct ua_kernel_mm = { .pgd = swapper_pg_dir };

/* An empty address space with its page table, switched to; 0 or -ENOMEM. */
static int ua_mm_enter(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mm_rb = RB_ROOT;
	init_rwsem(&mm->mmap_sem);
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = TASK_SIZE;
	mm->mmap_base = TASK_SIZE / 2;
	if (mm_alloc_pgd(mm))
		return -ENOMEM;
	switch_mm(&ua_kernel_mm, mm, current);
	return 0;
}

/* Back to swapper_pg_dir; @mm's mappings, pages and page tables freed. */
static void ua_mm_leave(struct mm_struct *mm)
{
	switch_mm(mm, &ua_kernel_mm, current);
	exit_mmap(mm);
	mm_free_pgd(mm);
	lru_add_drain();
	drain_all_pages(NULL);
}

/*
 * @pages pages of private anonymous memory, each already faulted in for
 * writing (so it has a page of its own for the kmap accesses); the
 * address, or 0.
 */
static unsigned long ua_map(struct mm_struct *mm, unsigned long pages)
{
	unsigned long addr = do_mmap(mm, NULL, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr))
		return 0;
	if (clear_user((void __user *)addr, pages * PAGE_SIZE))
		return 0;
	return addr;
}

/*
 * Copy @len bytes between @buf and the user memory of @mm at @addr
 * (@to_user: into it), through kmap of the pages the PTEs name. 0, or
 * -EFAULT if a page is not present.
 */
static int ua_poke(struct mm_struct *mm, unsigned long addr, void *buf, size_t len,
		   bool to_user)
{
	char *b = buf;

	while (len) {
		size_t off = addr & (PAGE_SIZE - 1), n = min(len, PAGE_SIZE - off);
		unsigned long *pte = follow_pte(mm, addr);
		struct page *page;
		char *k;

		if (!pte || !pte_present(*pte))
			return -EFAULT;
		page = pfn_to_page(pte_pfn(*pte));
		k = kmap(page);
		if (to_user)
			memcpy(k + off, b, n);
		else
			memcpy(b, k + off, n);
		kunmap(page);
		addr += n;
		b += n;
		len -= n;
	}
	return 0;
}

/* Byte @i of the test pattern: neighbours differ, and so do bytes 256 apart. */
static unsigned char ua_byte(unsigned long i)
{
	return (unsigned char)(i * 131 + (i >> 8) + 1);
}

static void ua_fill(unsigned char *p, size_t len, unsigned long first)
{
	for (size_t i = 0; i < len; i++)
		p[i] = ua_byte(first + i);
}

/* Are the @len bytes at @p all @c? */
static bool ua_all(const unsigned char *p, size_t len, unsigned char c)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != c)
			return false;
	return true;
}

/*
 * copy_to_user(u + da, src + sa, len) for da, sa in 0..15, len 0..300:
 * returns 0, and the user page holds src's bytes there and its guard
 * fill everywhere else.
 */
KTEST(uaccess_copy_to_user_align)
{
	unsigned char *src = kmalloc(2 * PAGE_SIZE, GFP_KERNEL), *img = src + PAGE_SIZE;
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(src) || !KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	u = ua_map(&mm, 1);
	if (!KT_EXPECT(u))
		goto out;
	ua_fill(src, PAGE_SIZE, 0);
	for (unsigned int da = 0; da < UA_ALIGNS; da++)
		for (unsigned int sa = 0; sa < UA_ALIGNS; sa++)
			for (unsigned int len = 0; len <= UA_MAXLEN; len++) {
				unsigned long left, span = da + len + UA_ALIGNS;

				memset(img, UA_GUARD, span);
				ua_poke(&mm, u, img, span, true);
				left = copy_to_user((void __user *)(u + da), src + sa, len);
				ua_poke(&mm, u, img, span, false);
				if (!KT_EXPECT_MSG(left == 0 && ua_all(img, da, UA_GUARD) &&
						   !memcmp(img + da, src + sa, len) &&
						   ua_all(img + da + len, UA_ALIGNS, UA_GUARD),
						   "to %u, from %u, %u bytes: left %lu or wrong bytes",
						   da, sa, len, left))
					goto out;
			}
out:
	ua_mm_leave(&mm);
out_free:
	kfree(src);
}

/*
 * copy_from_user(dst + da, u + sa, len) for da, sa in 0..15, len 0..300:
 * returns 0, and dst holds the user bytes there and its guard fill
 * everywhere else.
 */
KTEST(uaccess_copy_from_user_align)
{
	unsigned char *pat = kmalloc(2 * PAGE_SIZE, GFP_KERNEL), *dst = pat + PAGE_SIZE;
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(pat) || !KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	u = ua_map(&mm, 1);
	if (!KT_EXPECT(u))
		goto out;
	ua_fill(pat, PAGE_SIZE, 7);
	ua_poke(&mm, u, pat, PAGE_SIZE, true);
	for (unsigned int da = 0; da < UA_ALIGNS; da++)
		for (unsigned int sa = 0; sa < UA_ALIGNS; sa++)
			for (unsigned int len = 0; len <= UA_MAXLEN; len++) {
				unsigned long left;

				memset(dst, UA_GUARD, da + len + UA_ALIGNS);
				left = copy_from_user(dst + da, (const void __user *)(u + sa), len);
				if (!KT_EXPECT_MSG(left == 0 && ua_all(dst, da, UA_GUARD) &&
						   !memcmp(dst + da, pat + sa, len) &&
						   ua_all(dst + da + len, UA_ALIGNS, UA_GUARD),
						   "to %u, from %u, %u bytes: left %lu or wrong bytes",
						   da, sa, len, left))
					goto out;
			}
out:
	ua_mm_leave(&mm);
out_free:
	kfree(pat);
}

/*
 * Long copies over many user pages, both ways, equally and unequally
 * aligned: all bytes arrive, none beyond.
 */
KTEST(uaccess_copy_long)
{
	static const struct { unsigned int ua, ka; unsigned long len; } cases[] = {
		{ 0, 0, PAGE_SIZE }, { 0, 0, 16 * PAGE_SIZE }, { 3, 3, 8 * PAGE_SIZE + 13 },
		{ 1, 6, 16 * PAGE_SIZE + 7 }, { 7, 0, 5 * PAGE_SIZE + 100 },
		{ 0, 5, 19 * PAGE_SIZE - 64 }, { 12, 4, 2 * PAGE_SIZE + 1 },
	};
	size_t size = UA_BIG_PAGES * PAGE_SIZE;
	unsigned char *src = vmalloc(size), *back = vmalloc(size);
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(src && back) || !KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	u = ua_map(&mm, UA_BIG_PAGES);
	if (!KT_EXPECT(u))
		goto out;
	ua_fill(src, size, 3);
	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		unsigned int ua = cases[c].ua, ka = cases[c].ka;
		unsigned long len = cases[c].len, left;

		memset(back, UA_GUARD, size);
		ua_poke(&mm, u, back, size, true);
		left = copy_to_user((void __user *)(u + ua), src + ka, len);
		ua_poke(&mm, u, back, size, false);
		KT_EXPECT_MSG(left == 0 && ua_all(back, ua, UA_GUARD) &&
			      !memcmp(back + ua, src + ka, len) &&
			      ua_all(back + ua + len, size - ua - len, UA_GUARD),
			      "to user +%u from +%u, %lu bytes: left %lu or wrong bytes",
			      ua, ka, len, left);

		memset(back, UA_GUARD, size);
		left = copy_from_user(back + ka, (const void __user *)(u + ua), len);
		KT_EXPECT_MSG(left == 0 && ua_all(back, ka, UA_GUARD) &&
			      !memcmp(back + ka, src + ka, len) &&
			      ua_all(back + ka + len, size - ka - len, UA_GUARD),
			      "from user +%u to +%u, %lu bytes: left %lu or wrong bytes",
			      ua, ka, len, left);
	}
out:
	ua_mm_leave(&mm);
out_free:
	vfree(src);
	vfree(back);
}

/*
 * Copies that start @off (0..64) bytes before a user page that cannot be
 * accessed and run @extra bytes past it, with the kernel side at offsets
 * 0..7: the count not copied is exactly @extra (never less: that would
 * claim bytes that were not copied), the @off bytes before the boundary
 * are the right ones, and copy_from_user zeroes the rest of its buffer
 * and nothing after it. @b is the boundary. False after a failed check.
 */
static bool ua_fault_at(struct mm_struct *mm, unsigned long b, const char *kind,
			unsigned char *src, unsigned char *buf)
{
	static const unsigned int extras[] = { 1, 7, 63, 200 };
	unsigned char pat[UA_NEAR], guard[UA_NEAR];

	ua_fill(pat, UA_NEAR, 11);
	memset(guard, UA_GUARD, UA_NEAR);
	for (unsigned int off = 0; off <= UA_NEAR; off++)
		for (unsigned int ka = 0; ka < 8; ka++)
			for (unsigned int e = 0; e < ARRAY_SIZE(extras); e++) {
				unsigned long len = off + extras[e], left;
				void __user *u = (void __user *)(b - off);

				ua_poke(mm, b - UA_NEAR, guard, UA_NEAR, true);
				left = copy_to_user(u, src + ka, len);
				ua_poke(mm, b - UA_NEAR, buf, UA_NEAR, false);
				if (!KT_EXPECT_MSG(left == extras[e],
						   "%s: to user at -%u from +%u, %lu bytes: left %lu, not %u",
						   kind, off, ka, len, left, extras[e]) ||
				    !KT_EXPECT_MSG(ua_all(buf, UA_NEAR - off, UA_GUARD) &&
						   !memcmp(buf + UA_NEAR - off, src + ka, off),
						   "%s: to user at -%u from +%u: wrong bytes", kind, off, ka))
					return false;

				ua_poke(mm, b - UA_NEAR, pat, UA_NEAR, true);
				memset(buf, UA_GUARD, ka + len + 8);
				left = copy_from_user(buf + ka, u, len);
				if (!KT_EXPECT_MSG(left == extras[e],
						   "%s: from user at -%u to +%u, %lu bytes: left %lu, not %u",
						   kind, off, ka, len, left, extras[e]) ||
				    !KT_EXPECT_MSG(ua_all(buf, ka, UA_GUARD) &&
						   !memcmp(buf + ka, pat + UA_NEAR - off, off) &&
						   ua_all(buf + ka + off, extras[e], 0) &&
						   ua_all(buf + ka + len, 8, UA_GUARD),
						   "%s: from user at -%u to +%u: wrong bytes", kind, off, ka))
					return false;
			}
	return true;
}

/* The faulting copies of ua_fault_at, before an unmapped and a PROT_NONE page. */
KTEST(uaccess_copy_fault)
{
	unsigned char *src = kmalloc(PAGE_SIZE, GFP_KERNEL), *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct mm_struct mm;
	unsigned long gap, none;

	if (!KT_EXPECT(src && buf) || !KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	gap = ua_map(&mm, 2);
	none = ua_map(&mm, 2);
	if (!KT_EXPECT(gap && none) ||
	    !KT_EXPECT(do_munmap(&mm, gap + PAGE_SIZE, PAGE_SIZE) == 0) ||
	    !KT_EXPECT(do_mprotect(&mm, none + PAGE_SIZE, PAGE_SIZE, PROT_NONE) == 0))
		goto out;
	ua_fill(src, PAGE_SIZE, 5);
	if (ua_fault_at(&mm, gap + PAGE_SIZE, "unmapped", src, buf))
		ua_fault_at(&mm, none + PAGE_SIZE, "PROT_NONE", src, buf);
out:
	ua_mm_leave(&mm);
out_free:
	kfree(src);
	kfree(buf);
}

/* @pages of private anonymous memory, none of it faulted in yet; 0 on failure. */
static unsigned long ua_map_fresh(struct mm_struct *mm, unsigned long pages)
{
	unsigned long addr = do_mmap(mm, NULL, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	return IS_ERR_VALUE(addr) ? 0 : addr;
}

/* Is nothing mapped at user @addr yet? */
static bool ua_absent(struct mm_struct *mm, unsigned long addr)
{
	unsigned long *pte = follow_pte(mm, addr);

	return !pte || !pte_present(*pte);
}

/*
 * With page faults disabled (nested twice), a copy to or from a user page
 * not yet faulted in copies nothing and leaves the page absent (and
 * __copy_from_user_inatomic leaves its buffer alone); once enabled again
 * the same copy succeeds.
 */
KTEST(uaccess_pagefault_disable)
{
	unsigned char src[64], buf[64];
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(ua_mm_enter(&mm) == 0))
		return;
	u = ua_map_fresh(&mm, 2);
	if (!KT_EXPECT(u))
		goto out;
	ua_fill(src, sizeof(src), 9);
	pagefault_disable();
	pagefault_disable();
	pagefault_enable();
	KT_EXPECT(pagefault_disabled());
	KT_EXPECT(copy_to_user((void __user *)u, src, sizeof(src)) == sizeof(src));
	KT_EXPECT(copy_from_user(buf, (const void __user *)(u + PAGE_SIZE), sizeof(buf)) ==
		  sizeof(buf));
	memset(buf, UA_GUARD, sizeof(buf));	/* the in-atomic copy leaves it as it was */
	KT_EXPECT(__copy_from_user_inatomic(buf, (const void __user *)(u + PAGE_SIZE),
					    sizeof(buf)) == sizeof(buf) &&
		  ua_all(buf, sizeof(buf), UA_GUARD));
	pagefault_enable();
	KT_EXPECT(!pagefault_disabled());
	KT_EXPECT(ua_absent(&mm, u) && ua_absent(&mm, u + PAGE_SIZE));
	KT_EXPECT(copy_to_user((void __user *)u, src, sizeof(src)) == 0);
	memset(buf, UA_GUARD, sizeof(buf));
	KT_EXPECT(ua_poke(&mm, u, buf, sizeof(buf), false) == 0 && !memcmp(buf, src, sizeof(src)));
out:
	ua_mm_leave(&mm);
}

/*
 * copy_page_to_iter and copy_page_from_iter of a highmem page across a
 * user page boundary, the first user page present and the second not yet
 * faulted in: the kmap_atomic attempt copies up to the boundary, the kmap
 * path the rest, from where the first stopped. Every byte lands where it
 * belongs; nothing is left disabled or mapped. The write path's
 * iov_iter_copy_from_user_atomic stops at the boundary. A copy to an
 * unmapped address copies nothing.
 */
KTEST(uaccess_page_iter_fresh_user_pages)
{
	const size_t off = 100, len = PAGE_SIZE - 200, ua = PAGE_SIZE - 1000, head = PAGE_SIZE - ua;
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned char *k, *back = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct iov_iter it;
	struct iovec iov;
	struct mm_struct mm;
	unsigned long u;
	size_t n;

	if (!KT_EXPECT(page && PageHighMem(page) && back))
		goto out_free;
	if (!KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	u = ua_map_fresh(&mm, 4);
	if (!KT_EXPECT(u))
		goto out;
	/* user pages 0 and 2 present, 2 holding a pattern; 1 and 3 absent */
	if (!KT_EXPECT(clear_user((void __user *)u, PAGE_SIZE) == 0 &&
		       clear_user((void __user *)(u + 2 * PAGE_SIZE), PAGE_SIZE) == 0))
		goto out;
	ua_fill(back, PAGE_SIZE, 77);
	KT_EXPECT(ua_poke(&mm, u + 2 * PAGE_SIZE, back, PAGE_SIZE, true) == 0);
	KT_EXPECT(ua_absent(&mm, u + PAGE_SIZE) && ua_absent(&mm, u + 3 * PAGE_SIZE));
	k = kmap(page);
	ua_fill(k, PAGE_SIZE, 3);
	kunmap(page);

	iov = (struct iovec){ .iov_base = (void __user *)(u + ua), .iov_len = len };
	iov_iter_init(&it, READ, &iov, 1, len);
	n = copy_page_to_iter(page, off, len, &it);
	KT_EXPECT_MSG(n == len && it.count == 0, "to user: %zu of %zu copied", n, len);
	memset(back, 0, PAGE_SIZE);
	KT_EXPECT(ua_poke(&mm, u + ua, back, len, false) == 0);
	k = kmap(page);
	KT_EXPECT_MSG(!memcmp(back, k + off, len), "to user: wrong bytes");
	kunmap(page);

	/*
	 * From the pattern's last head bytes, then the absent page: the write
	 * path's copy stops at the boundary, advances nothing and leaves the
	 * rest of the page as it was (no zeros); copy_page_from_iter goes on
	 * through kmap and reads the fresh page's zeros.
	 */
	iov = (struct iovec){ .iov_base = (void __user *)(u + 2 * PAGE_SIZE + ua), .iov_len = len };
	iov_iter_init(&it, WRITE, &iov, 1, len);
	n = iov_iter_copy_from_user_atomic(page, &it, off, len);
	KT_EXPECT_MSG(n == head && it.count == len, "atomic from user: %zu of %zu copied", n, len);
	ua_fill(back, PAGE_SIZE, 77);	/* user page 2's pattern again */
	k = kmap(page);
	KT_EXPECT_MSG(!memcmp(k + off, back + ua, head), "atomic from user: wrong bytes");
	for (size_t b = off + head; b < off + len; b++)
		if (k[b] != ua_byte(3 + b)) {
			KT_EXPECT_MSG(0, "atomic from user: byte %zu changed past the fault", b);
			break;
		}
	kunmap(page);
	KT_EXPECT(ua_absent(&mm, u + 3 * PAGE_SIZE));
	n = copy_page_from_iter(page, off, len, &it);
	KT_EXPECT_MSG(n == len && it.count == 0, "from user: %zu of %zu copied", n, len);
	k = kmap(page);
	KT_EXPECT_MSG(!memcmp(k + off, back + ua, head), "from user: wrong bytes before the boundary");
	KT_EXPECT_MSG(ua_all(k + off + head, len - head, 0), "from user: wrong bytes after it");
	KT_EXPECT(k[off - 1] == ua_byte(3 + off - 1) && k[off + len] == ua_byte(3 + off + len));
	kunmap(page);

	iov = (struct iovec){ .iov_base = (void __user *)(TASK_SIZE - PAGE_SIZE), .iov_len = 64 };
	iov_iter_init(&it, READ, &iov, 1, 64);
	KT_EXPECT(copy_page_to_iter(page, 0, 64, &it) == 0 && it.count == 64);
	KT_EXPECT(!pagefault_disabled() && kmap_atomic_depth() == 0 && preempt_count() == 0);
out:
	ua_mm_leave(&mm);
out_free:
	if (page)
		__free_page(page);
	kfree(back);
}

/*
 * fault_in_iov_iter_readable over two segments, the second crossing into
 * a page not yet faulted in: 0 left and every page present after. A
 * segment that runs into an unmapped page leaves the bytes from that page
 * on; one outside the user half leaves all of its own.
 */
KTEST(uaccess_fault_in_iov_iter_readable)
{
	struct iovec iov[2];
	struct iov_iter it;
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(ua_mm_enter(&mm) == 0))
		return;
	u = ua_map_fresh(&mm, 4);
	if (!KT_EXPECT(u) || !KT_EXPECT(do_munmap(&mm, u + 3 * PAGE_SIZE, PAGE_SIZE) == 0))
		goto out;
	iov[0] = (struct iovec){ .iov_base = (void __user *)(u + 10), .iov_len = 20 };
	iov[1] = (struct iovec){ .iov_base = (void __user *)(u + 2 * PAGE_SIZE - 8), .iov_len = 16 };
	iov_iter_init(&it, WRITE, iov, 2, 36);
	KT_EXPECT(ua_absent(&mm, u) && ua_absent(&mm, u + PAGE_SIZE) &&
		  ua_absent(&mm, u + 2 * PAGE_SIZE));
	KT_EXPECT(fault_in_iov_iter_readable(&it, 36) == 0 && it.count == 36);
	KT_EXPECT(!ua_absent(&mm, u) && !ua_absent(&mm, u + PAGE_SIZE) &&
		  !ua_absent(&mm, u + 2 * PAGE_SIZE));
	iov[1].iov_base = (void __user *)(u + 3 * PAGE_SIZE - 8);	/* into the hole */
	iov_iter_init(&it, WRITE, iov, 2, 36);
	KT_EXPECT(fault_in_iov_iter_readable(&it, 36) == 8);	/* the 8 in the hole */
	KT_EXPECT(fault_in_iov_iter_readable(&it, 28) == 0);	/* stops before it */
	iov[1].iov_base = (void __user *)(TASK_SIZE - 8);
	iov_iter_init(&it, WRITE, iov, 2, 36);
	KT_EXPECT(fault_in_iov_iter_readable(&it, 36) == 16);
out:
	ua_mm_leave(&mm);
}

/*
 * The write path's copy into a lowmem page (no kmap_atomic there) from a
 * present user page and then an absent one: it stops exactly at the
 * boundary, and the page past it keeps its bytes.
 */
KTEST(uaccess_copy_from_user_atomic_lowmem)
{
	const size_t len = 300, head = 120;
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned char *k, pat[300];
	struct iov_iter it;
	struct iovec iov;
	struct mm_struct mm;
	unsigned long u;

	if (!KT_EXPECT(page && !PageHighMem(page)) || !KT_EXPECT(ua_mm_enter(&mm) == 0))
		goto out_free;
	u = ua_map_fresh(&mm, 2);
	if (!KT_EXPECT(u && clear_user((void __user *)u, PAGE_SIZE) == 0))
		goto out;
	ua_fill(pat, sizeof(pat), 41);
	KT_EXPECT(ua_poke(&mm, u + PAGE_SIZE - head, pat, head, true) == 0);
	k = page_address(page);
	memset(k, UA_GUARD, PAGE_SIZE);
	iov = (struct iovec){ .iov_base = (void __user *)(u + PAGE_SIZE - head), .iov_len = len };
	iov_iter_init(&it, WRITE, &iov, 1, len);
	KT_EXPECT(iov_iter_copy_from_user_atomic(page, &it, 8, len) == head && it.count == len);
	KT_EXPECT(!memcmp(k + 8, pat, head) && ua_all(k + 8 + head, PAGE_SIZE - 8 - head, UA_GUARD));
	KT_EXPECT(ua_absent(&mm, u + PAGE_SIZE) && !pagefault_disabled());
out:
	ua_mm_leave(&mm);
out_free:
	if (page)
		__free_page(page);
}
