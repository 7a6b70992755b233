/* Consoles: where printk's text goes (SBI early console, then the UART). */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	struct console *next;
	bool early;		/* dropped when a real console registers */
};

void register_console(struct console *con);
void unregister_console(struct console *con);
void console_write_crlf(void (*putc)(int c), const char *s, size_t n);
extern int console_loglevel;
/* Seconds and microseconds since boot, from the time CSR. */
void boot_time(unsigned long *sec, unsigned long *usec);

#endif
