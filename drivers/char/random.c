/*
 * Random numbers: one ChaCha20 key (RFC 7539's block function) from which
 * output is made with fast key erasure (each block's first half is the next
 * key, the second half is output), and /dev/random and /dev/urandom on it.
 * Seeding, honestly: rand_initialize mixes in the DTB's /chosen "rng-seed"
 * (QEMU puts 32 bytes from the host's RNG there; a boot loader may) and
 * "kaslr-seed", then 64 readings of the time CSR around busy loops. On QEMU
 * the rng-seed is the real entropy; the timer readings follow the host's
 * clock and scheduling, so without a DTB seed (a board whose U-Boot adds
 * none) the output is guessable: fine for hashing, not for keys. No
 * entropy accounting, no interrupt timings, and /dev/random never blocks
 * (as Linux 5.6+ once seeded); the seed is not wiped from the DTB.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/of.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/random.h>

/* ---- ChaCha20, RFC 7539 2.1-2.3 ---- */

static inline u32 rol32(u32 v, int s)
{
	return v << s | v >> (32 - s);
}

/* The quarter round on words a, b, c, d of @x (RFC 7539 2.1). */
static void chacha_quarter_round(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] = rol32(x[d] ^ x[a], 16);
	x[c] += x[d]; x[b] = rol32(x[b] ^ x[c], 12);
	x[a] += x[b]; x[d] = rol32(x[d] ^ x[a], 8);
	x[c] += x[d]; x[b] = rol32(x[b] ^ x[c], 7);
}

/* @w as four little-endian bytes at @p. */
static void put_le32(u8 *p, u32 w)
{
	p[0] = w;
	p[1] = w >> 8;
	p[2] = w >> 16;
	p[3] = w >> 24;
}

void chacha20_block(const u32 key[CHACHA_KEY_WORDS], u32 counter, const u32 nonce[3],
		    u8 out[CHACHA_BLOCK_SIZE])
{
	u32 init[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };	/* "expand 32-byte k" */
	u32 x[16];

	memcpy(&init[4], key, 32);
	init[12] = counter;
	memcpy(&init[13], nonce, 12);
	memcpy(x, init, sizeof(x));
	for (int i = 0; i < 10; i++) {		/* 20 rounds: column, then diagonal */
		chacha_quarter_round(x, 0, 4, 8, 12);
		chacha_quarter_round(x, 1, 5, 9, 13);
		chacha_quarter_round(x, 2, 6, 10, 14);
		chacha_quarter_round(x, 3, 7, 11, 15);
		chacha_quarter_round(x, 0, 5, 10, 15);
		chacha_quarter_round(x, 1, 6, 11, 12);
		chacha_quarter_round(x, 2, 7, 8, 13);
		chacha_quarter_round(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		put_le32(out + 4 * i, x[i] + init[i]);
}

/* ---- the generator ---- */

/* The state; crng_lock (IRQs off) guards all of it. */
static struct {
	u32 key[CHACHA_KEY_WORDS];
	u64 generation;		/* blocks made: the nonce, never repeats under one key */
	bool seeded;		/* rand_initialize ran */
} crng;
static DEFINE_SPINLOCK(crng_lock);

/* One block under the key; its first half becomes the key, the second goes to @half (32 bytes). Lock held. */
static void crng_step(u8 half[32])
{
	u32 nonce[3] = { (u32)crng.generation, (u32)(crng.generation >> 32), 0x72697674 };
	u8 block[CHACHA_BLOCK_SIZE];

	chacha20_block(crng.key, 0, nonce, block);
	crng.generation++;
	memcpy(crng.key, block, 32);
	memcpy(half, block + 32, 32);
	memset(block, 0, sizeof(block));
}

void add_device_randomness(const void *buf, size_t len)
{
	const u8 *p = buf;
	u8 discard[32];
	unsigned long flags;

	spin_lock_irqsave(&crng_lock, flags);
	while (len) {
		size_t n = min_t(size_t, len, 32);

		for (size_t i = 0; i < n; i++)
			((u8 *)crng.key)[i] ^= p[i];
		crng_step(discard);	/* the key is now ChaCha20 of the mix */
		p += n;
		len -= n;
	}
	spin_unlock_irqrestore(&crng_lock, flags);
	memset(discard, 0, sizeof(discard));
}

void get_random_bytes(void *buf, size_t len)
{
	static int warned;	/* int: RV64 has no byte-sized AMO */
	u8 *p = buf, half[32];
	unsigned long flags;

	if (!READ_ONCE(crng.seeded) && !__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
		pr_warn("random: get_random_bytes before rand_initialize: output is predictable\n");
	spin_lock_irqsave(&crng_lock, flags);
	while (len) {
		size_t n = min_t(size_t, len, 32);

		crng_step(half);
		memcpy(p, half, n);
		p += n;
		len -= n;
	}
	spin_unlock_irqrestore(&crng_lock, flags);
	memset(half, 0, sizeof(half));
}

/* Mixes the DTB's /chosen seeds in; the number of seed bytes found. */
static size_t rand_mix_dtb_seeds(void)
{
	static const char *const names[] = { "rng-seed", "kaslr-seed" };
	size_t total = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(names) && of_chosen; i++) {
		int len = 0;
		const void *seed = of_get_property(of_chosen, names[i], &len);

		if (seed && len > 0) {
			add_device_randomness(seed, len);
			total += len;
		}
	}
	return total;
}

/* Mixes 64 time CSR readings taken around busy loops whose length they set. */
static void rand_mix_timer_jitter(void)
{
	u64 samples[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(samples); i++) {
		volatile unsigned int spin = (i ? samples[i - 1] & 0xff : 0) + 64;

		while (spin--)
			;
		samples[i] = get_cycles();
	}
	add_device_randomness(samples, sizeof(samples));
}

void rand_initialize(void)
{
	size_t dtb = rand_mix_dtb_seeds();

	rand_mix_timer_jitter();
	WRITE_ONCE(crng.seeded, true);
	if (dtb)
		pr_info("random: seeded from %zu bytes of DTB seed and timer jitter\n", dtb);
	else
		pr_warn("random: no DTB rng-seed: seeded from timer jitter only (weak)\n");
}

/* ---- /dev/random and /dev/urandom ---- */

/* ->read_iter: random bytes, 32 at a time, as many as @to takes. */
static ssize_t urandom_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	u8 chunk[32];
	ssize_t done = 0;

	if (!iov_iter_count(to))
		return 0;
	while (iov_iter_count(to)) {
		size_t n = min_t(size_t, iov_iter_count(to), sizeof(chunk)), c;

		get_random_bytes(chunk, n);
		c = copy_to_iter(chunk, n, to);
		done += c;
		if (c < n)
			break;
	}
	memset(chunk, 0, sizeof(chunk));
	return done ? done : -EFAULT;
}

/* ->write_iter: the bytes are mixed into the key (Linux: no entropy credit either). */
static ssize_t random_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	u8 chunk[64];
	ssize_t done = 0;

	while (iov_iter_count(from)) {
		size_t n = copy_from_iter(chunk, min_t(size_t, iov_iter_count(from), sizeof(chunk)), from);

		if (!n)
			return done ? done : -EFAULT;
		add_device_randomness(chunk, n);
		done += n;
	}
	return done;
}

const struct file_operations random_fops = {
	.read_iter = urandom_read_iter,
	.write_iter = random_write_iter,
	.llseek = noop_llseek,
};

const struct file_operations urandom_fops = {
	.read_iter = urandom_read_iter,
	.write_iter = random_write_iter,
	.llseek = noop_llseek,
};
