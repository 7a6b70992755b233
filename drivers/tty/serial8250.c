/*
 * 16550-compatible UART: QEMU's ns16550a (byte registers) and the Synopsys
 * DesignWare APB UART of the JH7110/JH7100 (reg-shift 2, 32-bit access).
 * Output is polled (printk must work anywhere); input is interrupt driven
 * into a ring buffer. The divisor is left as the firmware set it (115200).
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/serial.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/plic.h>

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

static struct uart_port_desc port;
static void *membase;
static char rx_buf[256];
static unsigned int rx_head, rx_tail;	/* protected by rx_lock */
static DEFINE_SPINLOCK(rx_lock);

static u32 serial_in(int reg)
{
	void *a = membase + (reg << port.reg_shift);

	return port.reg_io_width == 4 ? readl(a) : readb(a);
}

static void serial_out(int reg, u32 val)
{
	void *a = membase + (reg << port.reg_shift);

	if (port.reg_io_width == 4)
		writel(val, a);
	else
		writeb(val, a);
}

static void serial_putc(int c)
{
	while (!(serial_in(UART_LSR) & UART_LSR_THRE))
		;
	serial_out(UART_TX, c);
}

static void serial_console_write(struct console *con, const char *s, size_t n)
{
	console_write_crlf(serial_putc, s, n);
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

/* RX interrupt: move every waiting byte into the ring; drop on overflow. */
static void serial_interrupt(unsigned int irq, void *data)
{
	spin_lock(&rx_lock);
	while (serial_in(UART_LSR) & UART_LSR_DR) {
		char c = serial_in(UART_RX);

		if (rx_head - rx_tail < sizeof(rx_buf))
			rx_buf[rx_head++ % sizeof(rx_buf)] = c;
	}
	spin_unlock(&rx_lock);
}

int serial_getc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&rx_lock, flags);
	if (rx_tail != rx_head)
		c = (unsigned char)rx_buf[rx_tail++ % sizeof(rx_buf)];
	spin_unlock_irqrestore(&rx_lock, flags);
	return c;
}

/* Take over the console from the SBI early console. 0 or -1. */
int serial8250_init(const struct uart_port_desc *d)
{
	port = *d;
	if (port.reg_io_width != 1 && port.reg_io_width != 4) {
		pr_err("serial: unsupported reg-io-width %u\n", port.reg_io_width);
		return -1;
	}
	membase = ioremap(port.base, port.size ? port.size : 0x100);
	if (!membase)
		return -1;
	serial_out(UART_FCR, UART_FCR_ENABLE);
	register_console(&serial_console);
	if (port.irq && request_irq(port.irq, serial_interrupt, NULL) == 0) {
		serial_out(UART_MCR, UART_MCR_DTR_RTS | UART_MCR_OUT2);
		serial_out(UART_IER, UART_IER_RDI);
	}
	pr_info("serial: console on 0x%lx (reg-shift %u, io-width %u), irq %u\n",
		port.base, port.reg_shift, port.reg_io_width, port.irq);
	return 0;
}
