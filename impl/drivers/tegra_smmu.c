// SPDX-License-Identifier: GPL-2.0-only
/*
 * tegra-smmu (drivers/iommu/tegra-smmu.c): directory + 4K page
 * tables, one page per call. map writes the PTE whether or not one was
 * there (a mapped page is replaced), unmap returns 0 for a missing PTE;
 * every PTE write flushes the page-table cache line and the TLB entries of
 * the PTE's 16K VA group, synchronously.
 */
#include "sync_in_unmap.h"

static void tegra_flush_pte(struct glue_domain *gd, unsigned long iova)
{
	sim_inv_range(gd->dev, iova & ~(SZ_16K_ - 1), SZ_16K_);
}

static int tegra_map_pages(struct glue_domain *gd, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	int ret;

	(void)pgsize;
	(void)pgcount;
	if (stand_in_mapped(gd, iova))
		stand_in_clear(gd, iova, STAND_IN_PAGE, STAND_IN_PAGE);
	ret = leaves_map(gd, iova, paddr, STAND_IN_PAGE, prot, gfp);
	if (ret)
		return ret;
	tegra_flush_pte(gd, iova);
	*mapped = STAND_IN_PAGE;
	return 0;
}

static size_t tegra_unmap_pages(struct glue_domain *gd, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	(void)pgcount;
	(void)gather;
	if (!stand_in_mapped(gd, iova))
		return 0;
	stand_in_clear(gd, iova, STAND_IN_PAGE, STAND_IN_PAGE);
	tegra_flush_pte(gd, iova);
	return pgsize;
}

const struct glue_model drv_tegra_smmu = {
	.id = DRIVER_ID(DRV_TEGRA_SMMU),
	.name = "tegra-smmu",
	.summary = "2-level 4K table (stand-in): one page per call, map "
		   "replaces, a hole returns 0; PTC + TLB-group flush per PTE "
		   "write; no sync ops",
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
	.map_pages = tegra_map_pages,
	.unmap_pages = tegra_unmap_pages,
};
