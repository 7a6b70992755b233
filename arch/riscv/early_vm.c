/*
 * setup_vm: the first page table, built before the MMU is on. Runs at the
 * physical load address, so this file must stay free of absolute addresses
 * (no pointers in data, no jump tables: built with -fno-jump-tables).
 * Maps the kernel image at KERNEL_LINK_ADDR with 2 MiB pages, and the low
 * 256 GiB of physical space 1:1 with 1 GiB pages so the DTB, RAM and MMIO
 * stay reachable until paging_init builds swapper_pg_dir. Seed: Linux's
 * setup_vm; leaves out its early fixmap and DTB mappings (the identity
 * map reaches the DTB) and any KASLR relocation.
 */
#include <linux/types.h>
#include <asm/pgtable.h>
#include <asm/sections.h>

pte_t early_pg_dir[PTRS_PER_PTE] __aligned(PAGE_SIZE);
static pte_t early_kernel_pmd[PTRS_PER_PTE] __aligned(PAGE_SIZE);

unsigned long kernel_va_pa_offset __section(".data");
phys_addr_t kernel_load_pa __section(".data");

/*
 * Called once from head.S on the boot hart, MMU off, with .bss already
 * cleared (the tables live there). Fills early_pg_dir for an image loaded
 * at @load_pa (2 MiB aligned, as text_offset promises) and records
 * kernel_load_pa and kernel_va_pa_offset for __pa and head.S's jump.
 * Cannot fail; @dtb_pa is unused, the identity map covers it.
 */
void setup_vm(phys_addr_t load_pa, phys_addr_t dtb_pa)
{
	unsigned long size = (unsigned long)(_end - _start);
	unsigned long off;
	unsigned int i;

	kernel_load_pa = load_pa;
	kernel_va_pa_offset = KERNEL_LINK_ADDR - load_pa;

	/* 1:1 gigapages for physical 0..256 GiB, user half of Sv39. */
	for (i = 0; i < PTRS_PER_PTE / 2; i++)
		early_pg_dir[i] = pfn_pte((unsigned long)i << (PGDIR_SHIFT - PAGE_SHIFT),
					  PAGE_KERNEL_RWX);

	early_pg_dir[pgd_index(KERNEL_LINK_ADDR)] =
		pfn_pte((unsigned long)early_kernel_pmd >> PAGE_SHIFT, PAGE_TABLE);
	for (off = 0; off < size + PMD_SIZE; off += PMD_SIZE)
		early_kernel_pmd[pmd_index(KERNEL_LINK_ADDR + off)] =
			pfn_pte((load_pa + off) >> PAGE_SHIFT, PAGE_KERNEL_RWX);
	(void)dtb_pa;
}
