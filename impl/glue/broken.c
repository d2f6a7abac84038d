// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deliberately broken variants of the reference glue. Each removes or
 * bends one thing the reference does, so that every divergence class the
 * engine reports has a program in corpus/regressions/ that shows it (and is
 * clean on the reference).
 */
#include "glue.h"

static void ignore_add_page(struct glue_domain *gd,
			    struct iommu_iotlb_gather *gather,
			    unsigned long iova, size_t granule)
{
	(void)gd;
	(void)gather;
	(void)iova;
	(void)granule;
}

static void ignore_walk(struct glue_domain *gd, unsigned long iova,
			size_t size, size_t granule)
{
	(void)gd;
	(void)iova;
	(void)size;
	(void)granule;
}

static void ignore_flush_all(struct glue_domain *gd)
{
	(void)gd;
}

/*
 * Point the walker past the real root table: two descriptors on LPAE and
 * DART (the TTBR keeps 16-byte granularity), one table on v7s.
 */
static void ttbr_one_entry_off(struct glue_domain *gd, struct hw_context *hw)
{
	(void)gd;
	switch (hw->fmt) {
	case PT_ARM_32_LPAE_S1:
	case PT_ARM_64_LPAE_S1:
		hw->s1.ttbr += 16;
		break;
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S2:
		hw->s2.vttbr += 16;
		break;
	case PT_ARM_V7S:
		/* the TTBR holds bits [31:14]: the next 16K, no table there */
		hw->v7s.ttbr += 1 << 14;
		break;
	default:
		for (unsigned int i = 0; i < hw->dart.n_ttbrs; i++)
			hw->dart.ttbr[i] += 16;
		break;
	}
}

/* Tell the walker the tables carry no permissions. */
static void drop_permissions(struct glue_domain *gd, struct hw_context *hw)
{
	(void)gd;
	hw->quirks |= HW_QUIRK_NO_PERMS;
}

/* The reference glue with some of its callbacks swapped out. */
#define REFERENCE_WITH(add_page, walk, flush_all, sync_map)                \
	.tlb_flush_all = flush_all, .tlb_flush_walk = walk,                \
	.tlb_add_page = add_page, .iotlb_sync = glue_sync_nothing_pending, \
	.flush_iotlb_all = flush_all, .iotlb_sync_map = sync_map,          \
	.facts.supports_fq = true
#define REFERENCE_OPS                                                         \
	REFERENCE_WITH(glue_invalidate_leaf, glue_invalidate_walk,            \
		       glue_invalidate_all, NULL)

const struct glue_model glue_broken_no_add_page = {
	.id = DRIVER_ID(BROKEN_NO_ADD_PAGE),
	.name = "broken-no-add-page",
	.mutant = true,
	.summary = "mutant: tlb_add_page does nothing",
	REFERENCE_WITH(ignore_add_page, glue_invalidate_walk,
		       glue_invalidate_all, NULL),
};

const struct glue_model glue_broken_no_walk_flush = {
	.id = DRIVER_ID(BROKEN_NO_WALK_FLUSH),
	.name = "broken-no-walk-flush",
	.mutant = true,
	.summary = "mutant: tlb_flush_walk does nothing",
	REFERENCE_WITH(glue_invalidate_leaf, ignore_walk, glue_invalidate_all,
		       NULL),
};

const struct glue_model glue_broken_no_flush_all = {
	.id = DRIVER_ID(BROKEN_NO_FLUSH_ALL),
	.name = "broken-no-flush-all",
	.mutant = true,
	.summary = "mutant: flush_iotlb_all and tlb_flush_all do nothing",
	REFERENCE_WITH(glue_invalidate_leaf, glue_invalidate_walk,
		       ignore_flush_all, NULL),
};


const struct glue_model glue_broken_ttbr_offset = {
	.id = DRIVER_ID(BROKEN_TTBR_OFFSET),
	.name = "broken-ttbr-offset",
	.mutant = true,
	.summary = "mutant: programs the walker off the root table",
	REFERENCE_OPS,
	.program_hw = ttbr_one_entry_off,
};

