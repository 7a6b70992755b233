/*
 * Host tests for the tty layer (drivers/tty/n_tty.c, tty_io.c,
 * tty_jobctrl.c): bytes arrive as a terminal sends them, in chunks, from a
 * simulated interrupt (n_tty_receive_buf); the checks look at what read()
 * returns, what is echoed through the driver's write, and which signals go
 * out. Then the character device: open and the controlling tty, the
 * ioctls through user copies, poll, and the job-control decisions, with
 * the process layer (kill_pgrp, is_ignored, is_current_pgrp_orphaned,
 * signal_pending) a stand-in that records what it is asked. The scheduler
 * is a shim: a sleeping reader or writer lets the next scripted
 * "interrupt" happen, and a timed sleep moves jiffies on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/jiffies.h>
#include <linux/highmem.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <uapi/ioctl.h>
#include <asm/uaccess.h>
#include "test.h"

/* ---- the scheduler shim: one task, interrupts from a script ---- */

struct cpu_info cpu_data[NR_CPUS];
static struct task_struct host_task = { .state = TASK_RUNNING, .pid = 1, .comm = "tty-test" };
volatile unsigned long jiffies;
unsigned int HZ = 100;
unsigned long riscv_timebase = 10000000;

static struct tty_struct tty;
static bool pending;		/* what signal_pending reports */
static unsigned long sched_calls;
static int timeouts_in_a_row;	/* timed sleeps no interrupt ended */

#define MAX_IRQS 8
static struct { unsigned char b[64]; size_t n; } irq_script[MAX_IRQS];
static int irq_next, irq_count;

/* Queues @s (@n bytes) to arrive by "interrupt" when the task next sleeps. */
static void irq_later(const char *s, size_t n)
{
	if (irq_count == MAX_IRQS || n > sizeof(irq_script[0].b))
		abort();
	memcpy(irq_script[irq_count].b, s, n);
	irq_script[irq_count++].n = n;
}

/* The next scripted interrupt: its bytes reach the line discipline. 0 if none is left. */
static int irq_fire(void)
{
	if (irq_next == irq_count)
		return 0;
	n_tty_receive_buf(&tty, irq_script[irq_next].b, irq_script[irq_next].n);
	irq_next++;
	return 1;
}

/* A sleep with no interrupt left to end it would last for ever: the test fails loudly. */
void schedule(void)
{
	sched_calls++;
	while (current->state != TASK_RUNNING) {
		if (!irq_fire()) {
			printf("not ok - schedule: the task sleeps and nothing would wake it\n");
			fflush(stdout);
			abort();
		}
	}
}

/* A scripted interrupt comes before the timeout if one is left; else time runs out. */
long schedule_timeout(long timeout)
{
	sched_calls++;
	if (irq_fire() && current->state == TASK_RUNNING) {
		timeouts_in_a_row = 0;
		return timeout > 1 ? timeout - 1 : 1;
	}
	jiffies += timeout;
	if (++timeouts_in_a_row > 1000) {
		printf("not ok - schedule_timeout: a timed sleep that never ends\n");
		fflush(stdout);
		abort();
	}
	current->state = TASK_RUNNING;
	return 0;
}

int wake_up_process(struct task_struct *p)
{
	int was_asleep = p->state != TASK_RUNNING;

	p->state = TASK_RUNNING;
	return was_asleep;
}

/* lib/iov_iter.c's page paths are not used by kernel-buffer reads. */
void *kmap_atomic(struct page *page)
{
	abort();
}

void __kunmap_atomic(void *addr)
{
	abort();
}

void *kmap(struct page *page)
{
	abort();
}

void kunmap(struct page *page)
{
	abort();
}

void *page_address(const struct page *page)
{
	abort();
}

/* ---- the driver and the process layer, as seen by the tty ---- */

static char out[16384];		/* what the driver was asked to send */
static size_t out_len;
static int sigs[16], nr_sigs;
static bool write_unlocked;	/* ops->write was called without tty->lock */

static void fake_write(struct tty_struct *t, const unsigned char *buf, size_t n)
{
	if (!spin_is_locked(&t->lock))
		write_unlocked = true;
	if (out_len + n > sizeof(out))
		abort();
	memcpy(out + out_len, buf, n);
	out_len += n;
}

static void fake_signal(struct tty_struct *t, int sig)
{
	if (spin_is_locked(&t->lock))
		write_unlocked = true;	/* the callback must come without the lock */
	if (nr_sigs < 16)
		sigs[nr_sigs++] = sig;
}

static const struct tty_operations fake_ops = {
	.write = fake_write,
	.signal = fake_signal,
};

/* A fresh console tty with Linux's defaults, an empty script and no output. */
static void reset(void)
{
	tty_init(&tty, &fake_ops, "ttyT0");
	out_len = 0;
	nr_sigs = 0;
	irq_next = irq_count = 0;
	sched_calls = 0;
	timeouts_in_a_row = 0;
}

/* Bytes from the UART, @chunk at a time (0: all at once). */
static void type_chunks(const char *s, size_t n, size_t chunk)
{
	if (!chunk)
		chunk = n;
	for (size_t i = 0; i < n; i += chunk)
		n_tty_receive_buf(&tty, (const unsigned char *)s + i, min(chunk, n - i));
}

static void type(const char *s)
{
	type_chunks(s, strlen(s), 1);
}

/* Was exactly @s echoed or written since the last call? Clears the capture. */
static bool output_is(const char *s)
{
	bool same = out_len == strlen(s) && !memcmp(out, s, out_len);

	if (!same)
		printf("# output %zu bytes: \"%.*s\"\n", out_len, (int)out_len, out);
	out_len = 0;
	return same;
}

static char rbuf[8192];

/* read(2) of up to @nr bytes into rbuf; the result (bytes or -errno). */
static ssize_t rd(size_t nr, int flags)
{
	memset(rbuf, 0, sizeof(rbuf));
	return n_tty_read_kernel(&tty, rbuf, nr, flags);
}

/* Did read return exactly the string @s? */
static bool read_is(ssize_t n, const char *s)
{
	return n == (ssize_t)strlen(s) && !memcmp(rbuf, s, n);
}

/* Changes the termios with @opt: lflag bits @lclr off and @lset on, iflag likewise. */
static int set_modes(unsigned int lclr, unsigned int lset, unsigned int iclr,
		     unsigned int iset, int opt)
{
	struct termios t;

	tty_get_termios(&tty, &t);
	t.c_lflag = (t.c_lflag & ~lclr) | lset;
	t.c_iflag = (t.c_iflag & ~iclr) | iset;
	return tty_set_termios(&tty, &t, opt);
}

static void set_cc(int idx, unsigned char v)
{
	struct termios t;

	tty_get_termios(&tty, &t);
	t.c_cc[idx] = v;
	tty_set_termios(&tty, &t, TCSANOW);
}

/* ---- the tests ---- */

