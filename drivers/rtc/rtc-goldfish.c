/*
 * The Goldfish RTC of QEMU virt ("google,goldfish-rtc"): a 64-bit count of
 * nanoseconds since the epoch in TIME_LOW/TIME_HIGH, read once at probe to
 * set the wall clock (Linux's hctosys). After the register layout of
 * QEMU's hw/rtc/goldfish_rtc.c; leaves out the alarm and its interrupt,
 * setting the RTC, and /dev/rtc.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/platform_device.h>
#include <linux/ioport.h>
#include <linux/timekeeping.h>
#include <asm/io.h>

#define TIMER_TIME_LOW		0x00	/* reading it latches TIME_HIGH */
#define TIMER_TIME_HIGH		0x04

/* The RTC's time: low word first (the latch), then the high word. */
static u64 goldfish_rtc_read_ns(void *base)
{
	u64 low = readl(base + TIMER_TIME_LOW);
	u64 high = readl(base + TIMER_TIME_HIGH);

	return high << 32 | low;
}

/*
 * Maps the registers, reads the time and sets the wall clock, printing it
 * as Linux does. -EINVAL without registers, -ENOMEM if they cannot be
 * mapped (the mapping stays: rivet has no iounmap). Boot, one CPU.
 */
static int goldfish_rtc_probe(struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	struct timespec64 ts;
	struct tm tm;
	void *base;
	u64 ns;

	if (!res || resource_size(res) < 8)
		return -EINVAL;
	base = ioremap(res->start, resource_size(res));
	if (!base)
		return -ENOMEM;
	ns = goldfish_rtc_read_ns(base);
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	if (do_settimeofday64(&ts))
		return -EINVAL;
	time64_to_tm(ts.tv_sec, 0, &tm);
	dev_info(&pdev->dev, "setting system clock to %04ld-%02d-%02dT%02d:%02d:%02d UTC (%lld)\n",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (long long)ts.tv_sec);
	return 0;
}

static const struct of_device_id goldfish_rtc_of_match[] = {
	{ .compatible = "google,goldfish-rtc" },
	{ }
};

static const struct platform_driver goldfish_rtc_driver = {
	.probe = goldfish_rtc_probe,
	.driver = { .name = "goldfish-rtc", .of_match_table = goldfish_rtc_of_match },
};
module_platform_driver(goldfish_rtc_driver);
