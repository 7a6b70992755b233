/*
 * DesignWare MSHC register offsets and bits, as the databook names them
 * (plain constants, no kernel types: the host-side controller model in
 * tests/host/mshc_model.c includes this too). See dw_mmc.h.
 */
#ifndef _DW_MMC_REGS_H
#define _DW_MMC_REGS_H

/* Registers (byte offsets from the controller base). */
#define SDMMC_CTRL		0x000
#define SDMMC_PWREN		0x004
#define SDMMC_CLKDIV		0x008
#define SDMMC_CLKSRC		0x00c
#define SDMMC_CLKENA		0x010
#define SDMMC_TMOUT		0x014
#define SDMMC_CTYPE		0x018
#define SDMMC_BLKSIZ		0x01c
#define SDMMC_BYTCNT		0x020
#define SDMMC_INTMASK		0x024
#define SDMMC_CMDARG		0x028
#define SDMMC_CMD		0x02c
#define SDMMC_RESP0		0x030
#define SDMMC_RESP1		0x034
#define SDMMC_RESP2		0x038
#define SDMMC_RESP3		0x03c
#define SDMMC_MINTSTS		0x040
#define SDMMC_RINTSTS		0x044
#define SDMMC_STATUS		0x048
#define SDMMC_FIFOTH		0x04c
#define SDMMC_CDETECT		0x050
#define SDMMC_WRTPRT		0x054
#define SDMMC_TCBCNT		0x05c
#define SDMMC_TBBCNT		0x060
#define SDMMC_DEBNCE		0x064
#define SDMMC_USRID		0x068
#define SDMMC_VERID		0x06c
#define SDMMC_HCON		0x070
#define SDMMC_UHS_REG		0x074
#define SDMMC_RST_N		0x078
#define SDMMC_BMOD		0x080
#define SDMMC_PLDMND		0x084
/* IDMAC, 32-bit addressing */
#define SDMMC_DBADDR		0x088
#define SDMMC_IDSTS		0x08c
#define SDMMC_IDINTEN		0x090
#define SDMMC_DSCADDR		0x094
#define SDMMC_BUFADDR		0x098
/* IDMAC, 64-bit addressing (HCON bit 27) */
#define SDMMC_DBADDRL		0x088
#define SDMMC_DBADDRU		0x08c
#define SDMMC_IDSTS64		0x090
#define SDMMC_IDINTEN64		0x094
#define SDMMC_DSCADDRL		0x098
#define SDMMC_DSCADDRU		0x09c
#define SDMMC_BUFADDRL		0x0a0
#define SDMMC_BUFADDRU		0x0a4
#define SDMMC_CDTHRCTL		0x100
/* The data FIFO: below IP version 2.40a at 0x100, from 2.40a at 0x200. */
#define SDMMC_DATA_OLD		0x100
#define SDMMC_DATA_240A		0x200
#define SDMMC_VERID_240A	0x240a

/* CTRL */
#define SDMMC_CTRL_RESET	(1u << 0)
#define SDMMC_CTRL_FIFO_RESET	(1u << 1)
#define SDMMC_CTRL_DMA_RESET	(1u << 2)
#define SDMMC_CTRL_INT_ENABLE	(1u << 4)
#define SDMMC_CTRL_DMA_ENABLE	(1u << 5)
#define SDMMC_CTRL_ABORT_READ	(1u << 8)
#define SDMMC_CTRL_USE_IDMAC	(1u << 25)
#define SDMMC_CTRL_ALL_RESET	(SDMMC_CTRL_RESET | SDMMC_CTRL_FIFO_RESET | SDMMC_CTRL_DMA_RESET)

/* CLKENA */
#define SDMMC_CLKEN_ENABLE	(1u << 0)
#define SDMMC_CLKEN_LOW_PWR	(1u << 16)

/* CTYPE */
#define SDMMC_CTYPE_1BIT	0u
#define SDMMC_CTYPE_4BIT	(1u << 0)
#define SDMMC_CTYPE_8BIT	(1u << 16)

/* RINTSTS / MINTSTS / INTMASK */
#define SDMMC_INT_CD		(1u << 0)	/* card detect */
#define SDMMC_INT_RE		(1u << 1)	/* response error */
#define SDMMC_INT_CMD_DONE	(1u << 2)
#define SDMMC_INT_DTO		(1u << 3)	/* data transfer over */
#define SDMMC_INT_TXDR		(1u << 4)
#define SDMMC_INT_RXDR		(1u << 5)
#define SDMMC_INT_RCRC		(1u << 6)
#define SDMMC_INT_DCRC		(1u << 7)
#define SDMMC_INT_RTO		(1u << 8)	/* response timeout */
#define SDMMC_INT_DRTO		(1u << 9)	/* data read timeout */
#define SDMMC_INT_HTO		(1u << 10)	/* host timeout / starvation */
#define SDMMC_INT_FRUN		(1u << 11)	/* FIFO under/overrun */
#define SDMMC_INT_HLE		(1u << 12)	/* hardware locked write error */
#define SDMMC_INT_SBE		(1u << 13)	/* start-bit error */
#define SDMMC_INT_ACD		(1u << 14)	/* auto command (auto-stop) done */
#define SDMMC_INT_EBE		(1u << 15)	/* end-bit error (write: no CRC status) */
#define SDMMC_INT_CMD_ERROR	(SDMMC_INT_RE | SDMMC_INT_RCRC | SDMMC_INT_RTO | SDMMC_INT_HLE)
#define SDMMC_INT_DATA_ERROR	(SDMMC_INT_DCRC | SDMMC_INT_DRTO | SDMMC_INT_HTO | \
				 SDMMC_INT_FRUN | SDMMC_INT_SBE | SDMMC_INT_EBE)

