/*
 * N_TTY, the line discipline (include/linux/tty.h, docs/tty.md): input
 * processing, canonical line editing with echo, signal characters, IXON
 * flow control, VMIN/VTIME reads and OPOST output, per POSIX's General
 * Terminal Interface (XBD 11) and Linux's termios(3); Linux's names.
 * Leaves out parity and break handling (PARMRK, INPCK), IXOFF, IMAXBEL,
 * ECHOPRT, VDISCARD, OLCUC/ONOCR/fill characters, and the EXTPROC mode.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/tty.h>

#define RING_MASK	(N_TTY_BUF_SIZE - 1)
#define ECHO_MASK	(N_TTY_ECHO_SIZE - 1)
#define BITS_PER_LONG_	(8 * sizeof(unsigned long))
#define CHUNK		64	/* bytes moved per lock hold on read and write */

/* Which part of the line an erase character removes. */
enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

#define I_(tty, f)	((tty)->termios.c_iflag & (f))
#define O_(tty, f)	((tty)->termios.c_oflag & (f))
#define L_(tty, f)	((tty)->termios.c_lflag & (f))

/* ---- small helpers (tty->lock held) ---- */

static size_t read_cnt(const struct tty_struct *tty)
{
	return tty->read_head - tty->read_tail;
}

static unsigned char ring_byte(const struct tty_struct *tty, size_t i)
{
	return tty->read_buf[i & RING_MASK];
}

static bool test_flag(const unsigned long *map, size_t i)
{
	i &= RING_MASK;
	return map[i / BITS_PER_LONG_] >> (i % BITS_PER_LONG_) & 1;
}

static void assign_flag(unsigned long *map, size_t i, bool on)
{
	unsigned long bit;

	i &= RING_MASK;
	bit = 1UL << (i % BITS_PER_LONG_);
	if (on)
		map[i / BITS_PER_LONG_] |= bit;
	else
		map[i / BITS_PER_LONG_] &= ~bit;
}

/* Is @c the control character at @idx? A slot holding 0 is disabled. */
static bool is_cc(const struct tty_struct *tty, unsigned char c, int idx)
{
	unsigned char v = tty->termios.c_cc[idx];

	return v != _POSIX_VDISABLE && c == v;
}

/* Echoed as ^X under ECHOCTL: ASCII controls except TAB and NL, and DEL. */
static bool is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/* A UTF-8 continuation byte (10xxxxxx), which takes no column. */
static bool is_utf8_cont(const struct tty_struct *tty, unsigned char c)
{
	return I_(tty, IUTF8) && (c & 0xc0) == 0x80;
}

/*
 * The output column after @c is shown (before OPOST: an NL under ONLCR
 * also returns the carriage). Echoes and writes both move it.
 */
static void advance_column(struct tty_struct *tty, unsigned char c)
{
	bool post = O_(tty, OPOST);

	if (c == '\n') {
		if (post && (O_(tty, ONLCR) || O_(tty, ONLRET)))
			tty->column = 0;
	} else if (c == '\r') {
		if (!(post && O_(tty, OCRNL)))
			tty->column = 0;
	} else if (c == '\b') {
		if (tty->column)
			tty->column--;
	} else if (c == '\t') {
		tty->column = (tty->column | 7) + 1;
	} else if (!is_ctl(c) && !is_utf8_cont(tty, c)) {
		tty->column++;
	}
}

/* ---- output ---- */

/*
 * Sends @n bytes through OPOST processing to ops->write in pieces. With
 * @track the bytes move the column (writes; echoes moved it when queued).
 * tty->lock held.
 */
static void n_tty_output(struct tty_struct *tty, const unsigned char *buf,
			 size_t n, bool track)
{
	unsigned char out[2 * CHUNK];
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (track)
			advance_column(tty, c);
		if (O_(tty, OPOST)) {
			if (c == '\n' && O_(tty, ONLCR))
				out[o++] = '\r';
			else if (c == '\r' && O_(tty, OCRNL))
				c = '\n';
		}
		out[o++] = c;
		if (o >= sizeof(out) - 2) {
			tty->ops->write(tty, out, o);
			o = 0;
		}
	}
	if (o)
		tty->ops->write(tty, out, o);
}