static void test_defaults(void)
{
	struct termios t;

	reset();
	tty_get_termios(&tty, &t);
	CHECK(sizeof(struct termios) == 36 && NCCS == 19, "struct termios is 36 bytes, 19 c_cc (asm-generic)");
	CHECK(VINTR == 0 && VERASE == 2 && VEOF == 4 && VMIN == 6 && VSUSP == 10 &&
	      VWERASE == 14 && VLNEXT == 15 && VEOL2 == 16, "c_cc indexes are asm-generic's");
	CHECK(ICRNL == 0x100 && IXON == 0x400 && IUTF8 == 0x4000 && ONLCR == 4 &&
	      ICANON == 2 && ECHOCTL == 0x200 && ECHOKE == 0x800 && IEXTEN == 0x8000 &&
	      CS8 == 0x30 && CREAD == 0x80 && HUPCL == 0x400 && B38400 == 0xf,
	      "flag bits are asm-generic's");
	CHECK(t.c_iflag == (ICRNL | IXON) && t.c_oflag == (OPOST | ONLCR) &&
	      t.c_cflag == (B38400 | CS8 | CREAD | HUPCL) &&
	      t.c_lflag == (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN),
	      "default modes are Linux's tty_std_termios");
	CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VQUIT] == 0x1c && t.c_cc[VERASE] == 0x7f &&
	      t.c_cc[VKILL] == 0x15 && t.c_cc[VEOF] == 4 && t.c_cc[VTIME] == 0 &&
	      t.c_cc[VMIN] == 1 && t.c_cc[VSTART] == 0x11 && t.c_cc[VSTOP] == 0x13 &&
	      t.c_cc[VSUSP] == 0x1a && t.c_cc[VEOL] == 0 && t.c_cc[VREPRINT] == 0x12 &&
	      t.c_cc[VWERASE] == 0x17 && t.c_cc[VLNEXT] == 0x16,
	      "default c_cc: ^C ^\\ DEL ^U ^D, TIME 0 MIN 1, ^Q ^S ^Z, ^R ^W ^V");
	CHECK(tty_set_termios(&tty, &t, 7) == -EINVAL, "tty_set_termios refuses an unknown action");
}

static void test_plain_line(void)
{
	ssize_t n;

	reset();
	type_chunks("hel", 3, 0);
	type_chunks("lo\r", 3, 0);
	CHECK(output_is("hello\r\n"), "a line is echoed as typed, CR NL at its end");
	CHECK(tty_inq(&tty) == 6, "FIONREAD counts the complete line");
	n = rd(100, 0);
	CHECK(read_is(n, "hello\n"), "read returns the line, CR turned into NL (ICRNL)");
	CHECK(sched_calls == 0, "a complete line is read without sleeping");
	CHECK(rd(100, O_NONBLOCK) == -EAGAIN, "no line left: O_NONBLOCK read gives -EAGAIN");
	CHECK(!write_unlocked, "the driver's write ran under tty->lock, signals without it");
}

static void test_blocking_read(void)
{
	ssize_t n;

	reset();
	type("ab");
	CHECK(rd(100, O_NONBLOCK) == -EAGAIN, "a partial line is not readable (-EAGAIN)");
	irq_later("c", 1);
	irq_later("d\r", 2);
	n = rd(100, 0);
	CHECK(read_is(n, "abcd\n"), "the reader sleeps until the line ends in a later interrupt");
	CHECK(sched_calls >= 2 && irq_next == 2, "it slept through both interrupts (%lu sleeps)", sched_calls);

	reset();
	type("one\ntwo\nthree\n");
	CHECK(read_is(rd(100, 0), "one\n") && read_is(rd(100, 0), "two\n") &&
	      read_is(rd(100, 0), "three\n"), "typed-ahead lines are all delivered, one per read");
	reset();
	type("abcdef\n");
	CHECK(read_is(rd(4, 0), "abcd") && read_is(rd(100, 0), "ef\n"),
	      "a short read leaves the rest of the line for the next");
}

static void test_erase(void)
{
	reset();
	type("abc\x7f\x7f" "d\r");
	CHECK(output_is("abc\b \b\b \bd\r\n"), "VERASE (DEL) echoes \"\\b \\b\" per character");
	CHECK(read_is(rd(100, 0), "ad\n"), "erased characters are gone from the line");

	reset();
	type("\x7fx\r");
	CHECK(output_is("x\r\n") && read_is(rd(100, 0), "x\n"), "erase at the line start does nothing");

	reset();
	set_cc(VERASE, '\b');
	type("ab\b\x7f\r");
	CHECK(read_is(rd(100, 0), "a\x7f\n"), "VERASE set to ^H: ^H erases, DEL is then a plain byte");

	reset();
	type("a\x01\x7f\r");
	CHECK(output_is("a^A\b \b\b \b\r\n"), "a control character echoes as ^A and erases over two columns");
	CHECK(read_is(rd(100, 0), "a\n"), "...and is erased as one byte");

	reset();
	type("ab\t\x7f" "c\r");
	CHECK(output_is("ab\t\b\b\b\b\b\bc\r\n"), "erasing a tab backs up to where it began (column 2)");

	reset();
	set_modes(ECHOE, 0, 0, 0, TCSANOW);
	type("ab\x7f\r");
	CHECK(output_is("ab^?\r\n"), "without ECHOE the erase character itself is echoed (^?)");
}

static void test_kill_werase(void)
{
	reset();
	type("abc\x15xy\r");
	CHECK(output_is("abc\b \b\b \b\b \bxy\r\n"), "VKILL with ECHOKE rubs the line out");
	CHECK(read_is(rd(100, 0), "xy\n"), "VKILL drops the edited line");

	reset();
	set_modes(ECHOKE, 0, 0, 0, TCSANOW);
	type("abc\x15xy\r");
	CHECK(output_is("abc^U\r\nxy\r\n"), "VKILL without ECHOKE: ^U then NL (ECHOK)");
	CHECK(read_is(rd(100, 0), "xy\n"), "...same line dropped");

	reset();
	type("foo bar  \x17" "baz\r");
	CHECK(output_is("foo bar  \b \b\b \b\b \b\b \b\b \bbaz\r\n"),
	      "VWERASE rubs out the blanks and the word before them");
	CHECK(read_is(rd(100, 0), "foo baz\n"), "VWERASE drops one word");

	reset();
	set_modes(IEXTEN, 0, 0, 0, TCSANOW);
	type("ab\x17\r");
	CHECK(read_is(rd(100, 0), "ab\x17\n"), "without IEXTEN ^W is an ordinary byte");
}

static void test_utf8_erase(void)
{
	reset();
	set_modes(0, 0, 0, IUTF8, TCSANOW);
	type("a\xe2\x82\xac\x7f\r");	/* "a€", erase */
	CHECK(output_is("a\xe2\x82\xac\b \b\r\n"), "IUTF8: a 3-byte character is erased with one \"\\b \\b\"");
	CHECK(read_is(rd(100, 0), "a\n"), "IUTF8: all three bytes of it are gone");

	reset();
	type("a\xe2\x82\xac\x7f\r");
	CHECK(read_is(rd(100, 0), "a\xe2\x82\n"), "without IUTF8 erase takes one byte");
}

static void test_signals(void)
{
	reset();
	type("abc\x03");
	CHECK(nr_sigs == 1 && sigs[0] == SIGINT, "^C calls ops->signal with SIGINT (2)");
	CHECK(output_is("abc^C"), "^C is echoed as ^C");
	CHECK(tty_inq(&tty) == 0 && rd(100, O_NONBLOCK) == -EAGAIN, "^C flushed the pending input");
	type("x\r");
	CHECK(read_is(rd(100, 0), "x\n"), "input after ^C is a fresh line");

	reset();
	type("one\n" "two\x1c");
	CHECK(nr_sigs == 1 && sigs[0] == SIGQUIT, "^\\ sends SIGQUIT (3)");
	CHECK(tty_inq(&tty) == 0, "...and flushes typed-ahead complete lines too");
	type("\x1a");
	CHECK(nr_sigs == 2 && sigs[1] == SIGTSTP, "^Z sends SIGTSTP (20)");

	reset();
	set_modes(0, NOFLSH, 0, 0, TCSANOW);
	type("ab\x03" "c\r");
	CHECK(nr_sigs == 1 && read_is(rd(100, 0), "abc\n"), "NOFLSH: ^C signals but keeps the input");

	reset();
	set_modes(ISIG, 0, 0, 0, TCSANOW);
	type("a\x03\r");
	CHECK(nr_sigs == 0 && read_is(rd(100, 0), "a\x03\n"), "without ISIG ^C is data");

	reset();
	type("\x16\x03\r");
	CHECK(nr_sigs == 0 && read_is(rd(100, 0), "\x03\n"), "VLNEXT (^V) makes the next ^C literal");
	CHECK(output_is("^\b^C\r\n"), "^V echoes ^ and backs over it");
}

