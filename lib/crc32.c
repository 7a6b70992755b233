/*
 * CRC-32 as IEEE 802.3 defines it (polynomial 0x04C11DB7, bit-reversed
 * 0xEDB88320), four bits per step from a 16-entry table. Only the
 * little-endian (reflected) form: the one GPT and Ethernet use.
 */
#include <linux/crc32.h>

/* crc32_nibble[i]: the CRC of the 4-bit value i, reflected polynomial. */
static const u32 crc32_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

/* See include/linux/crc32.h. Never fails; @len 0 returns @crc. */
u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;

	while (len--) {
		crc ^= *b++;
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
	}
	return crc;
}