const struct glue_model glue_broken_leak_table = {
	.id = DRIVER_ID(BROKEN_LEAK_TABLE),
	.name = "broken-leak-table",
	.mutant = true,
	.summary = "mutant: never frees its page tables",
	REFERENCE_OPS,
	.leaks_pgtable = true,
};

const struct glue_model glue_broken_readonly_as_rw = {
	.id = DRIVER_ID(BROKEN_READONLY_AS_RW),
	.name = "broken-readonly-as-rw",
	.mutant = true,
	.summary = "mutant: the walker ignores permission bits",
	REFERENCE_OPS,
	.program_hw = drop_permissions,
};

/* io-pgtable's unmap, reported @less bytes short (when it unmapped any). */
static size_t unmap_reporting_less(struct glue_domain *gd, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather,
				   size_t less)
{
	size_t done = gd->pgtbl->unmap_pages(gd->pgtbl, iova, pgsize, pgcount,
					     gather);

	return done >= less ? done - less : done;
}

static size_t unmap_one_page_short(struct glue_domain *gd, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	return unmap_reporting_less(gd, iova, pgsize, pgcount, gather, pgsize);
}

/* Refuses any block larger than the smallest page. */
static int refuse_blocks(struct glue_domain *gd, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	if (pgsize != (gd->cfg.pgsize_bitmap & -gd->cfg.pgsize_bitmap))
		return -EINVAL;
	return gd->pgtbl->map_pages(gd->pgtbl, iova, paddr, pgsize, pgcount,
				    prot, gfp, mapped);
}

/* Drops the offset within the page, as some drivers' lookups do. */
static phys_addr_t lookup_without_offset(struct glue_domain *gd,
					 dma_addr_t iova)
{
	unsigned long min_page = gd->cfg.pgsize_bitmap & -gd->cfg.pgsize_bitmap;

	return gd->pgtbl->iova_to_phys(gd->pgtbl, iova) & ~(min_page - 1);
}

/* Tells the walker to snoop nothing while io-pgtable believes it does. */
static void hardware_not_coherent(struct glue_domain *gd,
				  struct hw_context *hw)
{
	(void)gd;
	hw->coherent = false;
}

const struct glue_model glue_broken_unmap_short = {
	.id = DRIVER_ID(BROKEN_UNMAP_SHORT),
	.name = "broken-unmap-short",
	.mutant = true,
	.summary = "mutant: unmap_pages reports one page less than it unmapped",
	REFERENCE_OPS,
	.unmap_pages = unmap_one_page_short,
};

const struct glue_model glue_broken_map_refuses_blocks = {
	.id = DRIVER_ID(BROKEN_MAP_REFUSES_BLOCKS),
	.name = "broken-map-refuses-blocks",
	.mutant = true,
	.summary = "mutant: map_pages fails for any block mapping",
	REFERENCE_OPS,
	.map_pages = refuse_blocks,
};

const struct glue_model glue_broken_iova_to_phys_no_offset = {
	.id = DRIVER_ID(BROKEN_IOVA_TO_PHYS_NO_OFFSET),
	.name = "broken-iova-to-phys-no-offset",
	.mutant = true,
	.summary = "mutant: iova_to_phys drops the offset within the page",
	REFERENCE_OPS,
	.iova_to_phys = lookup_without_offset,
};

const struct glue_model glue_broken_hw_not_coherent = {
	.id = DRIVER_ID(BROKEN_HW_NOT_COHERENT),
	.name = "broken-hw-not-coherent",
	.mutant = true,
	.summary = "mutant: the walker does not snoop, io-pgtable thinks it does",
	REFERENCE_OPS,
	.program_hw = hardware_not_coherent,
};