/* A reader asleep when ^C comes leaves with -ERESTARTSYS once the process layer says a signal is pending. */
static bool fake_pending(struct tty_struct *t)
{
	return pending;
}

static void fake_signal_pend(struct tty_struct *t, int sig)
{
	fake_signal(t, sig);
	pending = true;
}

static void test_interrupted_read(void)
{
	static const struct tty_operations ops = {
		.write = fake_write, .signal = fake_signal_pend, .signal_pending = fake_pending,
	};
	ssize_t n;

	reset();
	tty.ops = &ops;
	pending = false;
	type("partial");
	irq_later("\x03", 1);
	n = rd(100, 0);
	CHECK(n == -ERESTARTSYS && nr_sigs == 1 && sigs[0] == SIGINT,
	      "a sleeping reader is ended by ^C with -ERESTARTSYS (got %zd)", n);
	pending = false;
}

static void test_eof(void)
{
	reset();
	type("\x04");
	CHECK(rd(100, 0) == 0, "^D at the line start: read returns 0 (EOF)");
	CHECK(output_is(""), "^D is not echoed");
	type("ab\x04");
	CHECK(read_is(rd(100, 0), "ab"), "^D mid-line: the partial line, without the ^D");
	CHECK(rd(100, O_NONBLOCK) == -EAGAIN, "...and the ^D left no EOF behind");
	type("ab\x04" "c\n");
	CHECK(read_is(rd(2, 0), "ab") && read_is(rd(100, 0), "c\n"),
	      "a read that just fits the line takes its ^D, no false EOF");
	type("\x04\x04");
	CHECK(tty_inq(&tty) == 0, "FIONREAD does not count ^D markers");
	CHECK(rd(100, 0) == 0 && rd(100, 0) == 0, "two ^D: two EOFs");
}

static void test_raw(void)
{
	struct termios t;
	ssize_t n;

	reset();
	tty_get_termios(&tty, &t);
	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tty_set_termios(&tty, &t, TCSANOW);
	type("x");
	CHECK(read_is(rd(100, 0), "x") && output_is(""), "raw VMIN=1: one byte returned at once, no echo");
	type("\x7f\x03\x04");
	CHECK(read_is(rd(100, 0), "\x7f\x03\x04"), "raw: DEL, ^C, ^D are data");
	irq_later("q", 1);
	n = rd(100, 0);
	CHECK(read_is(n, "q") && sched_calls == 1, "raw VMIN=1: a reader sleeps for one byte");
	CHECK(rd(100, O_NONBLOCK) == -EAGAIN, "raw VMIN=1, nothing there: O_NONBLOCK gives -EAGAIN");

	t.c_cc[VMIN] = 0;
	tty_set_termios(&tty, &t, TCSANOW);
	sched_calls = 0;
	CHECK(rd(100, 0) == 0 && sched_calls == 0, "VMIN=0 VTIME=0: returns 0 at once");
	CHECK(rd(100, O_NONBLOCK) == 0, "VMIN=0 VTIME=0 with O_NONBLOCK: 0 too");

	t.c_cc[VTIME] = 5;
	tty_set_termios(&tty, &t, TCSANOW);
	jiffies = 0;
	CHECK(rd(100, 0) == 0 && jiffies == 50, "VMIN=0 VTIME=5: 0 after half a second (jiffies %lu)", jiffies);
	irq_later("z", 1);
	CHECK(read_is(rd(100, 0), "z"), "VMIN=0 VTIME=5: a byte within the time is returned");

	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 2;
	tty_set_termios(&tty, &t, TCSANOW);
	irq_later("a", 1);
	jiffies = 0;
	n = rd(100, 0);
	CHECK(read_is(n, "a") && jiffies == 20, "VMIN=3 VTIME=2: one byte, then the gap timer ends the read");
	irq_later("bc", 2);
	irq_later("de", 2);
	CHECK(read_is(rd(100, 0), "bcde"), "VMIN=3: returns once 3 or more bytes came");
	type("fgh");
	CHECK(read_is(rd(2, 0), "fg") && read_is(rd(1, 0), "h"), "VMIN above the count asked: the count is enough");
}

static void test_cbreak(void)
{
	reset();
	set_modes(ICANON, 0, 0, 0, TCSANOW);
	type("ab\x7f");
	CHECK(output_is("ab^?"), "cbreak: bytes are echoed (ECHO on, ECHOCTL)");
	CHECK(read_is(rd(100, 0), "ab\x7f"), "cbreak: returned at once, DEL not an erase");
	type("\x03");
	CHECK(nr_sigs == 1 && sigs[0] == SIGINT, "cbreak: ISIG still sends SIGINT");

	reset();
	type("half");
	set_modes(ICANON, 0, 0, 0, TCSANOW);
	CHECK(read_is(rd(100, 0), "half"), "leaving canonical mode makes the edited line readable");
}

static void test_input_flags(void)
{
	reset();
	set_modes(ICANON | ECHO, 0, 0, 0, TCSANOW);
	type("\r");
	CHECK(read_is(rd(100, 0), "\n"), "ICRNL: CR read as NL");
	set_modes(0, 0, ICRNL, 0, TCSANOW);
	type("\r");
	CHECK(read_is(rd(100, 0), "\r"), "without ICRNL: CR stays CR");
	set_modes(0, 0, 0, IGNCR, TCSANOW);
	type("\ra");
	CHECK(read_is(rd(100, 0), "a"), "IGNCR: CR dropped");
	set_modes(0, 0, IGNCR, INLCR, TCSANOW);
	type("\n");
	CHECK(read_is(rd(100, 0), "\r"), "INLCR: NL read as CR");
	set_modes(0, 0, INLCR, ISTRIP, TCSANOW);
	type("\xc1");
	CHECK(read_is(rd(100, 0), "A"), "ISTRIP: bit 7 cleared");

	reset();
	set_modes(0, 0, ICRNL, 0, TCSANOW);
	type("a\r");
	CHECK(rd(100, O_NONBLOCK) == -EAGAIN, "canonical, no ICRNL: CR does not end a line");

	reset();
	set_modes(ECHO, ECHONL, 0, 0, TCSANOW);
	type("pw\r");
	CHECK(output_is("\r\n") && read_is(rd(100, 0), "pw\n"), "ECHONL without ECHO: only the NL is echoed");
}

