/*
 * reboot(2)'s arguments: two magic numbers (the second is one of four
 * dates written in hex), then the command.
 */
#ifndef _UAPI_REBOOT_H
#define _UAPI_REBOOT_H

#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_MAGIC2A	85072278
#define LINUX_REBOOT_MAGIC2B	369367448
#define LINUX_REBOOT_MAGIC2C	537993216

#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF	/* Ctrl-Alt-Del reboots */
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000	/* ... sends SIGINT to init */
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4	/* with a command string */
#define LINUX_REBOOT_CMD_SW_SUSPEND	0xD000FCE2
#define LINUX_REBOOT_CMD_KEXEC		0x45584543

#endif
