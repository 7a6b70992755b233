/*
 * get_user_pages and access_process_vm (seed 001: "mm/gup.c ... is about
 * get_user_pages()", the other caller of handle_mm_fault; Linux 4.x
 * mm/gup.c and mm/memory.c's __access_remote_vm): fault user pages in and
 * pin them, for the kernel's own use (futex, exec's strings, /proc/<pid>/
 * cmdline). Leaves out FOLL_FORCE writes (ptrace's COW into read-only
 * mappings), the lock-free fast path, huge pages and FOLL_LONGTERM.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <asm/pgtable.h>

/* May @gup_flags touch @vma? Writes need VM_WRITE; reads VM_READ unless FOLL_FORCE. */
static bool check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	if (vma->vm_flags & (VM_IO | VM_PFNMAP))
		return false;
	if (gup_flags & FOLL_WRITE)
		return vma->vm_flags & VM_WRITE;
	return (vma->vm_flags & (VM_READ | VM_WRITE)) || (gup_flags & FOLL_FORCE);
}

/*
 * The page @vma maps at @addr, if the PTE allows the access, with a
 * reference; else NULL (fault it in). A zero-page PTE counts as absent,
 * so a read pins a real page (a write fault of a writable VMA makes one).
 */
static struct page *follow_page(struct vm_area_struct *vma, unsigned long addr,
				unsigned int gup_flags)
{
	pte_t *ptep = follow_pte(vma->vm_mm, addr), pte;
	struct page *page;

	if (!ptep)
		return NULL;
	pte = READ_ONCE(*ptep);
	if (!pte_present(pte) || ((gup_flags & FOLL_WRITE) && !pte_write(pte)))
		return NULL;
	page = vm_normal_page(vma, addr, pte);
	if (page)
		get_page(page);
	return page;
}

/*
 * Fault in the page at @addr for @gup_flags: 0, or -EFAULT (no page
 * can be had: a read of the zero page in a read-only VMA, an error).
 */
static int faultin_page(struct vm_area_struct *vma, unsigned long addr,
			unsigned int gup_flags)
{
	unsigned int flags = (gup_flags & FOLL_WRITE) ? FAULT_FLAG_WRITE : 0;
	pte_t *ptep = follow_pte(vma->vm_mm, addr);
	int ret;

	if (ptep && pte_present(*ptep) && pte_special(*ptep) && !flags) {
		if (!(vma->vm_flags & VM_WRITE))
			return -EFAULT;
		flags = FAULT_FLAG_WRITE;	/* replace the zero page with a page of its own */
	}
	ret = handle_mm_fault(vma, addr, flags);
	return ret & VM_FAULT_ERROR ? -EFAULT : 0;
}

/* One page of get_user_pages_remote: pinned into *@pagep (if @pagep). 0 or -EFAULT. */
static int get_one_page(struct mm_struct *mm, unsigned long addr, unsigned int gup_flags,
			struct page **pagep)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page;

	if (vma && vma->vm_start > addr && expand_stack(vma, addr))
		return -EFAULT;
	if (!vma || vma->vm_start > addr || !check_vma_flags(vma, gup_flags))
		return -EFAULT;
	for (int tries = 0; tries < 3; tries++) {
		page = follow_page(vma, addr, gup_flags);
		if (page) {
			if (pagep)
				*pagep = page;
			else
				put_page(page);
			return 0;
		}
		if (faultin_page(vma, addr, gup_flags))
			return -EFAULT;
	}
	return -EFAULT;
}

/* See linux/mm_vma.h. */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages)
{
	unsigned long i;

	start &= PAGE_MASK;
	for (i = 0; i < nr_pages; i++)
		if (get_one_page(mm, start + i * PAGE_SIZE, gup_flags,
				 pages ? &pages[i] : NULL))
			break;
	return i ? (long)i : -EFAULT;
}

/* See linux/mm_vma.h. */
long get_user_pages_fast(unsigned long start, unsigned long nr_pages,
			 unsigned int gup_flags, struct page **pages)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (!mm)
		return -EFAULT;
	down_read(&mm->mmap_sem);
	ret = get_user_pages_remote(mm, start, nr_pages, gup_flags, pages);
	up_read(&mm->mmap_sem);
	return ret;
}

/* See linux/mm_vma.h. Writes dirty the page (set_page_dirty_lock). */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags)
{
	int done = 0;

	down_read(&mm->mmap_sem);
	while (done < len) {
		unsigned long offset = (addr + done) & ~PAGE_MASK;
		int bytes = min_t(unsigned long, len - done, PAGE_SIZE - offset);
		struct page *page;
		char *maddr;

		if (get_user_pages_remote(mm, addr + done, 1, gup_flags, &page) != 1)
			break;
		maddr = kmap(page);
		if (gup_flags & FOLL_WRITE) {
			memcpy(maddr + offset, (char *)buf + done, bytes);
			set_page_dirty_lock(page);
		} else {
			memcpy((char *)buf + done, maddr + offset, bytes);
		}
		kunmap(page);
		put_page(page);
		done += bytes;
	}
	up_read(&mm->mmap_sem);
	return done;
}

/* See linux/mm_vma.h. */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf,
		      int len, unsigned int gup_flags)
{
	struct mm_struct *mm = get_task_mm(tsk);
	int ret;

	if (!mm)
		return 0;
	ret = access_remote_vm(mm, addr, buf, len, gup_flags);
	mmput(mm);
	return ret;
}