static void test_output(void)
{
	struct termios t;

	reset();
	CHECK(n_tty_write_kernel(&tty, "a\nb\n", 4, 0) == 4, "write takes all bytes");
	CHECK(output_is("a\r\nb\r\n"), "ONLCR: NL written as CR NL");
	tty_get_termios(&tty, &t);
	t.c_oflag &= ~OPOST;
	tty_set_termios(&tty, &t, TCSANOW);
	n_tty_write_kernel(&tty, "a\nb\n", 4, 0);
	CHECK(output_is("a\nb\n"), "without OPOST output is untouched");
	t.c_oflag |= OPOST | OCRNL;
	tty_set_termios(&tty, &t, TCSANOW);
	n_tty_write_kernel(&tty, "x\r", 2, 0);
	CHECK(output_is("x\n"), "OCRNL: CR written as NL (not then CR NL)");

	char big[1000];
	char want[2000];
	size_t w = 0;

	reset();
	for (size_t i = 0; i < sizeof(big); i++) {
		big[i] = i % 10 == 9 ? '\n' : 'a' + i % 26;
		if (big[i] == '\n')
			want[w++] = '\r';
		want[w++] = big[i];
	}
	want[w] = 0;
	CHECK(n_tty_write_kernel(&tty, big, sizeof(big), 0) == (ssize_t)sizeof(big) &&
	      output_is(want), "a 1000-byte write comes out whole and in order");
}

static void test_overflow(void)
{
	static char paste[5000];
	ssize_t n, got = 0;
	bool intact = true;

	for (size_t i = 0; i < sizeof(paste); i++)
		paste[i] = 'A' + i % 23;
	reset();
	set_modes(ICANON | ECHO, 0, 0, 0, TCSANOW);
	type_chunks(paste, sizeof(paste), 16);
	CHECK(tty.rx_dropped == 5000 - N_TTY_BUF_SIZE, "raw paste of 5000: %lu dropped", tty.rx_dropped);
	CHECK(tty_inq(&tty) == N_TTY_BUF_SIZE, "the ring holds 4096");
	while ((n = rd(1000, O_NONBLOCK)) > 0) {
		intact &= !memcmp(rbuf, paste + got, n);
		got += n;
	}
	CHECK(got == N_TTY_BUF_SIZE && intact, "the first 4096 bytes read back unchanged (%zd)", got);
	type("ok");
	CHECK(read_is(rd(100, 0), "ok"), "after the overflow input flows again");

	reset();
	type_chunks(paste, sizeof(paste), 16);
	out_len = 0;
	type("\r");
	CHECK(tty.rx_dropped == 5000 - (N_TTY_BUF_SIZE - 1), "canonical paste: %lu dropped", tty.rx_dropped);
	CHECK(output_is("\r\n"), "the line end is still accepted and echoed");
	n = rd(sizeof(rbuf), 0);
	CHECK(n == N_TTY_BUF_SIZE && !memcmp(rbuf, paste, N_TTY_BUF_SIZE - 1) &&
	      rbuf[N_TTY_BUF_SIZE - 1] == '\n', "canonical: a 4095-byte line plus its NL (%zd)", n);
}

static void test_flow_control(void)
{
	ssize_t n;

	reset();
	type("\x13");
	CHECK(tty.stopped, "^S stops output (IXON)");
	CHECK(n_tty_write_kernel(&tty, "hi", 2, O_NONBLOCK) == -EAGAIN && output_is(""),
	      "stopped: an O_NONBLOCK write gives -EAGAIN, nothing sent");
	type("x");
	CHECK(output_is(""), "stopped: echo is held");
	type("\x11");
	CHECK(!tty.stopped && output_is("x"), "^Q restarts output and the held echo comes out");
	type("\r");
	CHECK(read_is(rd(100, 0), "x\n"), "^S and ^Q are not input");

	out_len = 0;
	type("\x13");
	irq_later("\x11", 1);
	n = n_tty_write_kernel(&tty, "hi\n", 3, 0);
	CHECK(n == 3 && output_is("hi\r\n") && irq_next == 1, "a writer sleeps while stopped until ^Q");

	reset();
	set_modes(0, 0, 0, IXANY, TCSANOW);
	type("\x13" "k");
	CHECK(!tty.stopped && output_is("k"), "IXANY: any byte restarts output");

	reset();
	type("\x13");
	set_modes(0, 0, IXON, 0, TCSANOW);
	CHECK(!tty.stopped, "turning IXON off restarts output");
	type("\x13\r");
	CHECK(read_is(rd(100, 0), "\x13\n"), "without IXON ^S is data");
}

static void test_termios_actions(void)
{
	reset();
	type("old line\r" "half");
	CHECK(set_modes(0, 0, 0, 0, TCSAFLUSH) == 0 && tty_inq(&tty) == 0 &&
	      rd(100, O_NONBLOCK) == -EAGAIN, "TCSETSF drops unread input");
	type("keep\r");
	CHECK(set_modes(0, 0, 0, 0, TCSANOW) == 0 && read_is(rd(100, 0), "keep\n"), "TCSETS keeps it");

	reset();
	type("\x13" "e");
	irq_later("\x11", 1);
	CHECK(set_modes(ECHO, 0, 0, 0, TCSADRAIN) == 0 && irq_next == 1 && output_is("e"),
	      "TCSETSW waits until held output has drained (^Q came while it slept)");

	reset();
	type("abc\rde");
	CHECK(tty_tcflush(&tty, TCIFLUSH) == 0 && tty_inq(&tty) == 0, "tcflush(TCIFLUSH) drops input");
	type("\x13" "z");
	CHECK(tty_tcflush(&tty, TCOFLUSH) == 0, "tcflush(TCOFLUSH)");
	type("\x11");
	CHECK(output_is("abc\r\nde"), "TCOFLUSH dropped the held echo");
	CHECK(tty_tcflush(&tty, 9) == -EINVAL, "tcflush of an unknown queue: -EINVAL");
}

static void test_winsize(void)
{
	struct winsize ws;

	reset();
	tty_get_winsize(&tty, &ws);
	CHECK(ws.ws_row == 24 && ws.ws_col == 80, "the window starts 80x24");
	ws.ws_row = 50;
	ws.ws_col = 132;
	tty_set_winsize(&tty, &ws);
	CHECK(nr_sigs == 1 && sigs[0] == SIGWINCH, "TIOCSWINSZ with a new size sends SIGWINCH (28)");
	tty_set_winsize(&tty, &ws);
	CHECK(nr_sigs == 1, "the same size again sends nothing");
	memset(&ws, 0, sizeof(ws));
	tty_get_winsize(&tty, &ws);
	CHECK(ws.ws_row == 50 && ws.ws_col == 132, "TIOCGWINSZ reads it back");
}

static void test_reprint(void)
{
	reset();
	type("ab\x12");
	CHECK(output_is("ab^R\r\nab"), "VREPRINT (^R) shows the line again on a new line");
}

/* ==== the process layer, as the tty's character device sees it ==== */

/* Processes: current (host_task) and others, each a thread-group leader with its signal_struct. */
spinlock_t tasklist_lock = __SPIN_LOCK_UNLOCKED;
struct task_struct init_task;
static struct signal_struct cur_sig;
/* cur_sig's process as the others see it, when current plays another one. */
static struct task_struct me_task = { .pid = 100, .tgid = 100, .comm = "me" };
static struct task_struct bg_task = { .pid = 200, .tgid = 200, .comm = "bg" };
static struct signal_struct bg_sig;
static struct task_struct other_task = { .pid = 300, .tgid = 300, .comm = "other" };
static struct signal_struct other_sig;

static struct { int pgrp, sig, priv; } kills[16];
static int nr_kills;
static unsigned long ignored;	/* sigmask of what current blocks or ignores */
static bool orphaned;		/* is_current_pgrp_orphaned's answer */
static bool kill_sets_pending;	/* a kill of current's group makes a signal pending */

