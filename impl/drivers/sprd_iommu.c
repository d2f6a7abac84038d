// SPDX-License-Identifier: GPL-2.0-only
/*
 * sprd-iommu (drivers/iommu/sprd-iommu.c): its own flat table of 4K entries
 * over the aperture; here on the stand-in format (ARM_64_LPAE_S1, 4K pages
 * only, stand_in.h). map overwrites whatever an entry held and never fails;
 * unmap zeroes every entry of the range whatever its state and returns the
 * full size ("holes succeed"); the gather is never touched. iotlb_sync and
 * iotlb_sync_map both refresh the whole TLB (the "update all" register);
 * there is no flush_iotlb_all op and no flush queue. iova_to_phys returns
 * the stored page plus the sub-page offset, so an unmapped IOVA yields its
 * offset rather than 0.
 *
 * Jason Gunthorpe's "Always fill in gather" v1 adds [iova, iova + size) to
 * the gather after the clear: built with that fixture, the model does so.
 */
#include "stand_in.h"

static int sprd_map_pages(struct glue_domain *gd, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	/* the flat table is overwritten in place: drop what was there */
	stand_in_clear_mapped(gd, iova, pgsize * pgcount);
	return stand_in_map(gd, iova, paddr, pgsize, pgcount, prot, gfp,
			    mapped);
}

static size_t sprd_unmap_pages(struct glue_domain *gd, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	size_t size = pgsize * pgcount;

	stand_in_clear_mapped(gd, iova, size);
#ifdef IOTLBFUZZ_PATCH_JGG_ALWAYS_FILL_V1
	iommu_iotlb_gather_add_range(gather, iova, size);
#else
	(void)gather;
#endif
	return size;
}

static phys_addr_t sprd_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	phys_addr_t pa = gd->pgtbl->iova_to_phys(gd->pgtbl, iova);

	/* an empty entry is page number 0: the offset comes through */
	return pa ? pa : iova & (STAND_IN_PAGE - 1);
}

const struct glue_model drv_sprd_iommu = {
	.id = DRIVER_ID(DRV_SPRD),
	.name = "sprd",
	.summary = "own flat table (stand-in LPAE 4K): map overwrites, holes "
		   "unmap; gather untouched; sync and sync_map refresh "
		   "everything; no flush_all",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.map_pages = sprd_map_pages,
	.unmap_pages = sprd_unmap_pages,
	.iova_to_phys = sprd_iova_to_phys,
	.iotlb_sync = glue_sync_invalidate_all,
	.iotlb_sync_map = glue_sync_map_invalidate_all,
};
