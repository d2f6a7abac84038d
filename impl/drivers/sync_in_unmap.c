// SPDX-License-Identifier: GPL-2.0-only
/*
 * The drivers that invalidate synchronously inside unmap and have no
 * iotlb_sync, no flush_iotlb_all and no iotlb_sync_map at all:
 * mtk_iommu_v1, exynos, rockchip, omap and tegra-smmu (class D of the fact
 * table). None of them touches the gather or supports the flush queue, so
 * the core's gather handling (and the 90c5def10bea "skip empty gathers"
 * change) cannot hurt them; what differs between them is what their own
 * tables do on map and unmap, and that is what each model below states.
 *
 * All keep their own 32-bit tables; here they run on the stand-in format
 * (ARM_64_LPAE_S1 with 4K leaves only, stand_in.h). The stand-in holds the
 * translation; where a driver's entries are bigger than 4K (exynos and omap
 * 64K large pages, 1M sections, omap 16M supersections) the kind of
 * descriptor written in each slot is recorded beside it (slot_runs.h),
 * because that, not the stand-in's 4K leaves, decides what unmap clears.
 * Only 4K leaves are used: a stand-in block over a table would make
 * io-pgtable free that table without the walk flush these drivers never
 * issue (they have no io-pgtable callbacks), a harness artefact.
 *
 * Simplifications (why, not what): the drivers' 32-bit IOVA and PA limits
 * are not enforced (programs use the stand-in's address sizes). Hardware
 * invalidation commands are ranges: exynos's per-set entry invalidations,
 * omap's "flush the TLB entry that covers da" and rockchip's per-line zaps
 * all become an invalidation of exactly what they were meant to cover,
 * since the simulated TLB caches 4K stand-in leaves, not the drivers' own
 * entry sizes. mtk_iommu_v1 and omap descriptors carry no permission bits
 * (every page is read/write); the stand-in keeps the requested prot, which
 * is what the oracle allows a format that cannot express read-only to do
 * anyway. The drivers' walk caches (exynos FLPD, tegra PTC) are not
 * modelled: the stand-in never frees a table, so none can go stale.
 */
#include "slot_runs.h"
#include "stand_in.h"

#define SZ_16K_ 0x4000UL
#define SZ_64K_ 0x10000UL
#define SZ_1M_ 0x100000UL
#define SZ_16M_ 0x1000000UL

/* Map [iova, iova + size) with 4K stand-in leaves; returns 0 or -errno. */
static int leaves_map(struct glue_domain *gd, unsigned long iova,
		      phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	size_t done = 0;
	int ret = stand_in_map(gd, iova, paddr, STAND_IN_PAGE,
			       size / STAND_IN_PAGE, prot, gfp, &done);

	if (ret)
		stand_in_clear(gd, iova, STAND_IN_PAGE, done);
	return ret;
}

/* Everything the five have in common: see the file comment. */
#define SYNC_IN_UNMAP_COMMON                                               \
	.facts.formats = STAND_IN_FORMATS, .table_pgsizes = STAND_IN_PAGE, \
	.facts.gather_use = GATHER_IGNORED, .facts.overinv = OVERINV_ANY,  \
	.facts.supports_fq = false, .iotlb_sync = NULL,                    \
	.flush_iotlb_all = NULL, .iotlb_sync_map = NULL

/*
 * ---- mtk_iommu_v1 (drivers/iommu/mtk_iommu_v1.c): one flat table of 4K
 * entries. map writes entries in order and stops at the first one already
 * valid (-EEXIST, reporting the part it wrote, which the core unmaps
 * again), then range-flushes what it wrote. unmap zeroes every entry of
 * the range whatever its state ("holes succeed"), range-flushes it and
 * returns the full size. iova_to_phys masks the entry to its page and
 * returns that without the offset inside the page (docs/findings.md F13).
 */
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
	SYNC_IN_UNMAP_COMMON,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.map_pages = mtk_v1_map_pages,
	.unmap_pages = mtk_v1_unmap_pages,
	.iova_to_phys = mtk_v1_iova_to_phys,
};

/*
 * ---- tegra-smmu (drivers/iommu/tegra-smmu.c): directory + 4K page
 * tables, one page per call. map writes the PTE whether or not one was
 * there (a mapped page is replaced), unmap returns 0 for a missing PTE;
 * every PTE write flushes the page-table cache line and the TLB entries of
 * the PTE's 16K VA group, synchronously.
 */
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
	SYNC_IN_UNMAP_COMMON,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.map_pages = tegra_map_pages,
	.unmap_pages = tegra_unmap_pages,
};

/*
 * ---- rockchip (drivers/iommu/rockchip-iommu.c): a directory of 4M
 * entries over tables of 4K PTEs; any power of two from 4K to 4M is
 * offered, and map and unmap handle exactly one such page per call (the
 * core loops). map refuses (-EADDRINUSE, nothing left mapped) if any PTE of
 * the page is valid, and zaps the IOTLB lines of the first and last page
 * of the new mapping. unmap invalidates PTEs from iova up to the first
 * invalid one, zaps the lines of what it cleared and returns that many
 * bytes (0 on a hole).
 */
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
	SYNC_IN_UNMAP_COMMON,
	.facts.pgsize_mask = RK_PGSIZES,
	.facts.fixed_pgsizes = true,
	.map_pages = rk_map_pages,
	.unmap_pages = rk_unmap_pages,
};

/*
 * Two-level drivers with entries above 4K (exynos, omap): what each slot
 * of their tables holds. First-level slots are 1M, second-level ones 4K.
 */
enum two_level_kind {
	L1_TABLE = 1, /* points to a second-level table */
	L1_SECTION, /* 1M */
	L1_SUPER, /* one of the 16 replicas of a 16M supersection (omap) */
	L2_SMALL, /* 4K */
	L2_LARGE, /* one of the 16 replicas of a 64K large page */
};

struct two_level {
	struct slot_runs l1, l2;
};

static unsigned long sect_of(unsigned long iova)
{
	return iova & ~(SZ_1M_ - 1);
}

/* Record @kind over [first, first + size) of @s, or fail with -ENOMEM. */
static int record(struct slot_runs *s, unsigned long first, size_t size,
		  int kind)
{
	return slot_set(s, first, first + size - 1, kind) ? 0 : -ENOMEM;
}

/*
 * ---- exynos (drivers/iommu/exynos-iommu.c): 1M sections, 64K large pages
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
	SYNC_IN_UNMAP_COMMON,
	.facts.pgsize_mask = SZ_1M_ | SZ_64K_ | STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.priv_size = sizeof(struct two_level),
	.map_pages = exynos_map_pages,
	.unmap_pages = exynos_unmap_pages,
};

/*
 * ---- omap (drivers/iommu/omap-iommu.c): 16M supersections (16 replicated
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
	SYNC_IN_UNMAP_COMMON,
	.facts.pgsize_mask = SZ_16M_ | SZ_1M_ | SZ_64K_ | STAND_IN_PAGE,
	.facts.fixed_pgsizes = true,
	.facts.map_over_live_undefined = true,
	.priv_size = sizeof(struct two_level),
	.map_pages = omap_map_pages,
	.unmap_pages = omap_unmap_pages,
};
