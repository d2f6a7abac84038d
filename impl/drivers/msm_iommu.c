// SPDX-License-Identifier: GPL-2.0-only
/*
 * msm_iommu (drivers/iommu/msm_iommu.c): ARM_V7S, 4K|64K|1M|16M. Its flush
 * callbacks issue TLBIVA per granule at once (the driver relies on the
 * client's later MMIO write for completion), so it has no iotlb_sync and no
 * flush_iotlb_all; iotlb_sync_map invalidates the new range at 4K
 * granularity. No flush queue.
 */
#include "glue.h"

static int tlbiva_range(struct glue_domain *gd, unsigned long iova,
			size_t size)
{
	sim_inv_leaf(gd->dev, iova, size);
	return 0;
}

const struct glue_model drv_msm_iommu = {
	.id = DRIVER_ID(DRV_MSM_IOMMU),
	.name = "msm_iommu",
	.summary = "flush callbacks invalidate at once; no iotlb_sync, no "
		   "flush_iotlb_all",
	.facts.formats = FMT(PT_ARM_V7S),
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.tlb_flush_all = glue_invalidate_all,
	.tlb_flush_walk = glue_invalidate_walk,
	.tlb_add_page = glue_invalidate_leaf,
	.iotlb_sync_map = tlbiva_range,
};
