/*
 * virtio over MMIO (virtio 1.2, section 4.2): the platform driver for
 * "virtio,mmio" nodes. Version 2 (modern) and 1 (legacy, QEMU 7.2's
 * default) register layouts; device initialisation as in spec 3.1.1; binds
 * the virtio driver of the device id. Leaves out shared memory regions,
 * config-change handling and device removal.
 */
#include <linux/virtio.h>
#include <linux/virtio_blk.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <asm/io.h>

/* Registers (4.2.2 modern, 4.2.4 legacy), byte offsets. */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008	/* 0: empty slot */
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c	/* legacy */
#define VIRTIO_MMIO_QUEUE_PFN		0x040	/* legacy */
#define VIRTIO_MMIO_QUEUE_READY		0x044	/* modern */
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080	/* modern, also _HIGH at +4 */
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc	/* modern */
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976
#define VIRTIO_MMIO_INT_VRING		1	/* a used ring was updated */

/* Device status bits (2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FEATURES_OK	8
#define VIRTIO_CONFIG_S_FAILED		128

#define VM_MAX_VQS	4
#define VM_QUEUE_MAX	128	/* entries per queue rivet asks for at most */
#define VM_ALIGN	4096	/* legacy QueueAlign; page-aligned used ring */

struct virtio_mmio_device {
	struct virtio_device vdev;
	struct platform_device *pdev;
	void *base;
	struct virtqueue *vqs[VM_MAX_VQS];	/* set up by the driver's probe */
};

/* The virtio drivers rivet has, by device id. */
static const struct virtio_driver *const virtio_drivers[] = {
	&virtio_blk_driver,
};

static int virtio_next_index;	/* N of the next virtioN; boot, one CPU */

/* Name of a device id for messages. */
static const char *virtio_id_name(u32 id)
{
	switch (id) {
	case VIRTIO_ID_NET: return "network";
	case VIRTIO_ID_BLOCK: return "block";
	case VIRTIO_ID_CONSOLE: return "console";
	case VIRTIO_ID_RNG: return "entropy";
	case VIRTIO_ID_BALLOON: return "balloon";
	case VIRTIO_ID_SCSI: return "scsi";
	case VIRTIO_ID_9P: return "9p";
	case VIRTIO_ID_GPU: return "gpu";
	case VIRTIO_ID_INPUT: return "input";
	case VIRTIO_ID_VSOCK: return "vsock";
	default: return "unknown";
	}
}

static const struct virtio_driver *virtio_find_driver(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(virtio_drivers); i++)
		if (virtio_drivers[i]->device_id == id)
			return virtio_drivers[i];
	return NULL;
}

static struct virtio_mmio_device *to_vm(struct virtio_device *vdev)
{
	return vdev->transport;
}

static void vm_add_status(struct virtio_mmio_device *vm, u32 bits)
{
	writel(readl(vm->base + VIRTIO_MMIO_STATUS) | bits, vm->base + VIRTIO_MMIO_STATUS);
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned int off)
{
	return readl(to_vm(vdev)->base + VIRTIO_MMIO_CONFIG + off);
}

/* Two 32-bit halves, read again until the device did not change them
 * in between (ConfigGeneration on modern, the value itself on legacy). */
u64 virtio_cread64(struct virtio_device *vdev, unsigned int off)
{
	void *base = to_vm(vdev)->base;
	u32 gen, lo, hi;
	u64 v, prev = ~0ULL;

	for (;;) {
		gen = vdev->modern ? readl(base + VIRTIO_MMIO_CONFIG_GENERATION) : 0;
		lo = virtio_cread32(vdev, off);
		hi = virtio_cread32(vdev, off + 4);
		v = ((u64)hi << 32) | lo;
		if (vdev->modern ? gen == readl(base + VIRTIO_MMIO_CONFIG_GENERATION) : v == prev)
			return v;
		prev = v;
	}
}

/* The doorbell: queue index to QueueNotify. */
static void vm_notify(struct virtqueue *vq)
{
	writel(vq->index, to_vm(vq->vdev)->base + VIRTIO_MMIO_QUEUE_NOTIFY);
}

