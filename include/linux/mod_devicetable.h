/*
 * What a driver matches devices by. A driver lists the device-tree
 * "compatible" strings it serves in a table ended by an empty entry:
 *
 *	static const struct of_device_id serial8250_of_match[] = {
 *		{ .compatible = "ns16550a" },
 *		{ .compatible = "snps,dw-apb-uart", .data = &dw_apb_quirks },
 *		{ }
 *	};
 *
 * Linux's struct has name and type fields as well; rivet matches on
 * compatible only.
 */
#ifndef _LINUX_MOD_DEVICETABLE_H
#define _LINUX_MOD_DEVICETABLE_H

struct of_device_id {
	const char *compatible;		/* NULL ends the table */
	const void *data;		/* for the driver: of_device_get_match_data() */
};

#endif