/* Reports one byte less than io-pgtable unmapped: not a page multiple. */
static size_t unmap_one_byte_short(struct glue_domain *gd, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	return unmap_reporting_less(gd, iova, pgsize, pgcount, gather, 1);
}

const struct glue_model glue_broken_unmap_byte_short = {
	.id = DRIVER_ID(BROKEN_UNMAP_BYTE_SHORT),
	.name = "broken-unmap-byte-short",
	.mutant = true,
	.summary = "mutant: unmap_pages reports one byte less than it unmapped",
	REFERENCE_OPS,
	.unmap_pages = unmap_one_byte_short,
};

/*
 * Reports success for a request of several pages without mapping any, so
 * the core's map loop asks again for the same pages, for ever.
 */
static int map_nothing_for_several(struct glue_domain *gd, unsigned long iova,
				   phys_addr_t paddr, size_t pgsize,
				   size_t pgcount, int prot, gfp_t gfp,
				   size_t *mapped)
{
	if (pgcount > 1)
		return 0;
	return gd->pgtbl->map_pages(gd->pgtbl, iova, paddr, pgsize, pgcount,
				    prot, gfp, mapped);
}

const struct glue_model glue_broken_map_no_progress = {
	.id = DRIVER_ID(BROKEN_MAP_NO_PROGRESS),
	.name = "broken-map-no-progress",
	.mutant = true,
	.summary = "mutant: map_pages of several pages maps none and succeeds",
	REFERENCE_OPS,
	.map_pages = map_nothing_for_several,
};

/*
 * Waits for a sync that never completes, polling a status the simulated
 * device never sets and with no timeout: only the watchdog ends it.
 */
static void sync_never_completes(struct glue_domain *gd,
				 struct iommu_iotlb_gather *gather)
{
	volatile unsigned int sync_done = 0;

	(void)gd;
	(void)gather;
	while (!sync_done)
		;
}

const struct glue_model glue_broken_sync_never_completes = {
	.id = DRIVER_ID(BROKEN_SYNC_NEVER_COMPLETES),
	.name = "broken-sync-never-completes",
	.mutant = true,
	.summary = "mutant: iotlb_sync polls for a completion that never comes",
	.tlb_flush_all = glue_invalidate_all,
	.tlb_flush_walk = glue_invalidate_walk,
	.tlb_add_page = glue_invalidate_leaf,
	.iotlb_sync = sync_never_completes,
	.flush_iotlb_all = glue_invalidate_all,
	.facts.supports_fq = true,
};

/*
 * Waits for the last page it mapped to read as unmapped, polling the
 * tables through io-pgtable's lookup instead of asking the hardware: after
 * an unmap of another page the kernel code walks the same tables for ever.
 */
static int map_remembering(struct glue_domain *gd, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	*(unsigned long *)gd->priv = iova;
	return gd->pgtbl->map_pages(gd->pgtbl, iova, paddr, pgsize, pgcount,
				    prot, gfp, mapped);
}

static void sync_polls_tables(struct glue_domain *gd,
			      struct iommu_iotlb_gather *gather)
{
	unsigned long last_mapped = *(unsigned long *)gd->priv;

	(void)gather;
	while (gd->pgtbl->iova_to_phys(gd->pgtbl, last_mapped))
		;
}

const struct glue_model glue_broken_sync_polls_tables = {
	.id = DRIVER_ID(BROKEN_SYNC_POLLS_TABLES),
	.name = "broken-sync-polls-tables",
	.mutant = true,
	.summary = "mutant: iotlb_sync polls the tables until its last map "
		   "reads unmapped",
	.priv_size = sizeof(unsigned long),
	.tlb_flush_all = glue_invalidate_all,
	.tlb_flush_walk = glue_invalidate_walk,
	.tlb_add_page = glue_invalidate_leaf,
	.iotlb_sync = sync_polls_tables,
	.flush_iotlb_all = glue_invalidate_all,
	.map_pages = map_remembering,
	.facts.supports_fq = true,
};
