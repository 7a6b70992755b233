/*
 * bigbin: a static program with 1 MiB of text and 4 MiB of read-only data,
 * for usertests' exec of a large binary (docs/userspace.md): every text
 * page is executed once and every data page read, so exec must demand-page
 * both from the file. Exits 0 when both give the known sums, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>

#define TEXT_INSNS	(1u << 18)	/* 4-byte addi each: 1 MiB of text */
#define DATA_WORDS	(1u << 19)	/* 8-byte words: 4 MiB of rodata */

/* big_text: TEXT_INSNS times "a0 += 1", so it returns its argument + TEXT_INSNS. */
uint64_t big_text(uint64_t a);
extern const uint64_t big_data[DATA_WORDS];

__asm__(
	"	.section .text.big_text, \"ax\"\n"
	"	.globl big_text\n"
	"	.option push\n"
	"	.option norvc\n"
	"big_text:\n"
	"	.rept 262144\n"
	"	addi a0, a0, 1\n"
	"	.endr\n"
	"	ret\n"
	"	.option pop\n"
	"	.section .rodata.big_data, \"a\"\n"
	"	.balign 8\n"
	"	.globl big_data\n"
	"big_data:\n"
	"	.set n, 0\n"
	"	.rept 524288\n"
	"	.quad n * 2654435761\n"
	"	.set n, n + 1\n"
	"	.endr\n"
	"	.text\n");

int main(void)
{
	uint64_t sum = 0, want = 0;

	for (uint64_t i = 0; i < DATA_WORDS; i++) {
		sum += big_data[i];
		want += i * 2654435761u;
	}
	if (big_text(5) != 5 + TEXT_INSNS || sum != want) {
		printf("bigbin: bad text or data (%llx, %llx)\n",
		       (unsigned long long)sum, (unsigned long long)want);
		return 1;
	}
	printf("bigbin: ok\n");
	return 0;
}
