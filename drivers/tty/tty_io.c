/*
 * The terminal around the line discipline (include/linux/tty.h): set-up
 * with Linux's default console termios, and the termios, window-size,
 * flush and FIONREAD ioctls as plain functions on kernel memory (the
 * syscall layer copies to and from user space). Semantics per POSIX
 * tcsetattr/tcflush/tcdrain and Linux's tty_ioctl(4); Linux's names.
 * Leaves out allocation, open/close/hangup, the controlling-tty and
 * process-group ioctls (the process layer's), termios2 and speeds.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/tty.h>

/* ICRNL IXON, OPOST ONLCR, 38400 8N1 with the receiver on, and canonical mode with echo. */
const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_line = 0,
	.c_cc = {
		[VINTR] = 0x03,		/* ^C */
		[VQUIT] = 0x1c,		/* ^\ */
		[VERASE] = 0x7f,	/* DEL */
		[VKILL] = 0x15,		/* ^U */
		[VEOF] = 0x04,		/* ^D */
		[VTIME] = 0,
		[VMIN] = 1,
		[VSWTC] = 0,
		[VSTART] = 0x11,	/* ^Q */
		[VSTOP] = 0x13,		/* ^S */
		[VSUSP] = 0x1a,		/* ^Z */
		[VEOL] = 0,
		[VREPRINT] = 0x12,	/* ^R */
		[VDISCARD] = 0x0f,	/* ^O */
		[VWERASE] = 0x17,	/* ^W */
		[VLNEXT] = 0x16,	/* ^V */
		[VEOL2] = 0,
	},
};

void tty_init(struct tty_struct *tty, const struct tty_operations *ops,
	      const char *name)
{
	memset(tty, 0, sizeof(*tty));
	tty->ops = ops;
	tty->name = name;
	spin_lock_init(&tty->lock);
	tty->termios = tty_std_termios;
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	mutex_init(&tty->atomic_read_lock);
	mutex_init(&tty->atomic_write_lock);
}

void tty_get_termios(struct tty_struct *tty, struct termios *out)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	*out = tty->termios;
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* Nothing held back: every echo is out. */
static bool output_drained(struct tty_struct *tty)
{
	unsigned long flags;
	bool empty;

	spin_lock_irqsave(&tty->lock, flags);
	empty = tty->echo_head == tty->echo_tail;
	spin_unlock_irqrestore(&tty->lock, flags);
	return empty;
}

int tty_wait_until_sent(struct tty_struct *tty)
{
	DEFINE_WAIT(w);
	int ret = 0;

	for (;;) {
		prepare_to_wait(&tty->write_wait, &w, TASK_INTERRUPTIBLE);
		if (output_drained(tty))
			break;
		if (tty->ops->signal_pending && tty->ops->signal_pending(tty)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&tty->write_wait, &w);
	if (!ret && tty->ops->wait_until_sent)
		tty->ops->wait_until_sent(tty);
	return ret;
}

int tty_set_termios(struct tty_struct *tty, const struct termios *t, int opt)
{
	struct termios old;
	unsigned long flags;

	if (opt != TCSANOW && opt != TCSADRAIN && opt != TCSAFLUSH)
		return -EINVAL;
	if (opt != TCSANOW) {
		int err = tty_wait_until_sent(tty);

		if (err)
			return err;
	}
	if (opt == TCSAFLUSH)
		n_tty_flush_input(tty);
	spin_lock_irqsave(&tty->lock, flags);
	old = tty->termios;
	tty->termios = *t;
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);	/* VMIN or ICANON may let a reader go */
	wake_up(&tty->write_wait);	/* IXON off restarts output */
	return 0;
}

void tty_get_winsize(struct tty_struct *tty, struct winsize *ws)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	*ws = tty->winsize;
	spin_unlock_irqrestore(&tty->lock, flags);
}

void tty_set_winsize(struct tty_struct *tty, const struct winsize *ws)
{
	unsigned long flags;
	bool changed;

	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&tty->winsize, ws, sizeof(*ws)) != 0;
	tty->winsize = *ws;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && tty->ops->signal)
		tty->ops->signal(tty, SIGWINCH);
}

int tty_tcflush(struct tty_struct *tty, int queue)
{
	switch (queue) {
	case TCIFLUSH:
		n_tty_flush_input(tty);
		return 0;
	case TCOFLUSH:
		n_tty_flush_output(tty);
		return 0;
	case TCIOFLUSH:
		n_tty_flush_input(tty);
		n_tty_flush_output(tty);
		return 0;
	}
	return -EINVAL;
}

int tty_inq(struct tty_struct *tty)
{
	unsigned long flags;
	int n;

	spin_lock_irqsave(&tty->lock, flags);
	n = n_tty_inq(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	return n;
}
