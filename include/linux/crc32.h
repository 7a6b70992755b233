/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), lib/crc32.c. */
#ifndef _LINUX_CRC32_H
#define _LINUX_CRC32_H

#include <linux/types.h>

/*
 * Update @crc with @len bytes at @p, least significant bit first. No
 * inversion is done here: the usual CRC-32 (zlib, Ethernet, GPT) is
 * crc32_le(~0, p, len) ^ ~0, and a buffer may be fed in pieces.
 */
u32 crc32_le(u32 crc, const void *p, size_t len);

#endif
