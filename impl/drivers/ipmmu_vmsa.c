// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipmmu-vmsa (drivers/iommu/ipmmu-vmsa.c): ARM_32_LPAE_S1, 4K|2M|1G. It has
 * no tlb_add_page, so io-pgtable's per-page call does nothing: an unmap
 * invalidates nothing until iotlb_sync, which flushes the whole context
 * (IMCTR.FLUSH, then a poll). Walk flushes and flush_iotlb_all are the same
 * full flush. No flush queue, no iotlb_sync_map.
 */
#include "glue.h"

const struct glue_model drv_ipmmu_vmsa = {
	.id = DRIVER_ID(DRV_IPMMU_VMSA),
	.name = "ipmmu-vmsa",
	.summary =
		"no tlb_add_page, gather untouched; sync = full context flush",
	.facts.formats = FMT(PT_ARM_32_LPAE_S1),
	.facts.pgsize_mask = 0x40201000,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.tlb_flush_all = glue_invalidate_all,
	.tlb_flush_walk = glue_walk_invalidate_all,
	.iotlb_sync = glue_sync_invalidate_all,
	.flush_iotlb_all = glue_invalidate_all,
};
