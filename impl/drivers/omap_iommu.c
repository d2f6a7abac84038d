// SPDX-License-Identifier: GPL-2.0-only
/*
 * omap (drivers/iommu/omap-iommu.c): 16M supersections (16 replicated
 * first-level descriptors), 1M sections, 64K large pages (16 replicated
 * PTEs) and 4K small pages; map and unmap handle one entry per call.
 *
 * map writes its descriptors without looking at what was there and
 * without any TLB flush. A section or supersection silently replaces
 * whatever the slots held (second-level tables are dropped); a 4K or 64K
 * page under an existing section or supersection takes the section's
 * descriptor for a table pointer and writes the PTE into the section's
 * memory, so the mapping does not change although map succeeds. The API
 * forbids maps over live mappings, so the harness stops a program that
 * makes one (map_over_live_undefined); the model still does the above.
 *
 * unmap ignores the size: it clears the whole entry covering iova,
 * rewinding to the first replica of a large page or supersection, and
 * returns the entry's size, which the core adds to iova, not to the
 * entry's start (F14 when they differ). A second-level table left empty is
 * freed. An empty first-level slot returns 0; an empty PTE in an existing
 * table reports 4K. The TLB entry covering iova is flushed before unmap
 * returns.
 */
#include "sync_in_unmap.h"

static int omap_map_pages(struct glue_domain *gd, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct two_level *t = gd->priv;
	int l1 = slot_kind(&t->l1, iova), ret;

	(void)pgcount;
	if (pgsize >= SZ_1M_) {
		ret = record(&t->l1, iova, pgsize,
			     pgsize == SZ_16M_ ? L1_SUPER : L1_SECTION);
		if (!ret)
			ret = record(&t->l2, iova, pgsize, 0);
	} else if (l1 == L1_SECTION || l1 == L1_SUPER) {
		/* the PTE lands in the section's memory: nothing changes */
		*mapped = pgsize;
		return 0;
	} else {
		ret = l1 ? 0 : record(&t->l1, sect_of(iova), SZ_1M_, L1_TABLE);
		if (!ret)
			ret = record(&t->l2, iova, pgsize,
				     pgsize == SZ_64K_ ? L2_LARGE : L2_SMALL);
	}
	if (ret)
		return ret;
	stand_in_clear_mapped(gd, iova, pgsize);
	ret = leaves_map(gd, iova, paddr, pgsize, prot, gfp);
	if (ret)
		return ret;
	*mapped = pgsize;
	return 0;
}

static size_t omap_unmap_pages(struct glue_domain *gd, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct two_level *t = gd->priv;
	int l1 = slot_kind(&t->l1, iova);
	unsigned long sect = sect_of(iova), start;
	size_t bytes;

	(void)pgsize;
	(void)pgcount;
	(void)gather;
	if (!l1)
		return 0;
	if (l1 == L1_TABLE) {
		bytes = slot_kind(&t->l2, iova) == L2_LARGE ? SZ_64K_
							    : STAND_IN_PAGE;
		start = iova & ~(bytes - 1);
		slot_set(&t->l2, start, start + bytes - 1, 0);
		if (!slot_any(&t->l2, sect, sect + SZ_1M_ - 1))
			slot_set(&t->l1, sect, sect + SZ_1M_ - 1, 0);
	} else {
		bytes = l1 == L1_SUPER ? SZ_16M_ : SZ_1M_;
		start = iova & ~(bytes - 1);
		/* all 16 first-level slots, whatever they hold now */
		slot_set(&t->l1, start, start + bytes - 1, 0);
		slot_set(&t->l2, start, start + bytes - 1, 0);
	}
	stand_in_clear_mapped(gd, start, bytes);
	sim_inv_leaf(gd->dev, start, bytes);
	if (start != iova)
		sim_note_finding(gd->dev, "F14");
	return bytes;
}

const struct glue_model drv_omap_iommu = {
	.id = DRIVER_ID(DRV_OMAP),
	.name = "omap",
	.summary = "own 16M/1M/64K/4K tables (stand-in 4K leaves), one entry "
		   "per call: map overwrites unchecked, unmap clears the whole "
		   "entry at iova and returns its size; TLB entry flushed in "
		   "unmap; no sync ops",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = SZ_16M_ | SZ_1M_ | SZ_64K_ | STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = false,
	.facts.map_over_live_undefined = true,
	.table_pgsizes = STAND_IN_PAGE,
	/* invalidates inside unmap: none of the sync ops */
	.iotlb_sync = NULL,
	.flush_iotlb_all = NULL,
	.iotlb_sync_map = NULL,
	.priv_size = sizeof(struct two_level),
	.release = two_level_release,
	.map_pages = omap_map_pages,
	.unmap_pages = omap_unmap_pages,
};
