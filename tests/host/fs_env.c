/*
 * The storage stack's host environment (fs_env.h): the fake task and its
 * scheduler, jiffies, kthreads that refuse, and image-file disks under the
 * real block layer. Single-threaded: "sleeping" means letting the disks
 * finish what they hold. Test-only code; Linux has no counterpart.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/blkdev.h>
#include <linux/genhd.h>
#include <linux/bio.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/radix-tree.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include "slab_test_env.h"
#include "fs_env.h"

/* linux/buffer_head.h: its linux/fs.h clashes with <fcntl.h>, which this file needs. */
void buffer_init(void);

struct cpu_info cpu_data[NR_CPUS];
struct task_struct host_task = { .state = TASK_RUNNING, .pid = 1, .comm = "host-test" };
unsigned long host_schedule_calls;
volatile unsigned long jiffies;
unsigned int HZ = 100;
unsigned long riscv_timebase = 10000000;

static LIST_HEAD(host_disks);
static int host_next_minor;

void fs_env_init(void)
{
	for (int i = 0; i < NR_CPUS; i++) {
		cpu_data[i].curr = &host_task;
		cpu_data[i].cpu = i;
	}
	INIT_LIST_HEAD(&host_task.run_list);
	INIT_LIST_HEAD(&host_task.tasks);
	INIT_LIST_HEAD(&host_task.timer_list);
	slab_env_init();
	kmem_cache_init();
	radix_tree_init();
	bio_init_cache();
	buffer_init();
	scan_boot_disks();	/* no disks yet: from now on add_disk reads the table */
}

/* ---- the scheduler's part ------------------------------------------------- */

/*
 * The task sleeps (its state is not TASK_RUNNING): the devices finish what
 * they hold, whose completions wake it. Nothing held and still asleep is a
 * wait nothing can end (a missed wake-up, or a lock never released), which
 * a single-threaded host can only report: it aborts the test.
 */
void schedule(void)
{
	host_schedule_calls++;
	while (current->state != TASK_RUNNING) {
		if (!host_run_pending()) {
			printf("not ok - schedule: the task sleeps and no held I/O would wake it\n");
			fflush(stdout);
			abort();
		}
	}
}

/* Giving way: the devices finish what they hold. */
void yield(void)
{
	host_run_pending();
}

/* A preemption point: nothing else runs here, so never a switch. */
int cond_resched(void)
{
	return 0;
}

/* @p runs again; 1 if it was asleep. */
int wake_up_process(struct task_struct *p)
{
	int was_asleep = p->state != TASK_RUNNING;

	p->state = TASK_RUNNING;
	return was_asleep;
}

/* Sleeping for a time: the devices finish their work and the clock moves on. */
long schedule_timeout(long timeout)
{
	host_run_pending();
	if (timeout > 0)
		host_jiffies_advance(timeout);
	current->state = TASK_RUNNING;
	return 0;
}

/* Nothing else ever runs on the host. */
bool sched_has_runnable(void)
{
	return false;
}

/* No kernel threads on the host: the tests call the threads' work directly. */
struct task_struct *kthread_create(int (*fn)(void *data), void *data, const char *name)
{
	return ERR_PTR(-ENOSYS);
}

struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	return ERR_PTR(-ENOSYS);
}

bool kthread_should_stop(void)
{
	return false;
}

int kthread_stop(struct task_struct *k)
{
	return -ENOSYS;
}

/* The test's clock: jiffies (and with it ktime_get_ns) moves only here and in schedule_timeout. */
void host_jiffies_advance(unsigned long ticks)
{
	jiffies += ticks;
}

u64 ktime_get_ns(void)
{
	return (u64)jiffies * (1000000000ULL / HZ);
}

u64 get_cycles(void)
{
	return (u64)jiffies * (riscv_timebase / HZ);
}

/* ---- image files ---------------------------------------------------------- */

u8 host_pattern_byte(loff_t off)
{
	u64 sector = (u64)off >> 9;

	return (u8)((sector * 37) ^ (sector >> 8) ^ ((u64)off & 511) ^ 0x5a);
}

int host_image_create(const char *path, size_t bytes)
{
	static u8 buf[65536];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -errno;
	while (done < bytes) {
		size_t n = bytes - done < sizeof(buf) ? bytes - done : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = host_pattern_byte(done + i);
		if (pwrite(fd, buf, n, done) != (ssize_t)n) {
			close(fd);
			return -EIO;
		}
		done += n;
	}
	close(fd);
	return 0;
}

int host_image_read(const char *path, loff_t off, void *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread(fd, buf, len, off);
	close(fd);
	return n == (ssize_t)len ? 0 : -EIO;
}

int host_image_write(const char *path, loff_t off, const void *buf, size_t len)
{
	int fd = open(path, O_RDWR);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pwrite(fd, buf, len, off);
	close(fd);
	return n == (ssize_t)len ? 0 : -EIO;
}

