/*
 * A terminal (drivers/tty/tty_io.c) and its line discipline N_TTY
 * (drivers/tty/n_tty.c): bytes from the driver are edited into lines,
 * echoed and turned into signals per the termios; readers and writers are
 * processes. The driver and the process layer plug in through
 * struct tty_operations (docs/tty.md). Linux's names.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/termios.h>

struct iov_iter;

#define N_TTY_BUF_SIZE	4096	/* the read ring; a power of two */
#define N_TTY_ECHO_SIZE	256	/* echoes not yet written; a power of two */
#define N_TTY_FLAG_LONGS (N_TTY_BUF_SIZE / (8 * sizeof(unsigned long)))

/* Signals the line discipline raises (the asm-generic numbers). */
#ifndef SIGINT
#define SIGINT		2
#endif
#ifndef SIGQUIT
#define SIGQUIT		3
#endif
#ifndef SIGTSTP
#define SIGTSTP		20
#endif
#ifndef SIGWINCH
#define SIGWINCH	28
#endif

struct tty_struct;

/*
 * What the driver and the process layer provide. Only write is required.
 * Calls are made without tty->lock unless stated.
 */
struct tty_operations {
	/*
	 * Send @n bytes (already output-processed). Called with tty->lock held
	 * and interrupts off, from any context (echoes come from the receive
	 * path): must not sleep and must take every byte (a polled UART).
	 */
	void (*write)(struct tty_struct *tty, const unsigned char *buf, size_t n);
	/* Process context: return once the hardware has sent what it holds. */
	void (*wait_until_sent)(struct tty_struct *tty);
	/*
	 * Send @sig (SIGINT, SIGQUIT, SIGTSTP, SIGWINCH) to the tty's
	 * foreground process group. Any context (the receive path calls it).
	 */
	void (*signal)(struct tty_struct *tty, int sig);
	/* Process context: true if the current task has a signal to take. */
	bool (*signal_pending)(struct tty_struct *tty);
	/*
	 * Process context, before a read (is_write false) or a write: the
	 * job-control check (background reader: SIGTTIN; writer with TOSTOP:
	 * SIGTTOU). 0 to go on, else the -errno the read or write returns.
	 */
	int (*job_control)(struct tty_struct *tty, bool is_write);
};

/*
 * One terminal. The read ring holds, in order: bytes ready for the reader
 * [read_tail, canon_head), then (canonical mode) the line being edited
 * [canon_head, read_head). Indexes run free; a slot is index & (SIZE-1).
 */
struct tty_struct {
	const struct tty_operations *ops;
	void *driver_data;
	const char *name;

	/* lock (irqsave: the receive path runs in interrupts) protects: */
	spinlock_t lock;
	struct termios termios;
	struct winsize winsize;
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_FLAG_LONGS];	/* slot ends a line */
	unsigned long eof_flags[N_TTY_FLAG_LONGS];	/* slot is a VEOF: never read */
	size_t read_head;		/* where the next byte goes */
	size_t canon_head;		/* end of what may be read */
	size_t read_tail;		/* the reader's next byte */
	unsigned int canon_column;	/* output column where the edited line began */
	unsigned int column;		/* output column now (for erasing tabs) */
	bool lnext;			/* the previous byte was VLNEXT */
	bool stopped;			/* output stopped by VSTOP (IXON) */
	unsigned long rx_dropped;	/* bytes lost because the ring was full */
	unsigned char echo_buf[N_TTY_ECHO_SIZE];
	size_t echo_head, echo_tail;	/* echoes waiting (while stopped) */

	struct wait_queue_head read_wait;	/* readers waiting for input */
	struct wait_queue_head write_wait;	/* writers and drains waiting for start */
	struct mutex atomic_read_lock;		/* one reader at a time */
	struct mutex atomic_write_lock;		/* one writer at a time */
};

/* Linux's default termios for a console (tty_io.c). */
extern const struct termios tty_std_termios;

/* ---- tty_io.c: set-up and the termios ioctls as plain functions ---- */

/* Zeroes @tty and sets it up with @ops and the default termios (80x24). */
void tty_init(struct tty_struct *tty, const struct tty_operations *ops,
	      const char *name);
/* TCGETS: a copy of the termios. */
void tty_get_termios(struct tty_struct *tty, struct termios *out);
/*
 * TCSETS (@opt TCSANOW), TCSETSW (TCSADRAIN: waits for output to drain)
 * and TCSETSF (TCSAFLUSH: drains, then drops unread input). Process
 * context. 0, -EINVAL for another @opt, -EINTR if a signal ended the drain.
 */
int tty_set_termios(struct tty_struct *tty, const struct termios *t, int opt);
/* TIOCGWINSZ. */
void tty_get_winsize(struct tty_struct *tty, struct winsize *ws);
/* TIOCSWINSZ: a change sends SIGWINCH to the foreground group. */
void tty_set_winsize(struct tty_struct *tty, const struct winsize *ws);
/* TCFLSH: TCIFLUSH, TCOFLUSH or TCIOFLUSH; 0 or -EINVAL. */
int tty_tcflush(struct tty_struct *tty, int queue);
/* FIONREAD: bytes a read could return now. */
int tty_inq(struct tty_struct *tty);
/*
 * tcdrain: sleeps until held echoes are out (output restarted) and the
 * driver has sent its bytes. 0, or -EINTR on a signal.
 */
int tty_wait_until_sent(struct tty_struct *tty);

/* ---- n_tty.c: the line discipline ---- */

/*
 * Bytes from the driver, in order. Any context (an interrupt handler);
 * never sleeps. Echoes and signals happen here; bytes that find the ring
 * full are dropped and counted in rx_dropped.
 */
void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n);
/*
 * read(2): fills @to. Canonical: sleeps until a line is complete and
 * returns at most that line (a line ended by VEOF without its VEOF: 0 at a
 * line start is end of file). Non-canonical: per VMIN and VTIME. @flags
 * O_NONBLOCK: -EAGAIN instead of sleeping. Process context. Bytes, or
 * -EAGAIN, -EINTR (a signal), -EFAULT, or job_control's error.
 */
ssize_t n_tty_read(struct tty_struct *tty, struct iov_iter *to, int flags);
/* n_tty_read into the kernel buffer @buf of @nr bytes. */
ssize_t n_tty_read_kernel(struct tty_struct *tty, void *buf, size_t nr, int flags);
/*
 * write(2): output-processed (OPOST: ONLCR, OCRNL) through ops->write;
 * sleeps while output is stopped (O_NONBLOCK: returns what went, or
 * -EAGAIN). Process context. Bytes taken, or -EINTR / job_control's error.
 */
ssize_t n_tty_write(struct tty_struct *tty, struct iov_iter *from, int flags);
/* n_tty_write from the kernel buffer @buf. */
ssize_t n_tty_write_kernel(struct tty_struct *tty, const void *buf, size_t nr, int flags);
/* Drops unread input and the line being edited. Any context. */
void n_tty_flush_input(struct tty_struct *tty);
/* Drops echoes not yet written. Any context. */
void n_tty_flush_output(struct tty_struct *tty);
/*
 * Applies a termios change: the caller has copied the new termios in under
 * tty->lock and passes the old one. Called with tty->lock held.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
/* FIONREAD's count, tty->lock held. */
int n_tty_inq(struct tty_struct *tty);

#endif
