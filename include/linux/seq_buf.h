/*
 * seq_buf: formatted text into a caller's fixed buffer, for the /proc
 * producers (mm/vmstat.c, mm/slab.c). Output that does not fit is cut at
 * the last byte and the buffer marked overflowed; it stays NUL-terminated.
 */
#ifndef _LINUX_SEQ_BUF_H
#define _LINUX_SEQ_BUF_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

struct seq_buf {
	char *buf;
	size_t size;	/* bytes in buf */
	size_t len;	/* bytes written, not counting the NUL */
	bool overflow;	/* something did not fit */
};

void seq_buf_init(struct seq_buf *s, char *buf, size_t size);
/* 0 if all of it fitted, -1 (and overflow set) if not. */
__printf(2, 3) int seq_buf_printf(struct seq_buf *s, const char *fmt, ...);
int seq_buf_vprintf(struct seq_buf *s, const char *fmt, va_list ap);
int seq_buf_puts(struct seq_buf *s, const char *str);

static inline bool seq_buf_has_overflowed(const struct seq_buf *s)
{
	return s->overflow;
}

static inline size_t seq_buf_used(const struct seq_buf *s)
{
	return s->len;
}

#endif
