/*
 * In-kernel tests of the arch interface (ktest=arch, docs/arch.md):
 * switch_mm really changes the page table the MMU walks, a range TLB flush
 * really drops a stale translation, and the image's linker symbols (and
 * the generated symbol table) are in the order the permissions need.
 * Not covered here: the trap entry and backtraces (tests/qemu/t_panic.sh).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>

/* A user-half gigapage slot that swapper_pg_dir leaves empty (64 GiB). */
#define TEST_WINDOW	0x0000001000000000UL

static volatile unsigned long switch_mm_marker = 0x5a17c4e5;

/*
 * A copy of swapper_pg_dir plus one gigapage at TEST_WINDOW over the RAM
 * holding the marker: after switch_mm to it the marker reads through the
 * window; after switching back the window is unmapped again.
 */
KTEST(arch_switch_mm)
{
	struct page *page = alloc_page(GFP_KERNEL);
	phys_addr_t pa = __pa((const void *)&switch_mm_marker);
	phys_addr_t base = ALIGN_DOWN(pa, PGDIR_SIZE);
	struct mm_struct kernel_mm = { .pgd = swapper_pg_dir }, test_mm;
	unsigned long seen;

	if (!KT_EXPECT(page != NULL))
		return;
	test_mm.pgd = page_address(page);
	test_mm.asid = 0;		/* a fresh ASID on the switch */
	memcpy(test_mm.pgd, swapper_pg_dir, PAGE_SIZE);
	KT_EXPECT(swapper_pg_dir[pgd_index(TEST_WINDOW)] == 0);
	test_mm.pgd[pgd_index(TEST_WINDOW)] = pfn_pte(PHYS_PFN(base), PAGE_KERNEL);

	switch_mm(&kernel_mm, &test_mm, current);
	seen = *(volatile unsigned long *)(TEST_WINDOW + (pa - base));
	switch_mm(&test_mm, &kernel_mm, current);

	KT_EXPECT_MSG(seen == switch_mm_marker, "read 0x%lx through the window", seen);
	KT_EXPECT(walk_pte(swapper_pg_dir, TEST_WINDOW, 0) == NULL);
	__free_page(page);
}

/*
 * Point a vmalloc page's PTE at another frame: after flush_tlb_kernel_range
 * the new frame must show (QEMU caches translations like a real TLB, so a
 * flush that does nothing reads the old one).
 */
KTEST(arch_flush_tlb_kernel_range)
{
	volatile char *va = vmalloc(PAGE_SIZE);
	struct page *other = alloc_page(GFP_KERNEL);
	unsigned long addr = (unsigned long)va;
	pte_t *pte, old;

	if (!KT_EXPECT(va && other))
		goto out;
	pte = walk_pte(swapper_pg_dir, addr, 0);
	if (!KT_EXPECT(pte && pte_present(*pte)))
		goto out;
	va[0] = 1;
	*(char *)page_address(other) = 2;
	KT_EXPECT(va[0] == 1);		/* the translation is cached now */

	old = *pte;
	*pte = pfn_pte(page_to_pfn(other), PAGE_KERNEL);
	flush_tlb_kernel_range(addr, addr + PAGE_SIZE);
	KT_EXPECT_MSG(va[0] == 2, "read %d after remapping, wanted 2", va[0]);

	*pte = old;
	flush_tlb_kernel_range(addr, addr + PAGE_SIZE);
	KT_EXPECT(va[0] == 1);
out:
	if (other)
		__free_page(other);
	vfree((void *)va);
}

/* asm/sections.h: the parts of the image in order, page aligned where mapped apart. */
KTEST(arch_sections)
{
	const unsigned long order[] = {
		(unsigned long)_start, (unsigned long)_stext, (unsigned long)_etext,
		(unsigned long)_srodata, (unsigned long)_erodata,
		(unsigned long)_sdata, (unsigned long)_edata,
		(unsigned long)_sbss, (unsigned long)init_stack,
		(unsigned long)init_stack_top, (unsigned long)_ebss, (unsigned long)_end,
	};
	unsigned long ktests = (unsigned long)__start_ktests;

	for (unsigned int i = 1; i < ARRAY_SIZE(order); i++)
		KT_EXPECT_MSG(order[i - 1] <= order[i], "symbol %u of %zu out of order",
			      i, ARRAY_SIZE(order));
	KT_EXPECT(IS_ALIGNED((unsigned long)_stext, PAGE_SIZE));
	KT_EXPECT(IS_ALIGNED((unsigned long)_srodata, PAGE_SIZE));
	KT_EXPECT(IS_ALIGNED((unsigned long)_sdata, PAGE_SIZE));
	KT_EXPECT((unsigned long)init_stack_top - (unsigned long)init_stack == INIT_STACK_SIZE);
	KT_EXPECT(__stop_ktests - __start_ktests >= 3);
	KT_EXPECT(__stop_setup_params - __start_setup_params >= 1);
	KT_EXPECT(ktests >= (unsigned long)_srodata && ktests < (unsigned long)_erodata);
	KT_EXPECT(kallsyms_num > 0);
	/* The generated table: every entry a real text address, in order. */
	KT_EXPECT_MSG(kallsyms_addresses[0] >= (unsigned long)_start,
		      "first symbol at 0x%lx", kallsyms_addresses[0]);
	for (unsigned long i = 1; i < kallsyms_num; i++)
		if (!KT_EXPECT(kallsyms_addresses[i - 1] <= kallsyms_addresses[i]))
			break;
}

/*
 * CIP-453's fix-up (U74): an instruction fault's stval with bit 38 set
 * becomes the kernel address it names; user addresses are unchanged.
 */
KTEST(arch_cip_453_sign_extend)
{
	KT_EXPECT(sv39_sign_extend(0x7fc0001000UL) == 0xffffffffc0001000UL);
	KT_EXPECT(sv39_sign_extend(0xffffffffc0001000UL) == 0xffffffffc0001000UL);
	KT_EXPECT(sv39_sign_extend(0x3ffffff000UL) == 0x3ffffff000UL);
	KT_EXPECT(sv39_sign_extend((unsigned long)_stext & ((1UL << 39) - 1)) ==
		  (unsigned long)_stext);
}
