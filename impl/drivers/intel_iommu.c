// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d as of 6.12 (drivers/iommu/intel/iommu.c, cache.c), a
 * second-stage domain, with and without caching mode (a virtual IOMMU that
 * caches non-present entries).
 *
 * Tables: the stand-in format (ARM_64_LPAE_S1, 4K granule, stand_in.h),
 * whose radix is VT-d's (9 bits a level over 4K pages, superpages of 2M
 * and 1G), so holes and superpages sit at the same levels. Page sizes
 * 4K|2M|1G.
 *
 * unmap_pages looks up the entry at iova, stopping at a superpage or an
 * empty entry, and raises the size to that entry's level size if it is
 * smaller; it then clears [iova, iova + size): every entry the range
 * covers whole goes, a superpage it covers only in part is walked into as
 * if it were a table. Unless the gather is queued it is added with
 * iommu_iotlb_gather_add_page (a different size or a disjoint range syncs
 * first), and the raised size is returned. iotlb_sync: one page-selective
 * invalidation, the power-of-two window of [start, end] aligned down, or
 * a domain-selective one if its mask exceeds the hardware's maximum; no
 * empty check. flush_iotlb_all: domain-selective. iotlb_sync_map: under
 * caching mode a page-selective invalidation of the new range; otherwise
 * only a write-buffer flush, which leaves the IOTLB alone (modelled as no
 * op, so the harness never pairs it with a device that caches faults).
 * Flush queue supported.
 *
 * map_pages of a superpage over tables or live entries of its size or
 * below replaces them and flushes its range. A 4K page over a live PTE
 * logs, WARNs, keeps the old PTE and still succeeds; under a live larger
 * superpage the walk goes on into the superpage's memory as a table. The
 * API forbids maps over live mappings, so the harness stops a program
 * that makes one (map_over_live_undefined); the model keeps the old PTE
 * for both. Raised sizes break the unmap contract where the
 * lookup hits a hole (F11, the range grows past the request) or a
 * superpage that starts before iova (F10: the kernel walks into the
 * superpage's memory as a table and reports it unmapped).
 *
 * Simplifications: what the walk into a superpage writes (zeroes over
 * words of the DMA buffer) is not done; the superpage stays mapped, as in
 * the kernel. Freed tables are not put on the gather's freelist (the
 * stand-in keeps them, empty), so the invalidation hint is not modelled:
 * the page-selective invalidation drops walk-cache entries too.
 */
#include "stand_in.h"
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
#include "gpt.h"
#endif

#define VTD_PAGE 0x1000UL
/* the hardware's maximum address mask (cap.MAMV): an assumed value */
#define VTD_MAMV 18
/*
 * A first-stage domain's PASID-based invalidation has no fallback on
 * MAMV: every page-selective mask below the whole address space
 * (MAX_AGAW_PFN_WIDTH, 52) is sent, and that one flushes the PASID.
 */
#define VTD_FS_MAX_MASK 51

/*
 * calculate_psi_aligned_address + the fallback to a domain-wide flush for
 * a mask over @max_mask. @ih, the invalidation hint: only leaves went, so
 * the paging-structure caches may stay (7.x sets it when the gather
 * carries no freed tables).
 */
static void vtd_flush_range_mask(struct glue_domain *gd, unsigned long start,
				 unsigned long end, bool ih,
				 unsigned long max_mask)
{
	unsigned long size = end - start + 1;
	unsigned long pages =
		((start & (VTD_PAGE - 1)) + size + VTD_PAGE - 1) / VTD_PAGE;
	unsigned long aligned, mask, pfn = start / VTD_PAGE;

	/* __roundup_pow_of_two(pages); pages < 2^53, so no overflow */
	aligned = pages <= 1 ? 1 : 1UL << (64 - __builtin_clzl(pages - 1));
	mask = (unsigned long)__builtin_ctzl(aligned);
	if (pfn & (aligned - 1)) {
		unsigned long end_pfn = pfn + pages - 1;
		unsigned long shared = ~(pfn ^ end_pfn) & ~(aligned - 1);

		mask = shared ? (unsigned long)__builtin_ctzl(shared) : 64;
	}
	if (mask > max_mask) {
		sim_inv_all(gd->dev);
		return;
	}
	(ih ? sim_inv_leaf : sim_inv_range)(
		gd->dev, start & ~((VTD_PAGE << mask) - 1), VTD_PAGE << mask);
}

static void vtd_flush_range(struct glue_domain *gd, unsigned long start,
			    unsigned long end)
{
	vtd_flush_range_mask(gd, start, end, false, VTD_MAMV);
}

