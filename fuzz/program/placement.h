/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a program's page tables sit (config.table_base), and what that
 * placement asks of io-pgtable: which table addresses the format can hold
 * (it must refuse the others), and which ones the hardware can reach (a
 * table it keeps must be one). From the io-pgtable code of 6.1 and 6.12:
 *
 *  - ARM_V7S holds table addresses in 32-bit descriptors and TTBR, and
 *    refuses a table above 4G ("Page table does not fit in PTE"); with
 *    MTK_TTBR_EXT, one at or above 2^oas;
 *  - a non-coherent walk maps each table with the DMA API, which fails
 *    beyond the IOMMU's DMA mask (2^oas), so io-pgtable refuses it too;
 *  - io-pgtable-arm and io-pgtable-dart never check where a table is
 *    (paddr_to_iopte() truncates what does not fit): the platform must
 *    give them memory the IOMMU reaches, so a placement that would not is
 *    rejected as an input, never run.
 *
 * Plain C over a decoded configuration; no kernel, no arena.
 */
#ifndef IOTLBFUZZ_PLACEMENT_H
#define IOTLBFUZZ_PLACEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

struct table_placement {
	uint64_t base, end; /* the page-table memory: [base, end) */
	/* io-pgtable must refuse a table reaching it; UINT64_MAX: none */
	uint64_t fit;
	const char *fit_why; /* why, as "<format> ..." */
	uint64_t reach; /* the hardware walks tables below it */
	uint64_t dma; /* the IOMMU's DMA mask plus one; 0: no DMA mapping */
};

/*
 * For @cfg as the domain is asked for (its quirks with the driver's, its
 * requested oas: io-pgtable's checks and the DMA mask use that one) and
 * @oas, the output size io-pgtable settled on (what the hardware is set
 * up for; the requested one before the domain exists).
 */
void placement_of(const struct prog_config *cfg, unsigned int oas,
		  struct table_placement *pl);

/*
 * 0 if every table io-pgtable may keep at this placement is one the
 * hardware reaches; else -1 with @why.
 */
int placement_check(const struct prog_config *cfg, unsigned int oas,
		    const struct table_placement *pl, char *why, size_t whylen);

#endif
