/*
 * /proc/<pid>/maps and smaps_rollup, and the page-table count behind
 * status's VmPTE: walks of the mm's VMA list under mmap_sem (read) and of
 * its page tables under page_table_lock. After Linux 4.x's
 * fs/proc/task_mmu.c in what is shown (its layouts are array_fmt.c's);
 * leaves out smaps (per VMA), numa_maps, clear_refs, pagemap
 * and the names drivers give their mappings. Pss divides each page by
 * the PTEs mapping it (page_mapcount), as Linux does.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mm_vma.h>
#include <linux/page-flags.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/seq_buf.h>
#include <asm/pgtable.h>
#include <asm/pgalloc.h>
#include "internal.h"
#include "array.h"

/* See internal.h: non-leaf entries of the user PGD and of each PMD table, counted. */
unsigned long proc_mm_pgtables(struct mm_struct *mm)
{
	unsigned long n = 0, flags;

	if (!mm->pgd)
		return 0;
	down_read(&mm->mmap_sem);	/* free_pgtables runs under it, for write */
	spin_lock_irqsave(&mm->page_table_lock, flags);
	for (unsigned int i = 0; i < USER_PTRS_PER_PGD; i++) {
		pgd_t g = mm->pgd[i];
		pmd_t *pmd;

		if (!pte_present(g) || pte_leaf(g))
			continue;
		n++;	/* the PMD table */
		pmd = pte_table_va(g);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++)
			if (pte_present(pmd[j]) && !pte_leaf(pmd[j]))
				n++;	/* a PTE table */
	}
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	up_read(&mm->mmap_sem);
	return n;
}

/*
 * The name maps shows for @vma: its file's path (into @buf, PATH_MAX
 * bytes), the name its vm_ops give it ("[vdso]"), "[heap]", "[stack]", or
 * NULL. May sleep (d_path).
 */
static const char *vma_name(struct vm_area_struct *vma, char *buf)
{
	struct mm_struct *mm = vma->vm_mm;
	char *p;

	if (vma->vm_file) {
		p = d_path(&vma->vm_file->f_path, buf, PATH_MAX);
		return IS_ERR(p) ? "?" : p;
	}
	if (vma->vm_ops && vma->vm_ops->name)
		return vma->vm_ops->name(vma);
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* One maps line for @vma. */
static void show_map_vma(struct seq_buf *s, struct vm_area_struct *vma, char *buf)
{
	struct proc_map_info m = {
		.start = vma->vm_start,
		.end = vma->vm_end,
		.read = vma->vm_flags & VM_READ,
		.write = vma->vm_flags & VM_WRITE,
		.exec = vma->vm_flags & VM_EXEC,
		.shared = vma->vm_flags & VM_MAYSHARE,
	};

	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);

		m.offset = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
		m.major = MAJOR(inode->i_sb->s_dev);
		m.minor = MINOR(inode->i_sb->s_dev);
		m.ino = inode->i_ino;
	}
	m.name = vma_name(vma, buf);
	proc_format_map(s, &m);
}

/* Runs @fn(s, vma, arg) on every VMA of @mm under its mmap_sem (read). May sleep. */
static void walk_vmas(struct seq_buf *s, struct mm_struct *mm,
		      void (*fn)(struct seq_buf *s, struct vm_area_struct *vma, void *arg),
		      void *arg)
{
	struct vm_area_struct *vma;

	down_read(&mm->mmap_sem);
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		fn(s, vma, arg);
	up_read(&mm->mmap_sem);
}

static void maps_one(struct seq_buf *s, struct vm_area_struct *vma, void *arg)
{
	show_map_vma(s, vma, arg);
}

int proc_mm_maps(struct seq_buf *s, struct mm_struct *mm)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	walk_vmas(s, mm, maps_one, buf);
	kfree(buf);
	return 0;
}

/* /proc/<pid>/maps: proc_mm_maps of the task's mm; empty for a kernel thread. */
int proc_pid_maps(struct seq_buf *s, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	int err;

	if (!mm)
		return 0;
	err = proc_mm_maps(s, mm);
	mmput(mm);
	return err;
}

/* What smaps_rollup adds up, and the range it covers. */
struct rollup {
	struct proc_mem_size_stats mss;
	unsigned long start, end;
};

/* Anonymous: RAM-backed and in no address space (mm/memory.c's rule). */
static bool page_is_anon(const struct page *page)
{
	return PageSwapBacked(page) && !page->mapping;
}

/* Adds the page @pte maps at @addr of @vma to @mss. page_table_lock held. */
static void smaps_pte_entry(struct proc_mem_size_stats *mss, struct vm_area_struct *vma,
			    unsigned long addr, pte_t pte)
{
	struct page *page = vm_normal_page(vma, addr, pte);
	unsigned long long pss;
	bool dirty, anon;
	int mapcount;

	if (!page)
		return;		/* the zero page or a raw frame: Linux counts neither */
	mapcount = max(page_mapcount(page), 1);
	dirty = pte_dirty(pte) || PageDirty(page);
	anon = page_is_anon(page);
	pss = ((unsigned long long)PAGE_SIZE << PROC_PSS_SHIFT) / mapcount;
	mss->resident += PAGE_SIZE;
	mss->pss += pss;
	if (anon) {
		mss->anonymous += PAGE_SIZE;
		mss->pss_anon += pss;
	} else if (PageSwapBacked(page)) {
		mss->pss_shmem += pss;
	} else {
		mss->pss_file += pss;
	}
	if (pte_young(pte) || PageReferenced(page))
		mss->referenced += PAGE_SIZE;
	if (vma->vm_flags & VM_LOCKED)
		mss->locked += pss >> PROC_PSS_SHIFT;
	if (mapcount >= 2) {
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else if (dirty) {
		mss->private_dirty += PAGE_SIZE;
	} else {
		mss->private_clean += PAGE_SIZE;
	}
}

/*
 * Every present PTE of @vma into the rollup, through follow_pte; a
 * missing table skips to the next 2 MiB. mmap_sem held (read).
 */
static void rollup_one(struct seq_buf *s, struct vm_area_struct *vma, void *arg)
{
	struct rollup *r = arg;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = vma->vm_start, flags;

	if (!r->start)
		r->start = vma->vm_start;
	r->end = vma->vm_end;
	if (vma->vm_flags & (VM_IO | VM_PFNMAP))
		return;
	spin_lock_irqsave(&mm->page_table_lock, flags);
	while (addr < vma->vm_end) {
		pte_t *ptep = follow_pte(mm, addr);

		if (!ptep) {
			addr = (addr + PMD_SIZE) & ~(PMD_SIZE - 1);
			continue;
		}
		if (pte_present(*ptep))
			smaps_pte_entry(&r->mss, vma, addr, *ptep);
		addr += PAGE_SIZE;
	}
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
}

int proc_mm_smaps_rollup(struct seq_buf *s, struct mm_struct *mm)
{
	struct rollup *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct proc_map_info m = { .name = "[rollup]" };

	if (!r)
		return -ENOMEM;
	walk_vmas(s, mm, rollup_one, r);
	if (r->end) {
		m.start = r->start;
		m.end = r->end;
		proc_format_map(s, &m);
		proc_format_smaps(s, &r->mss);
	}
	kfree(r);
	return 0;
}

/* /proc/<pid>/smaps_rollup: proc_mm_smaps_rollup of the task's mm; empty for a kernel thread, as Linux's. */
int proc_pid_smaps_rollup(struct seq_buf *s, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	int err;

	if (!mm)
		return 0;
	err = proc_mm_smaps_rollup(s, mm);
	mmput(mm);
	return err;
}
