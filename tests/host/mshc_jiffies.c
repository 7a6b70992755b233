/*
 * The tick counter for the DesignWare MSHC tests that run without the MMC
 * core (with it, tests/host/mmc_env.c provides these): jiffies, HZ and
 * msecs_to_jiffies. mshc_env.c advances jiffies when nothing else can happen.
 */
#include <linux/jiffies.h>
#include <linux/timer.h>

volatile unsigned long jiffies;
unsigned int HZ = 100;

unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}
