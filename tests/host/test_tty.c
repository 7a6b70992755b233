/*
 * Host tests for the line discipline (drivers/tty/n_tty.c, tty_io.c):
 * bytes arrive as a terminal sends them, in chunks, from a simulated
 * interrupt (n_tty_receive_buf); the checks look at what read() returns,
 * what is echoed through the driver's write, and which signals go out.
 * The scheduler here is a shim: a sleeping reader or writer lets the next
 * scripted "interrupt" happen, and a timed sleep moves jiffies on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/highmem.h>
#include <linux/fs.h>
#include "test.h"

/* ---- the scheduler shim: one task, interrupts from a script ---- */

struct cpu_info cpu_data[NR_CPUS];
static struct task_struct host_task = { .state = TASK_RUNNING, .pid = 1, .comm = "tty-test" };
volatile unsigned long jiffies;
unsigned int HZ = 100;
unsigned long riscv_timebase = 10000000;

static struct tty_struct tty;
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

/* A reader asleep when ^C comes leaves with -EINTR once the process layer says a signal is pending. */
static bool pending;
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
	CHECK(n == -EINTR && nr_sigs == 1 && sigs[0] == SIGINT,
	      "a sleeping reader is ended by ^C with -EINTR (got %zd)", n);
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
	return test_exit();
}