/* Tells the device where queue vq (selected) lives, and enables it. */
static void vm_activate_vq(struct virtio_mmio_device *vm, struct virtqueue *vq)
{
	void *b = vm->base;

	writel(vq->num, b + VIRTIO_MMIO_QUEUE_NUM);
	if (!vm->vdev.modern) {
		writel(VM_ALIGN, b + VIRTIO_MMIO_QUEUE_ALIGN);
		writel(vq->desc_pa >> PAGE_SHIFT, b + VIRTIO_MMIO_QUEUE_PFN);
		return;
	}
	writel((u32)vq->desc_pa, b + VIRTIO_MMIO_QUEUE_DESC_LOW);
	writel((u32)((u64)vq->desc_pa >> 32), b + VIRTIO_MMIO_QUEUE_DESC_LOW + 4);
	writel((u32)vq->avail_pa, b + VIRTIO_MMIO_QUEUE_AVAIL_LOW);
	writel((u32)((u64)vq->avail_pa >> 32), b + VIRTIO_MMIO_QUEUE_AVAIL_LOW + 4);
	writel((u32)vq->used_pa, b + VIRTIO_MMIO_QUEUE_USED_LOW);
	writel((u32)((u64)vq->used_pa >> 32), b + VIRTIO_MMIO_QUEUE_USED_LOW + 4);
	writel(1, b + VIRTIO_MMIO_QUEUE_READY);
}

struct virtqueue *virtio_find_vq(struct virtio_device *vdev, unsigned int index,
				 void (*cb)(struct virtqueue *vq))
{
	struct virtio_mmio_device *vm = to_vm(vdev);
	struct virtqueue *vq;
	u32 num;

	if (index >= VM_MAX_VQS || vm->vqs[index])
		return NULL;
	writel(index, vm->base + VIRTIO_MMIO_QUEUE_SEL);
	if (readl(vm->base + (vdev->modern ? VIRTIO_MMIO_QUEUE_READY : VIRTIO_MMIO_QUEUE_PFN)))
		return NULL;		/* in use already */
	num = min_t(u32, readl(vm->base + VIRTIO_MMIO_QUEUE_NUM_MAX), VM_QUEUE_MAX);
	while (num & (num - 1))
		num &= num - 1;		/* a power of two, as legacy requires */
	if (!num)
		return NULL;		/* no such queue */
	vq = vring_create_virtqueue(vdev, index, num, VM_ALIGN, vm_notify, cb);
	if (!vq)
		return NULL;
	vm_activate_vq(vm, vq);
	vm->vqs[index] = vq;
	return vq;
}

/* PLIC handler: read and ack the cause, then run each queue's callback. */
static void vm_interrupt(unsigned int irq, void *data)
{
	struct virtio_mmio_device *vm = data;
	u32 status = readl(vm->base + VIRTIO_MMIO_INTERRUPT_STATUS);
	unsigned int i;

	writel(status, vm->base + VIRTIO_MMIO_INTERRUPT_ACK);
	if (!(status & VIRTIO_MMIO_INT_VRING))
		return;			/* configuration change: not handled */
	for (i = 0; i < VM_MAX_VQS; i++)
		if (vm->vqs[i])
			vring_interrupt(vm->vqs[i]);
}

/*
 * Offers the driver what both sides know (3.1.1 steps 4-6). A modern
 * device must offer VIRTIO_F_VERSION_1 and accept the set (FEATURES_OK).
 * Returns 0 or -ENODEV.
 */