int kill_pgrp(int pgrp, int sig, int priv)
{
	if (spin_is_locked(&tasklist_lock) || spin_is_locked(&tty.lock))
		write_unlocked = true;	/* never called under the tty's locks */
	if (nr_kills < 16)
		kills[nr_kills++] = (typeof(kills[0])){ pgrp, sig, priv };
	if (kill_sets_pending && pgrp == current->signal->pgrp)
		pending = true;
	return 0;
}

bool is_ignored(int sig)
{
	return ignored & sigmask(sig);
}

bool is_current_pgrp_orphaned(void)
{
	return orphaned;
}

bool signal_pending(struct task_struct *p)
{
	return pending;
}

int task_pgrp_nr(const struct task_struct *t)
{
	return t->signal ? t->signal->pgrp : 0;
}

int task_session_nr(const struct task_struct *t)
{
	return t->signal ? t->signal->session : 0;
}

static const struct file_operations *chrdevs[8];

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (major >= 8 || chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return 0;
}

/* The driver: its open and close are counted. */
static int drv_opens, drv_closes;

static int fake_open(struct tty_struct *t)
{
	drv_opens++;
	return 0;
}

static void fake_close(struct tty_struct *t)
{
	drv_closes++;
}

static const struct tty_operations proc_ops = {
	.write = fake_write,
	.open = fake_open,
	.close = fake_close,
	.signal = tty_signal_pgrp,
	.signal_pending = tty_signal_pending_current,
	.job_control = tty_job_control,
};

#define PGRP_ME		100	/* current: pid 100, leader of session 100 */
#define PGRP_BG		200	/* another group of session 100 */
#define SID_OTHER	300	/* another session */
#define BAD_UPTR	16	/* a user address that faults (the host uaccess shim's page 0) */

static void set_sig(struct signal_struct *sig, int pgrp, int session, bool leader)
{
	memset(sig, 0, sizeof(*sig));
	sig->pgrp = pgrp;
	sig->session = session;
	sig->leader = leader;
}

/*
 * The console tty with the process layer's hooks, and a fresh world:
 * current leads session 100 (no controlling tty), bg is group 200 of it,
 * other leads session 300; nothing blocked, nothing pending, root.
 */
static void reset_proc(void)
{
	reset();
	tty.ops = &proc_ops;
	tty.dev = MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR);
	set_sig(&cur_sig, PGRP_ME, PGRP_ME, true);
	set_sig(&bg_sig, PGRP_BG, PGRP_ME, false);
	set_sig(&other_sig, SID_OTHER, SID_OTHER, true);
	host_task.signal = &cur_sig;
	host_task.cred.euid = 0;
	nr_kills = 0;
	ignored = 0;
	orphaned = false;
	pending = false;
	kill_sets_pending = false;
	drv_opens = drv_closes = 0;
}

/* Once: the process list and the registered devices. */
static void setup_proc_world(void)
{
	INIT_LIST_HEAD(&init_task.tasks);
	list_add_tail(&host_task.tasks, &init_task.tasks);
	list_add_tail(&me_task.tasks, &init_task.tasks);
	list_add_tail(&bg_task.tasks, &init_task.tasks);
	list_add_tail(&other_task.tasks, &init_task.tasks);
	host_task.group_leader = &host_task;
	bg_task.group_leader = &bg_task;
	other_task.group_leader = &other_task;
	host_task.tgid = host_task.pid = PGRP_ME;
	me_task.group_leader = &me_task;
	me_task.signal = &cur_sig;
	bg_task.signal = &bg_sig;
	other_task.signal = &other_sig;
}

/* An open file on device @dev. */
struct tfile {
	struct inode inode;
	struct file file;
};

static int topen(struct tfile *f, dev_t dev, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	f->inode.i_rdev = dev;
	f->file.f_inode = &f->inode;
	f->file.f_flags = flags;
	f->file.f_mode = FMODE_READ | FMODE_WRITE;
	return tty_fops.open(&f->inode, &f->file);
}

static void tclose(struct tfile *f)
{
	tty_fops.release(&f->inode, &f->file);
}

static long tioctl(struct tfile *f, unsigned int cmd, void *arg)
{
	return tty_fops.unlocked_ioctl(&f->file, cmd, (unsigned long)arg);
}

static long tioctl_int(struct tfile *f, unsigned int cmd, int *val)
{
	return tioctl(f, cmd, val);
}

/* read(2) and write(2) through the file operations. */
static ssize_t fread_(struct tfile *f, size_t nr)
{
	struct kvec kv = { .iov_base = rbuf, .iov_len = nr };
	struct kiocb kio = { .ki_filp = &f->file };
	struct iov_iter to;

	memset(rbuf, 0, sizeof(rbuf));
	iov_iter_kvec(&to, READ, &kv, 1, nr);
	return tty_fops.read_iter(&kio, &to);
}

static ssize_t fwrite_(struct tfile *f, const char *s)
{
	struct kvec kv = { .iov_base = (void *)s, .iov_len = strlen(s) };
	struct kiocb kio = { .ki_filp = &f->file };
	struct iov_iter from;

	iov_iter_kvec(&from, WRITE, &kv, 1, strlen(s));
	return tty_fops.write_iter(&kio, &from);
}

/* Was exactly one kill_pgrp(@pgrp, @sig, 1) made since the last reset? */
static bool killed_once(int pgrp, int sig)
{
	return nr_kills == 1 && kills[0].pgrp == pgrp && kills[0].sig == sig && kills[0].priv == 1;
}

/* current opens ttyS0 as a session leader: its controlling tty, foreground group 100. */
static void open_ctty(struct tfile *f)
{
	if (topen(f, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) || cur_sig.tty != &tty)
		abort();
}

