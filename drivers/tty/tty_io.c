/*
 * The terminal around the line discipline (include/linux/tty.h): set-up
 * with Linux's default console termios, the termios, window-size, flush
 * and FIONREAD operations, and the character devices: ttyS<n> (4:64+n),
 * /dev/tty (5:0) and /dev/console (5:1) with their file operations and
 * ioctl switch. Semantics per POSIX tcsetattr/tcflush/tcdrain and Linux's
 * tty_ioctl(4) and tty_io.c; Linux's names. Leaves out hang-up, tty
 * allocation (drivers embed theirs), termios2, speeds, TIOCSTI, modem
 * lines, and line disciplines other than N_TTY.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <linux/tty.h>
#include <uapi/ioctl.h>
#include <asm/uaccess.h>

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
			ret = -ERESTARTSYS;
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

/* ---- the devices ---- */

/* The ttys of TTY_MAJOR by minor - 64, and the console's; written at boot (tty_table_lock). */
static struct tty_struct *tty_table[TTY_NR_MINORS];
static struct tty_struct *console_tty;
static DEFINE_SPINLOCK(tty_table_lock);
/* Serialises opens and closes: tty->count and the driver's open/close. */
static DEFINE_MUTEX(tty_mutex);

int tty_register(struct tty_struct *tty, dev_t dev, bool console)
{
	unsigned int i = MINOR(dev) - TTY_SERIAL_MINOR;
	int err = 0;

	if (MAJOR(dev) != TTY_MAJOR || MINOR(dev) < TTY_SERIAL_MINOR || i >= TTY_NR_MINORS)
		return -EINVAL;
	spin_lock(&tty_table_lock);
	if (tty_table[i]) {
		err = -EBUSY;
	} else {
		tty_table[i] = tty;
		tty->dev = dev;
		if (console && !console_tty)
			console_tty = tty;
	}
	spin_unlock(&tty_table_lock);
	return err;
}

dev_t tty_devnum(struct tty_struct *tty)
{
	return tty ? tty->dev : 0;
}

/*
 * The tty device @dev names; *@noctty set for /dev/tty and /dev/console,
 * which never become a controlling tty by being opened (as Linux).
 * ERR_PTR(-ENXIO) for /dev/tty without a controlling tty or an unbound
 * ttyS, ERR_PTR(-ENODEV) for /dev/console without a console tty.
 */
static struct tty_struct *tty_lookup(dev_t dev, bool *noctty)
{
	struct tty_struct *tty = NULL;
	unsigned int i = MINOR(dev) - TTY_SERIAL_MINOR;

	if (dev == MKDEV(TTYAUX_MAJOR, 0)) {
		*noctty = true;
		tty = get_current_tty();
		return tty ? tty : ERR_PTR(-ENXIO);
	}
	spin_lock(&tty_table_lock);
	if (dev == MKDEV(TTYAUX_MAJOR, 1)) {
		*noctty = true;
		tty = console_tty ? console_tty : ERR_PTR(-ENODEV);
	} else if (MAJOR(dev) == TTY_MAJOR && MINOR(dev) >= TTY_SERIAL_MINOR &&
		   i < TTY_NR_MINORS && tty_table[i]) {
		tty = tty_table[i];
	} else {
		tty = ERR_PTR(-ENXIO);
	}
	spin_unlock(&tty_table_lock);
	return tty;
}

/*
 * ->open of majors 4 and 5: finds the tty, counts the open (the first
 * starts the driver's input) and may make it the caller's controlling
 * tty. 0 or tty_lookup's / the driver's error.
 */
