/*
 * mremap (seed 002 "mremap(), expands or shrinks a memory region"; Linux
 * 4.x mm/mremap.c): shrink by unmapping the tail, grow in place when the
 * room after the VMA is free, else (MREMAP_MAYMOVE) move to a new range,
 * page tables and all (move_page_tables), or to MREMAP_FIXED's address.
 * Leaves out MREMAP_DONTUNMAP, old_len 0 (duplicating a shared mapping),
 * mlock accounting and merging the moved VMA with its new neighbours.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

/* mremap's flags (Linux's uapi values). */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/*
 * The VMA holding all of [addr, addr + old_len), fit to become @new_len
 * long, or NULL with *@err: -EFAULT (not one VMA; VM_DONTEXPAND or
 * VM_PFNMAP growing), as Linux's vma_to_resize.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len,
					    int *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return NULL;
	if (new_len > old_len && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return NULL;
	*err = 0;
	return vma;
}

/* Is [vma->vm_end, vma->vm_end + delta) free and in the address space? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > mm->task_size)
		return false;
	return !vma->vm_next || vma->vm_next->vm_start >= end;
}

/*
 * Move [old_addr, old_addr + old_len) of @vma to a new VMA at
 * [new_addr, new_addr + new_len) (free): its PTEs follow, then the old
 * range is unmapped. The new address, or -ENOMEM with nothing changed.
 */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long old_addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr)
{
	struct vm_area_struct *new_vma;
	unsigned long moved = min(old_len, new_len);

	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return -ENOMEM;
	new_vma->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma->vm_start = new_addr;
	new_vma->vm_end = new_addr + new_len;
	if (insert_vm_struct(mm, new_vma)) {
		vm_area_free(new_vma);
		return -ENOMEM;
	}
	mm->total_vm += new_len >> PAGE_SHIFT;
	if (move_page_tables(vma, old_addr, new_vma, new_addr, moved)) {
		move_page_tables(new_vma, new_addr, vma, old_addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	vm_stat_account(mm, new_vma->vm_flags, new_len >> PAGE_SHIFT);
	do_munmap(mm, old_addr, old_len);
	return new_addr;
}

/* MREMAP_FIXED: whatever is at [new_addr, new_addr + new_len) goes; then move there. */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len)
{
	struct vm_area_struct *vma;
	int err;

	if (offset_in_page(new_addr) || new_len > mm->task_size ||
	    new_addr > mm->task_size - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;		/* the ranges overlap */
	err = do_munmap(mm, new_addr, new_len);
	if (err)
		return err;
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr);
}

/* See linux/mm_vma.h. The caller holds mmap_sem for write. */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	unsigned long delta;
	int err;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL;
	if (flags & MREMAP_FIXED)
		return mremap_to(mm, addr, old_len, new_addr, new_len);
	if (old_len >= new_len) {
		err = old_len > new_len ? do_munmap(mm, addr + new_len, old_len - new_len) : 0;
		return err ? (unsigned long)err : addr;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	delta = new_len - old_len;
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, delta)) {
		vma->vm_end += delta;	/* the rb-tree order by vm_end still holds */
		mm->total_vm += delta >> PAGE_SHIFT;
		vm_stat_account(mm, vma->vm_flags, delta >> PAGE_SHIFT);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, vma->vm_file, 0, new_len,
				     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
				     (vma->vm_flags & VM_SHARED) ? MAP_SHARED : 0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr);
}

/* do_mremap under mmap_sem. */
unsigned long vm_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	up_write(&mm->mmap_sem);
	return ret;
}

/* mremap(old_address, old_size, new_size, flags, new_address) */
SYSCALL_DEFINE(mremap)
{
	return vm_mremap(current->mm, a0, a1, a2, a3, a4);
}
