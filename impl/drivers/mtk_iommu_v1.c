// SPDX-License-Identifier: GPL-2.0-only
/*
 * mtk_iommu_v1 (drivers/iommu/mtk_iommu_v1.c): one flat table of 4K
 * entries. map writes entries in order and stops at the first one already
 * valid (-EEXIST, reporting the part it wrote, which the core unmaps
 * again), then range-flushes what it wrote. unmap zeroes every entry of
 * the range whatever its state ("holes succeed"), range-flushes it and
 * returns the full size. iova_to_phys masks the entry to its page and
 * returns that without the offset inside the page (docs/findings.md F13).
 */
#include "sync_in_unmap.h"

static int mtk_v1_map_pages(struct glue_domain *gd, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	size_t n = 0;
	int ret = 0;

	(void)pgsize; /* 4K, the only size */
	while (n < pgcount && !hw_work_exceeded() &&
	       !stand_in_mapped(gd, iova + n * STAND_IN_PAGE))
		n++;
	if (n)
		ret = leaves_map(gd, iova, paddr, n * STAND_IN_PAGE, prot, gfp);
	if (ret)
		return ret;
	*mapped = n * STAND_IN_PAGE;
	if (n)
		sim_inv_range(gd->dev, iova, n * STAND_IN_PAGE);
	return n == pgcount ? 0 : -EEXIST;
}

static size_t mtk_v1_unmap_pages(struct glue_domain *gd, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	size_t size = pgcount * STAND_IN_PAGE;

	(void)pgsize;
	(void)gather;
	stand_in_clear_mapped(gd, iova, size);
	sim_inv_range(gd->dev, iova, size);
	return size;
}

static phys_addr_t mtk_v1_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	phys_addr_t pa = gd->pgtbl->iova_to_phys(gd->pgtbl, iova);

	return pa & ~(phys_addr_t)(STAND_IN_PAGE - 1);
}

const struct glue_model drv_mtk_iommu_v1 = {
	.id = DRIVER_ID(DRV_MTK_IOMMU_V1),
	.name = "mtk_iommu_v1",
	.summary = "flat 4K table (stand-in): map stops at a valid entry "
		   "(-EEXIST), holes unmap; range flush in map and unmap; no "
		   "sync ops; iova_to_phys drops the offset",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = false,
	.table_pgsizes = STAND_IN_PAGE,
	/* invalidates inside unmap: none of the sync ops */
	.iotlb_sync = NULL,
	.flush_iotlb_all = NULL,
	.iotlb_sync_map = NULL,
	.map_pages = mtk_v1_map_pages,
	.unmap_pages = mtk_v1_unmap_pages,
	.iova_to_phys = mtk_v1_iova_to_phys,
};
