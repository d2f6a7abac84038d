// SPDX-License-Identifier: GPL-2.0-only
/*
 * The known findings as a table (suppressions.h); the few that depend on
 * what the program did before name a predicate.
 */
#include "suppressions.h"

#include "driver_id.h"
#include "expectation.h"

#include <stdio.h>
#include <string.h>

#define SZ_1M 0x100000ULL
#define SZ_16K 0x4000ULL

/*
 * F1: io-pgtable-dart accepts a 4K granule for APPLE_DART2, whose
 * descriptors cannot hold PA bits [13:12]: any 4K-aligned PA that is not
 * 16K aligned is silently mapped elsewhere, table addresses included, so
 * the kernel later frees pages it does not own.
 */
/* A riscv domain for an IOMMU with Svpbmt (F24). */
static bool riscv_svpbmt(const struct program *p, size_t op)
{
	(void)op;
	return p->cfg.fmt == PT_RISCV && (p->cfg.quirks & Q_RISCV_SVPBMT);
}

static bool dart2_small_pages(const struct program *p, size_t op)
{
	(void)op;
	return p->cfg.fmt == PT_APPLE_DART2 &&
	       (p->cfg.pgsize_bitmap & (SZ_16K - 1));
}

/* Would io-pgtable-arm-v7s have used a section for this 1M chunk? */
static bool section_mapped(const struct program *p, size_t before,
			   uint64_t chunk)
{
	for (size_t i = 0; i < before; i++) {
		const struct prog_op *m = &p->ops[i];

		if (m->kind != OP_MAP || ((m->iova ^ m->paddr) & (SZ_1M - 1)))
			continue;
		if (chunk >= m->iova && chunk + SZ_1M <= m->iova + m->size)
			return true;
	}
	return false;
}

/*
 * F2: where v7s splits a section on a partial unmap (before 6.13: the tree
 * trait v7s-splits-partial-unmap), the split makes a new level-2 table
 * whose entries carry the block's permissions but not its output address:
 * the rest of the section then maps PA 0 onwards.
 */
static bool v7s_section_split(const struct program *p, size_t op)
{
	if (p->cfg.fmt != PT_ARM_V7S)
		return false;
	for (size_t i = 0; i <= op && i < p->nr_ops; i++) {
		const struct prog_op *u = &p->ops[i];
		uint64_t end = u->iova + u->size;

		if ((u->kind != OP_UNMAP && u->kind != OP_UNMAP_FAST) ||
		    !u->size)
			continue;
		if ((u->iova & (SZ_1M - 1)) &&
		    section_mapped(p, i, u->iova & ~(SZ_1M - 1)))
			return true;
		if ((end & (SZ_1M - 1)) &&
		    section_mapped(p, i, end & ~(SZ_1M - 1)))
			return true;
	}
	return false;
}

/* Did a map at or before @op cover part of an earlier map's range? */
static bool maps_over_a_map(const struct program *p, size_t op)
{
	for (size_t i = 0; i <= op && i < p->nr_ops; i++) {
		const struct prog_op *m = &p->ops[i];

		if (m->kind != OP_MAP || !m->size)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct prog_op *e = &p->ops[j];

			if (e->kind == OP_MAP && e->size &&
			    e->iova < m->iova + m->size &&
			    m->iova < e->iova + e->size)
				return true;
		}
	}
	return false;
}

_Static_assert(DIV_NR <= 64, "a finding's classes are a 64-bit set");

#define ANY_DRIVER                                       \
	{                                                \
		SUPPRESS_ANY_DRIVER, SUPPRESS_ANY_DRIVER \
	}
#define ONLY(d)                            \
	{                                  \
		DRIVER_ID(d), DRIVER_ID(d) \
	}
#define EITHER(d, e)                       \
	{                                  \
		DRIVER_ID(d), DRIVER_ID(e) \
	}

/*
 * F8: the device keeps its old mapping, so what it translates, what the
 * tables say and what overlapping nodes make unmap return all differ from
 * the API state.
 */