static int vtd_map_pages(struct glue_domain *gd, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	unsigned long first, len;
	int ret = 0;

	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	for (; pgcount && !ret; pgcount--) {
		if (hw_work_exceeded()) {
			ret = -ENOMEM; /* over the work budget: rejected */
			break;
		}
		/*
		 * The entry at iova tells all: the page is aligned to pgsize,
		 * so a leaf or hole of pgsize or more covers all of it, and a
		 * smaller one means tables below it.
		 */
		bool live = stand_in_lookup(gd, iova, &first, &len);

		if (live && len > pgsize) {
			/* the walk goes on into the live superpage's memory */
		} else if (pgsize > VTD_PAGE && (live || len < pgsize)) {
			/* switch_to_super_page: what is there goes, flushed */
			stand_in_clear_mapped(gd, iova, pgsize);
			vtd_flush_range(gd, iova, iova + pgsize - 1);
			ret = stand_in_map(gd, iova, paddr, pgsize, 1, prot,
					   gfp, &(size_t){0});
		} else if (!live) {
			ret = stand_in_map(gd, iova, paddr, pgsize, 1, prot,
					   gfp, &(size_t){0});
		} else {
			/* "DMA PTE already set": the old PTE stays */
			WARN_ON(1);
		}
		if (!ret)
			*mapped += pgsize;
		iova += pgsize;
		paddr += pgsize;
	}
	return ret;
}

/*
 * dma_pte_clear_level over [iova, last]: leaves the range covers whole are
 * cleared, a superpage it covers in part is the kernel's walk into data.
 */
static void vtd_clear_range(struct glue_domain *gd, unsigned long iova,
			    unsigned long last)
{
	unsigned long x = iova, first, len, end, run;

	for (;;) {
		bool live =
			stand_in_lookup_run(gd, x, last, &first, &len, &run);

		end = first + run - 1;
		if (live) {
			if (first >= iova && end <= last)
				stand_in_clear(gd, first, len, len);
			else
				sim_note_finding(gd->dev, "F10");
		}
		if (end >= last)
			break;
		x = end + 1;
	}
}

static size_t vtd_unmap_pages(struct glue_domain *gd, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	unsigned long size = pgsize * pgcount, first, len;
	unsigned long limit =
		gd->cfg.ias >= 64 ? ~0UL : (1UL << gd->cfg.ias) - 1;
	bool live;

	if (iova > limit)
		return 0;
	live = stand_in_lookup(gd, iova, &first, &len);
	if (size < len) {
		/* the "horrid API": unmap the whole entry found */
		if (!live)
			sim_note_finding_op(gd->dev, "F11");
		/* from inside a superpage: its size counted from iova (F10) */
		else if (first < iova)
			sim_note_finding(gd->dev, "F10");
		size = len;
	}
	/* domain_unmap refuses a range past the domain, yet size is reported */
	if (!WARN_ON(size - 1 > limit - iova))
		vtd_clear_range(gd, iova, iova + size - 1);
	if (!iommu_iotlb_gather_queued(gather)) {
		iommu_iotlb_gather_add_page(&gd->domain, gather, iova, size);
		glue_gathered(gd, gather, iova, size);
	}
	return size;
}

#ifdef IOTLBFUZZ_HAS_GENERIC_PT
/*
 * 7.3's cache_tag_flush_range() of [start, last]:
 * calculate_psi_aligned_address() takes the naturally aligned power of two
 * holding both ends (everything past 2^63: the whole domain), and a mask
 * past @max_mask (a second stage's MAMV) falls back to a DSI too.
 */
static void vtd73_flush_range(struct glue_domain *gd, unsigned long start,
			      unsigned long last, bool ih,
			      unsigned long max_mask)
{
	unsigned int sz_lg2;

	start &= ~(VTD_PAGE - 1);
	sz_lg2 = start == last ? 0 :
				 64 - (unsigned int)__builtin_clzl(start ^ last);
	if (sz_lg2 <= 12) {
		(ih ? sim_inv_leaf : sim_inv_range)(gd->dev, start, VTD_PAGE);
		return;
	}
	if (sz_lg2 >= 64 || sz_lg2 - 12 > max_mask) {
		sim_inv_all(gd->dev);
		return;
	}
	(ih ? sim_inv_leaf : sim_inv_range)(
		gd->dev, start & ~((1UL << sz_lg2) - 1), 1UL << sz_lg2);
}
#endif

static void vtd_iotlb_sync(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	/*
	 * 7.x on generic_pt tables (intel_iommu_tlb_sync()): the hint is
	 * set unless the unmap freed tables, which are freed after.
	 */
	if (gd->gpt) {
		vtd73_flush_range(gd, gather->start, gather->end,
				  !gpt_gathered_tables(gather), VTD_MAMV);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	vtd_flush_range(gd, gather->start, gather->end);
}

static int vtd_sync_map_caching_mode(struct glue_domain *gd, unsigned long iova,
				     size_t size)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	/* 7.3: cache_tag_flush_range_np(), the same window, no hint */
	if (gd->gpt) {
		vtd73_flush_range(gd, iova, iova + size - 1, false, VTD_MAMV);
		return 0;
	}
#endif
	vtd_flush_range(gd, iova, iova + size - 1);
	return 0;
}

