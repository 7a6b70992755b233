/*
 * The kernel's random numbers (drivers/char/random.c): a ChaCha20 key that
 * boot seeds from the DTB and timer jitter, and /dev/random, /dev/urandom.
 * Linux's names; see random.c's header for how weak the seeding can be.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

struct file_operations;

#define CHACHA_KEY_WORDS	8
#define CHACHA_BLOCK_SIZE	64

/*
 * RFC 7539 section 2.3: the 64-byte block of @key (8 little-endian words),
 * @counter and @nonce (3 words) into @out. Pure, any context.
 */
void chacha20_block(const u32 key[CHACHA_KEY_WORDS], u32 counter, const u32 nonce[3],
		    u8 out[CHACHA_BLOCK_SIZE]);

/* Boot, after the device tree is unflattened: seeds the generator. */
void rand_initialize(void);
/* Mixes @len bytes into the key (no entropy credited). Any context. */
void add_device_randomness(const void *buf, size_t len);
/* @len random bytes into @buf. Any context (a warning if before rand_initialize). */
void get_random_bytes(void *buf, size_t len);

/* The files of /dev/random (1,8) and /dev/urandom (1,9): the same generator. */
extern const struct file_operations random_fops;
extern const struct file_operations urandom_fops;

#endif