#define DEVICE_KEPT_OLD_MAPPING                                                \
	(CLASS_BIT(DIV_PGTABLE_STATE) | CLASS_BIT(DIV_MISSING_TRANSLATION) |   \
	 CLASS_BIT(DIV_STALE_TRANSLATION) | CLASS_BIT(DIV_WRONG_TRANSLATION) | \
	 CLASS_BIT(DIV_PERMISSION) | CLASS_BIT(DIV_COMPLETION) |               \
	 CLASS_BIT(DIV_UNMAP_RESULT))

/* In docs/findings.md order; the first row that explains a divergence wins. */
static const struct suppression suppressions[] = {
	{.id = "F1",
	 .title = "io-pgtable-dart: APPLE_DART2 with 4K pages loses PA bits",
	 .classes = ANY_CLASS,
	 .drivers = ANY_DRIVER,
	 .when = dart2_small_pages,
	 .whole_config = true},
	{.id = "F2",
	 .title = "io-pgtable-arm-v7s: section split drops the output address",
	 .classes = ANY_CLASS,
	 .drivers = ANY_DRIVER,
	 .tree_has = "v7s-splits-partial-unmap",
	 .when = v7s_section_split},
	/*
	 * A1 of the seed bugs: before 90c5def10bea the core calls iotlb_sync
	 * even for an empty gather, and drivers that compute end - start + 1
	 * get a 2-byte range at ULONG_MAX. Trees carrying that guard, however
	 * it got there, are not excused.
	 */
	{.id = "F4",
	 .title = "core: iotlb_sync of an empty gather (fixed by 90c5def10bea)",
	 .classes = CLASS_BIT(DIV_EMPTY_GATHER_SYNC),
	 .drivers = ANY_DRIVER,
	 .tree_lacks = "sync-skips-empty-gather",
	 .continue_past = true},
	{.id = "F5",
	 .title = "sprd: iova_to_phys of an unmapped IOVA returns the offset",
	 .classes = CLASS_BIT(DIV_IOVA_TO_PHYS),
	 .drivers = ONLY(DRV_SPRD),
	 .continue_past = true},
	{.id = "F6",
	 .title = "s390: iova_to_phys drops the offset within the page",
	 .classes = CLASS_BIT(DIV_IOVA_TO_PHYS),
	 .drivers = EITHER(DRV_S390, DRV_S390_REFRESH),
	 .continue_past = true},
	/*
	 * virtio-iommu deletes its nodes before finding that it removed less
	 * than asked, then returns 0 without telling the device: its own
	 * lookup (iova_to_phys) and the device disagree from then on.
	 */
	{.id = "F7",
	 .title = "virtio-iommu: a short unmap deletes nodes, returns 0, tells "
		  "nobody",
	 .classes = CLASS_BIT(DIV_IOVA_TO_PHYS),
	 .drivers = ONLY(DRV_VIRTIO_IOMMU)},
	/*
	 * virtio-iommu maps over an existing node without an overlap check;
	 * a device that refuses the overlapping MAP leaves the new range
	 * unmapped although iommu_map succeeded.
	 */
	{.id = "F8",
	 .title = "virtio-iommu: a map over an existing node is refused by the "
		  "device",
	 .classes = DEVICE_KEPT_OLD_MAPPING,
	 .drivers = ONLY(DRV_VIRTIO_IOMMU),
	 .when = maps_over_a_map},
	/* noted by the driver models when they take the path */
	{.id = "F9",
	 .title = "amd: an unmap starting inside a page clears it whole and "
		  "reports the length from the request"},
	{.id = "F10",
	 .title = "intel: an unmap starting inside a superpage walks into its "
		  "memory as a table"},
	{.id = "F11",
	 .title = "intel: an unmap at a hole grows to the hole's level size, "
		  "clearing past the request"},
	{.id = "F12",
	 .title = "drivers disagree on an unmap the API leaves open (cutting "
		  "into a mapping, or across holes)"},
	{.id = "F13",
	 .title = "mtk_iommu_v1: iova_to_phys drops the offset within the page",
	 .classes = CLASS_BIT(DIV_IOVA_TO_PHYS),
	 .drivers = ONLY(DRV_MTK_IOMMU_V1)},
	/* noted by the driver models (sim_note_finding) on the buggy path */
	{.id = "F14",
	 .title = "omap: unmap inside an entry clears it from its start but "
		  "reports its size from iova"},
	{.id = "F15",
	 .title = "virtio-iommu: an unmap with holes before or between nodes "
		  "sends an UNMAP that ends short of them"},
	/*
	 * mtk_iommu gives io-pgtable-arm-v7s no flush callbacks, so an unmap
	 * that empties a level-2 table frees it at once while the walk cache
	 * may still point at it; only the later iotlb_sync invalidates the
	 * range. A device walk in between (an unmap_fast or a flush-queue
	 * unmap not yet synced) reads freed memory.
	 */
	{.id = "F16",
	 .title = "mtk_iommu: v7s frees an emptied level-2 table before "
		  "iotlb_sync invalidates the walk cache",
	 .classes = CLASS_BIT(DIV_TABLE_USE_AFTER_FREE),
	 .drivers = ONLY(DRV_MTK_IOMMU)},
	/* noted by the runner when the contract says where the sync was */
	{.id = "F19",
	 .title = "core: the gather helpers' overlap test wraps at 2^64 - 1, "
		  "so a range there costs an extra iotlb_sync"},
	{.id = "F20",
	 .title = "io-pgtable: a block split hands the driver its removed "
		  "pages even when the gather is queued"},
	/* noted by the runner when the contract says where the sync was */
	{.id = "F22",
	 .title = "generic_pt: an unmap that removes nothing still hands its "
		  "range to the gather, which forces a sync in no-gaps mode"},
	/* noted by the runner at the sync of such a gather */
	{.id = "F23",
	 .title = "riscv + generic_pt: invalidations step from a gather start "
		  "an empty unmap moved below the removed leaf, which stays "
		  "cached"},
	{.id = "F24",
	 .title = "riscv + generic_pt: the riscv64 format is built without "
		  "the Svpbmt feature its driver sets, so no domain can be "
		  "made for an IOMMU with Svpbmt",
	 .classes = CLASS_BIT(DIV_PGTABLE_STATE),
	 .drivers = ONLY(DRV_RISCV),
	 .tree_has = "generic-pt-riscv64",
	 .tree_lacks = "generic-pt-riscv64-svpbmt",
	 .when = riscv_svpbmt,
	 .whole_config = true},
	/* noted by the device when a level hint spares a split block */
	{.id = "F21",
	 .title = "io-pgtable + arm-smmu-v3: after a block split, the range "
		  "invalidation's level hint names the pages, not the cached "
		  "block"},
};