static void test_devices(void)
{
	struct tfile a, b, c;
	int err;

	reset_proc();
	CHECK(chrdevs[TTY_MAJOR] == &tty_fops && chrdevs[TTYAUX_MAJOR] == &tty_fops,
	      "tty_chrdev_init registers majors 4 (ttyS) and 5 (tty, console)");
	CHECK(tty_register(&tty, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), false) == -EBUSY &&
	      tty_register(&tty, MKDEV(TTY_MAJOR, 63), false) == -EINVAL &&
	      tty_register(&tty, MKDEV(TTYAUX_MAJOR, 64), false) == -EINVAL &&
	      tty_register(&tty, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR + TTY_NR_MINORS), false) == -EINVAL,
	      "tty_register: a taken number -EBUSY, one outside 4:64.. -EINVAL");
	CHECK(tty_devnum(&tty) == MKDEV(4, 64) && tty_devnum(NULL) == 0, "tty_devnum: ttyS0 is 4:64, none 0");
	CHECK(topen(&a, MKDEV(TTYAUX_MAJOR, 0), O_RDWR) == -ENXIO,
	      "/dev/tty without a controlling tty: -ENXIO");
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR + 1), O_RDWR) == -ENXIO &&
	      topen(&a, MKDEV(TTYAUX_MAJOR, 2), O_RDWR) == -ENXIO, "an unregistered tty: -ENXIO");

	err = topen(&a, MKDEV(TTYAUX_MAJOR, 1), O_RDWR);
	CHECK(!err && a.file.private_data == &tty && drv_opens == 1 && tty.count == 1,
	      "/dev/console opens the console's tty, the driver's open runs");
	CHECK(!cur_sig.tty && !tty.session, "a session leader opening /dev/console gets no controlling tty (Linux)");
	CHECK(topen(&b, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR | O_NOCTTY) == 0 && !cur_sig.tty &&
	      drv_opens == 1 && tty.count == 2, "ttyS0 with O_NOCTTY: no controlling tty; the driver opened once");
	CHECK(topen(&c, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 && cur_sig.tty == &tty &&
	      tty.session == PGRP_ME && tty.pgrp == PGRP_ME,
	      "a session leader without one opening ttyS0 acquires it (session and foreground: its own)");
	tclose(&c);
	CHECK(topen(&c, MKDEV(TTYAUX_MAJOR, 0), O_RDWR) == 0 && c.file.private_data == &tty,
	      "/dev/tty then opens the controlling tty");
	CHECK(tty_fops.llseek(&c.file, 0, 0) == -ESPIPE, "a tty cannot seek");
	tclose(&c);
	tclose(&b);
	CHECK(drv_closes == 0 && tty.count == 1, "closes before the last leave the driver running");
	tclose(&a);
	CHECK(drv_closes == 1 && tty.count == 0, "the last close calls the driver's close");
	CHECK(cur_sig.tty == &tty, "the controlling tty outlives its files");

	reset_proc();
	cur_sig.leader = false;
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 && !cur_sig.tty,
	      "a process that leads no session does not acquire a tty by opening it");
	tclose(&a);
	cur_sig.leader = true;
	tty.session = tty.pgrp = SID_OTHER;
	other_sig.tty = &tty;
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 && !cur_sig.tty,
	      "nor one another session has");
	tclose(&a);
	other_sig.tty = NULL;	/* that session ended without disassociate_ctty */
	other_task.exit_state = EXIT_ZOMBIE;
	other_sig.tty = &tty;
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 && cur_sig.tty == &tty &&
	      tty.session == PGRP_ME && tty.pgrp == PGRP_ME,
	      "a tty whose session has no live process left is free: the opener acquires it");
	tclose(&a);
	other_task.exit_state = 0;
	other_sig.tty = NULL;
	cur_sig.tty = NULL;
	tty.session = tty.pgrp = SID_OTHER;
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR | O_NOCTTY) == 0 &&
	      tioctl(&a, TIOCSCTTY, NULL) == 0 && cur_sig.tty == &tty && tty.session == PGRP_ME,
	      "...and TIOCSCTTY (arg 0) takes it (init's next shell after the last one exited)");
	tclose(&a);
	cur_sig.tty = NULL;
	host_task.signal = NULL;
	CHECK(topen(&a, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 &&
	      topen(&b, MKDEV(TTYAUX_MAJOR, 0), O_RDWR) == -ENXIO, "a kernel thread (no signal_struct) opens ttys, has none");
	tclose(&a);
}

