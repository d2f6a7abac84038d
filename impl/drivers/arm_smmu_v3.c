// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm-smmu-v3 (drivers/iommu/arm/arm-smmu-v3): the one io-pgtable driver
 * whose iotlb_sync works from the gather. tlb_add_page is the core's
 * iommu_iotlb_gather_add_page(), which syncs first when the page size
 * changes or the new page is disjoint from the gather; iotlb_sync
 * invalidates the leaves of [start, end] at the gathered page size, and
 * does nothing at all when pgsize is 0. Walk flushes are synchronous
 * non-leaf invalidations. No iotlb_sync_map; flush queue supported.
 *
 * How the sync's invalidation reaches the TLB depends on the SMMU, as in
 * __arm_smmu_tlb_inv_range(): without range invalidation (IDR3.RIL) one
 * command per pgsize step; with it, range commands whose TTL says the
 * leaves are all of pgsize. Either is exact only for a gather of one page
 * size, which is what the core's add_page rule keeps it to.
 */
#include "glue.h"

static void smmu_v3_add_page(struct glue_domain *gd,
			     struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t granule)
{
	iommu_iotlb_gather_add_page(&gd->domain, gather, iova, granule);
}

static void invalidate_leaves(struct glue_domain *gd, unsigned long start,
			      unsigned long end, size_t leaf_size)
{
	if (gd->dev->range_hints)
		sim_inv_leaf_hinted(gd->dev, start, end - start + 1, leaf_size);
	else
		sim_inv_leaf_stepped(gd->dev, start, end - start + 1,
				     leaf_size);
}

static void smmu_v3_iotlb_sync(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather)
{
	if (!gather->pgsize)
		return;
	invalidate_leaves(gd, gather->start, gather->end, gather->pgsize);
}

/*
 * The model's row, with the two callbacks a mutant of it replaces: each
 * mutant below differs from arm-smmu-v3 in one callback (and in what the
 * over-invalidation check expects of it).
 */
#define SMMU_V3_WITH(add_page, sync)                                      \
	.facts.formats = FMT_LPAE64, .facts.gather_use = GATHER_RANGE,    \
	.facts.sync_reads_pgsize = true, .facts.supports_fq = true,       \
	.tlb_flush_all = glue_invalidate_all,                             \
	.tlb_flush_walk = glue_invalidate_walk, .tlb_add_page = add_page, \
	.iotlb_sync = sync, .flush_iotlb_all = glue_invalidate_all

const struct glue_model drv_arm_smmu_v3 = {
	.id = DRIVER_ID(DRV_ARM_SMMU_V3),
	.name = "arm-smmu-v3",
	.summary = "add_page gathers (syncs on disjoint/pgsize change); sync = "
		   "leaf range of the gather",
	.facts.overinv = OVERINV_EXACT,
	SMMU_V3_WITH(smmu_v3_add_page, smmu_v3_iotlb_sync),
};

/*
 * A mutant of this model (corpus/regressions, gather-pgsize): tlb_add_page
 * as iommu_iotlb_gather_add_range() plus the last page's size, never
 * syncing when the page size changes, so a sync can see a gather of 2M and
 * 4K pages with pgsize 4K, whose TG/TTL hints cover only the 4K ones.
 */
static void add_page_keeps_last_size(struct glue_domain *gd,
				     struct iommu_iotlb_gather *gather,
				     unsigned long iova, size_t granule)
{
	(void)gd;
	iommu_iotlb_gather_add_range(gather, iova, granule);
	gather->pgsize = granule;
}

const struct glue_model glue_broken_gather_mixed_pgsize = {
	.id = DRIVER_ID(BROKEN_GATHER_MIXED_PGSIZE),
	.name = "broken-gather-mixed-pgsize",
	.mutant = true,
	.summary = "mutant: arm-smmu-v3 whose tlb_add_page never syncs on a "
		   "page-size change",
	.facts.overinv = OVERINV_UNION,
	SMMU_V3_WITH(add_page_keeps_last_size, smmu_v3_iotlb_sync),
};

/*
 * A mutant of this model (corpus/regressions, excess-sync): tlb_add_page
 * syncs whatever the gather holds before adding each page, as a driver
 * that mistook the helper's rule would. Nothing is missed, but an unmap
 * of n adjacent pages costs n invalidations and waits instead of one.
 */
static void add_page_syncs_first(struct glue_domain *gd,
				 struct iommu_iotlb_gather *gather,
				 unsigned long iova, size_t granule)
{
	if (gather->start <= gather->end)
		iommu_iotlb_sync(&gd->domain, gather);
	iommu_iotlb_gather_add_page(&gd->domain, gather, iova, granule);
}

const struct glue_model glue_broken_gather_sync_every_page = {
	.id = DRIVER_ID(BROKEN_GATHER_SYNC_EVERY_PAGE),
	.name = "broken-gather-sync-every-page",
	.mutant = true,
	.summary = "mutant: arm-smmu-v3 whose tlb_add_page syncs the gather "
		   "before every page",
	.facts.overinv = OVERINV_EXACT,
	SMMU_V3_WITH(add_page_syncs_first, smmu_v3_iotlb_sync),
};

/*
 * A mutant of this model (corpus/regressions, completion): the range
 * command's level hint taken from the domain's smallest page rather than
 * the gather's, as a driver that confused TG with TTL would. With no range
 * invalidation nothing changes; with it, an unmapped block stays cached,
 * because a hint that names another level need not remove it.
 */
static void sync_hints_smallest_page(struct glue_domain *gd,
				     struct iommu_iotlb_gather *gather)
{
	unsigned long bitmap = gd->domain.pgsize_bitmap;

	if (!gather->pgsize)
		return;
	if (!gd->dev->range_hints) {
		smmu_v3_iotlb_sync(gd, gather);
		return;
	}
	sim_inv_leaf_hinted(gd->dev, gather->start,
			    gather->end - gather->start + 1, bitmap & -bitmap);
}

const struct glue_model glue_broken_range_hint_min_page = {
	.id = DRIVER_ID(BROKEN_RANGE_HINT_MIN_PAGE),
	.name = "broken-range-hint-min-page",
	.mutant = true,
	.summary = "mutant: arm-smmu-v3 whose range invalidation hints the "
		   "smallest page's level, whatever the gather holds",
	.facts.overinv = OVERINV_EXACT,
	SMMU_V3_WITH(smmu_v3_add_page, sync_hints_smallest_page),
};
