/*
 * printk: formats into a line, prefixes the boot timestamp, keeps the text
 * in a ring buffer (for a later dmesg) and writes it to every console.
 * Messages whose level is not below console_loglevel stay in the buffer only.
 * Follows Linux's interface: KERN_<level> prefixes, KERN_CONT, "loglevel=",
 * register_console. Left out: log records (the buffer is raw text), deferred
 * printing: consoles are polled, so printk works in any context.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define LOG_BUF_LEN	(64 * 1024)

int console_loglevel = 7;	/* print everything below KERN_DEBUG */
/* printk_lock (taken with IRQs off) guards the console list and log_buf. */
static struct console *consoles;
static DEFINE_SPINLOCK(printk_lock);
static char log_buf[LOG_BUF_LEN];
static unsigned long log_head;	/* total bytes ever written */
/* Under printk_lock: at the start of a line? Is the current line shown? */
static bool line_start = true;
static bool line_shown = true;

/*
 * Add @con at the head of the console list. A real (non-early) console
 * first drops every early one, whose output it now takes over. Takes
 * printk_lock, so never from inside a console's write.
 */
void register_console(struct console *con)
{
	struct console **pp;
	unsigned long flags;

	spin_lock_irqsave(&printk_lock, flags);
	if (!con->early) {
		for (pp = &consoles; *pp;) {
			if ((*pp)->early)
				*pp = (*pp)->next;
			else
				pp = &(*pp)->next;
		}
	}
	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&printk_lock, flags);
}

/* Take @con off the console list (a no-op if it is not on it). */
void unregister_console(struct console *con)
{
	struct console **pp;
	unsigned long flags;

	spin_lock_irqsave(&printk_lock, flags);
	for (pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			break;
		}
	}
	spin_unlock_irqrestore(&printk_lock, flags);
}

/*
 * For consoles that are terminals: each "\n" goes out as "\r\n". Only for
 * raw hardware such as the UART; the SBI console must not use it, since
 * the firmware adds its own "\r" (which made "\r\r\n").
 */
void console_write_crlf(void (*putc)(int c), const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			putc('\r');
		putc(s[i]);
	}
}

/* Append to the ring buffer, overwriting the oldest text. printk_lock held. */
static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_head++ % LOG_BUF_LEN] = s[i];
}

/* Log @s and, if @show, write it to every console. printk_lock held. */
static void emit(const char *s, size_t n, bool show)
{
	struct console *c;

	log_store(s, n);
	if (!show)
		return;
	for (c = consoles; c; c = c->next)
		c->write(c, s, n);
}

/* Split off a KERN_<level> prefix; returns the level or -1 (continuation). */
static int printk_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] != KERN_SOH[0] || !f[1])
		return LOGLEVEL_DEFAULT;
	*fmt = f + 2;
	if (f[1] == 'c')
		return -1;
	return f[1] - '0';
}

/*
 * Does this piece reach the consoles? A message with a level: if the level
 * is below console_loglevel. A continuation (KERN_CONT) in mid-line: as the
 * line it continues, so a suppressed line's pr_cont stays suppressed too. A
 * continuation at the start of a line is bare text (monitor output, /proc
 * texts): always shown. Called under printk_lock.
 */
static bool printk_shown(int level)
{
	if (level >= 0)
		return level < console_loglevel;
	return line_start ? true : line_shown;
}

/*
 * Format one piece (at most 511 bytes, the rest cut off), stamp it if it
 * starts a line, log it and show it if its level says so. Returns the
 * length kept. Any context, IRQs included; not re-entrant: a console's
 * write, or a fault taken while printk_lock is held, must not printk.
 */
int vprintk(const char *fmt, va_list ap)
{
	static char text[512];
	char stamp[32];
	unsigned long flags, sec, usec;
	int level, n;
	bool show;

	level = printk_level(&fmt);
	spin_lock_irqsave(&printk_lock, flags);
	n = vscnprintf(text, sizeof(text), fmt, ap);
	show = printk_shown(level);
	line_shown = show;
	if (line_start && level >= 0) {
		boot_time(&sec, &usec);
		int m = scnprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", sec, usec);
		emit(stamp, m, show);
	}
	emit(text, n, show);
	line_start = n > 0 && text[n - 1] == '\n';
	spin_unlock_irqrestore(&printk_lock, flags);
	return n;
}

/* vprintk with the arguments here. */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Copy the newest @size bytes of the log into @buf; returns the length.
 * Does not take printk_lock: a printk meanwhile may overwrite the oldest
 * bytes while they are copied.
 */
size_t log_buf_read(char *buf, size_t size)
{
	unsigned long start, n = min(log_head, (unsigned long)LOG_BUF_LEN);

	if (n > size)
		n = size;
	start = log_head - n;
	for (unsigned long i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_LEN];
	return n;
}

/* "loglevel=N" (0..8): console_loglevel; -EINVAL for anything else. */
static int loglevel_setup(char *val)
{
	int lvl;

	if (!val || kstrtoint(val, 10, &lvl) || lvl < 0 || lvl > 8)
		return -EINVAL;
	console_loglevel = lvl;
	return 0;
}
early_param("loglevel", loglevel_setup);
