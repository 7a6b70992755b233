/*
 * A terminal (drivers/tty/tty_io.c) and its line discipline N_TTY
 * (drivers/tty/n_tty.c): bytes from the driver are edited into lines,
 * echoed and turned into signals per the termios; readers and writers are
 * processes. The driver plugs in through struct tty_operations, the
 * process layer (controlling tty, job control) is drivers/tty/tty_jobctrl.c
 * (docs/tty.md). Linux's names.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/termios.h>

struct iov_iter;
struct file;
struct inode;
struct task_struct;

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
#ifndef SIGTTIN
#define SIGTTIN		21
#endif
#ifndef SIGTTOU
#define SIGTTOU		22
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
	 * Process context, tty_mutex held: the first open of the tty (the
	 * driver starts feeding it input; 0 or -errno fails the open) and the
	 * last close.
	 */
	int (*open)(struct tty_struct *tty);
	void (*close)(struct tty_struct *tty);
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
 * The process layer's implementations of the last three (tty_jobctrl.c),
 * for drivers of terminals that processes use: kill_pgrp to the
 * foreground group, signal_pending(current), and Linux's job-control
 * rules (see tty_job_control).
 */
void tty_signal_pgrp(struct tty_struct *tty, int sig);
bool tty_signal_pending_current(struct tty_struct *tty);
int tty_job_control(struct tty_struct *tty, bool is_write);

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

	dev_t dev;			/* its device number (4:64 = ttyS0), set by tty_register */
	int count;			/* open files on it (tty_mutex) */
	/*
	 * Controlling-terminal state (tty_jobctrl.c), written under
	 * tasklist_lock with interrupts off, read with READ_ONCE: the session
	 * whose controlling tty this is and its foreground process group
	 * (0: none). A task's own is current->signal->tty.
	 */
	int session;
	int pgrp;
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
 * context. 0, -EINVAL for another @opt, -ERESTARTSYS if a signal ended
 * the drain. (The job-control check is the ioctl's, tty_check_change.)
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
 * driver has sent its bytes. 0, or -ERESTARTSYS on a signal.
 */
int tty_wait_until_sent(struct tty_struct *tty);

/* ---- tty_io.c: the character devices ---- */

#define TTY_MAJOR	4	/* ttyS0..: minors 64.. */
#define TTYAUX_MAJOR	5	/* /dev/tty (0), /dev/console (1) */
#define TTY_SERIAL_MINOR 64	/* ttyS0's minor */
#define TTY_NR_MINORS	8	/* registered ttys of TTY_MAJOR, from minor 64 */

/*
 * Makes @tty (tty_init'ed) the device @dev (MKDEV(TTY_MAJOR, 64 + line))
 * and, with @console, what /dev/console opens. Boot, before the first
 * open. 0, -EINVAL for a number outside the table, -EBUSY if taken.
 */
int tty_register(struct tty_struct *tty, dev_t dev, bool console);
/* The device number of @tty (/proc/<pid>/stat's tty_nr, encoded by the caller); 0 if none. */
dev_t tty_devnum(struct tty_struct *tty);
/* The character-device majors 4 (ttyS) and 5 (tty, console): register_chrdev's result. */
int tty_chrdev_init(void);
/*
 * The file operations of every tty node: open (/dev/tty: the caller's
 * controlling tty, -ENXIO without one; /dev/console: the console's tty;
 * a session leader without a controlling tty that opens a ttyS node
 * without O_NOCTTY acquires it), read, write, poll, unlocked_ioctl,
 * release. Exposed for the host test.
 */
extern const struct file_operations tty_fops;
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* ---- tty_jobctrl.c: controlling terminals and job control ---- */

/* The calling process's controlling tty, or NULL (none, or a kernel thread). */
struct tty_struct *get_current_tty(void);

/*
 * Linux's tty_check_change: before a termios change (and TIOCSPGRP,
 * TCFLSH, TCXONC) by a process whose controlling tty @tty is, from a
 * background group: SIGTTOU to its group and -ERESTARTSYS, -EIO if the
 * group is orphaned, 0 (go on) if SIGTTOU is blocked or ignored or the
 * caller is not in the background. Process context.
 */
int tty_check_change(struct tty_struct *tty);
/*
 * At open, unless O_NOCTTY or the node is /dev/tty or /dev/console: a
 * session leader without a controlling tty opening @tty, which no
 * session has, makes it its controlling tty (foreground: its group). A
 * tty no live process has as its controlling tty belongs to no session.
 */
void tty_open_proc_set_tty(struct tty_struct *tty);
/*
 * TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID on @tty; @arg is
 * the ioctl's argument (a user pointer for the pgrp/sid ones).
 * -ENOIOCTLCMD for another @cmd. Process context.
 */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file,
		       unsigned int cmd, unsigned long arg);
/*
 * A session leader gives up its controlling tty (TIOCNOTTY, or @on_exit
 * from the exit path): the foreground group gets SIGHUP (and SIGCONT if
 * not @on_exit), the tty no session, every process of the session no
 * controlling tty. Process context; a no-op without a controlling tty.
 */
void disassociate_ctty(int on_exit);
/* @p's process forgets its controlling tty (setsid). */
void proc_clear_tty(struct task_struct *p);

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
 * -EAGAIN, -ERESTARTSYS (a signal), -EFAULT, or job_control's error.
 */
ssize_t n_tty_read(struct tty_struct *tty, struct iov_iter *to, int flags);
/* n_tty_read into the kernel buffer @buf of @nr bytes. */
ssize_t n_tty_read_kernel(struct tty_struct *tty, void *buf, size_t nr, int flags);
/*
 * write(2): output-processed (OPOST: ONLCR, OCRNL) through ops->write;
 * sleeps while output is stopped (O_NONBLOCK: returns what went, or
 * -EAGAIN). Process context. Bytes taken, or -ERESTARTSYS / job_control's
 * error.
 */
ssize_t n_tty_write(struct tty_struct *tty, struct iov_iter *from, int flags);
/* n_tty_write from the kernel buffer @buf. */
ssize_t n_tty_write_kernel(struct tty_struct *tty, const void *buf, size_t nr, int flags);
/* Drops unread input and the line being edited. Any context. */
void n_tty_flush_input(struct tty_struct *tty);
/*
 * Takes the unread input out, oldest first: up to @max bytes into @buf as
 * they sit in the ring (the edited line included, a VEOF as its
 * character), then drops the rest. The count. Any context.
 */
size_t n_tty_take_input(struct tty_struct *tty, unsigned char *buf, size_t max);
/* Drops echoes not yet written. Any context. */
void n_tty_flush_output(struct tty_struct *tty);
/*
 * Applies a termios change: the caller has copied the new termios in under
 * tty->lock and passes the old one. Called with tty->lock held.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
/* FIONREAD's count, tty->lock held. */
int n_tty_inq(struct tty_struct *tty);
/*
 * Would a read find input now (poll's POLLIN)? Canonical: a complete line
 * (or a VEOF); else VMIN bytes when VTIME is 0, one byte otherwise.
 */
bool n_tty_input_available(struct tty_struct *tty);
/*
 * TCXONC: TCOOFF stops output, TCOON restarts it (as VSTOP and VSTART
 * typed would); TCIOFF and TCION send the VSTOP or VSTART character. 0 or
 * -EINVAL. Any context.
 */
int tty_flow_control(struct tty_struct *tty, int action);

#endif
