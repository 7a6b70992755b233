/*
 * The memory-management system calls (seed 002 "System calls related to
 * memory region creation and deletion"; Linux 4.x mm/mmap.c, mprotect.c,
 * msync.c, madvise.c, mincore.c): brk, mmap, munmap, mprotect, msync,
 * madvise, mincore, each a thin SYSCALL_DEFINE over an mm-taking helper
 * (which the ktests call on a kernel-built mm). They take mmap_sem and
 * never touch user memory while holding it. Leaves out MAP_HUGETLB,
 * MAP_LOCKED/mlock, MAP_SHARED_VALIDATE's unknown-flag check, PROT_GROWSDOWN,
 * and the madvise behaviours beyond NORMAL, RANDOM, SEQUENTIAL, WILLNEED,
 * DONTNEED, DONTFORK and DOFORK.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mm_vma.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/mman.h>
#include <uapi/resource.h>
#include <asm/uaccess.h>

/* ---- brk ---- */

/*
 * Move @mm's program break to @brk (Linux's sys_brk): growing maps
 * anonymous memory (do_brk) unless RLIMIT_DATA, the next mapping or its
 * stack guard gap is in the way; shrinking unmaps and frees. Returns the
 * new break, or the old one if the request was refused (brk's ABI).
 */
unsigned long mm_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk, data_limit = mm_rlimit(RLIMIT_DATA), ret;
	struct vm_area_struct *next;

	down_write(&mm->mmap_sem);
	if (brk < mm->start_brk)
		goto out;
	if (data_limit != RLIM_INFINITY &&
	    brk - mm->start_brk + (mm->end_data - mm->start_data) > data_limit)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk)
		goto set;
	if (brk <= mm->brk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk) == 0)
			goto set;
		goto out;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start -
	    ((next->vm_flags & VM_GROWSDOWN) ? min(stack_guard_gap, next->vm_start) : 0))
		goto out;
	if (do_brk(mm, oldbrk, newbrk - oldbrk))
		goto out;
set:
	mm->brk = brk;
out:
	ret = mm->brk;
	up_write(&mm->mmap_sem);
	return ret;
}

SYSCALL_DEFINE(brk)
{
	return mm_brk(current->mm, a0);
}

/* ---- mmap, munmap, mprotect ---- */

/*
 * Fault in [start, start + len) of @mm now (MAP_POPULATE): writable
 * private pages are written (COW broken), as Linux's populate does.
 * Failures are ignored: the pages fault in later. Takes mmap_sem.
 */
static void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long addr;
	unsigned int flags;

	down_read(&mm->mmap_sem);
	for (addr = start; addr < start + len; addr += PAGE_SIZE) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			break;
		flags = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ? FOLL_WRITE : 0;
		if (get_user_pages_remote(mm, addr, 1, flags, NULL) != 1)
			break;
	}
	up_read(&mm->mmap_sem);
}

/*
 * mmap of @file (NULL: anonymous) into @mm, @off in bytes (page aligned:
 * else -EINVAL). The address or -Exxx (do_mmap's). Takes mmap_sem.
 */
unsigned long vm_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long off)
{
	unsigned long ret;

	if (offset_in_page(off))
		return -EINVAL;
	if (!mm)
		return -ENOMEM;
	down_write(&mm->mmap_sem);
	ret = do_mmap(mm, file, addr, len, prot, flags, off >> PAGE_SHIFT);
	up_write(&mm->mmap_sem);
	if (!IS_ERR_VALUE(ret) && (flags & MAP_POPULATE) && !(flags & MAP_NONBLOCK))
		mm_populate(mm, ret, len);
	return ret;
}

/* mmap(addr, len, prot, flags, fd, offset): riscv64's, offset in bytes. */
SYSCALL_DEFINE(mmap)
{
	unsigned long flags = a3, ret;
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)a4);
		if (!file)
			return -EBADF;
	}
	if (flags & MAP_HUGETLB)
		ret = -EINVAL;
	else
		ret = vm_mmap(current->mm, file, a0, a1, a2, flags, a5);
	if (file)
		fput(file);
	return ret;
}

/* munmap of @mm: do_munmap under mmap_sem. */
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	int ret;

	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, start, len);
	up_write(&mm->mmap_sem);
	return ret;
}

SYSCALL_DEFINE(munmap)
{
	return vm_munmap(current->mm, a0, a1);
}

SYSCALL_DEFINE(mprotect)
{
	struct mm_struct *mm = current->mm;
	int ret;

	down_write(&mm->mmap_sem);
	ret = do_mprotect(mm, a0, a1, a2);
	up_write(&mm->mmap_sem);
	return ret;
}

/* ---- msync ---- */

/*
 * Write back the file pages of one shared VMA piece [start, end): move
 * the PTEs' dirty bits to the pages, then (MS_SYNC) write and wait.
 * Drops and retakes mmap_sem around the write-back; 0 or -EIO.
 */
static int msync_range(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int flags)
{
	struct file *file = vma->vm_file;
	loff_t fstart = ((loff_t)vma->vm_pgoff << PAGE_SHIFT) + (start - vma->vm_start);
	int err;

	sync_vma_dirty(vma, start, end);
	if (!(flags & MS_SYNC) || !file || !(vma->vm_flags & VM_SHARED))
		return 0;
	get_file(file);
	up_write(&mm->mmap_sem);
	err = vfs_fsync_range(file, fstart, fstart + (end - start) - 1, 1);
	fput(file);
	down_write(&mm->mmap_sem);
	return err;
}

