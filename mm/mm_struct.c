/*
 * An address space's life (seed 002 "The Memory Descriptor"; Linux 4.x
 * kernel/fork.c's mm half and arch_pick_mmap_layout): mm_alloc, dup_mmap
 * for fork, mmdrop; the caller's rlimits as mm/ sees them. The lead's
 * mmput is exit_mmap then mmdrop. Leaves out mmap randomisation, the
 * legacy bottom-up layout and commit accounting.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/rmap.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/pgalloc.h>

/* See linux/mm_vma.h. A kernel thread (no signal_struct) has no limits. */
unsigned long mm_rlimit(unsigned int res)
{
	if (!current || !current->signal)
		return RLIM_INFINITY;
	return rlimit(res);
}

/*
 * Linux's mmap_base for the top-down layout, without randomisation: below
 * the stack's room (RLIMIT_STACK, at least 128 MiB, at most 5/6 of the
 * address space), page aligned.
 */
static unsigned long mmap_base(unsigned long task_size)
{
	unsigned long gap = mm_rlimit(RLIMIT_STACK);
	unsigned long min_gap = 128UL << 20, max_gap = task_size / 6 * 5;

	gap = min(max(gap, min_gap), max_gap);
	return PAGE_ALIGN(task_size - gap);
}

/* See linux/mm_vma.h. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->mm_rb = RB_ROOT;
	mm->mm_users = 1;
	mm->mm_count = 1;
	init_rwsem(&mm->mmap_sem);
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = TASK_SIZE;
	mm->mmap_base = mmap_base(TASK_SIZE);
	if (mm_alloc_pgd(mm)) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/*
 * The last reference to the struct is gone: free the top-level table and
 * the struct. exit_mmap must have run (a VMA left is a bug: leaked, warned).
 */
static void __mmdrop(struct mm_struct *mm)
{
	if (WARN_ON(mm->mmap))
		return;
	if (mm->pgd)
		mm_free_pgd(mm);
	kfree(mm);
}

/* See linux/mm_vma.h. Any context that may free memory. */
void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL) == 0)
		__mmdrop(mm);
}

/* The fields fork copies as they are: the layout and the VM sizes (Linux's dup_mm memcpy). */
static void dup_mm_layout(struct mm_struct *mm, struct mm_struct *oldmm)
{
	mm->task_size = oldmm->task_size;
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->hiwater_rss = get_mm_rss(oldmm);
	mm->hiwater_vm = oldmm->total_vm;
	if (oldmm->exe_file)
		mm->exe_file = get_file(oldmm->exe_file);
}

/* Link a copy of @vma into @mm (empty there: dup_mmap goes in order) and copy its PTEs. */
static int dup_one_vma(struct mm_struct *mm, struct mm_struct *oldmm,
		       struct vm_area_struct *vma)
{
	struct vm_area_struct *tmp = vm_area_dup(vma), *prev;
	struct rb_node **rb_link, *rb_parent;

	if (!tmp)
		return -ENOMEM;
	tmp->vm_mm = mm;
	tmp->vm_flags &= ~VM_LOCKED;
	if (find_vma_links(mm, tmp->vm_start, tmp->vm_end, &prev, &rb_link, &rb_parent))
		panic("dup_mmap: overlapping VMAs at %lx", tmp->vm_start);
	if (tmp->vm_ops && tmp->vm_ops->open)
		tmp->vm_ops->open(tmp);
	vma_link(mm, tmp, prev, rb_link, rb_parent);
	mm->total_vm += vma_pages(tmp);
	vm_stat_account(mm, tmp->vm_flags, vma_pages(tmp));
	return copy_page_range(mm, oldmm, vma);
}

/* See linux/mm_vma.h. @mm comes from mm_alloc and nobody else uses it yet. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma;
	int err = 0;

	down_write(&oldmm->mmap_sem);
	down_write(&mm->mmap_sem);
	dup_mm_layout(mm, oldmm);
	for (vma = oldmm->mmap; vma && !err; vma = vma->vm_next) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		err = dup_one_vma(mm, oldmm, vma);
	}
	up_write(&mm->mmap_sem);
	up_write(&oldmm->mmap_sem);
	return err;
}
