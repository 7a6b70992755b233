/*
 * The console monitor: a tiny line-oriented command loop on the console
 * until user space exists, in a kernel thread of its own ("monitor"). It
 * polls the UART's input ring once a tick and also ends the run when
 * "poweroff_after=" says so. Leaves out line history and arguments.
 * rivet's own (no Linux seed): its mm reports are the /proc files' text.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/serial.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/reboot.h>
#include <linux/mmstat.h>
#include <linux/monitor.h>
#include <linux/fs.h>
#include <asm/pgtable.h>

/* A built-in command; fn prints its output and runs in the monitor thread. */
struct monitor_cmd {
	const char *name;
	const char *help;
	void (*fn)(void);
};

static void cmd_help(void);

/* "ptdump": the kernel page table, with the W+X check. */
static void cmd_ptdump(void)
{
	ptdump_kernel();
}

/* "uptime": seconds since the time CSR's reset, and the tick count. */
static void cmd_uptime(void)
{
	u64 ms = ktime_get_ns() / 1000000;

	printk(KERN_CONT "up %lu.%03lu s, jiffies %lu (HZ=%u)\n", (unsigned long)(ms / 1000),
	       (unsigned long)(ms % 1000), jiffies, HZ);
}

/*
 * The monitor stands in for init, so it does what init's poweroff does
 * first: write every file system's and disk's dirty data (ext2 then
 * marks itself clean on disk).
 */
static void sync_then(void (*fn)(void))
{
	pr_notice("rivet: syncing file systems\n");
	ksys_sync();
	fn();
}

static void cmd_poweroff(void)
{
	sync_then(kernel_power_off);
}

static void cmd_reboot(void)
{
	sync_then(kernel_restart);
}

static const struct monitor_cmd cmds[] = {
	{ "help", "list commands", cmd_help },
	{ "uptime", "time since boot and the tick count", cmd_uptime },
	{ "ptdump", "print the kernel page table", cmd_ptdump },
	{ "free", "memory in use, free and cached (kB)", show_free },
	{ "poweroff", "sync, then power the machine off", cmd_poweroff },
	{ "reboot", "sync, then restart the machine", cmd_reboot },
};

/* "help": the built-ins, then the names of the mm reports. */
static void cmd_help(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++)
		printk(KERN_CONT "  %-10s %s\n", cmds[i].name, cmds[i].help);
	print_mm_report_names();
}

/*
 * Run the command @line names (leading spaces skipped): a built-in, else
 * an mm report (show_mm_report), else say it is unknown. Monitor thread.
 */
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

/* The monitor thread: the prompt, then the input as it arrives, each tick. */
static int console_monitor(void *unused)
{
	char line[80];
	unsigned int len = 0;
	int c;

	printk(KERN_CONT "rivet> ");
	while (!kthread_should_stop()) {
		while ((c = serial_getc()) >= 0)
			monitor_input(c, line, &len, sizeof(line));
		if (poweroff_due())
			cmd_poweroff();
		current->state = TASK_UNINTERRUPTIBLE;
		schedule_timeout(1);
	}
	return 0;
}

/* End of boot: start the monitor; the boot thread goes on to be idle. */
void console_monitor_start(void)
{
	if (!kthread_run(console_monitor, NULL, "monitor"))
		pr_err("monitor: no memory for its thread, no console commands\n");
}