/*
 * On generic_pt tables (7.x: vtdss, or x86_64 for a first stage): the
 * engine adds each unmapped range to the gather, gaps and all
 * (PT_FEAT_FLUSH_RANGE), so one sync may cover what lies between two
 * unmaps.
 */
#define VTD_GPT_FACTS(fmt)                                                \
	{                                                                 \
		.formats = STAND_IN_FORMATS | FMT(fmt),                   \
		.pgsize_mask = 0x40201000UL,                              \
		.gather_use = GATHER_RANGE,                               \
		.sync_needs_nonempty_gather = true,                       \
		.overinv = OVERINV_UNION,                                 \
		.supports_fq = true,                                      \
		.map_over_live_undefined = true,                          \
	}

static const struct driver_facts vtd_gpt_facts = VTD_GPT_FACTS(PT_VTD_SS);
static const struct driver_facts vtd_fs_gpt_facts = VTD_GPT_FACTS(PT_X86_64);

/* What every intel model shares but its format: the stand-in and @fmt. */
#define INTEL_COMMON(fmt)                                                 \
	.facts.formats = STAND_IN_FORMATS | FMT(fmt),                     \
	.facts.pgsize_mask = 0x40201000UL,                                \
	.facts.gather_use = GATHER_RANGE,                                 \
	.facts.sync_needs_nonempty_gather = true,                         \
	.facts.overinv = OVERINV_EXACT,                                   \
	.facts.supports_fq = true,                                        \
	.facts.map_over_live_undefined = true,                            \
	.map_pages = vtd_map_pages,                                       \
	.unmap_pages = vtd_unmap_pages,                                   \
	.flush_iotlb_all = glue_invalidate_all

/* What intel, intel-cm and the mutant share: second-stage domains. */
#define INTEL_MODEL                                                       \
	.gpt_format = "vtdss",                                            \
	.gpt_facts = &vtd_gpt_facts,                                      \
	INTEL_COMMON(PT_VTD_SS)

const struct glue_model drv_intel = {
	.id = DRIVER_ID(DRV_INTEL),
	.name = "intel",
	.summary = "own tables (stand-in LPAE 4K): unmap raises the size to "
		   "the entry found, add_page unless queued; sync = one PSI "
		   "window or DSI",
	INTEL_MODEL,
	.iotlb_sync = vtd_iotlb_sync,
};

const struct glue_model drv_intel_caching_mode = {
	.id = DRIVER_ID(DRV_INTEL_CACHING_MODE),
	.name = "intel-cm",
	.summary = "intel with caching mode (vIOMMU): sync_map = PSI of the "
		   "new range",
	INTEL_MODEL,
	.iotlb_sync = vtd_iotlb_sync,
	.iotlb_sync_map = vtd_sync_map_caching_mode,
};

/* The mutant's sync: leaves only, whatever the unmap freed. */
static void vtd_iotlb_sync_always_ih(struct glue_domain *gd,
				     struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		vtd73_flush_range(gd, gather->start, gather->end, true,
				  VTD_MAMV);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	vtd_flush_range_mask(gd, gather->start, gather->end, true, VTD_MAMV);
}

const struct glue_model glue_broken_intel_sync_always_ih = {
	.id = DRIVER_ID(BROKEN_INTEL_SYNC_ALWAYS_IH),
	.name = "broken-intel-sync-always-ih",
	.mutant = true,
	.summary = "mutant: intel whose iotlb_sync always sets the "
		   "invalidation hint, so tables an unmap freed stay cached",
	INTEL_MODEL,
	.iotlb_sync = vtd_iotlb_sync_always_ih,
};

/*
 * A first-stage domain (7.3: intel_fs_paging_domain_ops; 6.x: a domain
 * with use_first_level): the same unmap and sync, but invalidations are
 * PASID-based and never fall back to a DSI on the hardware's MAMV, and
 * sync_map never invalidates (first-stage updates need no flush under
 * caching mode; only the write buffer is flushed, which the IOTLB does not
 * see).
 */
static void vtd_fs_iotlb_sync(struct glue_domain *gd,
			      struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		vtd73_flush_range(gd, gather->start, gather->end,
				  !gpt_gathered_tables(gather),
				  VTD_FS_MAX_MASK);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	vtd_flush_range_mask(gd, gather->start, gather->end, false,
			     VTD_FS_MAX_MASK);
}

const struct glue_model drv_intel_first_stage = {
	.id = DRIVER_ID(DRV_INTEL_FIRST_STAGE),
	.name = "intel-fs",
	.summary = "intel's first-stage domain: x86-64 tables sign-extended "
		   "on 7.x; sync = one PASID-based PSI window, never a DSI "
		   "fallback; sync_map never invalidates",
	.gpt_format = "x86_64",
	.gpt_sign_extend = true,
	.gpt_facts = &vtd_fs_gpt_facts,
	INTEL_COMMON(PT_X86_64),
	.iotlb_sync = vtd_fs_iotlb_sync,
};
