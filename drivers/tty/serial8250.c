/*
 * 16550-compatible UARTs, bound from the device tree as the platform driver
 * "serial8250": QEMU's ns16550a (byte registers) and the Synopsys
 * DesignWare APB UART of the JH7110/JH7100 (reg-shift 2, 32-bit access).
 * The node /chosen/stdout-path names becomes the console. Each line is
 * also the tty ttyS<n> (include/linux/tty.h, docs/tty.md). Output is
 * polled (printk must work anywhere; the tty writes through the same
 * putc). Input is interrupt driven: while the tty is open its received
 * bytes go to N_TTY (n_tty_receive_buf, whose 4 KiB ring holds what is
 * typed ahead), otherwise (and once the console monitor polls) into a
 * small ring the monitor reads (serial_getc); a UART without an interrupt
 * is polled by the monitor only and gives its tty no input. The divisor is left as the firmware set
 * it (115200); no modem lines. Seed: Linux's 8250 driver (struct
 * uart_8250_port, serial_in/serial_out); registers as in the 16550 data
 * sheet.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/console.h>
#include <linux/serial.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/kdev_t.h>
#include <linux/tty.h>
#include <asm/io.h>

/* Register numbers, before reg-shift scales them to offsets. */
#define UART_RX		0	/* receive buffer (read) */
#define UART_TX		0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_IER_RDI	0x01	/* receiver data interrupt */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_FCR_ENABLE	0x07	/* enable + clear both FIFOs */
#define UART_MCR	4
#define UART_MCR_OUT2	0x08	/* gates the interrupt line on real 16550s */
#define UART_MCR_DTR_RTS 0x03
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

#define SERIAL8250_NR	4	/* ttyS0 .. ttyS3 */

struct uart_8250_port {
	void *membase;
	phys_addr_t mapbase;
	unsigned int reg_shift;		/* register stride = 1 << reg_shift */
	unsigned int reg_io_width;	/* 1 = byte access, 4 = 32-bit access */
	unsigned int irq;		/* 0: input is polled */
	char name[16];			/* "ttyS0" */
	/*
	 * The RX ring: the interrupt adds at rx_head, serial_getc takes at
	 * rx_tail; free-running counters, index % sizeof(rx_buf).
	 */
	spinlock_t rx_lock;		/* protects rx_buf, rx_head, rx_tail, rx_to_tty */
	char rx_buf[256];
	unsigned int rx_head, rx_tail;
	bool rx_to_tty;			/* the tty is open: input goes to it */
	struct tty_struct tty;		/* ttyS<n> */
};

/* Lines in use, by ttyS number; written by probes only (boot, one CPU). */
static struct uart_8250_port *serial8250_ports[SERIAL8250_NR];
static struct uart_8250_port *console_port;	/* set once, at its probe */

/* Read register reg at the port's stride, with its access width. */
static u32 serial_in(struct uart_8250_port *up, int reg)
{
	void *a = up->membase + (reg << up->reg_shift);

	return up->reg_io_width == 4 ? readl(a) : readb(a);
}

/* Write val to register reg, at the port's stride and access width. */
static void serial_out(struct uart_8250_port *up, int reg, u32 val)
{
	void *a = up->membase + (reg << up->reg_shift);

	if (up->reg_io_width == 4)
		writel(val, a);
	else
		writeb(val, a);
}

/*
 * One byte out on @up: wait for an empty transmit holding register, then
 * write it. Polled, no lock: works with interrupts off and inside a panic.
 */
static void serial_port_putc(struct uart_8250_port *up, int c)
{
	while (!(serial_in(up, UART_LSR) & UART_LSR_THRE))
		;
	serial_out(up, UART_TX, c);
}

/* One byte out on the console UART. Only once console_port is set. */
static void serial_putc(int c)
{
	serial_port_putc(console_port, c);
}

/* The console's write: n bytes of s, "\n" sent as "\r\n". Any context. */
static void serial_console_write(struct console *con, const char *s, size_t n)
{
	console_write_crlf(serial_putc, s, n);
}

static struct console serial_console = {
	.write = serial_console_write,
};

/*
 * RX interrupt: every waiting byte to the open tty (64 at a time, in
 * order: under rx_lock), else into the ring, dropped when it is full.
 */
static void serial8250_interrupt(unsigned int irq, void *data)
{
	struct uart_8250_port *up = data;
	unsigned char buf[64];
	size_t n = 0;

	spin_lock(&up->rx_lock);
	while (serial_in(up, UART_LSR) & UART_LSR_DR) {
		unsigned char c = serial_in(up, UART_RX);

		if (up->rx_to_tty) {
			buf[n++] = c;
			if (n == sizeof(buf)) {
				n_tty_receive_buf(&up->tty, buf, n);
				n = 0;
			}
		} else if (up->rx_head - up->rx_tail < sizeof(up->rx_buf)) {
			up->rx_buf[up->rx_head++ % sizeof(up->rx_buf)] = c;
		}
	}
	if (n)
		n_tty_receive_buf(&up->tty, buf, n);
	spin_unlock(&up->rx_lock);
}

