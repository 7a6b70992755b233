/*
 * The console monitor: a tiny line-oriented command loop on the console
 * until user space exists. It is also rivet's idle loop (wfi between
 * interrupts).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/serial.h>
#include <linux/jiffies.h>
#include <asm/setup.h>
#include <asm/pgtable.h>

bool poweroff_due(void);

struct monitor_cmd {
	const char *name;
	const char *help;
	void (*fn)(void);
};

static void cmd_help(void);

static void cmd_ptdump(void)
{
	ptdump_kernel();
}

static void cmd_uptime(void)
{
	u64 ms = ktime_get_ns() / 1000000;

	printk(KERN_CONT "up %lu.%03lu s, jiffies %lu (HZ=%u)\n", (unsigned long)(ms / 1000),
	       (unsigned long)(ms % 1000), jiffies, HZ);
}

/* kernel/mmstat.c: the /proc texts, each also a command here. */
int show_mm_report(const char *name);
void print_mm_report_names(void);
void show_free(void);

static const struct monitor_cmd cmds[] = {
	{ "help", "list commands", cmd_help },
	{ "uptime", "time since boot and the tick count", cmd_uptime },
	{ "ptdump", "print the kernel page table", cmd_ptdump },
	{ "free", "memory in use, free and cached (kB)", show_free },
	{ "poweroff", "power the machine off", kernel_power_off },
	{ "reboot", "restart the machine", kernel_restart },
};

static void cmd_help(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++)
		printk(KERN_CONT "  %-10s %s\n", cmds[i].name, cmds[i].help);
	print_mm_report_names();
}

static void run_command(char *line)
{
	while (*line == ' ')
		line++;
	if (!*line)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (!strcmp(line, cmds[i].name)) {
			cmds[i].fn();
			return;
		}
	}
	if (show_mm_report(line) == 0)
		return;
	printk(KERN_CONT "%s: unknown command (try help)\n", line);
}

/* Feed one input byte to the line editor; runs the line on Enter. */
static void monitor_input(int c, char *line, unsigned int *len, unsigned int max)
{
	if (c == '\r' || c == '\n') {
		printk(KERN_CONT "\n");
		line[*len] = 0;
		run_command(line);
		*len = 0;
		printk(KERN_CONT "rivet> ");
	} else if ((c == 0x7f || c == '\b') && *len) {
		(*len)--;
		printk(KERN_CONT "\b \b");
	} else if (c >= ' ' && c < 0x7f && *len < max - 1) {
		line[(*len)++] = c;
		printk(KERN_CONT "%c", c);
	}
}

void console_monitor(void)
{
	char line[80];
	unsigned int len = 0;
	int c;

	printk(KERN_CONT "rivet> ");
	for (;;) {
		while ((c = serial_getc()) >= 0)
			monitor_input(c, line, &len, sizeof(line));
		if (poweroff_due())
			kernel_power_off();
		__asm__ __volatile__("wfi");
	}
}