static int tty_open(struct inode *inode, struct file *filp)
{
	bool noctty = filp->f_flags & O_NOCTTY;
	struct tty_struct *tty = tty_lookup(inode->i_rdev, &noctty);
	int err = 0;

	if (IS_ERR(tty))
		return PTR_ERR(tty);
	mutex_lock(&tty_mutex);
	if (!tty->count && tty->ops->open)
		err = tty->ops->open(tty);
	if (!err)
		tty->count++;
	mutex_unlock(&tty_mutex);
	if (err)
		return err;
	filp->private_data = tty;
	if (!noctty)
		tty_open_proc_set_tty(tty);
	return 0;
}

/* ->release: the last close stops the driver's input (the tty stays the session's). */
static int tty_release(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = filp->private_data;

	mutex_lock(&tty_mutex);
	if (!--tty->count && tty->ops->close)
		tty->ops->close(tty);
	mutex_unlock(&tty_mutex);
	return 0;
}

/* ->read_iter: N_TTY's read, with the file's O_NONBLOCK. */
static ssize_t tty_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *filp = iocb->ki_filp;

	return n_tty_read(filp->private_data, to, filp->f_flags);
}

/* ->write_iter: N_TTY's write, with the file's O_NONBLOCK. */
static ssize_t tty_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *filp = iocb->ki_filp;

	return n_tty_write(filp->private_data, from, filp->f_flags);
}

/* ->poll: POLLIN once a read would find input; output never waits for room. */
static unsigned int tty_poll(struct file *filp, struct poll_table_struct *pt)
{
	struct tty_struct *tty = filp->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(filp, &tty->read_wait, pt);
	if (n_tty_input_available(tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* A terminal is not seekable. */
static loff_t tty_llseek(struct file *filp, loff_t offset, int whence)
{
	return -ESPIPE;
}

const struct file_operations tty_fops = {
	.llseek = tty_llseek,
	.read_iter = tty_read,
	.write_iter = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.open = tty_open,
	.release = tty_release,
};

int tty_chrdev_init(void)
{
	int err = register_chrdev(TTY_MAJOR, "ttyS", &tty_fops);

	if (!err)
		err = register_chrdev(TTYAUX_MAJOR, "/dev/tty", &tty_fops);
	return err;
}

/* ---- ioctl ---- */

/* TCSETS, TCSETSW, TCSETSF (@opt TCSANOW, TCSADRAIN, TCSAFLUSH) from user @p. */
static long tty_ioctl_set_termios(struct tty_struct *tty, int opt, void __user *p)
{
	struct termios t;
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (copy_from_user(&t, p, sizeof(t)))
		return -EFAULT;
	return tty_set_termios(tty, &t, opt);
}

/* TIOCSWINSZ from user @p: SIGWINCH to the foreground group if it changed. */
static long tty_ioctl_set_winsize(struct tty_struct *tty, void __user *p)
{
	struct winsize ws;

	if (copy_from_user(&ws, p, sizeof(ws)))
		return -EFAULT;
	tty_set_winsize(tty, &ws);
	return 0;
}

/* TCFLSH, TCXONC and TCSBRK (tcdrain; no break is sent): after tty_check_change. */
static long tty_ioctl_control(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (cmd == TCFLSH)
		return tty_tcflush(tty, arg);
	if (cmd == TCXONC)
		return tty_flow_control(tty, arg);
	return tty_wait_until_sent(tty);
}

long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	struct termios t;
	struct winsize ws;

	switch (cmd) {
	case TCGETS:
		tty_get_termios(tty, &t);
		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_ioctl_set_termios(tty, cmd - TCSETS, p);
	case TIOCGWINSZ:
		tty_get_winsize(tty, &ws);
		return copy_to_user(p, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return tty_ioctl_set_winsize(tty, p);
	case FIONREAD:
		return put_user(tty_inq(tty), (int __user *)p);
	case TIOCOUTQ:		/* the UART is polled: nothing waits to go out */
		return put_user(0, (int __user *)p);
	case TCFLSH:
	case TCXONC:
	case TCSBRK:
		return tty_ioctl_control(tty, cmd, arg);
	}
	return tty_jobctrl_ioctl(tty, file, cmd, arg);
}
