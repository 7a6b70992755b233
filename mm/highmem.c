/*
 * Highmem emulation (seed 000, ARCHITECTURE.md 4). Frames above max_low_pfn
 * have no linear address; kmap() gives one from the PKMAP area (refcounted,
 * may sleep, remembered in page_address_htable), kmap_atomic() one from this
 * CPU's fixmap slots (stack order, never sleeps, preemption off), or the
 * page's kmap() address if it has one (kmap_high_get). Leaves out
 * kmap_local and the cache flushing of virtually indexed caches.
 */
#include <linux/kernel.h>
#include <linux/highmem.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/fixmap.h>
#include <asm/highmem.h>
#include <linux/percpu.h>
#include <linux/preempt.h>

/*
 * pkmap_count[i]: 0 = slot free and its TLB entry flushed; 1 = free but
 * maybe still cached in a TLB (cleared in flush_all_zero_pkmaps); n > 1 =
 * mapped with n - 1 users. All PKMAP state is under kmap_lock.
 */
static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DEFINE_SPINLOCK(kmap_lock);
static pte_t *pkmap_page_table;
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned long nr_kmap_waits;		/* times a kmap() slept: for tests */

unsigned long kmap_atomic_errors;	/* misuse reports: for tests */

/* --- page_address_htable: virtual address of kmap()ed highmem pages --- */

#define PA_HASH_ORDER	7
/*
 * A kmap()ed page's address: on page_address_pool (kmap_lock) while free,
 * on its hash bucket's lh (that bucket's lock) while in use.
 */
struct page_address_map {
	struct page *page;
	void *virtual;
	struct list_head list;
};
static struct page_address_map page_address_maps[LAST_PKMAP];
static LIST_HEAD(page_address_pool);	/* free entries, under kmap_lock */

/* One hash bucket; lock protects lh (readers need not hold kmap_lock). */
static struct page_address_slot {
	struct list_head lh;
	spinlock_t lock;
} page_address_htable[1 << PA_HASH_ORDER];

/* The page_address_htable bucket of @page, hashed by its pfn. */
static struct page_address_slot *page_slot(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	return &page_address_htable[(pfn * 0x9e3779b1UL >> 8) & ((1 << PA_HASH_ORDER) - 1)];
}

/*
 * The kernel virtual address of @page: its linear address for lowmem, its
 * kmap() address for a mapped highmem page, NULL for an unmapped one.
 */
void *page_address(const struct page *page)
{
	struct page_address_slot *pas;
	struct page_address_map *pam;
	unsigned long flags;
	void *ret = NULL;

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	pas = page_slot(page);
	spin_lock_irqsave(&pas->lock, flags);
	list_for_each_entry(pam, &pas->lh, list) {
		if (pam->page == page) {
			ret = pam->virtual;
			break;
		}
	}
	spin_unlock_irqrestore(&pas->lock, flags);
	return ret;
}

/* Record (or, with NULL, forget) @page's kmap address. Under kmap_lock. */
static void set_page_address(struct page *page, void *virtual)
{
	struct page_address_slot *pas = page_slot(page);
	struct page_address_map *pam;
	unsigned long flags;

	if (virtual) {
		pam = list_first_entry(&page_address_pool, struct page_address_map, list);
		list_del(&pam->list);
		pam->page = page;
		pam->virtual = virtual;
		spin_lock_irqsave(&pas->lock, flags);
		list_add_tail(&pam->list, &pas->lh);
		spin_unlock_irqrestore(&pas->lock, flags);
		SetPagePkmapped(page);
		return;
	}
	ClearPagePkmapped(page);
	spin_lock_irqsave(&pas->lock, flags);
	list_for_each_entry(pam, &pas->lh, list) {
		if (pam->page == page) {
			list_del(&pam->list);
			list_add_tail(&pam->list, &page_address_pool);
			break;
		}
	}
	spin_unlock_irqrestore(&pas->lock, flags);
}

/* --- kmap(): the PKMAP area --- */

