// SPDX-License-Identifier: GPL-2.0-only
/*
 * rockchip (drivers/iommu/rockchip-iommu.c): a directory of 4M
 * entries over tables of 4K PTEs; any power of two from 4K to 4M is
 * offered, and map and unmap handle exactly one such page per call (the
 * core loops). map refuses (-EADDRINUSE, nothing left mapped) if any PTE of
 * the page is valid, and zaps the IOTLB lines of the first and last page
 * of the new mapping. unmap invalidates PTEs from iova up to the first
 * invalid one, zaps the lines of what it cleared and returns that many
 * bytes (0 on a hole).
 */
#include "sync_in_unmap.h"

#define RK_PGSIZES 0x007ff000UL

static int rk_map_pages(struct glue_domain *gd, unsigned long iova,
			phys_addr_t paddr, size_t pgsize, size_t pgcount,
			int prot, gfp_t gfp, size_t *mapped)
{
	int ret;

	(void)pgcount;
	if (stand_in_any_mapped(gd, iova, pgsize))
		return -EADDRINUSE;
	ret = leaves_map(gd, iova, paddr, pgsize, prot, gfp);
	if (ret)
		return ret;
	sim_inv_range(gd->dev, iova, STAND_IN_PAGE);
	if (pgsize > STAND_IN_PAGE)
		sim_inv_range(gd->dev, iova + pgsize - STAND_IN_PAGE,
			      STAND_IN_PAGE);
	*mapped = pgsize;
	return 0;
}

static size_t rk_unmap_pages(struct glue_domain *gd, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	size_t done = 0;

	(void)pgcount;
	(void)gather;
	while (done < pgsize && stand_in_mapped(gd, iova + done))
		done += STAND_IN_PAGE;
	if (!done)
		return 0;
	stand_in_clear(gd, iova, STAND_IN_PAGE, done);
	sim_inv_range(gd->dev, iova, done);
	return done;
}

const struct glue_model drv_rockchip_iommu = {
	.id = DRIVER_ID(DRV_ROCKCHIP),
	.name = "rockchip",
	.summary = "DT + 4K PTEs (stand-in), pages 4K..4M one per call: map "
		   "refuses over valid PTEs and zaps first/last page; unmap "
		   "stops at a hole, zaps what it cleared; no sync ops",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = RK_PGSIZES,
	.facts.fixed_pgsizes = true,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = false,
	.table_pgsizes = STAND_IN_PAGE,
	/* invalidates inside unmap: none of the sync ops */
	.iotlb_sync = NULL,
	.flush_iotlb_all = NULL,
	.iotlb_sync_map = NULL,
	.map_pages = rk_map_pages,
	.unmap_pages = rk_unmap_pages,
};
