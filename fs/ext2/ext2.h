/*
 * ext2 inside rivet: the on-disk structures (superblock, group descriptor,
 * inode, directory entry, feature bits) as the ext2 format documentation
 * lays them out, the in-memory super block and inode, and the calls the
 * files of fs/ext2/ make to each other. docs/ext2.md is the map.
 * All on-disk integers are little-endian; rivet's targets (RISC-V) and the
 * host tests are little-endian too, and the le*_to_cpu helpers say so.
 */
#ifndef _FS_EXT2_EXT2_H
#define _FS_EXT2_EXT2_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/buffer_head.h>
#include <linux/dcache.h>
#include <linux/timekeeping.h>

/* ---- byte order: the disk is little-endian ---- */
typedef u16 __le16;
typedef u32 __le32;

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ext2: le*_to_cpu below assume a little-endian CPU"
#endif
static inline u16 le16_to_cpu(__le16 v) { return v; }
static inline u32 le32_to_cpu(__le32 v) { return v; }
static inline __le16 cpu_to_le16(u16 v) { return v; }
static inline __le32 cpu_to_le32(u32 v) { return v; }
static inline void le16_add_cpu(__le16 *p, int d) { *p = cpu_to_le16(le16_to_cpu(*p) + d); }
static inline void le32_add_cpu(__le32 *p, int d) { *p = cpu_to_le32(le32_to_cpu(*p) + d); }

/* ---- constants of the format ---- */
#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SB_OFFSET		1024	/* the superblock's byte offset on the device */
#define EXT2_MIN_BLOCK_SIZE	1024
#define EXT2_MAX_BLOCK_LOG	2	/* rivet: 1, 2 and 4 KiB (at most PAGE_SIZE) */
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_LINK_MAX		32000
#define EXT2_NAME_LEN		255

/* i_block[]: 12 direct pointers, then single, double and triple indirect */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002	/* errors detected */

/* s_errors: what to do on an error */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2
#define EXT2_ERRORS_PANIC	3

/* features */
#define EXT2_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR	0x0004
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_FEATURE_INCOMPAT_RECOVER		0x0004
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT4_FEATURE_INCOMPAT_FLEX_BG		0x0200
#define EXT4_FEATURE_INCOMPAT_INLINE_DATA	0x8000
/*
 * What rivet's ext2 understands. FLEX_BG only moves the bitmaps and inode
 * tables out of their groups (the descriptors still say where), so it is
 * accepted; RECOVER (a journal to replay), META_BG, EXTENTS, 64BIT,
 * INLINE_DATA and anything newer are not. BTREE_DIR (dir_index) is
 * read-compatible: an indexed directory is also a linear one.
 */
#define EXT2_FEATURE_INCOMPAT_SUPP	(EXT2_FEATURE_INCOMPAT_FILETYPE | \
					 EXT4_FEATURE_INCOMPAT_FLEX_BG)
#define EXT2_FEATURE_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE | \
					 EXT2_FEATURE_RO_COMPAT_BTREE_DIR)

/* i_flags bits rivet looks at */
#define EXT2_INDEX_FL		0x00001000	/* hashed directory (dir_index) */

/* ---- the superblock, 1024 bytes at byte 1024 ---- */
struct ext2_super_block {
	__le32 s_inodes_count;
	__le32 s_blocks_count;
	__le32 s_r_blocks_count;	/* reserved for root */
	__le32 s_free_blocks_count;
	__le32 s_free_inodes_count;
	__le32 s_first_data_block;	/* 1 for 1 KiB blocks, else 0 */
	__le32 s_log_block_size;	/* block size = 1024 << this */
	__le32 s_log_frag_size;
	__le32 s_blocks_per_group;
	__le32 s_frags_per_group;
	__le32 s_inodes_per_group;
	__le32 s_mtime;			/* last mount */
	__le32 s_wtime;			/* last write */
	__le16 s_mnt_count;
	__le16 s_max_mnt_count;
	__le16 s_magic;
	__le16 s_state;
	__le16 s_errors;
	__le16 s_minor_rev_level;
	__le32 s_lastcheck;
	__le32 s_checkinterval;
	__le32 s_creator_os;
	__le32 s_rev_level;
	__le16 s_def_resuid;
	__le16 s_def_resgid;
	/* EXT2_DYNAMIC_REV only from here */
	__le32 s_first_ino;
	__le16 s_inode_size;
	__le16 s_block_group_nr;	/* the group this copy lives in */
	__le32 s_feature_compat;
	__le32 s_feature_incompat;
	__le32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	__le32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	__le16 s_reserved_gdt_blocks;	/* resize_inode: GDT growth room */
	u8 s_journal_uuid[16];
	__le32 s_journal_inum;
	__le32 s_journal_dev;
	__le32 s_last_orphan;
	__le32 s_hash_seed[4];
	u8 s_def_hash_version;
	u8 s_reserved_char_pad;
	__le16 s_desc_size;		/* ext4 64bit only */
	__le32 s_default_mount_opts;
	__le32 s_first_meta_bg;
	__le32 s_reserved[190];
};

