/*
 * In-kernel tests of driver binding on the machine booted (ktest=drivers):
 * the real PLIC and 16550 drivers bound from the device tree, the console
 * is the stdout-path node, and request_irq's -Exxx returns. The matching
 * itself is tested on the host (tests/host/test_platform.c).
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/of.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <asm/plic.h>

/* The bound device of the first node at or below np compatible with
 * compat, or NULL. */
static struct platform_device *bound_device(struct device_node *np,
					    const char *compat)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct device_node *child;

	if (pdev && device_is_bound(&pdev->dev) && of_device_is_compatible(np, compat))
		return pdev;
	for_each_child_of_node(np, child) {
		pdev = bound_device(child, compat);
		if (pdev)
			return pdev;
	}
	return NULL;
}

/* A handler for request_irq calls that must fail before installing it. */
static void ignore_irq(unsigned int irq, void *data)
{
}

/* The stdout-path node has a bound device, driven by serial8250. */
KTEST(drivers_console_is_stdout)
{
	struct platform_device *pdev = of_find_device_by_node(of_stdout);

	KT_EXPECT(of_stdout != NULL);
	KT_EXPECT(pdev && device_is_bound(&pdev->dev));
	KT_EXPECT(pdev && !strcmp(dev_driver_string(&pdev->dev), "serial8250"));
}

/* A PLIC node is bound to riscv-plic, with its register window. */
KTEST(drivers_plic_bound)
{
	struct platform_device *plic = bound_device(of_root, "sifive,plic-1.0.0");

	if (!plic)
		plic = bound_device(of_root, "riscv,plic0");
	KT_EXPECT(plic && !strcmp(dev_driver_string(&plic->dev), "riscv-plic"));
	KT_EXPECT(plic && platform_get_resource(plic, IORESOURCE_MEM, 0) != NULL);
}

/* request_irq refuses source 0, one above riscv,ndev, no handler, a taken one. */
KTEST(drivers_request_irq_errors)
{
	struct platform_device *uart = of_find_device_by_node(of_stdout);
	int irq = uart ? platform_get_irq(uart, 0) : -ENODEV;

	KT_EXPECT(request_irq(0, ignore_irq, NULL) == -EINVAL);
	KT_EXPECT(request_irq(PLIC_MAX_IRQS - 1, ignore_irq, NULL) == -EINVAL);
	KT_EXPECT(request_irq(5, NULL, NULL) == -EINVAL);
	KT_EXPECT_MSG(irq > 0, "the console UART's irq: %d", irq);
	if (irq > 0)	/* the UART has it already */
		KT_EXPECT(request_irq(irq, ignore_irq, NULL) == -EBUSY);
}
