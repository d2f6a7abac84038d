// SPDX-License-Identifier: GPL-2.0-only
/*
 * mtk_iommu (drivers/iommu/mtk_iommu.c): ARM_V7S with the NS, NO_PERMS and
 * MTK_EXT quirks, and no io-pgtable flush callbacks at all (cfg.tlb NULL).
 * Its unmap_pages adds [iova, iova + pgsize * pgcount) to the gather
 * *before* io-pgtable runs, even if that then unmaps less; iotlb_sync
 * computes a length as end - start + 1 and range-invalidates it (it has no
 * empty check), flush_iotlb_all invalidates everything, and iotlb_sync_map
 * range-flushes every new mapping. No flush queue.
 *
 * Jason Gunthorpe's "Always fill in gather" v1 removed the add_range here
 * (moving it into io-pgtable-arm, which mtk does not use): built with that
 * fixture, the model does what the patched driver does.
 */
#include "glue.h"

static size_t mtk_unmap_pages(struct glue_domain *gd, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
#ifndef IOTLBFUZZ_PATCH_JGG_ALWAYS_FILL_V1
	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
#endif
	return gd->pgtbl->unmap_pages(gd->pgtbl, iova, pgsize, pgcount,
				      gather);
}

static void mtk_iotlb_sync(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather)
{
	size_t length = gather->end - gather->start + 1;

	sim_inv_range(gd->dev, gather->start, length);
}

const struct glue_model drv_mtk_iommu = {
	.id = DRIVER_ID(DRV_MTK_IOMMU),
	.name = "mtk_iommu",
	.summary = "unmap adds the requested range first; sync = range [start, "
		   "end - start + 1]; sync_map flushes",
	.facts.formats = FMT(PT_ARM_V7S),
	.facts.quirks =
		GLUE_QUIRK_NS | GLUE_QUIRK_NO_PERMS | GLUE_QUIRK_MTK_EXT,
	.facts.gather_use = GATHER_RANGE,
	.facts.sync_needs_nonempty_gather = true,
	.facts.overinv = OVERINV_UNION,
	.unmap_pages = mtk_unmap_pages,
	.iotlb_sync = mtk_iotlb_sync,
	.flush_iotlb_all = glue_invalidate_all,
	.iotlb_sync_map = glue_sync_map_invalidate,
};