/*
 * Unmap every slot nobody uses any more (count 1), then flush the TLB
 * once. Called with kmap_lock held, when last_pkmap_nr wraps.
 */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;

	for (int i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		page = pfn_to_page(pte_pfn(pkmap_page_table[i]));
		pkmap_page_table[i] = 0;
		set_page_address(page, NULL);
		need_flush = true;
	}
	if (need_flush)
		local_flush_tlb_all();
}

/*
 * Find a free slot for @page and map it there (kmap_high's slow step),
 * sleeping until kunmap() frees one if all are taken. Called and returns
 * with kmap_lock held; *flags is the caller's irqsave state, since the
 * lock is dropped around the sleep. Returns the slot's address with
 * count 1 (the caller adds its reference); if another task mapped @page
 * during the sleep, that address instead.
 */
static unsigned long map_new_virtual(struct page *page, unsigned long *flags)
{
	unsigned int count;
	unsigned long vaddr;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {	/* wrapped: reclaim the stale slots */
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr] || !--count)
			break;
	}
	if (pkmap_count[last_pkmap_nr]) {	/* all in use: wait for a kunmap() */
		DEFINE_WAIT(wait);

		nr_kmap_waits++;
		prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&kmap_lock, *flags);
		schedule();
		finish_wait(&pkmap_map_wait, &wait);
		spin_lock_irqsave(&kmap_lock, *flags);
		vaddr = (unsigned long)page_address(page);
		if (vaddr)	/* somebody mapped it meanwhile */
			return vaddr;
		goto start;
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	pkmap_page_table[last_pkmap_nr] = mk_pte(page, kmap_prot);
	/*
	 * Invalid -> valid: the privileged spec lets a hart keep the old
	 * invalid entry cached until a fence, so fence here rather than
	 * fault on first use. Another hart could still fault once; SMP will
	 * need a remote fence or a spurious-fault fixup.
	 */
	local_flush_tlb_page(vaddr);
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, (void *)vaddr);
	return vaddr;
}

/*
 * kmap() of a highmem page (seed 000): reuse its PKMAP slot if it has
 * one, else map_new_virtual; either way take one more reference. Takes
 * kmap_lock; may sleep in map_new_virtual, so never from interrupts.
 */
static void *kmap_high(struct page *page)
{
	unsigned long vaddr, flags;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page, &flags);
	pkmap_count[PKMAP_NR(vaddr)]++;
	SetPagePkmapped(page);	/* a freed page loses the flag, not a lazy mapping */
	spin_unlock_irqrestore(&kmap_lock, flags);
	return (void *)vaddr;
}

/*
 * A kernel address for @page that stays valid until kunmap(). May sleep
 * (when all LAST_PKMAP slots are in use), so not from interrupts.
 */
void *kmap(struct page *page)
{
	if (!PageHighMem(page))
		return page_address(page);
	return kmap_high(page);
}

/*
 * Drop one reference to @page's PKMAP mapping. The last one frees the
 * slot (it stays mapped until the next wrap flushes it) and wakes a
 * kmap() waiting for a slot. A page that is not kmap()ed is reported and
 * nothing changes. Takes kmap_lock; never sleeps, so kunmap_atomic may
 * use it.
 */
static void kunmap_high(struct page *page)
{
	unsigned long vaddr, flags;
	bool need_wakeup = false;

	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)page_address(page);
	if (!vaddr || pkmap_count[PKMAP_NR(vaddr)] < 2) {
		spin_unlock_irqrestore(&kmap_lock, flags);
		pr_err("kunmap: pfn 0x%lx is not kmap()ed\n", page_to_pfn(page));
		WARN_ON(1);
		return;
	}
	/* At 1 the slot is free but stays mapped until the next wrap. */
	if (--pkmap_count[PKMAP_NR(vaddr)] == 1)
		need_wakeup = waitqueue_active(&pkmap_map_wait);
	spin_unlock_irqrestore(&kmap_lock, flags);
	if (need_wakeup)
		wake_up(&pkmap_map_wait);
}