/*
 * Input goes to the ring from now on, and what the tty holds unread goes
 * there first (the ring is empty while the tty has the input), so nothing
 * typed is lost between the tty and the monitor. rx_lock held.
 */
static void serial8250_rx_to_ring(struct uart_8250_port *up)
{
	unsigned char left[sizeof(up->rx_buf)];
	size_t n;

	up->rx_to_tty = false;
	n = n_tty_take_input(&up->tty, left, sizeof(left));
	for (size_t i = 0; i < n && up->rx_head - up->rx_tail < sizeof(up->rx_buf); i++)
		up->rx_buf[up->rx_head++ % sizeof(up->rx_buf)] = left[i];
}

/*
 * Next byte typed on the console: from the ring, or straight from the
 * UART if it is polled. -EAGAIN if none is waiting (or no console UART).
 * Its caller, the console monitor, runs only when there is no init: it
 * takes the input over even if the tty is still open (pid 1's files).
 */
int serial_getc(void)
{
	struct uart_8250_port *up = console_port;
	unsigned long flags;
	int c = -EAGAIN;

	if (!up)
		return -EAGAIN;
	if (!up->irq)
		return serial_in(up, UART_LSR) & UART_LSR_DR ?
		       (int)(serial_in(up, UART_RX) & 0xff) : -EAGAIN;
	spin_lock_irqsave(&up->rx_lock, flags);
	if (up->rx_to_tty)
		serial8250_rx_to_ring(up);
	if (up->rx_tail != up->rx_head)
		c = (unsigned char)up->rx_buf[up->rx_tail++ % sizeof(up->rx_buf)];
	spin_unlock_irqrestore(&up->rx_lock, flags);
	return c;
}

/* ---- the tty ------------------------------------------------------------- */

/* tty ->write: the output-processed bytes, polled out (tty->lock held, any context). */
static void serial8250_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	struct uart_8250_port *up = tty->driver_data;

	for (size_t i = 0; i < n; i++)
		serial_port_putc(up, buf[i]);
}

/* tty ->open (first open): what waits in the ring goes to the tty, then every new byte. */
static int serial8250_tty_open(struct tty_struct *tty)
{
	struct uart_8250_port *up = tty->driver_data;
	unsigned long flags;

	spin_lock_irqsave(&up->rx_lock, flags);
	while (up->rx_tail != up->rx_head) {
		unsigned char c = up->rx_buf[up->rx_tail++ % sizeof(up->rx_buf)];

		n_tty_receive_buf(tty, &c, 1);
	}
	up->rx_to_tty = true;
	spin_unlock_irqrestore(&up->rx_lock, flags);
	return 0;
}

/* tty ->close (last close): input, and what the tty held unread, back to the ring. */
static void serial8250_tty_close(struct tty_struct *tty)
{
	struct uart_8250_port *up = tty->driver_data;
	unsigned long flags;

	spin_lock_irqsave(&up->rx_lock, flags);
	if (up->rx_to_tty)
		serial8250_rx_to_ring(up);
	spin_unlock_irqrestore(&up->rx_lock, flags);
}

static const struct tty_operations serial8250_tty_ops = {
	.write = serial8250_tty_write,
	.open = serial8250_tty_open,
	.close = serial8250_tty_close,
	.signal = tty_signal_pgrp,
	.signal_pending = tty_signal_pending_current,
	.job_control = tty_job_control,
};

/* Sets up ttyS<line> on @up and registers it (4:64+line; /dev/console's if @console). */
static void serial8250_tty_setup(struct device *dev, struct uart_8250_port *up,
				 int line, bool console)
{
	int err;

	tty_init(&up->tty, &serial8250_tty_ops, up->name);
	up->tty.driver_data = up;
	err = tty_register(&up->tty, MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR + line), console);
	if (err)
		dev_warn(dev, "%s: tty_register: %d\n", up->name, err);
}

/* ---- binding ------------------------------------------------------------- */

/* A u32 property that is dflt when absent: 0, or -errno if malformed. */
static int read_u32_default(const struct device_node *np, const char *name,
			    u32 dflt, u32 *out)
{
	int err = of_property_read_u32(np, name, out);

	if (err == -EINVAL) {	/* Linux's code for "absent" */
		*out = dflt;
		return 0;
	}
	return err;
}

/*
 * The line (N of ttySN): the node's serialN alias, else the first line
 * above every alias. -EBUSY if it is taken or past SERIAL8250_NR.
 */
static int serial8250_pick_line(const struct device_node *np)
{
	int line = of_alias_get_id(np, "serial");

	if (line < 0) {
		line = of_alias_get_highest_id("serial") + 1;
		if (line < 0)
			line = 0;
		while (line < SERIAL8250_NR && serial8250_ports[line])
			line++;
	}
	if (line >= SERIAL8250_NR || serial8250_ports[line])
		return -EBUSY;
	return line;
}