/* Writes the queued echoes, unless output is stopped. tty->lock held. */
static void process_echoes(struct tty_struct *tty)
{
	while (!tty->stopped && tty->echo_tail != tty->echo_head) {
		size_t at = tty->echo_tail & ECHO_MASK;
		size_t n = min(tty->echo_head - tty->echo_tail, N_TTY_ECHO_SIZE - at);

		n_tty_output(tty, tty->echo_buf + at, n, false);
		tty->echo_tail += n;
	}
}

/* Queues one echo byte; a full queue is written first (or, stopped, the byte is lost). */
static void echo_byte(struct tty_struct *tty, unsigned char c)
{
	if (tty->echo_head - tty->echo_tail == N_TTY_ECHO_SIZE)
		process_echoes(tty);
	if (tty->echo_head - tty->echo_tail == N_TTY_ECHO_SIZE)
		return;
	tty->echo_buf[tty->echo_head++ & ECHO_MASK] = c;
	advance_column(tty, c);
}

static void echo_string(struct tty_struct *tty, const char *s)
{
	while (*s)
		echo_byte(tty, *s++);
}

/* Echoes @c as typed, or as ^X if it is a control character and ECHOCTL is on. */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_(tty, ECHOCTL) && is_ctl(c)) {
		echo_byte(tty, '^');
		echo_byte(tty, c ^ 0x40);
	} else {
		echo_byte(tty, c);
	}
}

/* ---- input ---- */

/* Stores @c at read_head; @delim ends a line, @eof marks a VEOF. */
static void put_tty_queue(struct tty_struct *tty, unsigned char c, bool delim, bool eof)
{
	size_t i = tty->read_head++;

	tty->read_buf[i & RING_MASK] = c;
	assign_flag(tty->read_flags, i, delim);
	assign_flag(tty->eof_flags, i, eof);
}

/* Drops everything unread, the edited line included. tty->lock held. */
static void reset_input(struct tty_struct *tty)
{
	tty->read_tail = tty->canon_head = tty->read_head;
	tty->lnext = false;
}

/*
 * The column where the byte at @pos began on the screen, replaying the
 * edited line's echo from canon_column (to erase a tab: it spans several).
 */
static unsigned int column_at(const struct tty_struct *tty, size_t pos)
{
	unsigned int col = tty->canon_column;

	for (size_t i = tty->canon_head; i != pos; i++) {
		unsigned char c = ring_byte(tty, i);

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_ctl(c))
			col += L_(tty, ECHOCTL) ? 2 : 0;
		else if (!is_utf8_cont(tty, c))
			col++;
	}
	return col;
}

/* Takes the character at @pos (the line's last) off the screen (ECHOE). */
static void echo_erase_one(struct tty_struct *tty, size_t pos)
{
	unsigned char c = ring_byte(tty, pos);

	if (c == '\t') {
		unsigned int start = column_at(tty, pos);

		while (tty->column > start)
			echo_byte(tty, '\b');
	} else if (is_ctl(c)) {
		if (L_(tty, ECHOCTL))
			echo_string(tty, "\b \b\b \b");
	} else {
		echo_string(tty, "\b \b");
	}
}