/* ---- the disk ------------------------------------------------------------- */

/* Moves @rq's data between its pages (kmap_atomic, any zone) and the file: 0 or -EIO. */
static int host_disk_transfer(struct host_disk *d, struct request *rq)
{
	loff_t at = (loff_t)blk_rq_pos(rq) << 9;
	struct bio *bio;

	__rq_for_each_bio(bio, rq) {
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *bv = &bio->bi_io_vec[i];
			u8 *map = kmap_atomic(bv->bv_page);
			ssize_t n;

			if (rq_data_dir(rq))
				n = pwrite(d->fd, map + bv->bv_offset, bv->bv_len, at);
			else
				n = pread(d->fd, map + bv->bv_offset, bv->bv_len, at);
			kunmap_atomic(map);
			if (n != (ssize_t)bv->bv_len)
				return -EIO;
			at += bv->bv_len;
		}
	}
	return 0;
}

/* Ends @rq: a failed one moves no data. */
static void host_disk_end(struct host_disk *d, struct request *rq)
{
	int err = (int)(long)rq->special;

	if (!err && req_op(rq) != REQ_OP_FLUSH)
		err = host_disk_transfer(d, rq);
	blk_mq_end_request(rq, err);
}

/* Counts @rq and decides whether it fails. */
static void host_disk_account(struct host_disk *d, struct request *rq)
{
	struct bio *bio;

	d->nr_requests++;
	rq->special = NULL;
	if (req_op(rq) == REQ_OP_FLUSH) {
		d->nr_flushes++;
		return;
	}
	d->last_sector = blk_rq_pos(rq);
	__rq_for_each_bio(bio, rq) {
		d->nr_bios++;
		if (rq_data_dir(rq))
			d->nr_write_bios++;
		else
			d->nr_read_bios++;
	}
	if (rq_data_dir(rq))
		d->sectors_written += blk_rq_sectors(rq);
	else
		d->sectors_read += blk_rq_sectors(rq);
	if (d->fail_next > 0) {
		d->fail_next--;
		d->nr_failed++;
		rq->special = (void *)(long)(d->fail_error ? d->fail_error : -EIO);
	}
}

/* The disk's queue_rq: counted, then held or done at once (pread/pwrite). 0. */
static int host_disk_queue_rq(struct request_queue *q, struct request *rq)
{
	struct host_disk *d = q->queuedata;

	host_disk_account(d, rq);
	if (d->hold) {
		list_add_tail(&rq->queuelist, &d->held);
		d->nr_held++;
		return 0;
	}
	host_disk_end(d, rq);
	return 0;
}

struct host_disk *host_disk_open(const char *image, const char *name)
{
	struct host_disk *d = calloc(1, sizeof(*d));
	struct stat st;

	if (!d)
		return NULL;
	d->fd = open(image, O_RDWR);
	if (d->fd < 0 || fstat(d->fd, &st)) {
		printf("host_disk_open: %s: %s\n", image, strerror(errno));
		free(d);
		return NULL;
	}
	INIT_LIST_HEAD(&d->held);
	d->disk = alloc_disk(16);
	d->disk->queue = blk_alloc_queue(host_disk_queue_rq, d);
	d->disk->major = 254;
	d->disk->first_minor = host_next_minor;
	host_next_minor += 16;
	strlcpy(d->disk->disk_name, name, sizeof(d->disk->disk_name));
	set_capacity(d->disk, (sector_t)st.st_size >> 9);
	list_add_tail(&d->list, &host_disks);
	add_disk(d->disk);
	return d;
}

unsigned int host_disk_complete(struct host_disk *d, unsigned int n)
{
	unsigned int done = 0;

	while (done < n && !list_empty(&d->held)) {
		struct request *rq = list_first_entry(&d->held, struct request, queuelist);

		list_del_init(&rq->queuelist);
		d->nr_held--;
		host_disk_end(d, rq);
		done++;
	}
	return done;
}

unsigned int host_run_pending(void)
{
	struct host_disk *d;
	unsigned int done = 0;

	list_for_each_entry(d, &host_disks, list)
		done += host_disk_complete(d, ~0U);
	return done;
}

void host_disk_reset_counters(struct host_disk *d)
{
	d->nr_requests = d->nr_bios = d->nr_read_bios = d->nr_write_bios = 0;
	d->nr_flushes = d->sectors_read = d->sectors_written = d->nr_failed = 0;
}

void host_disk_close(struct host_disk *d)
{
	d->hold = false;
	host_disk_complete(d, ~0U);
	list_del(&d->list);
	blk_cleanup_queue(d->disk->queue);
	put_disk(d->disk);
	close(d->fd);
	free(d);
}
