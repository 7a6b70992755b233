/*
 * A QEMU TCG plugin for the rivet-beside-Linux benchmark (docs/bench.md):
 * counts the guest's executed sfence.vma instructions by kind (whole TLB,
 * one address, one ASID, one address in one ASID) and its writes to satp,
 * and prints the totals when QEMU exits. Follows QEMU 7.2's plugin API
 * (version 1); it declares only the calls it uses and leaves out per-vCPU
 * counts (the benchmark runs one hart).
 *   qemu-system-riscv64 ... -plugin qemu-sfence.so
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
	enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, void *data), void *data);
void qemu_plugin_outs(const char *text);

#define PLUGIN_EXPORT	__attribute__((visibility("default")))

PLUGIN_EXPORT int qemu_plugin_version = 1;

enum { FENCE_ALL, FENCE_ADDR, FENCE_ASID, FENCE_ADDR_ASID, SATP_WRITE, NR_COUNTS };
static uint64_t counts[NR_COUNTS];

#define OPC_SYSTEM	0x73
#define CSR_SATP	0x180

/* classify: which count the 32-bit instruction @insn adds to, or -1. */
static int classify(uint32_t insn)
{
	unsigned int rs1 = (insn >> 15) & 31, rs2 = (insn >> 20) & 31;
	unsigned int funct3 = (insn >> 12) & 7;

	if ((insn & 0x7f) != OPC_SYSTEM)
		return -1;
	if ((insn & 0xfe007fff) == 0x12000073)	/* sfence.vma rs1, rs2 */
		return rs1 ? (rs2 ? FENCE_ADDR_ASID : FENCE_ADDR) : (rs2 ? FENCE_ASID : FENCE_ALL);
	/* csrrw/csrrs/csrrc(i) on satp; csrrs/csrrc with x0 (or uimm 0) only read it. */
	if (funct3 != 0 && funct3 != 4 && (insn >> 20) == CSR_SATP)
		return (funct3 & 3) == 1 || rs1 ? SATP_WRITE : -1;
	return -1;
}

/* on_translate: an inline counter on every instruction of @tb we count. */
static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t word;
		int kind;

		if (qemu_plugin_insn_size(insn) != 4)
			continue;
		memcpy(&word, qemu_plugin_insn_data(insn), 4);
		kind = classify(word);
		if (kind >= 0)
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
								   &counts[kind], 1);
	}
}

/* on_exit: one line with the totals, into QEMU's log (stderr). */
static void on_exit(qemu_plugin_id_t id, void *data)
{
	char line[256];

	snprintf(line, sizeof(line), "SFENCE all %" PRIu64 " addr %" PRIu64 " asid %" PRIu64
		 " addr_asid %" PRIu64 " satp_writes %" PRIu64 "\n", counts[FENCE_ALL],
		 counts[FENCE_ADDR], counts[FENCE_ASID], counts[FENCE_ADDR_ASID],
		 counts[SATP_WRITE]);
	qemu_plugin_outs(line);
}

PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
				      int argc, char **argv)
{
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_exit, NULL);
	return 0;
}