/* Undo one kmap(@page); nothing to do for lowmem. Never sleeps. */
void kunmap(struct page *page)
{
	if (PageHighMem(page))
		kunmap_high(page);
}

/*
 * If kmap() already maps @page, take one more reference to that mapping
 * and return its address (kunmap_high() drops it); else NULL. Lets
 * kmap_atomic reuse a PKMAP mapping instead of a slot (seed 000). Never
 * sleeps.
 */
void *kmap_high_get(struct page *page)
{
	unsigned long vaddr, flags;

	if (WARN_ON(!PageHighMem(page)))	/* lowmem has no PKMAP slot */
		return NULL;
	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = (unsigned long)page_address(page);
	if (vaddr) {
		WARN_ON(pkmap_count[PKMAP_NR(vaddr)] < 1);
		pkmap_count[PKMAP_NR(vaddr)]++;
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
	return (void *)vaddr;
}

/* --- kmap_atomic(): per-CPU fixmap slots --- */

/*
 * One CPU's kmap_atomic slots: idx are in use, in stack order; used marks
 * which of those are still mapped (an out-of-order unmap leaves a gap).
 * Only that CPU touches them, with preemption off from kmap_atomic on.
 */
struct kmap_ctrl {
	int idx;
	unsigned int used;
};
static DEFINE_PER_CPU(struct kmap_ctrl, kmap_ctrl);

/* Slots this CPU's kmap_atomic stack holds (0: none); for checks. */
int kmap_atomic_depth(void)
{
	return this_cpu_ptr(&kmap_ctrl)->idx;
}

/* Take this CPU's next slot (0..KM_TYPE_NR-1), or -1 if all are in use. */
static int kmap_atomic_idx_push(void)
{
	struct kmap_ctrl *kc = this_cpu_ptr(&kmap_ctrl);
	unsigned long flags;
	int type = -1;

	local_irq_save(flags);	/* an interrupt may kmap_atomic too */
	if (kc->idx < KM_TYPE_NR) {
		type = kc->idx++;
		kc->used |= 1U << type;
	}
	local_irq_restore(flags);
	if (type < 0) {
		kmap_atomic_errors++;
		pr_err("kmap_atomic: nesting deeper than %d slots on cpu %d\n",
		       KM_TYPE_NR, smp_processor_id());
		WARN_ON(1);
	}
	return type;
}

/* Give back slot type; the stack shrinks past every unmapped top slot. */
static void kmap_atomic_idx_pop(int type)
{
	struct kmap_ctrl *kc = this_cpu_ptr(&kmap_ctrl);
	unsigned long flags;

	local_irq_save(flags);
	kc->used &= ~(1U << type);
	while (kc->idx && !(kc->used & (1U << (kc->idx - 1))))
		kc->idx--;
	local_irq_restore(flags);
}

/*
 * A temporary kernel address for @page, valid until the matching
 * kunmap_atomic(), on this CPU only (seed 000). Disables preemption until
 * then, so the holder must not sleep. A highmem page that kmap() already
 * maps is used through that mapping (kmap_high_get); otherwise it gets
 * this CPU's next fixmap slot. Never sleeps. Returns NULL (after a
 * report, with preemption back on) when the slots are exhausted.
 */
void *kmap_atomic(struct page *page)
{
	void *kmap;
	int type, idx;

	preempt_disable();
	if (!PageHighMem(page))
		return page_address(page);
	/* the flag spares the locked lookup for the many pages kmap() never mapped */
	kmap = PagePkmapped(page) ? kmap_high_get(page) : NULL;
	if (kmap)
		return kmap;
	type = kmap_atomic_idx_push();
	if (type < 0) {
		preempt_enable();
		return NULL;
	}
	idx = FIX_KMAP_BEGIN + type + KM_TYPE_NR * smp_processor_id();
	set_fixmap_pte(idx, mk_pte(page, kmap_prot));
	return (void *)__fix_to_virt(idx);
}

/* Report a misuse of kunmap_atomic; returns false so callers can bail out. */
static bool kmap_atomic_misuse(const char *what, unsigned long vaddr, int type)
{
	kmap_atomic_errors++;
	pr_err("kunmap_atomic(0x%lx): %s (slot %d, %d in use)\n", vaddr, what,
	       type, kmap_atomic_depth());
	WARN_ON(1);
	return false;
}

/* Undo a fixmap-slot kmap_atomic; false (reported) if vaddr is no slot of ours. */
static bool kunmap_atomic_slot(unsigned long vaddr)
{
	int type = (int)__virt_to_fix(vaddr) - FIX_KMAP_BEGIN -
		   KM_TYPE_NR * smp_processor_id();

	if (type < 0 || type >= KM_TYPE_NR)
		return kmap_atomic_misuse("not a slot of this CPU", vaddr, type);
	if (!(this_cpu_ptr(&kmap_ctrl)->used & (1U << type)))
		return kmap_atomic_misuse("slot is not mapped", vaddr, type);
	if (type != kmap_atomic_depth() - 1)	/* still unmapped, below */
		kmap_atomic_misuse("unmapped out of order", vaddr, type);
	set_fixmap_pte((int)__virt_to_fix(vaddr), 0);
	kmap_atomic_idx_pop(type);
	return true;
}

/*
 * Undo kmap_atomic(kvaddr) (kunmap_atomic() in linux/highmem.h checks
 * the argument's type first) and turn preemption back on. Lowmem needs
 * no unmapping, a kmap() address drops its reference. Anything else
 * (another CPU's slot, a free slot, an address that was never mapped) is
 * reported and changes nothing. Unmapping out of order is reported, and
 * the slot is still unmapped, so the mapping cannot be used by mistake
 * afterwards.
 */
void __kunmap_atomic(void *kvaddr)
{
	unsigned long vaddr = (unsigned long)kvaddr & PAGE_MASK;

	if (vaddr >= FIXADDR_START && vaddr < FIXADDR_END) {
		if (!kunmap_atomic_slot(vaddr))
			return;
	} else if (vaddr >= PKMAP_BASE && vaddr < PKMAP_ADDR(LAST_PKMAP)) {
		kunmap_high(pfn_to_page(pte_pfn(pkmap_page_table[PKMAP_NR(vaddr)])));
	} else if (!virt_addr_valid(kvaddr)) {
		kmap_atomic_misuse("not a kmap_atomic address", vaddr, -1);
		return;
	}
	preempt_enable();
}

/*
 * Zero a whole page of any zone. If kmap_atomic has no slot left (a bug
 * it reports), the page is zeroed through kmap() instead, which sleeps
 * only when every PKMAP slot is taken: the page is never left dirty and
 * NULL is never written through.
 */
void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	if (unlikely(!kaddr)) {
		kaddr = kmap(page);
		memset(kaddr, 0, PAGE_SIZE);
		kunmap(page);
		return;
	}
	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}

/*
 * Create the page tables of the PKMAP and fixmap areas up front, so kmap()
 * and kmap_atomic() never allocate. Boot CPU, after paging_init.
 */
void kmap_init(void)
{
	pkmap_page_table = walk_pte(swapper_pg_dir, PKMAP_BASE, 1);
	if (!pkmap_page_table || fixmap_init())
		panic("kmap_init: no memory for the PKMAP/fixmap page tables");
	for (unsigned int i = 0; i < ARRAY_SIZE(page_address_htable); i++) {
		INIT_LIST_HEAD(&page_address_htable[i].lh);
		spin_lock_init(&page_address_htable[i].lock);
	}
	for (unsigned int i = 0; i < LAST_PKMAP; i++)
		list_add_tail(&page_address_maps[i].list, &page_address_pool);
	pr_info("highmem: PKMAP %d slots at 0x%lx, fixmap %d kmap_atomic slots per CPU at 0x%lx\n",
		LAST_PKMAP, PKMAP_BASE, KM_TYPE_NR, (unsigned long)__fix_to_virt(FIX_KMAP_END));
}