/* CMD */
#define SDMMC_CMD_INDEX(n)	((n) & 0x3f)
#define SDMMC_CMD_RESP_EXP	(1u << 6)
#define SDMMC_CMD_RESP_LONG	(1u << 7)
#define SDMMC_CMD_RESP_CRC	(1u << 8)
#define SDMMC_CMD_DAT_EXP	(1u << 9)
#define SDMMC_CMD_DAT_WR	(1u << 10)
#define SDMMC_CMD_STRM_MODE	(1u << 11)
#define SDMMC_CMD_SEND_STOP	(1u << 12)	/* auto-stop after the data */
#define SDMMC_CMD_PRV_DAT_WAIT	(1u << 13)
#define SDMMC_CMD_STOP		(1u << 14)	/* stop/abort command */
#define SDMMC_CMD_INIT		(1u << 15)	/* 80 clocks before the command */
#define SDMMC_CMD_UPD_CLK	(1u << 21)	/* update clock registers only */
#define SDMMC_CMD_VOLT_SWITCH	(1u << 28)
#define SDMMC_CMD_USE_HOLD_REG	(1u << 29)
#define SDMMC_CMD_START		(1u << 31)

/* STATUS */
#define SDMMC_STATUS_FIFO_EMPTY	(1u << 2)
#define SDMMC_STATUS_FIFO_FULL	(1u << 3)
#define SDMMC_STATUS_BUSY	(1u << 9)	/* card holds DAT0 low */
#define SDMMC_STATUS_FCNT(s)	(((s) >> 17) & 0x1fff)	/* FIFO words */

/* FIFOTH */
#define SDMMC_FIFOTH_MSIZE(m)	((m) << 28)	/* burst 1, 4, 8, ... 256 */
#define SDMMC_FIFOTH_RX(w)	((w) << 16)
#define SDMMC_FIFOTH_TX(w)	(w)
#define SDMMC_FIFOTH_RX_OF(v)	(((v) >> 16) & 0xfff)

/* HCON */
#define SDMMC_HCON_DATA_WIDTH(h)	(((h) >> 7) & 7)	/* 0: 16, 1: 32, 2: 64 bit */
#define SDMMC_HCON_DMA_IF(h)	(((h) >> 16) & 3)	/* 0: IDMAC ... 3: none */
#define SDMMC_HCON_ADDR64	(1u << 27)

/* BMOD */
#define SDMMC_BMOD_SWR		(1u << 0)
#define SDMMC_BMOD_FB		(1u << 1)
#define SDMMC_BMOD_DE		(1u << 7)

/* IDSTS / IDINTEN */
#define SDMMC_IDMAC_TI		(1u << 0)
#define SDMMC_IDMAC_RI		(1u << 1)
#define SDMMC_IDMAC_FBE		(1u << 2)	/* fatal bus error */
#define SDMMC_IDMAC_DU		(1u << 4)	/* descriptor unavailable */
#define SDMMC_IDMAC_CES		(1u << 5)	/* card error summary */
#define SDMMC_IDMAC_NI		(1u << 8)
#define SDMMC_IDMAC_AI		(1u << 9)
#define SDMMC_IDMAC_ERRORS	(SDMMC_IDMAC_FBE | SDMMC_IDMAC_DU | SDMMC_IDMAC_CES)
#define SDMMC_IDMAC_ALL		0x337u

/* IDMAC descriptor word 0 */
#define IDMAC_DES0_DIC		(1u << 1)	/* no completion interrupt */
#define IDMAC_DES0_LD		(1u << 2)	/* last */
#define IDMAC_DES0_FD		(1u << 3)	/* first */
#define IDMAC_DES0_CH		(1u << 4)	/* chained: next descriptor in des3 */
#define IDMAC_DES0_ER		(1u << 5)	/* end of ring */
#define IDMAC_DES0_CES		(1u << 30)
#define IDMAC_DES0_OWN		(1u << 31)	/* the IDMAC's */
#define IDMAC_DES_SIZE_MAX	4096u		/* bytes one descriptor moves (13-bit field) */

#endif