static void test_termios_ioctls(void)
{
	struct termios t;
	struct winsize ws = { 0 };
	struct tfile f;
	int n = -1;

	reset_proc();
	open_ctty(&f);
	CHECK(tioctl(&f, TCGETS, &t) == 0 && t.c_lflag == tty_std_termios.c_lflag &&
	      t.c_cc[VINTR] == 3, "TCGETS copies the termios out");
	CHECK(tioctl(&f, TCGETS, (void *)BAD_UPTR) == -EFAULT, "TCGETS to a bad pointer: -EFAULT");
	t.c_lflag &= ~ECHO;
	CHECK(tioctl(&f, TCSETS, &t) == 0 && !(tty.termios.c_lflag & ECHO), "TCSETS sets it");
	type("pw\r");
	CHECK(output_is(""), "...and the change holds (no echo)");
	CHECK(tioctl_int(&f, FIONREAD, &n) == 0 && n == 3, "FIONREAD: 3 bytes (got %d)", n);
	t.c_lflag |= ECHO;
	CHECK(tioctl(&f, TCSETSF, &t) == 0 && tty_inq(&tty) == 0 && (tty.termios.c_lflag & ECHO),
	      "TCSETSF sets it and drops the unread line");
	CHECK(tioctl(&f, TCSETSW, &t) == 0, "TCSETSW");
	CHECK(tioctl(&f, TCSETS, (void *)BAD_UPTR) == -EFAULT, "TCSETS from a bad pointer: -EFAULT");
	CHECK(tioctl_int(&f, TIOCOUTQ, &n) == 0 && n == 0, "TIOCOUTQ: nothing queued (polled UART)");

	CHECK(tioctl(&f, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80, "TIOCGWINSZ: 80x24");
	ws.ws_col = 100;
	CHECK(tioctl(&f, TIOCSWINSZ, &ws) == 0 && killed_once(PGRP_ME, SIGWINCH),
	      "TIOCSWINSZ: SIGWINCH to the foreground group (kill_pgrp(100, 28, 1))");
	CHECK(tioctl(&f, TIOCSWINSZ, (void *)BAD_UPTR) == -EFAULT, "TIOCSWINSZ from a bad pointer: -EFAULT");

	type("abc\rde");
	CHECK(tioctl(&f, TCFLSH, (void *)TCIFLUSH) == 0 && tty_inq(&tty) == 0, "TCFLSH TCIFLUSH drops input");
	CHECK(tioctl(&f, TCFLSH, (void *)7) == -EINVAL, "TCFLSH of no queue: -EINVAL");
	out_len = 0;
	CHECK(tioctl(&f, TCXONC, (void *)TCOOFF) == 0 && tty.stopped, "TCXONC TCOOFF stops output");
	type("z");
	CHECK(output_is(""), "...echo held");
	CHECK(tioctl(&f, TCXONC, (void *)TCOON) == 0 && !tty.stopped && output_is("z"),
	      "TCXONC TCOON restarts it, the held echo comes out");
	CHECK(tioctl(&f, TCXONC, (void *)TCIOFF) == 0 && output_is("\x13") &&
	      tioctl(&f, TCXONC, (void *)TCION) == 0 && output_is("\x11"),
	      "TCXONC TCIOFF / TCION send VSTOP / VSTART");
	CHECK(tioctl(&f, TCXONC, (void *)9) == -EINVAL, "TCXONC of no action: -EINVAL");
	CHECK(tioctl(&f, TCSBRK, (void *)1) == 0, "TCSBRK (tcdrain) returns once output drained");
	CHECK(tioctl(&f, 0x5499, NULL) == -ENOIOCTLCMD, "an unknown ioctl: -ENOIOCTLCMD (-ENOTTY to the user)");
	tclose(&f);
}

static void test_ctty_ioctls(void)
{
	struct tfile f, g;
	int v = -1;

	reset_proc();
	CHECK(topen(&f, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR | O_NOCTTY) == 0, "open O_NOCTTY");
	CHECK(tioctl_int(&f, TIOCGPGRP, &v) == -ENOTTY && tioctl_int(&f, TIOCGSID, &v) == -ENOTTY,
	      "TIOCGPGRP / TIOCGSID on a tty that is not ours: -ENOTTY");
	v = PGRP_ME;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -ENOTTY, "TIOCSPGRP on a tty that is not ours: -ENOTTY");
	CHECK(tioctl(&f, TIOCNOTTY, NULL) == -ENOTTY, "TIOCNOTTY on a tty that is not ours: -ENOTTY");
	cur_sig.leader = false;
	CHECK(tioctl(&f, TIOCSCTTY, NULL) == -EPERM && !cur_sig.tty, "TIOCSCTTY by a non-leader: -EPERM");
	cur_sig.leader = true;
	CHECK(tioctl(&f, TIOCSCTTY, NULL) == 0 && cur_sig.tty == &tty && tty.session == PGRP_ME &&
	      tty.pgrp == PGRP_ME, "TIOCSCTTY by a session leader without one: it is ours");
	CHECK(tioctl(&f, TIOCSCTTY, NULL) == 0, "TIOCSCTTY again: 0 (already ours)");
	CHECK(tioctl_int(&f, TIOCGPGRP, &v) == 0 && v == PGRP_ME, "TIOCGPGRP: 100");
	CHECK(tioctl_int(&f, TIOCGSID, &v) == 0 && v == PGRP_ME, "TIOCGSID: 100");
	CHECK(tioctl(&f, TIOCGPGRP, (void *)BAD_UPTR) == -EFAULT, "TIOCGPGRP to a bad pointer: -EFAULT");

	v = -5;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -EINVAL, "TIOCSPGRP of a negative id: -EINVAL");
	v = 999;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -ESRCH, "TIOCSPGRP of no such group: -ESRCH");
	v = SID_OTHER;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -EPERM && tty.pgrp == PGRP_ME,
	      "TIOCSPGRP of another session's group: -EPERM");
	v = PGRP_BG;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == 0 && tty.pgrp == PGRP_BG && nr_kills == 0,
	      "TIOCSPGRP of a group of our session: the foreground is 200");
	v = PGRP_ME;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -ERESTARTSYS && tty.pgrp == PGRP_BG &&
	      killed_once(PGRP_ME, SIGTTOU), "TIOCSPGRP from the background: SIGTTOU to our group, -ERESTARTSYS");
	nr_kills = 0;
	ignored = sigmask(SIGTTOU);
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == 0 && tty.pgrp == PGRP_ME && nr_kills == 0,
	      "...with SIGTTOU ignored or blocked it goes ahead (a shell taking the terminal back)");
	ignored = 0;
	tty.pgrp = PGRP_BG;
	orphaned = true;
	CHECK(tioctl_int(&f, TIOCSPGRP, &v) == -ENOTTY && nr_kills == 0,
	      "...from an orphaned background group: -ENOTTY (tty_check_change's -EIO)");
	orphaned = false;
	tty.pgrp = PGRP_ME;

	/* Another session's leader steals it: only root, only with arg 1. */
	host_task.signal = &other_sig;
	CHECK(topen(&g, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_RDWR) == 0 && !other_sig.tty,
	      "another session's leader opening our tty does not get it");
	CHECK(tioctl(&g, TIOCSCTTY, NULL) == -EPERM, "TIOCSCTTY of another session's tty, arg 0: -EPERM");
	host_task.cred.euid = 1000;
	CHECK(tioctl(&g, TIOCSCTTY, (void *)1) == -EPERM, "...arg 1 but not root: -EPERM");
	host_task.cred.euid = 0;
	CHECK(tioctl(&g, TIOCSCTTY, (void *)1) == 0 && other_sig.tty == &tty && !cur_sig.tty &&
	      tty.session == SID_OTHER && tty.pgrp == SID_OTHER,
	      "...arg 1 as root: stolen, the old session has no controlling tty any more");
	tclose(&g);

	/* TIOCNOTTY: a member drops only its own; the leader the session's, with SIGHUP + SIGCONT. */
	reset_proc();
	open_ctty(&f);
	bg_sig.tty = &tty;
	tty.pgrp = PGRP_BG;
	host_task.signal = &bg_sig;
	CHECK(tioctl(&f, TIOCNOTTY, NULL) == 0 && !bg_sig.tty && cur_sig.tty == &tty &&
	      tty.session == PGRP_ME && nr_kills == 0, "TIOCNOTTY by a member: only it lets go");
	bg_sig.tty = &tty;
	host_task.signal = &cur_sig;
	CHECK(tioctl(&f, TIOCNOTTY, NULL) == 0 && !cur_sig.tty && !bg_sig.tty && !tty.session &&
	      !tty.pgrp, "TIOCNOTTY by the leader: the session loses the tty");
	CHECK(nr_kills == 2 && kills[0].pgrp == PGRP_BG && kills[0].sig == SIGHUP &&
	      kills[1].pgrp == PGRP_BG && kills[1].sig == SIGCONT,
	      "...and the foreground group gets SIGHUP then SIGCONT");
	open_ctty(&g);
	nr_kills = 0;
	disassociate_ctty(1);
	CHECK(!cur_sig.tty && !tty.session && nr_kills == 1 && kills[0].sig == SIGHUP && kills[0].priv == 1,
	      "disassociate_ctty(1) (a leader exits): SIGHUP only");
	tclose(&g);
	tclose(&f);

	reset_proc();
	CHECK(topen(&f, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), O_WRONLY | O_NOCTTY) == 0, "open O_WRONLY");
	f.file.f_mode = FMODE_WRITE;
	host_task.cred.euid = 1000;
	CHECK(tioctl(&f, TIOCSCTTY, NULL) == -EPERM && !cur_sig.tty,
	      "TIOCSCTTY on a file not open for reading, not root: -EPERM");
	tclose(&f);
}

static void test_job_control(void)
{
	struct termios t;
	struct tfile f;
	ssize_t n;

	reset_proc();
	open_ctty(&f);
	type("hi\r");
	CHECK(read_is(fread_(&f, 100), "hi\n") && nr_kills == 0, "the foreground group reads");
	tty.pgrp = PGRP_BG;
	type("bg\r");
	out_len = 0;
	n = fread_(&f, 100);
	CHECK(n == -ERESTARTSYS && killed_once(PGRP_ME, SIGTTIN) && tty_inq(&tty) == 3,
	      "a background read: SIGTTIN to the reader's group, -ERESTARTSYS, the input stays (%zd)", n);
	nr_kills = 0;
	ignored = sigmask(SIGTTIN);
	CHECK(fread_(&f, 100) == -EIO && nr_kills == 0, "...with SIGTTIN ignored or blocked: -EIO, no signal");
	ignored = 0;
	orphaned = true;
	CHECK(fread_(&f, 100) == -EIO && nr_kills == 0, "...from an orphaned group: -EIO, no signal");
	orphaned = false;
	cur_sig.tty = NULL;
	CHECK(read_is(fread_(&f, 100), "bg\n") && nr_kills == 0,
	      "a tty that is not the reader's controlling tty: no job control");
	cur_sig.tty = &tty;

	CHECK(fwrite_(&f, "out\n") == 4 && output_is("out\r\n") && nr_kills == 0,
	      "a background write without TOSTOP goes out");
	CHECK(tioctl(&f, TCGETS, &t) == 0 && nr_kills == 0, "TCGETS from the background is allowed");
	t.c_lflag |= TOSTOP;
	CHECK(tioctl(&f, TCSETS, &t) == -ERESTARTSYS && killed_once(PGRP_ME, SIGTTOU) &&
	      !(tty.termios.c_lflag & TOSTOP), "TCSETS from the background: SIGTTOU, -ERESTARTSYS, unchanged");
	nr_kills = 0;
	CHECK(tioctl(&f, TCFLSH, (void *)TCIFLUSH) == -ERESTARTSYS && killed_once(PGRP_ME, SIGTTOU),
	      "TCFLSH from the background: SIGTTOU too");
	nr_kills = 0;
	orphaned = true;
	CHECK(tioctl(&f, TCSETS, &t) == -EIO && nr_kills == 0, "TCSETS from an orphaned background group: -EIO");
	orphaned = false;
	ignored = sigmask(SIGTTOU);
	CHECK(tioctl(&f, TCSETS, &t) == 0 && (tty.termios.c_lflag & TOSTOP) && nr_kills == 0,
	      "TCSETS with SIGTTOU ignored or blocked: applied");
	ignored = 0;

	n = fwrite_(&f, "no\n");
	CHECK(n == -ERESTARTSYS && killed_once(PGRP_ME, SIGTTOU) && output_is(""),
	      "TOSTOP: a background write gets SIGTTOU and -ERESTARTSYS, nothing written (%zd)", n);
	nr_kills = 0;
	ignored = sigmask(SIGTTOU);
	CHECK(fwrite_(&f, "yes\n") == 4 && output_is("yes\r\n") && nr_kills == 0,
	      "TOSTOP with SIGTTOU ignored or blocked: written");
	ignored = 0;
	orphaned = true;
	CHECK(fwrite_(&f, "x") == -EIO && nr_kills == 0, "TOSTOP from an orphaned group: -EIO");
	orphaned = false;
	tty.pgrp = PGRP_ME;
	CHECK(fwrite_(&f, "fg\n") == 3 && output_is("fg\r\n"), "TOSTOP: the foreground group writes");
	tty.pgrp = 0;
	CHECK(read_is((type("z\r"), fread_(&f, 100)), "z\n") && nr_kills == 0,
	      "no foreground group at all: reads go ahead");
	tclose(&f);
}