/* ---- a block group descriptor, 32 bytes, in the blocks after the superblock ---- */
struct ext2_group_desc {
	__le32 bg_block_bitmap;
	__le32 bg_inode_bitmap;
	__le32 bg_inode_table;
	__le16 bg_free_blocks_count;
	__le16 bg_free_inodes_count;
	__le16 bg_used_dirs_count;
	__le16 bg_pad;
	__le32 bg_reserved[3];
};

/* ---- an inode: 128 bytes (rev 0) or s_inode_size ---- */
struct ext2_inode {
	__le16 i_mode;
	__le16 i_uid;			/* low 16 bits */
	__le32 i_size;			/* low 32 bits */
	__le32 i_atime;
	__le32 i_ctime;
	__le32 i_mtime;
	__le32 i_dtime;			/* deletion time */
	__le16 i_gid;
	__le16 i_links_count;
	__le32 i_blocks;		/* 512-byte units */
	__le32 i_flags;
	__le32 i_osd1;
	__le32 i_block[EXT2_N_BLOCKS];	/* block map, fast symlink text, or device number */
	__le32 i_generation;
	__le32 i_file_acl;		/* extended attribute block */
	__le32 i_size_high;		/* regular files: size bits 32..63; dirs: i_dir_acl */
	__le32 i_faddr;
	u8 i_frag;
	u8 i_fsize;
	__le16 i_pad1;
	__le16 i_uid_high;
	__le16 i_gid_high;
	__le32 i_reserved2;
};

/* ---- a directory entry: 8 bytes of header, then the name, 4-byte aligned ---- */
struct ext2_dir_entry_2 {
	__le32 inode;			/* 0: unused */
	__le16 rec_len;			/* to the next entry */
	u8 name_len;
	u8 file_type;			/* EXT2_FT_*, with the filetype feature; else name_len's high byte (0) */
	char name[];
};
#define EXT2_DIR_PAD		4
#define EXT2_DIR_REC_LEN(len)	(((len) + 8 + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))

enum {
	EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV,
	EXT2_FT_BLKDEV, EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK, EXT2_FT_MAX
};

/* ---- in memory ---- */

/* Mount options (s_mount_opt) */
#define EXT2_MOUNT_ERRORS_CONT	0x1
#define EXT2_MOUNT_ERRORS_RO	0x2
#define EXT2_MOUNT_ERRORS_PANIC	0x4
#define EXT2_MOUNT_ERRORS_MASK	0x7

/*
 * One mounted ext2. Geometry is fixed at mount. s_lock (a mutex: the
 * bitmaps are read with sb_bread, which sleeps) guards the bitmaps, the
 * group descriptors and the three counters, which are exact: the sums of
 * the descriptors. s_sb_mutex guards s_es (the superblock buffer's data),
 * s_mount_state and s_disk_dirty; take it after s_lock, never before.
 */
