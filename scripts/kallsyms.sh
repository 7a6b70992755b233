#!/bin/sh
# Turn `nm -n` output (stdin) into the kernel's symbol table for backtraces:
# sorted text addresses, their name offsets, and the names. Empty input
# gives an empty table with the same symbols (the first link uses it).
# n starts at 0 explicitly: an unset awk variable is "" as an array index,
# which would put the first symbol under addr[""] and leave addr[0] empty.
awk '
BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 !~ /^\$/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .kallsyms, \"a\""
	print "\t.balign 8"
	print "\t.globl kallsyms_num, kallsyms_addresses, kallsyms_offsets, kallsyms_names"
	print "kallsyms_num:\n\t.quad " n
	print "kallsyms_addresses:"
	for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
	print "kallsyms_offsets:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.word " off; off += length(name[i]) + 1 }
	print "kallsyms_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
	print "\t.balign 8"
}'