/*
 * msync() on @mm: MS_ASYNC, MS_SYNC (not both), MS_INVALIDATE. 0,
 * -EINVAL (flags, alignment), -ENOMEM (a hole in the range: the rest is
 * still synced), -EBUSY (MS_INVALIDATE of locked pages), -EIO.
 */
int do_msync(struct mm_struct *mm, unsigned long start, size_t len, int flags)
{
	unsigned long end, fend;
	struct vm_area_struct *vma;
	int err = 0, unmapped = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (offset_in_page(start) || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start)
		return -ENOMEM;
	down_write(&mm->mmap_sem);
	while (start < end && !err) {
		vma = find_vma(mm, start);
		if (!vma) {
			err = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
		fend = min(end, vma->vm_end);
		err = msync_range(mm, vma, start, fend, flags);
		start = fend;
	}
	up_write(&mm->mmap_sem);
	return err ? err : unmapped;
}

SYSCALL_DEFINE(msync)
{
	return do_msync(current->mm, a0, a1, (int)a2);
}

/* ---- madvise ---- */

/* MADV_WILLNEED of a page-cache file VMA piece: start reading it in (tmpfs has nothing to read). */
static void madvise_willneed(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	struct file *file = vma->vm_file;
	pgoff_t pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);

	if (file && vma->vm_ops && vma->vm_ops->fault == filemap_fault)
		__do_page_cache_readahead(file->f_mapping, file, pgoff,
					  (end - start) >> PAGE_SHIFT, 0);
}

/* The vm_flags @behavior gives @vma (the hint bits), or the same flags. */
static unsigned long madvise_flags(struct vm_area_struct *vma, int behavior)
{
	unsigned long flags = vma->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return flags & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_RANDOM:
		return (flags & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_SEQUENTIAL:
		return (flags & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_DONTFORK:
		return flags | VM_DONTCOPY;
	case MADV_DOFORK:
		return flags & ~VM_DONTCOPY;
	}
	return flags;
}

/* One VMA piece [start, end) of madvise; *@prev as mprotect_fixup wants it. 0 or -Exxx. */
static int madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end, int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
		madvise_willneed(vma, start, end);
		*prev = vma;
		return 0;
	case MADV_DONTNEED:
		if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP))
			return -EINVAL;
		zap_vma_range(vma, start, end);
		*prev = vma;
		return 0;
	}
	return mprotect_fixup(vma, prev, start, end, madvise_flags(vma, behavior));
}

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_DONTFORK: case MADV_DOFORK:
		return true;
	}
	return false;
}

/*
 * madvise() on @mm. 0, -EINVAL (alignment, unknown advice, DONTNEED of
 * locked pages), -ENOMEM (a hole: the mapped parts are still advised),
 * -ENOMEM from a split. MADV_DONTNEED drops the pages: anonymous ones
 * read back as zeroes, file ones as the file says.
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	unsigned long end, part_end;
	struct vm_area_struct *vma, *prev;
	size_t len = PAGE_ALIGN(len_in);
	int err = 0, unmapped = 0;

	if (!madvise_behavior_valid(behavior) || offset_in_page(start) || (len_in && !len))
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	down_write(&mm->mmap_sem);
	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	while (!err) {
		if (!vma) {
			unmapped = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		part_end = min(end, vma->vm_end);
		err = madvise_vma(vma, &prev, start, part_end, behavior);
		start = part_end;
		if (start >= end)
			break;
		vma = prev ? prev->vm_next : find_vma(mm, start);
	}
	up_write(&mm->mmap_sem);
	return err ? err : unmapped;
}

SYSCALL_DEFINE(madvise)
{
	return do_madvise(current->mm, a0, a1, (int)a2);
}

/* ---- mincore ---- */

/* Fill @vec[0..@pages) for @mm's pages from @start: 1 resident, 0 not. 0 or -ENOMEM (unmapped). */
static int mincore_pages(struct mm_struct *mm, unsigned long start, unsigned long pages,
			 unsigned char *vec)
{
	struct vm_area_struct *vma = NULL;
	unsigned long addr;
	int err = 0;

	down_read(&mm->mmap_sem);
	for (unsigned long i = 0; i < pages && !err; i++) {
		addr = start + i * PAGE_SIZE;
		if (!vma || addr >= vma->vm_end)
			vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			err = -ENOMEM;
		else
			vec[i] = mincore_page(vma, addr);
	}
	up_read(&mm->mmap_sem);
	return err;
}

/*
 * mincore() on @mm into user @uvec, one byte per page. 0, -EINVAL
 * (alignment), -ENOMEM (a page is not mapped), -EFAULT (@uvec). Works a
 * page of results at a time, copying out without mmap_sem.
 */
int do_mincore(struct mm_struct *mm, unsigned long start, size_t len,
	       unsigned char __user *uvec)
{
	unsigned long pages = PAGE_ALIGN(len) >> PAGE_SHIFT, n;
	unsigned char *tmp;
	int err = 0;

	if (offset_in_page(start))
		return -EINVAL;
	if (start + PAGE_ALIGN(len) < start || start + PAGE_ALIGN(len) > mm->task_size)
		return -ENOMEM;
	if (!access_ok(uvec, pages))
		return -EFAULT;
	tmp = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!tmp)
		return -EAGAIN;
	while (pages && !err) {
		n = min(pages, PAGE_SIZE);
		err = mincore_pages(mm, start, n, tmp);
		if (!err && copy_to_user(uvec, tmp, n))
			err = -EFAULT;
		pages -= n;
		uvec += n;
		start += n << PAGE_SHIFT;
	}
	kfree(tmp);
	return err;
}

SYSCALL_DEFINE(mincore)
{
	return do_mincore(current->mm, a0, a1, (unsigned char __user *)a2);
}