struct ext2_sb_info {
	unsigned long s_blocks_per_group;
	unsigned long s_inodes_per_group;
	unsigned long s_inodes_per_block;
	unsigned long s_itb_per_group;		/* inode table blocks of a group */
	unsigned long s_desc_per_block;
	unsigned long s_gdb_count;		/* group descriptor blocks */
	unsigned long s_groups_count;
	unsigned long s_blocks_count;
	unsigned long s_first_data_block;
	unsigned long s_inodes_count;
	unsigned long s_r_blocks_count;
	unsigned int s_addr_per_block_bits;	/* log2 of block pointers per block */
	unsigned int s_inode_size;
	unsigned int s_first_ino;
	bool s_has_filetype;			/* dir entries carry EXT2_FT_* */
	bool s_flex_bg;				/* metadata may sit outside its group */
	struct buffer_head *s_sbh;		/* the block holding the superblock */
	struct ext2_super_block *s_es;		/* the superblock inside s_sbh */
	struct buffer_head **s_group_desc;	/* s_gdb_count descriptor blocks */
	unsigned long s_mount_opt;		/* EXT2_MOUNT_* */
	uid_t s_resuid;
	gid_t s_resgid;
	u32 s_next_generation;
	struct mutex s_lock;
	unsigned long s_free_blocks;		/* under s_lock */
	unsigned long s_free_inodes;
	unsigned long s_dirs;
	struct mutex s_sb_mutex;
	u16 s_mount_state;			/* s_state at mount, plus EXT2_ERROR_FS once seen */
	bool s_disk_dirty;			/* the on-disk s_state says not clean */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* EXT2_STATE_NEW in i_state: the raw inode is zeroed before its first write */
#define EXT2_STATE_NEW		0x1

/*
 * The in-memory inode. i_data is the block map (or a fast symlink's text,
 * or a device number) exactly as on disk. truncate_mutex serializes block
 * mapping with allocation (ext2_get_block) against truncation.
 */
struct ext2_inode_info {
	__le32 i_data[EXT2_N_BLOCKS];
	u32 i_flags;
	u32 i_faddr;
	u32 i_file_acl;
	u32 i_dir_acl;
	u32 i_dtime;
	u32 i_block_group;		/* where the inode lives: allocation starts there */
	u32 i_state;			/* EXT2_STATE_* */
	u32 i_next_goal;		/* the block after the last one allocated (0: none) */
	unsigned long i_dir_checked;	/* leading directory pages found valid */
	unsigned long i_dir_bad;	/* 1 + the page last reported bad (one message each) */
	u32 i_bad_block;		/* a bad map entry was reported (one message per inode) */
	struct mutex truncate_mutex;
	struct inode vfs_inode;
};

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline unsigned long ext2_addr_per_block(struct super_block *sb)
{
	return sb->s_blocksize / sizeof(__le32);
}

static inline struct ext2_group_desc *ext2_group_desc(struct super_block *sb,
						      unsigned long group,
						      struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *bh = sbi->s_group_desc[group / sbi->s_desc_per_block];

	if (bhp)
		*bhp = bh;
	return (struct ext2_group_desc *)bh->b_data + group % sbi->s_desc_per_block;
}

/* The first block of @group (the block after its superblock copy if it has one). */
static inline unsigned long ext2_group_first_block_no(struct super_block *sb, unsigned long group)
{
	return group * EXT2_SB(sb)->s_blocks_per_group + EXT2_SB(sb)->s_first_data_block;
}

/* Seconds since the epoch now, as the 32-bit on-disk time fields hold them. */
static inline u32 ext2_get_seconds(void)
{
	return (u32)ktime_get_real_ts64().tv_sec;
}

/*
 * mark_inode_dirty, except for an inode being evicted: ext2_evict_inode
 * writes that one itself.
 */
static inline void ext2_inode_dirty(struct inode *inode)
{
	if (!(READ_ONCE(inode->i_state) & (I_FREEING | I_WILL_FREE | I_CLEAR)))
		mark_inode_dirty(inode);
}

/* super.c */
__printf(3, 4) void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...);
__printf(3, 4) void ext2_msg(struct super_block *sb, const char *level, const char *fmt, ...);
void ext2_fs_dirtied(struct super_block *sb);

/* balloc.c */
int ext2_data_block_valid(struct super_block *sb, unsigned long start, unsigned long count);
unsigned long ext2_new_block(struct inode *inode, unsigned long goal, int *err);
void ext2_free_blocks(struct inode *inode, unsigned long block, unsigned long count);
int ext2_bg_has_super(struct super_block *sb, unsigned long group);
unsigned long ext2_bg_num_gdb(struct super_block *sb, unsigned long group);
void ext2_set_bit(unsigned long nr, void *addr);
void ext2_clear_bit(unsigned long nr, void *addr);
int ext2_test_bit(unsigned long nr, const void *addr);
unsigned long ext2_find_next_zero_bit(const void *addr, unsigned long size, unsigned long off);

/* ialloc.c */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
void ext2_free_inode(struct inode *inode);

/* inode.c */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
int ext2_write_inode(struct inode *inode, struct writeback_control *wbc);
int __ext2_write_inode(struct inode *inode, int do_sync);
void ext2_evict_inode(struct inode *inode);
int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh_result, int create);
int ext2_setattr(struct dentry *dentry, struct iattr *iattr);
int ext2_getattr(const struct path *path, struct kstat *stat);
void ext2_set_inode_ops(struct inode *inode);
void ext2_truncate_blocks(struct inode *inode, loff_t offset);
bool ext2_inode_is_fast_symlink(struct inode *inode);
extern const struct address_space_operations ext2_aops;

/* dir.c */
int ext2_add_link(struct dentry *dentry, struct inode *inode);
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const struct qstr *name,
					 struct page **res_page);
int ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de, struct page *page);
int ext2_make_empty(struct inode *inode, struct inode *parent);
int ext2_empty_dir(struct inode *inode);
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct page **p);
int ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de, struct page *page,
		  struct inode *inode);
int ext2_inode_by_name(struct inode *dir, const struct qstr *name, unsigned long *ino);
void ext2_put_page(struct page *page);
extern const struct file_operations ext2_dir_operations;

/* file.c */
extern const struct file_operations ext2_file_operations;
extern const struct inode_operations ext2_file_inode_operations;

/* namei.c */
extern const struct inode_operations ext2_dir_inode_operations;
extern const struct inode_operations ext2_special_inode_operations;

/* symlink.c */
extern const struct inode_operations ext2_fast_symlink_inode_operations;
extern const struct inode_operations ext2_symlink_inode_operations;
int ext2_write_slow_symlink(struct inode *inode, const char *target, unsigned int len);

#endif
