/*
 * The table of file system types: register_filesystem, get_fs_type and
 * the /proc/filesystems text. After Linux 4.x fs/filesystems.c; leaves
 * out unregistering (no modules) and request_module.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/seq_buf.h>
#include <linux/fs.h>
#include "internal.h"

/* The registered types in registration order; file_systems_lock guards the chain. */
static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);

/* Under the lock: the link that points at the type called @name, or at the chain's end. */
static struct file_system_type **find_filesystem(const char *name, size_t len)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next) {
		if (strlen((*p)->name) == len && !strncmp((*p)->name, name, len))
			break;
	}
	return p;
}

/*
 * Adds @fs to the table so mount finds it by name: 0, -EBUSY if a type of
 * that name is registered already, -EINVAL if @fs is on a chain or unnamed.
 */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;
	int err = 0;

	if (!fs->name || !fs->name[0] || fs->next || !fs->mount || !fs->kill_sb)
		return -EINVAL;
	if (!fs->fs_supers.next)
		INIT_LIST_HEAD(&fs->fs_supers);
	spin_lock(&file_systems_lock);
	p = find_filesystem(fs->name, strlen(fs->name));
	if (*p)
		err = -EBUSY;
	else
		*p = fs;
	spin_unlock(&file_systems_lock);
	return err;
}

/* The type called @name ("ext2", "tmpfs"), or NULL. */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	fs = *find_filesystem(name, strlen(name));
	spin_unlock(&file_systems_lock);
	return fs;
}

/* The type registered after @prev (NULL: the first), or NULL at the end. */
struct file_system_type *next_fs_type(struct file_system_type *prev)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	fs = prev ? prev->next : file_systems;
	spin_unlock(&file_systems_lock);
	return fs;
}

/* /proc/filesystems: one line a type, "nodev" first for those without a device. */
void filesystems_show(struct seq_buf *s)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	for (fs = file_systems; fs; fs = fs->next)
		seq_buf_printf(s, "%s\t%s\n", (fs->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
			       fs->name);
	spin_unlock(&file_systems_lock);
}
