/*
 * Platform-Level Interrupt Controller (sifive,plic-1.0.0; boards.md 6.4),
 * bound from the device tree as the platform driver "riscv-plic". The boot
 * hart's S-mode context comes from interrupts-extended, so the same code
 * serves QEMU (context 2h+1) and JH7110 (context 2h; hart 0, the S7, has
 * none). Drives one PLIC, for the boot hart only (no SMP routing yet).
 * Seed: Linux's irq-sifive-plic; leaves out irq domains, per-source
 * priorities (all 1) and freeing an irq.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/of_irq.h>
#include <linux/of_machine.h>
#include <linux/platform_device.h>
#include <asm/io.h>
#include <asm/csr.h>
#include <asm/percpu.h>
#include <asm/plic.h>
#include <asm/traps.h>

/*
 * The register map (RISC-V PLIC specification): one priority word per
 * source s; per context c, a bitmap of enabled sources, the priority
 * threshold, and the claim/complete register (a read claims the best
 * pending source, writing it back completes it).
 */
#define PLIC_PRIORITY(s)	(4 * (s))
#define PLIC_ENABLE(c)		(0x2000 + 0x80 * (c))
#define PLIC_THRESHOLD(c)	(0x200000 + 0x1000 * (c))
#define PLIC_CLAIM(c)		(0x200004 + 0x1000 * (c))

/* Set once by plic_probe, read-only afterwards. */
static void *plic_base;		/* NULL until the PLIC is bound */
static int plic_context = -1;
static unsigned int plic_ndev;
/*
 * Per source: written by request_irq before the source is unmasked, so the
 * interrupt path (IRQs off) never sees a half-set entry; never cleared.
 */
static irq_handler_t handlers[PLIC_MAX_IRQS];
static void *handler_data[PLIC_MAX_IRQS];
unsigned long irq_count[PLIC_MAX_IRQS];	/* only plic_handle_irq writes it */

/* Masks every source for context, accepts any priority, turns SEIE on. */
static void plic_init_hw(void *base, unsigned int ndev, int context)
{
	unsigned int w;

	plic_base = base;
	plic_ndev = ndev;
	plic_context = context;
	for (w = 0; w <= ndev / 32; w++)
		writel(0, base + PLIC_ENABLE(context) + 4 * w);
	writel(0, base + PLIC_THRESHOLD(context));
	csr_set(CSR_SIE, SIE_SEIE);
}

/*
 * Binds the PLIC: its registers, riscv,ndev and the boot hart's S-mode
 * context. -EBUSY for a second PLIC, -EINVAL for a missing or bad reg,
 * riscv,ndev or interrupts-extended, -ENODEV if the boot hart has no
 * S-mode context, -ENOMEM if the registers cannot be mapped.
 */
static int plic_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	unsigned long hart = this_cpu()->hartid;
	int ctx[MACHINE_MAX_CPUS], nr, context, err;
	void *base;
	u32 ndev;

	if (plic_base)
		return -EBUSY;
	if (!res)
		return -EINVAL;
	err = of_property_read_u32(np, "riscv,ndev", &ndev);
	if (err)
		return err;
	if (ndev == 0 || ndev >= PLIC_MAX_IRQS)
		return -EINVAL;
	nr = riscv_of_hart_contexts(np, &machine, IRQ_S_EXT, ctx, ARRAY_SIZE(ctx));
	if (nr < 0)
		return nr;
	context = hart < ARRAY_SIZE(ctx) ? ctx[hart] : -1;
	if (context < 0) {
		dev_err(&pdev->dev, "no S-mode context for hart %lu\n", hart);
		return -ENODEV;
	}
	base = ioremap(res->start, resource_size(res));
	if (!base)
		return -ENOMEM;
	plic_init_hw(base, ndev, context);
	dev_info(&pdev->dev, "%u sources at 0x%lx, hart %lu S-mode context %d of %d\n",
		 ndev, (unsigned long)res->start, hart, context, nr);
	return 0;
}

static const struct of_device_id plic_of_match[] = {
	{ .compatible = "sifive,plic-1.0.0" },
	{ .compatible = "riscv,plic0" },
	{ }
};

static const struct platform_driver plic_driver = {
	.probe = plic_probe,
	.driver = { .name = "riscv-plic", .of_match_table = plic_of_match },
};
module_platform_driver(plic_driver);

/*
 * Route source @irq to @fn(@irq, @data) and unmask it at priority 1 (the
 * threshold is 0). -ENODEV before the PLIC is bound, -EINVAL for source 0,
 * a source above riscv,ndev or a NULL @fn, -EBUSY if it has a handler.
 * Driver probes only: the enable word's read-modify-write is not locked.
 */
int request_irq(unsigned int irq, irq_handler_t fn, void *data)
{
	void *en;

	if (!plic_base)
		return -ENODEV;
	if (irq == 0 || irq > plic_ndev || !fn)
		return -EINVAL;
	if (handlers[irq])
		return -EBUSY;
	handlers[irq] = fn;
	handler_data[irq] = data;
	writel(1, plic_base + PLIC_PRIORITY(irq));
	en = plic_base + PLIC_ENABLE(plic_context) + 4 * (irq / 32);
	writel(readl(en) | (1U << (irq % 32)), en);
	return 0;
}

/*
 * S-mode external interrupt (do_trap, IRQs off): claim, dispatch,
 * complete, until none left. A claimed source without a handler is
 * reported and completed, so it cannot block the others.
 */
void plic_handle_irq(void)
{
	void *claim;
	u32 irq;

	if (!plic_base)
		return;
	claim = plic_base + PLIC_CLAIM(plic_context);
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