static int vm_negotiate(struct virtio_mmio_device *vm, const struct virtio_driver *drv)
{
	struct virtio_device *vdev = &vm->vdev;
	void *b = vm->base;
	u64 offer, want = drv->features;

	writel(0, b + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	offer = readl(b + VIRTIO_MMIO_DEVICE_FEATURES);
	if (vdev->modern) {
		writel(1, b + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
		offer |= (u64)readl(b + VIRTIO_MMIO_DEVICE_FEATURES) << 32;
		if (!(offer & (1ULL << VIRTIO_F_VERSION_1))) {
			dev_err(&vm->pdev->dev, "modern device without VIRTIO_F_VERSION_1\n");
			return -ENODEV;
		}
		want |= 1ULL << VIRTIO_F_VERSION_1;
	}
	vdev->features = offer & want;
	writel(0, b + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)vdev->features, b + VIRTIO_MMIO_DRIVER_FEATURES);
	writel(1, b + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)(vdev->features >> 32), b + VIRTIO_MMIO_DRIVER_FEATURES);
	if (!vdev->modern)
		return 0;		/* legacy has no FEATURES_OK */
	vm_add_status(vm, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(readl(b + VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		dev_err(&vm->pdev->dev, "device refused features 0x%llx\n",
			(unsigned long long)vdev->features);
		return -ENODEV;
	}
	return 0;
}

/* Resets the device and frees the queues a failed probe set up. */
static void vm_fail(struct virtio_mmio_device *vm)
{
	unsigned int i;

	writel(0, vm->base + VIRTIO_MMIO_STATUS);
	for (i = 0; i < VM_MAX_VQS; i++) {
		if (vm->vqs[i]) {
			struct virtqueue *vq = vm->vqs[i];

			vm->vqs[i] = NULL;
			vring_del_virtqueue(vq);
		}
	}
	writel(VIRTIO_CONFIG_S_FAILED, vm->base + VIRTIO_MMIO_STATUS);
}

/*
 * Spec 3.1.1 for device @vm and driver @drv: reset, ACKNOWLEDGE, DRIVER,
 * features, the interrupt, the driver's probe (its queues), DRIVER_OK.
 * On failure the device is reset and marked FAILED; vm stays allocated
 * when its interrupt was taken (rivet has no free_irq).
 */
static int vm_bind(struct virtio_mmio_device *vm, const struct virtio_driver *drv, int irq)
{
	struct virtio_device *vdev = &vm->vdev;
	int err;

	writel(0, vm->base + VIRTIO_MMIO_STATUS);
	vm_add_status(vm, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vm_add_status(vm, VIRTIO_CONFIG_S_DRIVER);
	if (!vdev->modern)
		writel(PAGE_SIZE, vm->base + VIRTIO_MMIO_GUEST_PAGE_SIZE);
	err = vm_negotiate(vm, drv);
	if (!err)
		err = request_irq(irq, vm_interrupt, vm);
	if (err) {
		vm_fail(vm);
		kfree(vm);
		return err;
	}
	err = drv->probe(vdev);
	if (err) {
		vm_fail(vm);
		dev_err(&vm->pdev->dev, "%s: probe failed: %d\n", drv->driver.name, err);
		return err;
	}
	vm_add_status(vm, VIRTIO_CONFIG_S_DRIVER_OK);
	return 0;
}

/* Magic and version; sets *modern. 0 or -ENODEV, said once. */
static int vm_check_header(struct platform_device *pdev, void *base, bool *modern)
{
	u32 magic = readl(base + VIRTIO_MMIO_MAGIC_VALUE);
	u32 version = readl(base + VIRTIO_MMIO_VERSION);

	if (magic != VIRTIO_MMIO_MAGIC) {
		dev_err(&pdev->dev, "bad magic 0x%08x (not a virtio-mmio device)\n", magic);
		return -ENODEV;
	}
	if (version != 1 && version != 2) {
		dev_err(&pdev->dev, "version %u not supported (1 legacy, 2 modern)\n", version);
		return -ENODEV;
	}
	*modern = version == 2;
	return 0;
}

/*
 * One slot. An empty one (DeviceID 0) binds quietly and does nothing; a
 * device id without a driver gets one line. Otherwise the device is set
 * up and its driver bound (vm_bind).
 */
static int virtio_mmio_probe(struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	int irq = platform_get_irq(pdev, 0);
	const struct virtio_driver *drv;
	struct virtio_mmio_device *vm;
	bool modern;
	void *base;
	u32 id;
	int err;

	if (irq < 0)
		return irq;
	if (!res || resource_size(res) < VIRTIO_MMIO_CONFIG)
		return -EINVAL;
	base = ioremap(res->start, resource_size(res));
	if (!base)
		return -ENOMEM;
	err = vm_check_header(pdev, base, &modern);
	if (err)
		return err;
	id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	if (!id)
		return 0;
	drv = virtio_find_driver(id);
	if (!drv) {
		dev_info(&pdev->dev, "device id %u (%s) not supported\n", id, virtio_id_name(id));
		return 0;
	}
	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return -ENOMEM;
	vm->pdev = pdev;
	vm->base = base;
	vm->vdev.id = id;
	vm->vdev.modern = modern;
	vm->vdev.transport = vm;
	vm->vdev.index = virtio_next_index;
	vm->vdev.dev.of_node = pdev->dev.of_node;
	vm->vdev.dev.driver = &drv->driver;
	snprintf(vm->vdev.dev.name, sizeof(vm->vdev.dev.name), "virtio%d", vm->vdev.index);
	err = vm_bind(vm, drv, irq);
	if (err)
		return err;
	vm->vdev.dev.bound = true;
	virtio_next_index++;
	platform_set_drvdata(pdev, vm);
	return 0;
}

static const struct of_device_id virtio_mmio_of_match[] = {
	{ .compatible = "virtio,mmio" },
	{ }
};

static const struct platform_driver virtio_mmio_driver = {
	.probe = virtio_mmio_probe,
	.driver = { .name = "virtio-mmio", .of_match_table = virtio_mmio_of_match },
};
module_platform_driver(virtio_mmio_driver);