/* a trait of the tree (kstack_tree_traits()), by its name */
static bool tree_has(const char *traits, const char *name)
{
	return tree_traits_have(traits, name, strlen(name));
}

/* Does @s apply to this program's driver and tree, and to what it did? */
static bool applies(const struct suppression *s, const struct program *p,
		    size_t op, const char *traits)
{
	if (s->drivers[0] != SUPPRESS_ANY_DRIVER &&
	    p->cfg.driver != s->drivers[0] && p->cfg.driver != s->drivers[1])
		return false;
	if (s->tree_has && !tree_has(traits, s->tree_has))
		return false;
	if (s->tree_lacks && tree_has(traits, s->tree_lacks))
		return false;
	return !s->when || s->when(p, op);
}

const struct suppression *suppression_match(const struct program *p, size_t op,
					    enum divergence_class cls,
					    const char *traits)
{
	for (size_t i = 0; i < sizeof(suppressions) / sizeof(suppressions[0]);
	     i++)
		if ((suppressions[i].classes & CLASS_BIT(cls)) &&
		    applies(&suppressions[i], p, op, traits))
			return &suppressions[i];
	return NULL;
}

const struct suppression *suppression_for_config(const struct program *p,
						 const char *traits)
{
	for (size_t i = 0; i < sizeof(suppressions) / sizeof(suppressions[0]);
	     i++)
		if (suppressions[i].whole_config &&
		    applies(&suppressions[i], p, 0, traits))
			return &suppressions[i];
	return NULL;
}
