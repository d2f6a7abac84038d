// SPDX-License-Identifier: GPL-2.0-only
/*
 * exynos (drivers/iommu/exynos-iommu.c): 1M sections, 64K large pages
 * (16 replicated PTEs) and 4K small pages; map and unmap handle one entry
 * per call. map refuses with a WARN and -EADDRINUSE anything that would
 * overlap: a page under a section, a section over a second-level table
 * that still has entries (an empty one is freed and replaced), a PTE that
 * is valid. unmap looks at the entry at iova: a section or large page
 * bigger than the request is refused (WARN, 0), otherwise the entry is
 * cleared; a missing first-level entry reports min(size, 1M) and a missing
 * PTE 4K, so holes succeed. Either way the TLB entry is invalidated before
 * unmap returns. Second-level tables are never freed by unmap.
 */
#include "sync_in_unmap.h"

static int exynos_map_pages(struct glue_domain *gd, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	struct two_level *t = gd->priv;
	unsigned long sect = sect_of(iova);
	int l1 = slot_kind(&t->l1, iova), ret;

	(void)pgcount;
	if (WARN_ON(l1 == L1_SECTION))
		return -EADDRINUSE;
	if (pgsize == SZ_1M_) {
		if (WARN_ON(slot_any(&t->l2, sect, sect + SZ_1M_ - 1)))
			return -EADDRINUSE;
		ret = record(&t->l1, sect, SZ_1M_, L1_SECTION);
	} else {
		if (WARN_ON(slot_any(&t->l2, iova, iova + pgsize - 1)))
			return -EADDRINUSE;
		ret = l1 ? 0 : record(&t->l1, sect, SZ_1M_, L1_TABLE);
		if (!ret)
			ret = record(&t->l2, iova, pgsize,
				     pgsize == SZ_64K_ ? L2_LARGE : L2_SMALL);
	}
	if (!ret)
		ret = leaves_map(gd, iova, paddr, pgsize, prot, gfp);
	if (ret)
		return ret;
	*mapped = pgsize;
	return 0;
}

static size_t exynos_unmap_pages(struct glue_domain *gd, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct two_level *t = gd->priv;
	int l1 = slot_kind(&t->l1, iova), l2;
	size_t size;

	(void)pgcount;
	(void)gather;
	if (l1 == L1_SECTION) {
		if (WARN_ON(pgsize < SZ_1M_))
			return 0;
		/* back to the "zero" second-level link: a fault */
		slot_set(&t->l1, iova, iova + SZ_1M_ - 1, 0);
		size = SZ_1M_;
	} else if (!l1) {
		size = pgsize < SZ_1M_ ? pgsize : SZ_1M_;
	} else {
		l2 = slot_kind(&t->l2, iova);
		if (l2 == L2_LARGE && WARN_ON(pgsize < SZ_64K_))
			return 0;
		size = l2 == L2_LARGE ? SZ_64K_ : STAND_IN_PAGE;
		if (l2)
			slot_set(&t->l2, iova, iova + size - 1, 0);
	}
	stand_in_clear_mapped(gd, iova, size);
	sim_inv_leaf(gd->dev, iova, size);
	return size;
}

const struct glue_model drv_exynos_iommu = {
	.id = DRIVER_ID(DRV_EXYNOS),
	.name = "exynos",
	.summary = "own 1M/64K/4K tables (stand-in 4K leaves), one entry per "
		   "call: map refuses overlaps, unmap refuses to cut an entry, "
		   "holes succeed; TLB entry invalidated in unmap; no sync ops",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = SZ_1M_ | SZ_64K_ | STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = false,
	.table_pgsizes = STAND_IN_PAGE,
	/* invalidates inside unmap: none of the sync ops */
	.iotlb_sync = NULL,
	.flush_iotlb_all = NULL,
	.iotlb_sync_map = NULL,
	.priv_size = sizeof(struct two_level),
	.release = two_level_release,
	.map_pages = exynos_map_pages,
	.unmap_pages = exynos_unmap_pages,
};