static void test_signal_chars_pgrp(void)
{
	struct tfile f;
	ssize_t n;

	reset_proc();
	open_ctty(&f);
	tty.pgrp = PGRP_BG;
	type("typed\x03");
	CHECK(killed_once(PGRP_BG, SIGINT) && tty_inq(&tty) == 0,
	      "^C: SIGINT to the foreground group (kill_pgrp(200, 2, 1)), input flushed");
	nr_kills = 0;
	type("line\r\x1c");
	CHECK(killed_once(PGRP_BG, SIGQUIT) && tty_inq(&tty) == 0, "^\\: SIGQUIT, typed-ahead line flushed");
	nr_kills = 0;
	type("\x1a");
	CHECK(killed_once(PGRP_BG, SIGTSTP), "^Z: SIGTSTP");
	tty.pgrp = 0;
	nr_kills = 0;
	type("\x03");
	CHECK(nr_kills == 0, "no foreground group: ^C signals nobody");

	tty.pgrp = PGRP_ME;
	kill_sets_pending = true;
	type("half");
	irq_later("\x03", 1);
	n = fread_(&f, 100);
	CHECK(n == -ERESTARTSYS && killed_once(PGRP_ME, SIGINT),
	      "a reader asleep in the foreground: ^C, then its read ends -ERESTARTSYS (%zd)", n);
	pending = false;
	CHECK(!write_unlocked, "kill_pgrp was never called under tty->lock or tasklist_lock");
	tclose(&f);
}

/* A poll table that records the queues ->poll names. */
static wait_queue_head_t *polled[4];
static int nr_polled;

static void record_poll(struct file *file, wait_queue_head_t *wq, struct poll_table_struct *pt)
{
	if (nr_polled < 4)
		polled[nr_polled++] = wq;
}

static void test_poll(void)
{
	poll_table pt = { ._qproc = record_poll };
	struct termios t;
	struct tfile f;
	unsigned int m;

	reset_proc();
	open_ctty(&f);
	nr_polled = 0;
	m = tty_fops.poll(&f.file, &pt);
	CHECK(m == (POLLOUT | POLLWRNORM) && nr_polled == 1 && polled[0] == &tty.read_wait,
	      "poll, no input: POLLOUT only, the poller waits on read_wait (0x%x)", m);
	type("ab");
	CHECK(!(tty_fops.poll(&f.file, NULL) & POLLIN), "canonical, a partial line: no POLLIN");
	type("\r");
	CHECK(tty_fops.poll(&f.file, NULL) == (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM),
	      "a complete line: POLLIN");
	fread_(&f, 100);
	type("\x04");
	CHECK(tty_fops.poll(&f.file, NULL) & POLLIN, "^D alone: POLLIN (the read returns 0)");
	fread_(&f, 100);

	tty_get_termios(&tty, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	tty_set_termios(&tty, &t, TCSANOW);
	type("xy");
	CHECK(!(tty_fops.poll(&f.file, NULL) & POLLIN), "raw VMIN=3 VTIME=0, 2 bytes: no POLLIN");
	type("z");
	CHECK(tty_fops.poll(&f.file, NULL) & POLLIN, "...3 bytes: POLLIN");
	fread_(&f, 100);
	t.c_cc[VTIME] = 5;
	tty_set_termios(&tty, &t, TCSANOW);
	type("q");
	CHECK(tty_fops.poll(&f.file, NULL) & POLLIN, "raw VMIN=3 VTIME=5: one byte is POLLIN");
	tclose(&f);
}

static void test_take_input(void)
{
	unsigned char buf[16];
	size_t n;

	reset();
	type("one\rtw\x7fo half\x04x");
	n = n_tty_take_input(&tty, buf, sizeof(buf));
	CHECK(n == 13 && !memcmp(buf, "one\nto half\x04x", 13) && tty_inq(&tty) == 0 &&
	      rd(100, O_NONBLOCK) == -EAGAIN,
	      "n_tty_take_input: the unread input as edited (NL, erase done, VEOF kept), the edited line too; none left");
	type("abcdefghij\r");
	CHECK(n_tty_take_input(&tty, buf, 4) == 4 && !memcmp(buf, "abcd", 4) && tty_inq(&tty) == 0,
	      "...at most @max bytes, the oldest; the rest is dropped");
	type("ok\r");
	CHECK(read_is(rd(100, 0), "ok\n"), "...and the ring is usable afterwards");
}

/* Type-ahead: lines typed while nobody reads are all kept, in order, and read later. */
static void test_typeahead(void)
{
	struct tfile f;
	char want[40];

	reset_proc();
	open_ctty(&f);
	for (int i = 0; i < 10; i++) {
		snprintf(want, sizeof(want), "cmd%d\r", i);
		type_chunks(want, strlen(want), 3);
	}
	bool ok = true;

	for (int i = 0; i < 10; i++) {
		snprintf(want, sizeof(want), "cmd%d\n", i);
		ok &= read_is(fread_(&f, 100), want);
	}
	CHECK(ok && tty.rx_dropped == 0, "10 lines typed ahead in 3-byte interrupts: each read in order");
	f.file.f_flags |= O_NONBLOCK;
	CHECK(fread_(&f, 100) == -EAGAIN, "then O_NONBLOCK (the file's flag): -EAGAIN");
	tclose(&f);
}

int main(void)
{
	for (int i = 0; i < NR_CPUS; i++)
		cpu_data[i].curr = &host_task;
	test_defaults();
	test_plain_line();
	test_blocking_read();
	test_erase();
	test_kill_werase();
	test_utf8_erase();
	test_signals();
	test_interrupted_read();
	test_eof();
	test_raw();
	test_cbreak();
	test_input_flags();
	test_output();
	test_overflow();
	test_flow_control();
	test_termios_actions();
	test_winsize();
	test_reprint();

	setup_proc_world();
	CHECK(tty_chrdev_init() == 0 && tty_register(&tty, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR), true) == 0,
	      "the char devices and ttyS0 (the console) register");
	test_devices();
	test_termios_ioctls();
	test_ctty_ioctls();
	test_job_control();
	test_signal_chars_pgrp();
	test_poll();
	test_typeahead();
	test_take_input();
	return test_exit();
}
