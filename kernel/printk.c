/*
 * printk: formats into a line, prefixes the boot timestamp, keeps the text
 * in a ring buffer (for a later dmesg) and writes it to every console.
 * Messages whose level is not below console_loglevel stay in the buffer only.
 * No deferred printing: consoles are polled, so printk works in any context.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/errno.h>
#include <linux/params.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define LOG_BUF_LEN	(64 * 1024)

int console_loglevel = 7;	/* print everything below KERN_DEBUG */
static struct console *consoles;
static DEFINE_SPINLOCK(printk_lock);
static char log_buf[LOG_BUF_LEN];
static unsigned long log_head;	/* total bytes ever written */
static bool line_start = true;

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

/* For consoles that are terminals: each "\n" goes out as "\r\n". */
void console_write_crlf(void (*putc)(int c), const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			putc('\r');
		putc(s[i]);
	}
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_head++ % LOG_BUF_LEN] = s[i];
}

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
	show = level < 0 || level < console_loglevel;
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

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Copy the newest @size bytes of the log into @buf; returns the length. */
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

static int loglevel_setup(char *val)
{
	int lvl;

	if (!val || kstrtoint(val, 10, &lvl) || lvl < 0 || lvl > 8)
		return -EINVAL;
	console_loglevel = lvl;
	return 0;
}
early_param("loglevel", loglevel_setup);
