/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The drivers that invalidate synchronously inside unmap and have no
 * iotlb_sync, no flush_iotlb_all and no iotlb_sync_map at all:
 * mtk_iommu_v1, exynos, rockchip, omap and tegra-smmu (class D of the fact
 * table). None of them touches the gather or supports the flush queue, so
 * the core's gather handling (and the 90c5def10bea "skip empty gathers"
 * change) cannot hurt them; what differs between them is what their own
 * tables do on map and unmap, and that is what each model's file states.
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
#ifndef IOTLBFUZZ_DRIVERS_SYNC_IN_UNMAP_H
#define IOTLBFUZZ_DRIVERS_SYNC_IN_UNMAP_H

#include "slot_runs.h"
#include "stand_in.h"

#define SZ_16K_ 0x4000UL
#define SZ_64K_ 0x10000UL
#define SZ_1M_ 0x100000UL
#define SZ_16M_ 0x1000000UL

/* Map [iova, iova + size) with 4K stand-in leaves; returns 0 or -errno. */
static inline int leaves_map(struct glue_domain *gd, unsigned long iova,
			     phys_addr_t paddr, size_t size, int prot,
			     gfp_t gfp)
{
	size_t done = 0;
	int ret = stand_in_map(gd, iova, paddr, STAND_IN_PAGE,
			       size / STAND_IN_PAGE, prot, gfp, &done);

	if (ret)
		stand_in_clear(gd, iova, STAND_IN_PAGE, done);
	return ret;
}

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

/* The models' release hook: what the slot records allocated. */
static inline void two_level_release(struct glue_domain *gd)
{
	struct two_level *t = gd->priv;

	slot_runs_release(&t->l1);
	slot_runs_release(&t->l2);
}

static inline unsigned long sect_of(unsigned long iova)
{
	return iova & ~(SZ_1M_ - 1);
}

/* Record @kind over [first, first + size) of @s, or fail with -ENOMEM. */
static inline int record(struct slot_runs *s, unsigned long first, size_t size,
			 int kind)
{
	return slot_set(s, first, first + size - 1, kind) ? 0 : -ENOMEM;
}

#endif
