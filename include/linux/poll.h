/*
 * Polling files (fs/select.c): a file's ->poll reports the POLL* bits
 * that are ready now and, through poll_wait, puts the poller on each wait
 * queue whose wake_up may change them. poll(2), ppoll(2), select(2) and
 * pselect6(2) sleep until a wake-up, a signal or the timeout. Linux's
 * names (include/linux/poll.h); leaves out epoll and the key filtering.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/poll.h>
#include <uapi/time.h>
#include <uapi/signal.h>

struct file;
struct poll_table_struct;

/* The poller's callback: queue a wait entry on @wq on behalf of @file. */
typedef void (*poll_queue_proc)(struct file *file, wait_queue_head_t *wq,
				struct poll_table_struct *pt);

/* What ->poll receives; NULL (or a NULL _qproc) asks for the mask only. */
typedef struct poll_table_struct {
	poll_queue_proc _qproc;
} poll_table;

/*
 * For a file's ->poll: have a wake_up(@wq) wake the poller. Call it for
 * every queue whose events the mask depends on, before reading the state
 * the mask is made of (then no wake-up between the two is missed).
 */
static inline void poll_wait(struct file *file, wait_queue_head_t *wq, poll_table *pt)
{
	if (pt && pt->_qproc && wq)
		pt->_qproc(file, wq, pt);
}

/* A file without ->poll is always readable and writable (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* One queue a poller waits on: the file (a reference) and the entry. */
struct poll_table_entry {
	struct file *filp;
	wait_queue_head_t *wait_address;
	struct wait_queue_entry wait;
};

/* Entries beyond the inline ones come in pages of this layout. */
struct poll_table_page;

#define N_INLINE_POLL_ENTRIES	16

/* A poller's table: poll_initwait, ->poll calls through pt, poll_freewait. */
struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;	/* pages of more entries, newest first */
	int error;			/* -ENOMEM if an entry could not be had */
	int inline_index;		/* inline_entries used */
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

/* An empty table whose pt registers current on every queue ->poll names. */
void poll_initwait(struct poll_wqueues *pwq);
/* Takes current off every queue of @pwq and drops the file references. */
void poll_freewait(struct poll_wqueues *pwq);

/* The most descriptors select's bitmaps may name (ours: FD_SETSIZE's multiple). */
#define FD_SETSIZE		1024

/* fd_set words: select(2)'s bitmaps are arrays of unsigned long. */
#define FDS_BITPERLONG		(8 * sizeof(unsigned long))
#define FDS_LONGS(nr)		(((nr) + FDS_BITPERLONG - 1) / FDS_BITPERLONG)
#define FDS_BYTES(nr)		(FDS_LONGS(nr) * sizeof(unsigned long))

/*
 * The core of poll(2): @nfds kernel pollfds, revents filled in. @timeout
 * in jiffies, MAX_SCHEDULE_TIMEOUT for none, 0 to poll once. The number
 * of pollfds with revents set, -ERESTARTNOHAND if a signal came first,
 * -ENOMEM. *@timeout is left at what remains. Process context; sleeps.
 */
long do_poll_fds(struct pollfd *fds, unsigned int nfds, long *timeout);

#ifndef MAX_SCHEDULE_TIMEOUT
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))
#endif

#endif
