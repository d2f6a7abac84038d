// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390-iommu (drivers/iommu/s390-iommu.c): its own region/segment/page
 * tables of 4K pages; here on the stand-in format (ARM_64_LPAE_S1, 4K pages
 * only, stand_in.h). unmap invalidates every entry of the range whatever
 * its state ("holes succeed"; the real walk allocates missing tables),
 * adds [iova, iova + size) to the gather, queued or not, and returns the
 * full size. iotlb_sync returns at once if gather->end is 0, else issues
 * RPCIT over [start, end - start + 1]; flush_iotlb_all is an RPCIT of the
 * whole aperture. iotlb_sync_map refreshes the new range only for devices
 * whose tables a hypervisor shadows (tlb_refresh): that is the s390-refresh
 * model; plain s390 refreshes nothing on map. iova_to_phys returns the
 * page frame without the sub-page offset. Flush queue supported.
 *
 * Simplifications: map over an existing entry is not in the fact table and
 * keeps io-pgtable's -EEXIST; RPCIT's -ENOMEM fallback to a full refresh
 * is not modelled.
 */
#include "stand_in.h"

static size_t s390_unmap_pages(struct glue_domain *gd, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	size_t size = pgsize * pgcount;

	stand_in_clear_mapped(gd, iova, size);
	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static phys_addr_t s390_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	phys_addr_t pa = gd->pgtbl->iova_to_phys(gd->pgtbl, iova);

	return pa & ~(phys_addr_t)(STAND_IN_PAGE - 1);
}

static void s390_rpcit_gather(struct glue_domain *gd,
			      struct iommu_iotlb_gather *gather)
{
	if (!gather->end)
		return;
	sim_inv_range(gd->dev, gather->start, gather->end - gather->start + 1);
}

#define S390_COMMON                                                            \
	.facts.formats = STAND_IN_FORMATS, .facts.pgsize_mask = STAND_IN_PAGE, \
	.facts.gather_use = GATHER_RANGE, .facts.overinv = OVERINV_UNION,      \
	.facts.supports_fq = true, .unmap_pages = s390_unmap_pages,            \
	.iova_to_phys = s390_iova_to_phys, .iotlb_sync = s390_rpcit_gather,    \
	.flush_iotlb_all = glue_invalidate_all

const struct glue_model drv_s390_iommu = {
	.id = DRIVER_ID(DRV_S390),
	.name = "s390",
	.summary = "own tables (stand-in LPAE 4K): holes unmap, add_range always; sync = RPCIT [start, end - start + 1] unless end is 0; iova_to_phys drops the offset",
	S390_COMMON,
};

const struct glue_model drv_s390_iommu_refresh = {
	.id = DRIVER_ID(DRV_S390_REFRESH),
	.name = "s390-refresh",
	.summary = "s390 with tlb_refresh (shadowed tables): sync_map "
		   "refreshes the new range",
	S390_COMMON,
	/* zpci_refresh_trans() can fail, and so s390_iommu_iotlb_sync_map() */
	.facts.sync_map_can_fail = true,
	.iotlb_sync_map = glue_sync_map_invalidate,
};
