// SPDX-License-Identifier: GPL-2.0-only
/* What a table placement asks of each format; see placement.h. */
#include "placement.h"

#include <inttypes.h>
#include <stdio.h>

static uint64_t bits_end(unsigned int bits)
{
	return bits >= 64 ? UINT64_MAX : 1ULL << bits;
}

void placement_of(const struct prog_config *cfg, unsigned int oas,
		  struct table_placement *pl)
{
	uint64_t requested = bits_end(cfg->oas);

	pl->base = program_table_base(cfg);
	pl->end = pl->base + PROG_TABLE_BYTES;
	pl->fit = UINT64_MAX;
	pl->fit_why = NULL;
	pl->reach = bits_end(oas);
	/*
	 * io-pgtable DMA-maps its tables for a non-coherent walk; a driver
	 * model's own AMD v1 tables are not (the AMD IOMMU snoops: the
	 * model programs a coherent walk whatever the program asks)
	 */
	pl->dma = cfg->coherent_walk || cfg->fmt == PT_AMD_V1 ? 0 : requested;
	if (cfg->fmt == PT_ARM_V7S) {
		bool mtk = cfg->quirks & HW_QUIRK_ARM_MTK_EXT;

		/* the walker's output is 32 bits unless MediaTek widens it */
		if (!mtk)
			pl->reach = bits_end(32);
		if (mtk && (cfg->quirks & HW_QUIRK_ARM_MTK_TTBR_EXT)) {
			pl->fit = requested;
			pl->fit_why = "v7s with MTK_TTBR_EXT: tables below 2^oas";
		} else {
			pl->fit = bits_end(32);
			pl->fit_why = "v7s table addresses have 32 bits";
		}
	}
	if (pl->dma && pl->dma < pl->fit) {
		pl->fit = pl->dma;
		pl->fit_why = "a non-coherent walk DMA-maps tables, below the 2^oas DMA mask";
	}
}

int placement_check(const struct prog_config *cfg, unsigned int oas,
		    const struct table_placement *pl, char *why, size_t whylen)
{
	uint64_t kept_end = pl->end < pl->fit ? pl->end : pl->fit;

	/* all refused, or all within reach */
	if (pl->base >= kept_end || kept_end <= pl->reach)
		return 0;
	snprintf(why, whylen,
		 "config.table_base 0x%" PRIx64 ": tables io-pgtable keeps would reach PA 0x%" PRIx64
		 ", beyond this %s domain's %u-bit output (unchecked: no platform gives an IOMMU tables it cannot reach)",
		 pl->base, kept_end - 1, pt_format_name(cfg->fmt), oas);
	return -1;
}
