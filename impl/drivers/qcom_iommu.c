// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_iommu (drivers/iommu/arm/arm-smmu/qcom_iommu.c): ARM_32_LPAE_S1 with
 * 4K pages only. tlb_add_page posts TLBIVAL on every context; walk and full
 * flushes post and wait. iotlb_sync and flush_iotlb_all are both a TLBSYNC
 * poll and invalidate nothing themselves. The gather is never written. No
 * flush queue, no iotlb_sync_map.
 */
#include "glue.h"

static void tlbsync_all(struct glue_domain *gd)
{
	sim_wait_posted(gd->dev);
}

const struct glue_model drv_qcom_iommu = {
	.id = DRIVER_ID(DRV_QCOM_IOMMU),
	.name = "qcom_iommu",
	.summary = "add_page posts TLBIVAL, gather untouched; sync and "
		   "flush_all only wait",
	.facts.formats = FMT(PT_ARM_32_LPAE_S1),
	.facts.pgsize_mask = 0x1000,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.tlb_flush_all = glue_post_all_and_wait,
	.tlb_flush_walk = glue_post_walk_and_wait,
	.tlb_add_page = glue_post_leaf,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = tlbsync_all,
};
