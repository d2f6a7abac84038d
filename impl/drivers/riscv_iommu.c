// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv-iommu (drivers/iommu/riscv/iommu.c) as merged in 6.13 and kept
 * until its move to the generic page-table library ("RV-6.13"): its own
 * Sv39/48/57 radix tables, 512 entries a level, leaves at any level, so
 * 4K|2M|1G|512G within the VA width. Here on the stand-in format
 * (ARM_64_LPAE_S1, 4K granule), which has the same radix shape: 4K, 2M and
 * 1G leaves are stand-in leaves of the same size, and a 512G leaf (which
 * the stand-in cannot hold at level 0) is 512 1G leaves plus a record.
 *
 * unmap walks leaf by leaf: it stops (returning what it cleared so far) at
 * a hole or at a leaf that iova is not the start of ("partial unmap is not
 * allowed"), otherwise clears the leaf and hands it to the core's
 * iommu_iotlb_gather_add_page(iova, leaf size) without a queued check (no
 * flush queue here, so it does not matter), which syncs first on a size
 * change or a disjoint range. A leaf bigger than the request is removed
 * whole. Tables are never freed by unmap.
 *
 * iotlb_sync invalidates [start, end]: len = end - start + 1; if 0 < len <
 * 2M, one address-specific IOTINVAL.VMA (leaf entries) per 4K from start
 * while below end, else one PSCID-wide invalidation; then IOFENCE.C. The
 * 6.12 core calls it for an empty gather too (len is then 2, the loop runs
 * no iteration). flush_iotlb_all is the same for [0, ULONG_MAX], i.e.
 * PSCID-wide. No iotlb_sync_map; no capable() op, so no flush queue.
 *
 * map, per page of the requested size: a smaller page under an existing
 * leaf fails with -ENOMEM; a page that replaces a table frees the tables
 * below (whatever they still map) and, after the loop, invalidates the
 * whole PSCID (walk caches included); a page that replaces a leaf of its
 * own size is written over it with no invalidation at all, so the device
 * may keep translating through the old leaf. The API forbids maps over
 * live mappings, so the harness stops a program that makes one
 * (map_over_live_undefined); the model still does what the driver does.
 *
 * Simplifications: the aperture (VA width - 1 bits) is the program's ias,
 * not enforced by the driver model. iova_to_phys is modelled with the NULL
 * check that "iommu/riscv: prevent NULL deref in iova_to_phys" (posted
 * August 2025, Fixes: 488ffbf18171) adds: RV-6.13 dereferences the NULL
 * that its walk returns for every unmapped IOVA, and the runner looks up
 * unmapped pages after every unmap, so a faithful model would end every
 * run in that oops (docs/drivers.md).
 */
#include "slot_runs.h"
#include "stand_in.h"
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
#include "gpt.h"
#endif

#define RV_2M 0x200000UL
#define RV_1G 0x40000000UL
#define RV_512G 0x8000000000UL
#define RV_INVAL_LIMIT RV_2M

struct riscv_state {
	struct slot_runs big; /* 512G leaves, kind 1 */
};

static void rv_release(struct glue_domain *gd)
{
	struct riscv_state *s = gd->priv;

	slot_runs_release(&s->big);
}

/*
 * The leaf at @iova: true and its range if mapped, else false with the
 * range of the hole (one empty entry at some level, or a 4K page).
 */
static bool rv_leaf(const struct glue_domain *gd, unsigned long iova,
		    unsigned long *first, unsigned long *size)
{
	const struct riscv_state *s = gd->priv;

	if (slot_kind(&s->big, iova)) {
		*first = iova & ~(RV_512G - 1);
		*size = RV_512G;
		return true;
	}
	return stand_in_lookup(gd, iova, first, size);
}

static void rv_clear_leaf(struct glue_domain *gd, unsigned long first,
			  unsigned long size)
{
	struct riscv_state *s = gd->priv;

	if (size == RV_512G) {
		slot_set(&s->big, first, first + size - 1, 0);
		stand_in_clear(gd, first, RV_1G, size);
	} else {
		stand_in_clear(gd, first, size, size);
	}
}

/*
 * Free the tables under [iova, iova + pgsize), whatever they map. The
 * stand-in drops a table entry at the level of a 4K..1G page itself; a
 * 512G page sits at the stand-in's table-only top level, so there each 1G
 * entry below goes instead.
 */
static void rv_drop_tables(struct glue_domain *gd, unsigned long iova,
			   size_t pgsize)
{
	size_t step = pgsize <= RV_1G ? pgsize : RV_1G;
	unsigned long first, size, x;

	for (x = iova; x - iova < pgsize; x += step) {
		if (rv_leaf(gd, x, &first, &size) || size < step)
			stand_in_clear(gd, x, step, step);
	}
}

/* One page of @pgsize at @iova; *freed_tables if tables were replaced. */
static int rv_map_one(struct glue_domain *gd, unsigned long iova,
		      phys_addr_t paddr, size_t pgsize, int prot, gfp_t gfp,
		      bool *freed_tables)
{
	struct riscv_state *s = gd->priv;
	unsigned long first, size;
	size_t done = 0;
	bool mapped = rv_leaf(gd, iova, &first, &size);
	int ret;

	if (mapped && size > pgsize)
		return -ENOMEM; /* a smaller page under an existing leaf */
	if (mapped && size == pgsize) {
		/* written over the old leaf; nothing is invalidated */
		rv_clear_leaf(gd, iova, pgsize);
	} else if (mapped || size < pgsize) {
		/* a table (maybe emptied by unmaps) below the new leaf */
		rv_drop_tables(gd, iova, pgsize);
		*freed_tables = true;
	}
	if (pgsize == RV_512G) {
		if (!slot_set(&s->big, iova, iova + pgsize - 1, 1))
			return -ENOMEM;
		ret = stand_in_map(gd, iova, paddr, RV_1G, pgsize / RV_1G, prot,
				   gfp, &done);
		if (ret) {
			stand_in_clear(gd, iova, RV_1G, done);
			slot_set(&s->big, iova, iova + pgsize - 1, 0);
		}
		return ret;
	}
	ret = stand_in_map(gd, iova, paddr, pgsize, 1, prot, gfp, &done);
	return ret;
}

static int rv_map_pages(struct glue_domain *gd, unsigned long iova,
			phys_addr_t paddr, size_t pgsize, size_t pgcount,
			int prot, gfp_t gfp, size_t *mapped)
{
	bool freed_tables = false;
	size_t i;
	int ret = 0;

	for (i = 0; i < pgcount; i++) {
		if (hw_work_exceeded()) {
			ret = -ENOMEM; /* over the work budget: rejected */
			break;
		}
		ret = rv_map_one(gd, iova + i * pgsize, paddr + i * pgsize,
				 pgsize, prot, gfp, &freed_tables);
		if (ret)
			break;
	}
	*mapped = i * pgsize;
	if (freed_tables)
		sim_inv_all(gd->dev);
	return ret;
}

static size_t rv_unmap_pages(struct glue_domain *gd, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	size_t size = pgsize * pgcount, unmapped = 0;
	unsigned long first, leaf;

	while (unmapped < size && !hw_work_exceeded()) {
		if (!rv_leaf(gd, iova, &first, &leaf) || first != iova)
			break;
		rv_clear_leaf(gd, first, leaf);
		iommu_iotlb_gather_add_page(&gd->domain, gather, iova, leaf);
		glue_gathered(gd, gather, iova, leaf);
		iova += leaf;
		unmapped += leaf;
	}
	return unmapped;
}

static void rv_inval(struct glue_domain *gd, unsigned long start,
		     unsigned long end)
{
	unsigned long len = end - start + 1, iova;

	if (len && len < RV_INVAL_LIMIT) {
		for (iova = start; iova < end; iova += STAND_IN_PAGE)
			sim_inv_leaf(gd->dev, iova, STAND_IN_PAGE);
	} else {
		sim_inv_all(gd->dev);
	}
}

#ifdef IOTLBFUZZ_HAS_GENERIC_PT
/*
 * 7.x on generic_pt riscv64 tables (riscv_iommu_tlbi_calc() and
 * riscv_iommu_iotlb_inval_iommu()), on an IOMMU with the NL capability
 * (non-leaf invalidation) and, when the program gives the device range
 * invalidation, the S capability (NAPOT address ranges). From the levels
 * the detailed gather says an unmap changed: one NAPOT range around
 * [start, last]; else one address-specific IOTINVAL.VMA per step of the
 * lowest changed level, non-leaf too (NL) if tables went; else, past 512
 * steps or with nothing to go by, PSCID-wide.
 */
static void rv_gpt_inval(struct glue_domain *gd,
			 struct iommu_iotlb_gather *gather, bool nl_allowed)
{
	unsigned int combined = gather->pt.leaf_levels_bitmap |
				gather->pt.table_levels_bitmap;
	bool non_leaf = nl_allowed && gather->pt.table_levels_bitmap != 0;
	void (*inv)(struct sim_device *dev, uint64_t iova, uint64_t size) =
		non_leaf ? sim_inv_range : sim_inv_leaf;
	uint64_t start = gather->start, last = gather->end, num;
	unsigned int sz_lg2, stride_lg2;

	if (!combined)
		goto global;
	/* the smallest naturally aligned power of two holding both ends */
	sz_lg2 = start == last ? 0 : 64 - (unsigned int)__builtin_clzll(start ^ last);
	if (sz_lg2 >= 64)
		goto global;
	if (gd->dev->range_hints && sz_lg2 >= 13) {
		inv(gd->dev, start & ~((1ULL << sz_lg2) - 1), 1ULL << sz_lg2);
		return;
	}
	stride_lg2 = 9 * (unsigned int)__builtin_ctz(combined) + 12;
	num = (last - start + 1) >> stride_lg2;
	if (!num || num > 512)
		goto global;
	for (uint64_t i = 0; i < num; i++)
		inv(gd->dev, start + (i << stride_lg2), STAND_IN_PAGE);
	return;
global:
	sim_inv_all(gd->dev);
}
#endif

static void rv_iotlb_sync(struct glue_domain *gd,
			  struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		rv_gpt_inval(gd, gather, true);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	rv_inval(gd, gather->start, gather->end);
}

/* The mutant's: leaf commands only, whatever the unmap freed. */
static void rv_iotlb_sync_no_nl(struct glue_domain *gd,
				struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		rv_gpt_inval(gd, gather, false);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	rv_inval(gd, gather->start, gather->end);
}

static void rv_flush_iotlb_all(struct glue_domain *gd)
{
	rv_inval(gd, 0, ULONG_MAX);
}

/*
 * On generic_pt riscv64 tables (7.x): the engine gathers ranges with gaps
 * (PT_FEAT_FLUSH_RANGE) and the driver's commands cover more than the
 * gather (NAPOT ranges, PSCID-wide), so over-invalidation is its choice.
 */
static const struct driver_facts rv_gpt_facts = {
	.formats = STAND_IN_FORMATS | FMT(PT_RISCV),
	.pgsize_mask = STAND_IN_PAGE | 0x10000UL | RV_2M | RV_1G | RV_512G,
	.gather_use = GATHER_RANGE,
	.sync_needs_nonempty_gather = true,
	.overinv = OVERINV_ANY,
	.supports_fq = false,
	.map_over_live_undefined = true,
};

/* What riscv and its mutant share. */
#define RISCV_MODEL                                                       \
	.gpt_format = "riscv64",                                          \
	.gpt_facts = &rv_gpt_facts,                                       \
	.facts.formats = STAND_IN_FORMATS | FMT(PT_RISCV),                \
	.facts.pgsize_mask = STAND_IN_PAGE | RV_2M | RV_1G | RV_512G,     \
	.facts.gather_use = GATHER_RANGE,                                 \
	.facts.sync_needs_nonempty_gather = true,                         \
	.facts.overinv = OVERINV_ANY,                                     \
	.facts.supports_fq = false,                                       \
	.facts.map_over_live_undefined = true,                            \
	.table_pgsizes = STAND_IN_PAGE | RV_2M | RV_1G,                   \
	.priv_size = sizeof(struct riscv_state),                          \
	.release = rv_release,                                            \
	.map_pages = rv_map_pages,                                        \
	.unmap_pages = rv_unmap_pages,                                    \
	/* the stand-in walk: leaf address + offset */                    \
	.iova_to_phys = NULL,                                             \
	.flush_iotlb_all = rv_flush_iotlb_all,                            \
	.iotlb_sync_map = NULL

const struct glue_model drv_riscv_iommu = {
	.id = DRIVER_ID(DRV_RISCV),
	.name = "riscv",
	.summary = "RV-6.13 own Sv39/48/57 tables (stand-in LPAE 4K): unmap "
		   "whole leaves from iova, add_page per leaf; sync = per-4K "
		   "IOTINVAL below 2M, else PSCID-wide; map over a same-size "
		   "leaf without invalidation (undefined: the harness stops "
		   "there)",
	RISCV_MODEL,
	.iotlb_sync = rv_iotlb_sync,
};

const struct glue_model glue_broken_riscv_sync_no_nl = {
	.id = DRIVER_ID(BROKEN_RISCV_SYNC_NO_NL),
	.name = "broken-riscv-sync-no-nl",
	.mutant = true,
	.summary = "mutant: riscv whose invalidations never set NL, so "
		   "tables an unmap freed stay in the walk cache",
	RISCV_MODEL,
	.iotlb_sync = rv_iotlb_sync_no_nl,
};
