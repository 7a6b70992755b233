/*
 * The memory devices of major 1 (null 3, zero 5, full 7, random 8,
 * urandom 9), after Linux 4.x's drivers/char/mem.c (memory_open picks the
 * minor's operations), and the registration of the tty majors with them
 * (/dev/console, /dev/tty and ttyS are drivers/tty/tty_io.c's). Leaves out
 * /dev/mem, kmem, port and kmsg, and mmap of /dev/zero.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/kdev_t.h>
#include <linux/random.h>
#include <linux/devtmpfs.h>
#include <linux/tty.h>

#define MEM_MAJOR	1

/* /dev/null's and /dev/zero's writes: every byte taken and dropped. */
static ssize_t write_iter_null(struct kiocb *iocb, struct iov_iter *from)
{
	size_t count = iov_iter_count(from);

	iov_iter_advance(from, count);
	return count;
}

/* /dev/null's reads: always end of file. */
static ssize_t read_iter_null(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

/* /dev/zero's and /dev/full's reads: zeroes, as many as asked. */
static ssize_t read_iter_zero(struct kiocb *iocb, struct iov_iter *to)
{
	size_t count = iov_iter_count(to), n = iov_iter_zero(count, to);

	return n || !count ? (ssize_t)n : -EFAULT;
}

/* /dev/full's writes: the device is full. */
static ssize_t write_iter_full(struct kiocb *iocb, struct iov_iter *from)
{
	return -ENOSPC;
}

/* Seeks on null, zero and full go nowhere: the position stays 0 (Linux's null_lseek). */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read_iter = read_iter_null,
	.write_iter = write_iter_null,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read_iter = read_iter_zero,
	.write_iter = write_iter_null,
};

static const struct file_operations full_fops = {
	.llseek = null_lseek,
	.read_iter = read_iter_zero,
	.write_iter = write_iter_full,
};

/* The minors of major 1 that exist. */
static const struct file_operations *const devlist[] = {
	[3] = &null_fops,
	[5] = &zero_fops,
	[7] = &full_fops,
	[8] = &random_fops,
	[9] = &urandom_fops,
};

/*
 * ->open of major 1 (def_chr_fops gave the file memory_fops): puts the
 * minor's operations on the file and runs their open. 0, or -ENXIO for a
 * minor without a device.
 */
static int memory_open(struct inode *inode, struct file *filp)
{
	unsigned int minor = MINOR(inode->i_rdev);
	const struct file_operations *fops;

	if (minor >= ARRAY_SIZE(devlist) || !devlist[minor])
		return -ENXIO;
	fops = devlist[minor];
	filp->f_op = fops;
	return fops->open ? fops->open(inode, filp) : 0;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
	.llseek = noop_llseek,
};

int chr_dev_init(void)
{
	int err = register_chrdev(MEM_MAJOR, "mem", &memory_fops);

	if (!err)
		err = tty_chrdev_init();	/* majors 4 and 5 */
	if (err)
		pr_err("mem: register_chrdev: %d\n", err);
	return err;
}
