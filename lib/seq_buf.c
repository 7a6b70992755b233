/*
 * seq_buf: append formatted text to a fixed buffer (include/linux/seq_buf.h).
 * Follows the idea of Linux's seq_buf with a smaller interface; no seq_file
 * iteration: a producer writes the whole text in one go. No locking: a
 * seq_buf belongs to whoever fills it.
 */
#include <linux/seq_buf.h>
#include <linux/printk.h>
#include <linux/string.h>

/* Make s an empty string in buf[size] (size may be 0: every append overflows). */
void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	s->overflow = false;
	if (size)
		buf[0] = '\0';
}

/*
 * Append; on overflow keep what fitted (the buffer is full up to its last
 * byte, which stays the NUL), mark the buffer and return -1.
 */
int seq_buf_vprintf(struct seq_buf *s, const char *fmt, va_list ap)
{
	size_t room = s->size - s->len;
	int n;

	if (s->overflow || room == 0) {
		s->overflow = true;
		return -1;
	}
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	if (n < 0 || (size_t)n >= room) {
		s->len = s->size - 1;
		s->overflow = true;
		return -1;
	}
	s->len += (size_t)n;
	return 0;
}

/* seq_buf_vprintf with the arguments inline: 0, or -1 once it overflowed. */
int seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = seq_buf_vprintf(s, fmt, ap);
	va_end(ap);
	return ret;
}

/* Append str as it is (no format): 0, or -1 on overflow. */
int seq_buf_puts(struct seq_buf *s, const char *str)
{
	return seq_buf_printf(s, "%s", str);
}
