/*
 * Character devices: a table of file operations by major number
 * (register_chrdev), and def_chr_fops, whose open swaps in the driver's
 * operations for the device file's major. After Linux 4.x fs/char_dev.c
 * with whole majors only (no minor ranges, cdev objects or kobj maps).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>

#define CHRDEV_MAJOR_MAX		512
#define CHRDEV_MAJOR_DYN_END		234	/* dynamic majors: 254 down to 234, as Linux */
#define CHRDEV_MAJOR_DYN_START		254

struct char_device_struct {
	const char *name;
	const struct file_operations *fops;
};

static struct char_device_struct chrdevs[CHRDEV_MAJOR_MAX];
static DEFINE_SPINLOCK(chrdevs_lock);

/* Under chrdevs_lock: a free dynamic major, or -EBUSY. */
static int find_dynamic_major(void)
{
	for (int i = CHRDEV_MAJOR_DYN_START; i >= CHRDEV_MAJOR_DYN_END; i--) {
		if (!chrdevs[i].fops)
			return i;
	}
	return -EBUSY;
}

/*
 * Gives character major @major (0: pick a free one) to @fops, called
 * @name. Returns 0 (or the major picked), -EINVAL for a bad major or no
 * fops, -EBUSY if it is taken.
 */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	int ret;

	if (major >= CHRDEV_MAJOR_MAX || !fops)
		return -EINVAL;
	spin_lock(&chrdevs_lock);
	ret = major ? (int)major : find_dynamic_major();
	if (ret > 0 && chrdevs[ret].fops)
		ret = -EBUSY;
	if (ret > 0) {
		chrdevs[ret].name = name;
		chrdevs[ret].fops = fops;
	}
	spin_unlock(&chrdevs_lock);
	if (ret > 0 && major)
		ret = 0;
	return ret;
}

/* The driver operations for @dev's major, or NULL. */
static const struct file_operations *chrdev_fops(dev_t dev)
{
	const struct file_operations *fops = NULL;

	spin_lock(&chrdevs_lock);
	if (MAJOR(dev) < CHRDEV_MAJOR_MAX)
		fops = chrdevs[MAJOR(dev)].fops;
	spin_unlock(&chrdevs_lock);
	return fops;
}

/* ->open of every character device file: the driver's f_op and open. -ENXIO if no driver. */
static int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	filp->f_op = fops;
	if (fops->open)
		return fops->open(inode, filp);
	return 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = noop_llseek,
};
