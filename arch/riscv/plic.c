/*
 * Platform-Level Interrupt Controller (sifive,plic-1.0.0; boards.md 6.4).
 * One S-mode context per hart, found from the DTB's interrupts-extended, so
 * the same code serves QEMU (context 2h+1) and JH7110 (context 2h).
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/csr.h>
#include <asm/plic.h>
#include <asm/traps.h>

#define PLIC_PRIORITY(s)	(4 * (s))
#define PLIC_ENABLE(c)		(0x2000 + 0x80 * (c))
#define PLIC_THRESHOLD(c)	(0x200000 + 0x1000 * (c))
#define PLIC_CLAIM(c)		(0x200004 + 0x1000 * (c))
#define PLIC_MAX_IRQS		1024

static void *plic_base;
static int plic_context = -1;
static unsigned int plic_ndev;
static irq_handler_t handlers[PLIC_MAX_IRQS];
static void *handler_data[PLIC_MAX_IRQS];
unsigned long irq_count[PLIC_MAX_IRQS];

/* Map the PLIC and mask everything for our context. 0 or -errno. */
int plic_init(phys_addr_t base, unsigned long size, unsigned int ndev, int context)
{
	if (context < 0 || ndev == 0 || ndev >= PLIC_MAX_IRQS) {
		pr_err("plic: no usable S-mode context (context %d, ndev %u)\n",
		       context, ndev);
		return -1;
	}
	plic_base = ioremap(base, size);
	if (!plic_base)
		return -1;
	plic_ndev = ndev;
	plic_context = context;
	for (unsigned int w = 0; w <= ndev / 32; w++)
		writel(0, plic_base + PLIC_ENABLE(context) + 4 * w);
	writel(0, plic_base + PLIC_THRESHOLD(context));
	csr_set(CSR_SIE, SIE_SEIE);
	pr_info("plic: %u sources at 0x%lx, S-mode context %d\n", ndev, base, context);
	return 0;
}

/* Route source @irq to @fn for this hart. Returns 0 or -1. */
int request_irq(unsigned int irq, irq_handler_t fn, void *data)
{
	void *en;

	if (!plic_base || irq == 0 || irq > plic_ndev)
		return -1;
	handlers[irq] = fn;
	handler_data[irq] = data;
	writel(1, plic_base + PLIC_PRIORITY(irq));
	en = plic_base + PLIC_ENABLE(plic_context) + 4 * (irq / 32);
	writel(readl(en) | (1U << (irq % 32)), en);
	return 0;
}

/* S-mode external interrupt: claim, dispatch, complete, until none left. */
void plic_handle_irq(void)
{
	void *claim = plic_base + PLIC_CLAIM(plic_context);
	u32 irq;

	while ((irq = readl(claim)) != 0) {
		if (irq < PLIC_MAX_IRQS && handlers[irq]) {
			irq_count[irq]++;
			handlers[irq](irq, handler_data[irq]);
		} else {
			pr_warn("plic: spurious irq %u\n", irq);
		}
		writel(irq, claim);
	}
}
