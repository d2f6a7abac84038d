// SPDX-License-Identifier: GPL-2.0-only
/*
 * sun50i-iommu (drivers/iommu/sun50i-iommu.c, Allwinner H6): its own
 * two-level table of 4K pages; here on the stand-in format (ARM_64_LPAE_S1,
 * 4K pages only, stand_in.h; the 32-bit IOVA/PA limit is not enforced).
 * map and unmap handle one page per call and the core loops: map fails
 * with -EBUSY on a valid entry, unmap returns 0 on an invalid one (a hole
 * stops the unmap) and 4K otherwise. Neither touches the gather or flushes.
 * iotlb_sync and flush_iotlb_all flush the whole TLB and PTW cache;
 * iotlb_sync_map zaps the TLB around the new range, modelled as a range
 * invalidation of it. No flush queue.
 *
 * Jason Gunthorpe's "Always fill in gather" v1 adds the cleared page to the
 * gather: built with that fixture, the model does so.
 */
#include "stand_in.h"

static int sun50i_map_pages(struct glue_domain *gd, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	(void)pgsize;
	(void)pgcount;
	if (stand_in_mapped(gd, iova))
		return -EBUSY;
	return stand_in_map(gd, iova, paddr, STAND_IN_PAGE, 1, prot, gfp,
			    mapped);
}

static size_t sun50i_unmap_pages(struct glue_domain *gd, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	(void)pgsize;
	(void)pgcount;
	if (!stand_in_mapped(gd, iova))
		return 0;
	if (stand_in_clear(gd, iova, STAND_IN_PAGE, STAND_IN_PAGE) !=
	    STAND_IN_PAGE)
		return 0;
#ifdef IOTLBFUZZ_PATCH_JGG_ALWAYS_FILL_V1
	iommu_iotlb_gather_add_range(gather, iova, STAND_IN_PAGE);
#else
	(void)gather;
#endif
	return STAND_IN_PAGE;
}

const struct glue_model drv_sun50i_iommu = {
	.id = DRIVER_ID(DRV_SUN50I),
	.name = "sun50i",
	.summary = "own 2-level table (stand-in LPAE 4K): one page per call, "
		   "holes stop; gather untouched; sync and flush_all flush "
		   "everything",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.map_pages = sun50i_map_pages,
	.unmap_pages = sun50i_unmap_pages,
	.iotlb_sync = glue_sync_invalidate_all,
	.flush_iotlb_all = glue_invalidate_all,
	.iotlb_sync_map = glue_sync_map_invalidate,
};