/* Where the line's last character starts: over UTF-8 continuations under IUTF8. */
static size_t last_char_start(const struct tty_struct *tty)
{
	size_t pos = tty->read_head - 1;

	while (pos != tty->canon_head && is_utf8_cont(tty, ring_byte(tty, pos)))
		pos--;
	return pos;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/*
 * VERASE, VWERASE, VKILL (@c typed, @kind which): takes characters off the
 * edited line, and off the screen with ECHOE (VKILL: with ECHOK and
 * ECHOKE; else the kill character is echoed, then NL under ECHOK). A word
 * is a run of non-blanks with the blanks after it.
 */
static void n_tty_erase(struct tty_struct *tty, unsigned char c, enum erase_kind kind)
{
	bool visual = L_(tty, ECHO) && L_(tty, ECHOE) &&
		      (kind != ERASE_LINE || (L_(tty, ECHOK) && L_(tty, ECHOKE)));
	bool seen_word = false;

	if (tty->read_head == tty->canon_head)
		return;
	while (tty->read_head != tty->canon_head) {
		size_t pos = last_char_start(tty);
		unsigned char b = ring_byte(tty, pos);

		if (kind == ERASE_WORD) {
			if (is_blank(b) && seen_word)
				break;
			seen_word |= !is_blank(b);
		}
		if (visual)
			echo_erase_one(tty, pos);
		tty->read_head = pos;
		if (kind == ERASE_CHAR)
			break;
	}
	if (L_(tty, ECHO) && !visual) {
		echo_char(tty, c);
		if (kind == ERASE_LINE && L_(tty, ECHOK))
			echo_byte(tty, '\n');
	}
}

/*
 * Ends the edited line with @c (NL, VEOL, VEOL2 or, @eof, VEOF: stored
 * but never read): it becomes readable. The slot kept free for it means a
 * full line can still be ended; only a full ring drops it.
 */
static void receive_line_end(struct tty_struct *tty, unsigned char c, bool eof)
{
	if (read_cnt(tty) >= N_TTY_BUF_SIZE) {
		tty->rx_dropped++;
		return;
	}
	if (!eof && c == '\n' && (L_(tty, ECHO) || L_(tty, ECHONL)))
		echo_byte(tty, '\n');
	else if (!eof && L_(tty, ECHO))
		echo_char(tty, c);
	put_tty_queue(tty, c, true, eof);
	tty->canon_head = tty->read_head;
}

/* VREPRINT: the edited line again, on a new line. */
static void reprint_line(struct tty_struct *tty, unsigned char c)
{
	if (!L_(tty, ECHO))
		return;
	echo_char(tty, c);
	echo_byte(tty, '\n');
	tty->canon_column = tty->column;
	for (size_t i = tty->canon_head; i != tty->read_head; i++)
		echo_char(tty, ring_byte(tty, i));
}

/* ICANON's special characters: true if @c was one (and is consumed). */
static bool receive_canon_special(struct tty_struct *tty, unsigned char c)
{
	bool ext = L_(tty, IEXTEN);

	if (is_cc(tty, c, VERASE))
		n_tty_erase(tty, c, ERASE_CHAR);
	else if (is_cc(tty, c, VKILL))
		n_tty_erase(tty, c, ERASE_LINE);
	else if (ext && is_cc(tty, c, VWERASE))
		n_tty_erase(tty, c, ERASE_WORD);
	else if (ext && is_cc(tty, c, VLNEXT)) {
		tty->lnext = true;
		if (L_(tty, ECHO) && L_(tty, ECHOCTL))
			echo_string(tty, "^\b");
	} else if (ext && is_cc(tty, c, VREPRINT))
		reprint_line(tty, c);
	else if (is_cc(tty, c, VEOF))
		receive_line_end(tty, c, true);
	else if (c == '\n' || is_cc(tty, c, VEOL) || (ext && is_cc(tty, c, VEOL2)))
		receive_line_end(tty, c, false);
	else
		return false;
	return true;
}

/*
 * An ordinary byte: stored and echoed. Canonical mode keeps the ring's
 * last slot for a line end; a byte that finds no room is dropped and
 * counted, so what is kept is never overwritten.
 */
static void receive_plain(struct tty_struct *tty, unsigned char c)
{
	bool canon = L_(tty, ICANON);
	size_t room = canon ? N_TTY_BUF_SIZE - 1 : N_TTY_BUF_SIZE;

	if (read_cnt(tty) >= room) {
		tty->rx_dropped++;
		return;
	}
	if (canon && tty->read_head == tty->canon_head)
		tty->canon_column = tty->column;
	if (L_(tty, ECHO))
		echo_char(tty, c);
	put_tty_queue(tty, c, false, false);
	if (!canon)
		tty->canon_head = tty->read_head;
}

/* Restarts stopped output (VSTART, IXANY, a signal character). */
static void start_output(struct tty_struct *tty)
{
	tty->stopped = false;
	process_echoes(tty);
}

int tty_flow_control(struct tty_struct *tty, int action)
{
	unsigned long flags;
	unsigned char c;
	int err = 0;

	spin_lock_irqsave(&tty->lock, flags);
	switch (action) {
	case TCOOFF:
		tty->stopped = true;
		break;
	case TCOON:
		start_output(tty);
		break;
	case TCIOFF:
	case TCION:
		c = tty->termios.c_cc[action == TCIOFF ? VSTOP : VSTART];
		if (c != _POSIX_VDISABLE)
			tty->ops->write(tty, &c, 1);
		break;
	default:
		err = -EINVAL;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->write_wait);
	return err;
}

/* IXON: VSTOP stops output, VSTART starts it (one character for both toggles). True if consumed. */
static bool receive_flow_char(struct tty_struct *tty, unsigned char c)
{
	bool stop = is_cc(tty, c, VSTOP), start = is_cc(tty, c, VSTART);

	if (stop && start)
		stop = !tty->stopped;
	if (stop) {
		tty->stopped = true;
		return true;
	}
	if (start || (tty->stopped && I_(tty, IXANY)))
		start_output(tty);
	return start;
}

/* ISIG: the signal @c stands for (SIGINT, SIGQUIT, SIGTSTP), or 0. */
static int signal_of(const struct tty_struct *tty, unsigned char c)
{
	if (is_cc(tty, c, VINTR))
		return SIGINT;
	if (is_cc(tty, c, VQUIT))
		return SIGQUIT;
	if (is_cc(tty, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/*
 * A signal character: input (and held echoes) flushed unless NOFLSH,
 * stopped output restarted, the character echoed. The caller sends the
 * signal once it has let go of tty->lock.
 */
static void receive_signal_char(struct tty_struct *tty, unsigned char c)
{
	if (!L_(tty, NOFLSH)) {
		reset_input(tty);
		tty->echo_tail = tty->echo_head;
	}
	if (I_(tty, IXON))
		tty->stopped = false;
	if (L_(tty, ECHO))
		echo_char(tty, c);
}

/*
 * One byte from the driver, through the input flags, flow control, signal
 * characters and the line editor. Returns the signal to send, or 0.
 * tty->lock held.
 */
static int n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	int sig;

	if (I_(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		tty->lnext = false;
		receive_plain(tty, c);
		return 0;
	}
	if (I_(tty, IXON) && receive_flow_char(tty, c))
		return 0;
	sig = L_(tty, ISIG) ? signal_of(tty, c) : 0;
	if (sig) {
		receive_signal_char(tty, c);
		return sig;
	}
	if (c == '\r') {
		if (I_(tty, IGNCR))
			return 0;
		if (I_(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_(tty, INLCR)) {
		c = '\r';
	}
	if (L_(tty, ICANON) && receive_canon_special(tty, c))
		return 0;
	receive_plain(tty, c);
	return 0;
}

void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned long flags;
		int sig = 0;

		spin_lock_irqsave(&tty->lock, flags);
		while (i < n && !sig)
			sig = n_tty_receive_char(tty, buf[i++]);
		process_echoes(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		wake_up(&tty->read_wait);
		wake_up(&tty->write_wait);
		if (sig && tty->ops->signal)
			tty->ops->signal(tty, sig);
	}
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	reset_input(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
}

size_t n_tty_take_input(struct tty_struct *tty, unsigned char *buf, size_t max)
{
	unsigned long flags;
	size_t n;

	spin_lock_irqsave(&tty->lock, flags);
	n = min(read_cnt(tty), max);
	for (size_t i = 0; i < n; i++)
		buf[i] = ring_byte(tty, tty->read_tail + i);
	reset_input(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	return n;
}

void n_tty_flush_output(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->echo_tail = tty->echo_head;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->write_wait);
}

void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	bool was_canon = old->c_lflag & ICANON;

	if (was_canon && !L_(tty, ICANON))
		tty->canon_head = tty->read_head;	/* the edited line is input now */
	if (!was_canon && L_(tty, ICANON))
		tty->canon_column = tty->column;
	if (!L_(tty, ICANON) || !L_(tty, IEXTEN))
		tty->lnext = false;
	if (tty->stopped && !I_(tty, IXON))
		start_output(tty);
}

int n_tty_inq(struct tty_struct *tty)
{
	size_t n = 0;

	if (!L_(tty, ICANON))
		return read_cnt(tty);
	for (size_t i = tty->read_tail; i != tty->canon_head; i++)
		n += !test_flag(tty->eof_flags, i);
	return n;
}

bool n_tty_input_available(struct tty_struct *tty)
{
	unsigned long flags;
	size_t want = 1;
	bool ready;

	spin_lock_irqsave(&tty->lock, flags);
	if (!L_(tty, ICANON) && !tty->termios.c_cc[VTIME] && tty->termios.c_cc[VMIN])
		want = tty->termios.c_cc[VMIN];
	if (L_(tty, ICANON))
		ready = tty->canon_head != tty->read_tail;
	else
		ready = read_cnt(tty) >= want;
	spin_unlock_irqrestore(&tty->lock, flags);
	return ready;
}

/* ---- reading ---- */

/* Can a read go on? Canonical: a line is complete; else @want bytes are in. */
static bool input_ready(struct tty_struct *tty, size_t want)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&tty->lock, flags);
	if (L_(tty, ICANON))
		ready = tty->canon_head != tty->read_tail;
	else
		ready = read_cnt(tty) >= want;
	spin_unlock_irqrestore(&tty->lock, flags);
	return ready;
}

static bool tty_signal_pending(struct tty_struct *tty)
{
	return tty->ops->signal_pending && tty->ops->signal_pending(tty);
}

/*
 * Sleeps on read_wait until input_ready(@want), for at most @timeout
 * jiffies (negative: no limit). 0 when ready, 1 on the timeout, -EAGAIN
 * (O_NONBLOCK in @flags), -ERESTARTSYS (a signal). Process context.
 */
static int wait_for_input(struct tty_struct *tty, size_t want, long timeout, int flags)
{
	DEFINE_WAIT(w);
	bool expired = false;
	int ret;

	for (;;) {
		prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
		ret = 0;
		if (input_ready(tty, want))
			break;
		ret = 1;
		if (expired)
			break;
		ret = -EAGAIN;
		if (flags & O_NONBLOCK)
			break;
		ret = -ERESTARTSYS;
		if (tty_signal_pending(tty))
			break;
		if (timeout < 0) {
			schedule();
		} else {
			timeout = schedule_timeout(timeout);
			expired = !timeout;
		}
	}
	finish_wait(&tty->read_wait, &w);
	return ret;
}

/*
 * Takes up to @max bytes of the readable part into @dst. Canonical: stops
 * after a line end, which is kept out of @dst if it is a VEOF (*@eol set
 * either way); a VEOF just after a line's last byte is taken with it, so it
 * cannot read as end of file. tty->lock held.
 */
static size_t copy_from_read_buf(struct tty_struct *tty, unsigned char *dst,
				 size_t max, bool canon, bool *eol)
{
	size_t n = 0;

	while (n < max && tty->read_tail != tty->canon_head) {
		size_t i = tty->read_tail++;

		if (canon && test_flag(tty->read_flags, i)) {
			*eol = true;
			if (!test_flag(tty->eof_flags, i))
				dst[n++] = ring_byte(tty, i);
			return n;
		}
		dst[n++] = ring_byte(tty, i);
	}
	if (canon && n && tty->read_tail != tty->canon_head &&
	    test_flag(tty->eof_flags, tty->read_tail)) {
		tty->read_tail++;
		*eol = true;
	}
	return n;
}

/*
 * Moves readable bytes into @to, CHUNK at a time through a bounce buffer
 * (user copies may not run under the lock). Canonical: at most one line.
 * Returns bytes moved or -EFAULT; *@eol as copy_from_read_buf.
 */
static ssize_t copy_to_reader(struct tty_struct *tty, struct iov_iter *to, bool *eol)
{
	unsigned char kbuf[CHUNK];
	size_t done = 0;

	*eol = false;
	while (iov_iter_count(to) && !*eol) {
		unsigned long flags;
		size_t n;

		spin_lock_irqsave(&tty->lock, flags);
		n = copy_from_read_buf(tty, kbuf, min_t(size_t, CHUNK, iov_iter_count(to)),
				       L_(tty, ICANON), eol);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (!n)
			break;
		if (copy_to_iter(kbuf, n, to) != n)
			return -EFAULT;
		done += n;
	}
	return done;
}

/* A canonical read: waits for a complete line, returns it (0: end of file). */
static ssize_t n_tty_read_canon(struct tty_struct *tty, struct iov_iter *to, int flags)
{
	for (;;) {
		int err = wait_for_input(tty, 1, -1, flags);
		bool eol;
		ssize_t n;

		if (err)
			return err;
		n = copy_to_reader(tty, to, &eol);
		if (n || eol)
			return n;	/* a line, or a VEOF alone: end of file */
	}
}

/*
 * A non-canonical read (POSIX's four VMIN/VTIME cases): MIN>0 waits for
 * MIN bytes (or as many as asked), TIME>0 then bounds the gap between
 * bytes once one has come; MIN=0 waits at most TIME for any byte; both 0
 * returns at once. What is there is returned, up to the count asked.
 */
static ssize_t n_tty_read_raw(struct tty_struct *tty, struct iov_iter *to, int flags)
{
	unsigned int vmin = tty->termios.c_cc[VMIN], vtime = tty->termios.c_cc[VTIME];
	long tmo = vtime ? (long)DIV_ROUND_UP(vtime * HZ, 10) : -1;
	size_t want = min_t(size_t, vmin, iov_iter_count(to));
	size_t done = 0;
	bool eol;

	for (;;) {
		ssize_t n = copy_to_reader(tty, to, &eol);
		int err;

		if (n < 0)
			return n;
		done += n;
		if (done >= want && (done || !vtime || vmin))
			return done;	/* MIN met; MIN=0 TIME=0 returns what there was */
		if (!iov_iter_count(to))
			return done;
		err = wait_for_input(tty, 1, vmin && !done ? -1 : tmo, flags);
		if (err == 1)
			return done;	/* TIME ran out */
		if (err < 0)
			return done ? (ssize_t)done : err;
	}
}

ssize_t n_tty_read(struct tty_struct *tty, struct iov_iter *to, int flags)
{
	ssize_t ret;

	if (tty->ops->job_control) {
		int err = tty->ops->job_control(tty, false);

		if (err)
			return err;
	}
	mutex_lock(&tty->atomic_read_lock);
	if (L_(tty, ICANON))
		ret = n_tty_read_canon(tty, to, flags);
	else
		ret = n_tty_read_raw(tty, to, flags);
	mutex_unlock(&tty->atomic_read_lock);
	return ret;
}

ssize_t n_tty_read_kernel(struct tty_struct *tty, void *buf, size_t nr, int flags)
{
	struct kvec kv = { .iov_base = buf, .iov_len = nr };
	struct iov_iter to;

	iov_iter_kvec(&to, READ, &kv, 1, nr);
	return n_tty_read(tty, &to, flags);
}

/* ---- writing ---- */

/*
 * Sleeps on write_wait while output is stopped. 0 once it runs, -EAGAIN
 * (O_NONBLOCK), -ERESTARTSYS (a signal). Process context.
 */
static int wait_for_start(struct tty_struct *tty, int flags)
{
	DEFINE_WAIT(w);
	int ret;

	for (;;) {
		prepare_to_wait(&tty->write_wait, &w, TASK_INTERRUPTIBLE);
		ret = 0;
		if (!READ_ONCE(tty->stopped))
			break;
		ret = -EAGAIN;
		if (flags & O_NONBLOCK)
			break;
		ret = -ERESTARTSYS;
		if (tty_signal_pending(tty))
			break;
		schedule();
	}
	finish_wait(&tty->write_wait, &w);
	return ret;
}

/* Writes @n bytes of @buf once output runs: 0, or wait_for_start's error. */
static int write_chunk(struct tty_struct *tty, const unsigned char *buf, size_t n, int flags)
{
	for (;;) {
		unsigned long irqf;
		int err;

		spin_lock_irqsave(&tty->lock, irqf);
		if (!tty->stopped) {
			process_echoes(tty);
			n_tty_output(tty, buf, n, true);
			spin_unlock_irqrestore(&tty->lock, irqf);
			return 0;
		}
		spin_unlock_irqrestore(&tty->lock, irqf);
		err = wait_for_start(tty, flags);
		if (err)
			return err;
	}
}

ssize_t n_tty_write(struct tty_struct *tty, struct iov_iter *from, int flags)
{
	unsigned char kbuf[CHUNK];
	ssize_t done = 0;
	int err = 0;

	if (tty->ops->job_control) {
		err = tty->ops->job_control(tty, true);
		if (err)
			return err;
	}
	mutex_lock(&tty->atomic_write_lock);
	while (iov_iter_count(from)) {
		size_t n = min_t(size_t, CHUNK, iov_iter_count(from));

		if (flags & O_NONBLOCK && READ_ONCE(tty->stopped)) {
			err = -EAGAIN;	/* before the bytes leave the iterator */
			break;
		}
		if (copy_from_iter(kbuf, n, from) != n) {
			err = -EFAULT;
			break;
		}
		err = write_chunk(tty, kbuf, n, flags);
		if (err)
			break;
		done += n;
	}
	mutex_unlock(&tty->atomic_write_lock);
	return done ? done : err;
}

ssize_t n_tty_write_kernel(struct tty_struct *tty, const void *buf, size_t nr, int flags)
{
	struct kvec kv = { .iov_base = (void *)buf, .iov_len = nr };
	struct iov_iter from;

	iov_iter_kvec(&from, WRITE, &kv, 1, nr);
	return n_tty_write(tty, &from, flags);
}
