/*
 * /sbin/init: rivet's first user process (docs/userspace.md). Mounts /proc,
 * /dev and /tmp unless they are, runs /etc/rc, then keeps a login-free
 * shell on the console (its own session, the console its controlling tty),
 * reaps every child and orphan, and on BusyBox's poweroff (SIGUSR2), reboot
 * (SIGTERM) or halt (SIGUSR1) ends everything: TERM, KILL, sync, unmount,
 * reboot(2). Leaves out runlevels, inittab, gettys and logins.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CONSOLE		"/dev/console"
#define SHELL		"/bin/sh"
#define RC_FILE		"/etc/rc"
#define MAX_MOUNTS	64

static volatile sig_atomic_t shutdown_sig;	/* 0, or the signal asking for it */

static char *shell_env[] = {
	"HOME=/root", "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "TERM=vt100",
	"SHELL=/bin/sh", "USER=root", "LOGNAME=root", NULL
};

/* say: one "init: ..." line on the console, written in one write(2). */
static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "init: ");

	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)!write(2, buf, n);
}

/* on_shutdown: the handler of SIGTERM, SIGUSR1 and SIGUSR2; the main loop acts. */
static void on_shutdown(int sig)
{
	shutdown_sig = sig;
}

/* console_stdio: fds 0, 1, 2 on the console, without taking it as init's tty. */
static void console_stdio(void)
{
	int fd = open(CONSOLE, O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;	/* keep whatever the kernel gave us */
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* is_mounted: whether /proc/mounts lists a mount on DIR. */
static int is_mounted(const char *dir)
{
	char line[512], mnt[256];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %255s", mnt) == 1 && !strcmp(mnt, dir))
			found = 1;
	fclose(f);
	return found;
}

/* mount_fs: mount TYPE on DIR unless something is there (EBUSY is fine too). */
static void mount_fs(const char *type, const char *dir, unsigned long flags, const char *data)
{
	if (is_mounted(dir))
		return;
	mkdir(dir, 0755);
	if (mount(type, dir, type, flags, data) < 0 && errno != EBUSY)
		say("cannot mount %s on %s: %s", type, dir, strerror(errno));
}

/* reap: collect one child (blocking when WAIT), return its pid or -1. */
static pid_t reap(int *status, int wait)
{
	pid_t pid;

	do
		pid = wait4(-1, status, wait ? 0 : WNOHANG, NULL);
	while (pid < 0 && errno == EINTR && !shutdown_sig);
	return pid;
}

/* run_rc: run /etc/rc with the shell and wait for it, reaping all else. */
static void run_rc(void)
{
	pid_t pid, got;
	int status;

	if (access(RC_FILE, R_OK) != 0)
		return;
	say("running %s", RC_FILE);
	pid = fork();
	if (pid == 0) {
		execle(SHELL, "sh", RC_FILE, (char *)NULL, shell_env);
		_exit(127);
	}
	if (pid < 0) {
		say("fork for %s: %s", RC_FILE, strerror(errno));
		return;
	}
	while ((got = reap(&status, 1)) > 0 && got != pid)
		;
}

/*
 * start_shell: fork the login shell. The child is a new session leader,
 * takes the console as its controlling tty (TIOCSCTTY: opening
 * /dev/console alone never does, as in Linux), puts itself in the
 * foreground and execs "-sh". Returns the child's pid or -1.
 */
static pid_t start_shell(void)
{
	pid_t pid = fork();
	int fd;

	if (pid != 0)
		return pid;
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	setsid();
	fd = open(CONSOLE, O_RDWR);
	if (fd >= 0) {
		ioctl(fd, TIOCSCTTY, 0);
		for (int i = 0; i < 3; i++)
			dup2(fd, i);
		if (fd > 2)
			close(fd);
	}
	tcsetpgrp(0, getpid());
	if (chdir("/root") < 0)
		(void)!chdir("/");
	execle(SHELL, "-sh", (char *)NULL, shell_env);
	say("cannot run %s: %s", SHELL, strerror(errno));
	_exit(127);
}

/* describe: "status N" or "signal N" for a wait status. */
static const char *describe(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "status %d", WEXITSTATUS(status));
	return buf;
}

/* unescape: /proc/mounts' \040-style octal escapes decoded in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] && s[3]) {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d = *s;
		}
	}
	*d = '\0';
}

/* unmount_all: everything but / unmounted, last mounted first; / read-only. */
static void unmount_all(void)
{
	static char mnts[MAX_MOUNTS][256];
	char line[512];
	FILE *f = fopen("/proc/mounts", "r");
	int n = 0;

	while (f && n < MAX_MOUNTS && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %255s", mnts[n]) == 1)
			unescape(mnts[n++]);
	if (f)
		fclose(f);
	while (n-- > 0) {
		if (!strcmp(mnts[n], "/"))
			continue;
		if (umount2(mnts[n], 0) < 0 && umount2(mnts[n], MNT_DETACH) < 0)
			say("cannot unmount %s: %s", mnts[n], strerror(errno));
	}
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0)
		say("cannot remount / read-only: %s", strerror(errno));
}

/* pause_ms: sleep MS milliseconds, reaping children meanwhile. */
static void pause_ms(int ms)
{
	struct timespec t = { 0, 50 * 1000 * 1000 };
	int status;

	for (int i = 0; i < ms / 50; i++) {
		while (reap(&status, 0) > 0)
			;
		nanosleep(&t, NULL);
	}
}

/* shut_down: end every process, sync, unmount and reboot(2) as SIG asks. */
static void shut_down(int sig)
{
	int cmd = sig == SIGUSR2 ? RB_POWER_OFF : sig == SIGUSR1 ? RB_HALT_SYSTEM : RB_AUTOBOOT;
	const char *what = sig == SIGUSR2 ? "poweroff" : sig == SIGUSR1 ? "halt" : "reboot";
	int status;

	say("%s: sending SIGTERM to all processes", what);
	kill(-1, SIGTERM);
	kill(-1, SIGCONT);
	pause_ms(1000);
	say("%s: sending SIGKILL to all processes", what);
	kill(-1, SIGKILL);
	while (reap(&status, 0) > 0)
		;
	sync();
	unmount_all();
	sync();
	say("%s", what);
	reboot(cmd);
	say("reboot(2) failed: %s", strerror(errno));
	for (;;)
		pause();
}

int main(void)
{
	struct sigaction sa;
	time_t started = 0;
	pid_t shell = -1, pid;
	int status, quick = 0;
	char why[32];

	console_stdio();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_shutdown;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);

	mount_fs("proc", "/proc", 0, NULL);
	mount_fs("devtmpfs", "/dev", 0, NULL);
	mount_fs("tmpfs", "/tmp", 0, "mode=1777");
	run_rc();

	while (!shutdown_sig) {
		if (shell < 0) {
			say("starting %s", SHELL);
			started = time(NULL);
			shell = start_shell();
			if (shell < 0) {
				say("fork: %s", strerror(errno));
				pause_ms(1000);
				continue;
			}
		}
		pid = reap(&status, 1);
		if (pid < 0 || pid != shell)
			continue;	/* an orphan, or a signal */
		say("shell exited with %s, restarting", describe(status, why, sizeof(why)));
		shell = -1;
		/* A shell that dies at once, again and again: slow down. */
		quick = time(NULL) - started < 2 ? quick + 1 : 0;
		if (quick >= 5)
			pause_ms(5000);
	}
	shut_down(shutdown_sig);
	return 0;
}