/*
 * The UART's interrupt: the number, 0 to poll (the node has none, or its
 * controller will never bind), -EPROBE_DEFER until the controller binds,
 * -EINVAL if the entry is malformed.
 */
static int serial8250_get_irq(struct platform_device *pdev)
{
	int irq = platform_get_irq(pdev, 0);

	if (irq == -ENXIO)
		return 0;
	if (irq == -ENODEV) {
		dev_warn(&pdev->dev, "its interrupt controller has no driver, input polled\n");
		return 0;
	}
	return irq;
}

/*
 * Reads reg-shift and reg-io-width into up and checks that the window res
 * holds the eight registers at that stride, each naturally aligned (a
 * misaligned MMIO access would fault). 0, or -EINVAL if unusable.
 */
static int serial8250_read_layout(const struct device_node *np,
				  const struct resource *res,
				  struct uart_8250_port *up)
{
	u32 shift, width;
	int err = read_u32_default(np, "reg-shift", 0, &shift);

	if (!err)
		err = read_u32_default(np, "reg-io-width", 1, &width);
	if (err)
		return err;
	if (shift > 3 || (width != 1 && width != 4) || (1U << shift) < width)
		return -EINVAL;
	if (res->start % width || resource_size(res) < (8U << shift))
		return -EINVAL;
	up->reg_shift = shift;
	up->reg_io_width = width;
	return 0;
}

/* FIFOs on; RX interrupts if the UART has a line and it can be had. */
static void serial8250_startup(struct device *dev, struct uart_8250_port *up)
{
	int err;

	serial_out(up, UART_FCR, UART_FCR_ENABLE);
	if (!up->irq)
		return;
	err = request_irq(up->irq, serial8250_interrupt, up);
	if (err) {
		dev_warn(dev, "irq %u: %d, input polled\n", up->irq, err);
		up->irq = 0;
		return;
	}
	serial_out(up, UART_MCR, UART_MCR_DTR_RTS | UART_MCR_OUT2);
	serial_out(up, UART_IER, UART_IER_RDI);
}

/*
 * Fills up from pdev: register layout, interrupt, registers mapped.
 * Returns the line to use, or -EINVAL (no reg, bad layout or window), -EPROBE_DEFER
 * (interrupt controller not bound yet), -EBUSY (no free line), -ENOMEM.
 */
static int serial8250_config(struct platform_device *pdev,
			     struct uart_8250_port *up)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	int irq, line, err;

	if (!res)
		return -EINVAL;
	err = serial8250_read_layout(pdev->dev.of_node, res, up);
	if (err)
		return err;
	irq = serial8250_get_irq(pdev);
	if (irq < 0)
		return irq;
	line = serial8250_pick_line(pdev->dev.of_node);
	if (line < 0)
		return line;
	up->membase = ioremap(res->start, resource_size(res));
	if (!up->membase)
		return -ENOMEM;
	up->mapbase = res->start;
	up->irq = irq;
	return line;
}

/* Starts the configured port up as ttyS<line>; console if it is stdout. */
static void serial8250_register(struct platform_device *pdev,
				struct uart_8250_port *up, int line)
{
	char how[16] = "polled";

	spin_lock_init(&up->rx_lock);
	snprintf(up->name, sizeof(up->name), "ttyS%d", line);
	serial8250_startup(&pdev->dev, up);
	serial8250_ports[line] = up;
	platform_set_drvdata(pdev, up);
	if (pdev->dev.of_node == of_stdout && !console_port) {
		console_port = up;
		serial_console.name = up->name;
		register_console(&serial_console);
	}
	serial8250_tty_setup(&pdev->dev, up, line, console_port == up);
	if (up->irq)
		snprintf(how, sizeof(how), "irq %u", up->irq);
	dev_info(&pdev->dev, "%s at MMIO 0x%lx %s (reg-shift %u, io-width %u)%s\n",
		 up->name, (unsigned long)up->mapbase, how, up->reg_shift,
		 up->reg_io_width, console_port == up ? ", console" : "");
}

/* Binds one UART (errors as serial8250_config; nothing kept on failure). */
static int serial8250_probe(struct platform_device *pdev)
{
	struct uart_8250_port *up = kzalloc(sizeof(*up), GFP_KERNEL);
	int line;

	if (!up)
		return -ENOMEM;
	line = serial8250_config(pdev, up);
	if (line < 0) {
		kfree(up);
		return line;
	}
	serial8250_register(pdev, up, line);
	return 0;
}

static const struct of_device_id serial8250_of_match[] = {
	{ .compatible = "ns16550a" },
	{ .compatible = "ns16550" },
	{ .compatible = "snps,dw-apb-uart" },
	{ }
};

static const struct platform_driver serial8250_driver = {
	.probe = serial8250_probe,
	.driver = { .name = "serial8250", .of_match_table = serial8250_of_match },
};
module_platform_driver(serial8250_driver);
