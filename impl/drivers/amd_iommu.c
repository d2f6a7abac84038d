// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi as of 6.12 (drivers/iommu/amd/iommu.c, io_pgtable.c,
 * io_pgtable_v2.c): its own page tables, v1 (the default) or v2, and the
 * NpCache variant of each (non-present entries cached by a hypervisor's
 * shadow tables, amd_iommu_np_cache).
 *
 * Tables: the stand-in format (ARM_64_LPAE_S1, 4K granule, stand_in.h).
 * Its radix is AMD's (9 bits a level over 4K pages), so a hole stops a
 * walk at the same level as in AMD's tables. v1 offers every power of
 * two from 4K except 512G, built from replicated PTEs; the stand-in holds
 * such a page as native 4K/2M/1G leaves and the model remembers the page
 * (struct amd_pages), as each replica's encoded size tells the kernel.
 * Sizes above 1T are left out: each page would cost the stand-in over a
 * thousand 1G leaves. v2 offers 4K|2M|1G.
 *
 * unmap_pages: the table walk unmaps with no gather. For each step it finds
 * the page at iova and clears all of it, even the part before iova, counts
 * its whole size and goes on from its end; an empty entry in a last-level
 * table counts as 4K unmapped, an empty upper-level entry ends the walk.
 * The driver then adds [iova, iova + unmapped) to the gather (queued or
 * not), syncing first if NpCache is on and the range is disjoint from it.
 * iotlb_sync: INVALIDATE_IOMMU_PAGES of [start, end - start + 1]: one
 * naturally aligned power-of-two window around the range, or under NpCache
 * one command per aligned chunk; no empty check (an empty gather becomes a
 * 2-byte range at ULONG_MAX, which widens to everything). flush_iotlb_all
 * invalidates everything; iotlb_sync_map flushes the new range only under
 * NpCache (without it the op returns at once: modelled as absent, so the
 * harness never pairs it with a device that caches faults). Flush queue
 * supported.
 *
 * map_pages flushes the new range when it frees a table below the new
 * page (or replaces a live page of another level). Over a live mapping it
 * replaces what is there, flushing nothing for a leaf of the same level
 * and never the rest of a larger page it tears down: the API forbids such
 * maps, so the harness stops a program that makes one
 * (map_over_live_undefined) and the model's replacing is a best effort. A
 * partial unmap that starts inside a page clears bytes before the request
 * and reports a length from the request (finding F9).
 *
 * Simplifications: the extra table level the kernel adds as the address
 * space grows (and its flush) is not modelled; the device walks 4 levels
 * from the start. A page that the new map only partly overlaps is cleared
 * whole, where the kernel would leave its other replicas in place.
 */
#include <stdlib.h>
#include <string.h>

#include "amd_iommu.h"
#include "stand_in.h"
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
#include "gpt.h"
#endif

#define AMD_PAGE_4K 0x1000UL
#define AMD_V2_PGSIZES 0x40201000UL /* 4K | 2M | 1G */
/* every power of two 4K..1T except 512G (AMD_IOMMU_PGSIZES, capped) */
#define AMD_V1_PGSIZES (((1UL << 41) - AMD_PAGE_4K) & ~(1UL << 39))

/* One page of a size the stand-in does not have natively. */
struct amd_page {
	unsigned long first, size;
};

/*
 * Sorted by first, never overlapping. One map's new pages are staged and
 * join the sorted list in one move when the map ends (pages_commit()):
 * inserted one at a time, each moved the whole tail of the list, which
 * was quadratic in a large map.
 */
struct amd_pages {
	struct amd_page *v;
	size_t nr, cap;
	struct amd_page *staged; /* ascending; room for them kept in v */
	size_t nr_staged, cap_staged;
};

struct amd_domain {
	struct amd_pages pages;
};

static struct amd_domain *amd_of(struct glue_domain *gd)
{
	return gd->priv;
}

/* NpCache is the one thing that gives AMD's iotlb_sync_map work to do. */
bool amd_np_cache(const struct glue_domain *gd)
{
	return gd->model->iotlb_sync_map != NULL;
}

static size_t pages_lower_bound(const struct amd_pages *p, unsigned long iova)
{
	size_t lo = 0, hi = p->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->v[mid].first + (p->v[mid].size - 1) < iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The remembered page covering @iova, or NULL. */
static struct amd_page *pages_find(struct amd_pages *p, unsigned long iova)
{
	size_t i = pages_lower_bound(p, iova);

	if (i < p->nr && p->v[i].first <= iova)
		return &p->v[i];
	return NULL;
}

/* Room for @n elements of @size in *@v (capacity *@cap), or false. */
static bool pages_reserve(struct amd_page **v, size_t *cap, size_t n)
{
	size_t new_cap = *cap ? *cap : 64;
	struct amd_page *grown;

	if (n <= *cap)
		return true;
	while (new_cap < n)
		new_cap *= 2;
	grown = realloc(*v, new_cap * sizeof(**v));
	if (!grown)
		return false;
	*v = grown;
	*cap = new_cap;
	return true;
}

/*
 * Record a page the current map adds, above every page it added before.
 * The lookups of the map never look below the page being mapped, so they
 * need not see the staged ones.
 */
static bool pages_stage(struct amd_pages *p, unsigned long first,
			unsigned long size)
{
	if (!pages_reserve(&p->v, &p->cap, p->nr + p->nr_staged + 1) ||
	    !pages_reserve(&p->staged, &p->cap_staged, p->nr_staged + 1))
		return false;
	p->staged[p->nr_staged++] = (struct amd_page){first, size};
	return true;
}

/* The staged pages join the sorted list (v has room: pages_stage()). */
static void pages_commit(struct amd_pages *p)
{
	size_t n = p->nr_staged, i;

	if (!n)
		return;
	i = pages_lower_bound(p, p->staged[0].first);
	memmove(&p->v[i + n], &p->v[i], (p->nr - i) * sizeof(*p->v));
	memcpy(&p->v[i], p->staged, n * sizeof(*p->v));
	p->nr += n;
	p->nr_staged = 0;
}

/* Drop the @n pages from index @i: one move, however long the run. */
static void pages_remove(struct amd_pages *p, size_t i, size_t n)
{
	if (!n)
		return;
	memmove(&p->v[i], &p->v[i + n], (p->nr - i - n) * sizeof(*p->v));
	p->nr -= n;
}

static void amd_release(struct glue_domain *gd)
{
	free(amd_of(gd)->pages.v);
	free(amd_of(gd)->pages.staged);
}

/* The largest native leaf size that fits @size at @iova. */
static unsigned long native_leaf(unsigned long iova, unsigned long size)
{
	unsigned long s = 1UL << 30;

	while (s > AMD_PAGE_4K && ((iova & (s - 1)) || size < s))
		s >>= 9;
	return s;
}

static unsigned long level_of(unsigned long size)
{
	return (unsigned long)(__builtin_ctzl(size) - 12) / 9;
}

/*
 * The AMD page at @iova: true and its extent if mapped; otherwise false,
 * with *size 4K if the hole is an empty last-level entry (fetch_pte
 * returns it and unmap counts it) and larger for an empty upper level.
 * *run is how far from *first (up to @until) the same table stays empty,
 * so the walks over a range step over empty entries in one go.
 */
static bool amd_page_at(struct glue_domain *gd, unsigned long iova,
			unsigned long until, unsigned long *first,
			unsigned long *size, unsigned long *run)
{
	struct amd_page *e = pages_find(&amd_of(gd)->pages, iova);

	if (e) {
		*first = e->first;
		*size = e->size;
		if (run)
			*run = e->size;
		return true;
	}
	return stand_in_lookup_run(gd, iova, until, first, size, run);
}

/* Clear the native leaves of one AMD page; its record is the caller's. */
static void amd_clear_leaves(struct glue_domain *gd, unsigned long first,
			     unsigned long size)
{
	unsigned long x = first, leaf;

	while (x - first < size) {
		leaf = native_leaf(x, size - (x - first));
		stand_in_clear(gd, x, leaf, leaf);
		x += leaf;
	}
}

/* Clear one AMD page, all its native leaves, and forget its record. */
static void amd_clear_page(struct glue_domain *gd, unsigned long first,
			   unsigned long size)
{
	struct amd_pages *p = &amd_of(gd)->pages;
	struct amd_page *e = pages_find(p, first);

	if (e)
		pages_remove(p, (size_t)(e - p->v), 1);
	amd_clear_leaves(gd, first, size);
}

/*
 * amd_iommu_domain_flush_pages: one INVALIDATE_IOMMU_PAGES window. @pde:
 * the command's PDE bit, which also drops cached table entries; 6.12
 * always sets it, 7.x only when the gather carries freed tables.
 */
static void amd_inv_window_pde(struct glue_domain *gd, unsigned long address,
			       unsigned long size, bool pde)
{
	void (*inv)(struct sim_device *dev, uint64_t iova, uint64_t size) =
		pde ? sim_inv_range : sim_inv_leaf;
	unsigned long end = address + size - 1, pages, diff;

	pages = ((address & (AMD_PAGE_4K - 1)) + size + AMD_PAGE_4K - 1) /
		AMD_PAGE_4K;
	if (pages == 1) {
		inv(gd->dev, address & ~(AMD_PAGE_4K - 1), AMD_PAGE_4K);
		return;
	}
	/* the highest bit that differs between start and end */
	diff = 63 - (unsigned long)__builtin_clzl(end ^ address);
	if (diff > 51) {
		sim_inv_all(gd->dev);
		return;
	}
	/* the S bit: the aligned window of 2^(diff + 1) bytes */
	inv(gd->dev, address & ~((2UL << diff) - 1), 2UL << diff);
}

static void amd_flush_pages_pde(struct glue_domain *gd, unsigned long address,
				unsigned long size, bool pde)
{
	if (!amd_np_cache(gd) || size >= (1UL << 52)) {
		amd_inv_window_pde(gd, address, size, pde);
		return;
	}
	/* a hypervisor prefers naturally aligned ranges: one per chunk */
	while (size) {
		unsigned int size_align =
			63 - (unsigned int)__builtin_clzl(size);
		unsigned int align = size_align;
		unsigned long chunk;

		if (address) {
			unsigned int addr_align =
				(unsigned int)__builtin_ctzl(address);

			if (addr_align < align)
				align = addr_align;
		}
		chunk = 1UL << align;
		amd_inv_window_pde(gd, address, chunk, pde);
		address += chunk;
		size -= chunk;
	}
}

void amd_flush_pages(struct glue_domain *gd, unsigned long address,
		     unsigned long size)
{
	amd_flush_pages_pde(gd, address, size, true);
}

#ifdef IOTLBFUZZ_HAS_GENERIC_PT
/*
 * 7.3's build_inv_address(): the naturally aligned power of two holding
 * [address, last] (the S bit and the size written in the address),
 * everything past 2^52.
 */
static void amd73_inv_window(struct glue_domain *gd, uint64_t address,
			     uint64_t last, bool pde)
{
	void (*inv)(struct sim_device *dev, uint64_t iova, uint64_t size) =
		pde ? sim_inv_range : sim_inv_leaf;
	unsigned int sz_lg2;

	address &= ~(AMD_PAGE_4K - 1);
	sz_lg2 = address == last ? 0 :
				   64 - (unsigned int)__builtin_clzll(address ^ last);
	if (sz_lg2 <= 12) {
		inv(gd->dev, address, AMD_PAGE_4K);
		return;
	}
	if (sz_lg2 > 52) {
		sim_inv_all(gd->dev);
		return;
	}
	inv(gd->dev, address & ~((1ULL << sz_lg2) - 1), 1ULL << sz_lg2);
}

/*
 * 7.3's amd_iommu_domain_flush_pages() of [address, last]: one window, or
 * under NpCache (unless it is everything) naturally aligned pieces.
 */
static void amd73_flush_pages(struct glue_domain *gd, uint64_t address,
			      uint64_t last, bool pde)
{
	if (!amd_np_cache(gd) || (address == 0 && last == UINT64_MAX)) {
		amd73_inv_window(gd, address, last, pde);
		return;
	}
	while (address <= last) {
		unsigned int sz_lg2 =
			63 - (unsigned int)__builtin_clzll(last - address + 1);
		uint64_t flush_last;

		if (address &&
		    (unsigned int)__builtin_ctzll(address) < sz_lg2)
			sz_lg2 = (unsigned int)__builtin_ctzll(address);
		flush_last = address + (1ULL << sz_lg2) - 1;
		amd73_inv_window(gd, address, flush_last, pde);
		if (flush_last == UINT64_MAX)
			break;
		address = flush_last + 1;
	}
}
#endif

static int amd_map_pages(struct glue_domain *gd, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	unsigned long o_iova = iova, size = pgsize * pgcount;
	bool updated = false;
	int ret = 0;

	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	for (; pgcount && !ret; pgcount--) {
		unsigned long x = iova, first, len;

		if (hw_work_exceeded()) {
			ret = -ENOMEM; /* over the work budget: rejected */
			break;
		}
		/* whatever lives in the new page's slots is replaced */
		while (x - iova < pgsize) {
			unsigned long run;
			bool live = amd_page_at(gd, x, iova + pgsize - 1,
						&first, &len, &run);

			/* freeing a table below, or another level, flushes */
			if (level_of(len) != level_of(pgsize))
				updated = true;
			if (live)
				amd_clear_page(gd, first, len);
			if (first + run - iova >= pgsize)
				break;
			x = first + run;
		}
		if (native_leaf(iova, pgsize) != pgsize &&
		    !pages_stage(&amd_of(gd)->pages, iova, pgsize)) {
			pages_commit(&amd_of(gd)->pages);
			return -ENOMEM;
		}
		for (x = iova; !ret && x - iova < pgsize;) {
			unsigned long leaf =
				native_leaf(x, pgsize - (x - iova));

			ret = stand_in_map(gd, x, paddr + (x - iova), leaf,
					   (pgsize - (x - iova)) / leaf, prot,
					   gfp, &(size_t){0});
			x += (pgsize - (x - iova)) / leaf * leaf;
		}
		if (ret)
			break;
		*mapped += pgsize;
		iova += pgsize;
		paddr += pgsize;
	}
	pages_commit(&amd_of(gd)->pages);
	if (updated)
		amd_flush_pages(gd, o_iova, size);
	return ret;
}

static size_t amd_unmap_pages(struct glue_domain *gd, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct amd_pages *p = &amd_of(gd)->pages;
	unsigned long size = pgsize * pgcount, unmapped = 0, x = iova;
	unsigned long first, len;
	/*
	 * The records of the cleared pages form one run of the sorted list
	 * (the walk only moves up); it is dropped at the end in one move,
	 * as dropping them one by one is quadratic in a large unmap. The
	 * walk never looks back, so it never meets the stale records.
	 */
	size_t run = pages_lower_bound(p, iova), run_end = run;

	while (unmapped < size && !hw_work_exceeded()) {
		unsigned long empty;

		if (amd_page_at(gd, x, iova + size - 1, &first, &len, &empty)) {
			if (first < x)
				sim_note_finding(gd->dev, "F9");
			amd_clear_leaves(gd, first, len);
			if (run_end < p->nr && p->v[run_end].first == first)
				run_end++;
		} else if (len != AMD_PAGE_4K) {
			break; /* an empty upper-level entry */
		} else {
			/* each empty last-level entry counts 4K: all at once */
			len = empty;
		}
		x = first + len;
		unmapped += len;
	}
	pages_remove(p, run, run_end - run);
	amd_gather_unmapped(gd, gather, iova, unmapped);
	return unmapped;
}

void amd_gather_unmapped(struct glue_domain *gd,
			 struct iommu_iotlb_gather *gather, unsigned long iova,
			 unsigned long unmapped)
{
	if (!unmapped)
		return;
	if (amd_np_cache(gd) &&
	    iommu_iotlb_gather_is_disjoint(gather, iova, unmapped))
		iommu_iotlb_sync(&gd->domain, gather);
	iommu_iotlb_gather_add_range(gather, iova, unmapped);
	glue_gathered(gd, gather, iova, unmapped);
}

void amd_iotlb_sync(struct glue_domain *gd, struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	/*
	 * 7.x on generic_pt tables (amd_iommu_iotlb_sync()): table entries
	 * go too only when the unmap freed tables, which are freed after.
	 */
	if (gd->gpt) {
		amd73_flush_pages(gd, gather->start, gather->end,
				  gpt_gathered_tables(gather));
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	amd_flush_pages(gd, gather->start, gather->end - gather->start + 1);
}

/*
 * The mutant: the 7.x sync without the PDE bit, freed tables or not; the
 * tables are still freed after it.
 */
void amd_iotlb_sync_no_pde(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		amd73_flush_pages(gd, gather->start, gather->end, false);
		gpt_free_gathered_tables(gather);
		return;
	}
#endif
	amd_flush_pages_pde(gd, gather->start, gather->end - gather->start + 1,
			    false);
}

int amd_sync_map(struct glue_domain *gd, unsigned long iova, size_t size)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		amd73_flush_pages(gd, iova, iova + size - 1, true);
		return 0;
	}
#endif
	amd_flush_pages(gd, iova, size);
	return 0;
}

const struct glue_model drv_amd_v1 = {
	.id = DRIVER_ID(DRV_AMD_V1),
	.name = "amd-v1",
	.summary =
		"own tables (stand-in LPAE 4K, replicated pages 4K..1T): unmap "
		"clears whole pages, empty last-level entries count; add_range "
		"after; sync = aligned window around [start, end - start + 1]",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = AMD_V1_PGSIZES,
	.facts.gather_use = GATHER_RANGE,
	.facts.sync_needs_nonempty_gather = true,
	.facts.overinv = OVERINV_UNION,
	.facts.supports_fq = true,
	.facts.map_over_live_undefined = true,
	.table_pgsizes = AMD_V2_PGSIZES,
	.priv_size = sizeof(struct amd_domain),
	.release = amd_release,
	.iotlb_sync = amd_iotlb_sync,
	.flush_iotlb_all = glue_invalidate_all,
	.map_pages = amd_map_pages,
	.unmap_pages = amd_unmap_pages,
};

const struct glue_model drv_amd_v1_np_cache = {
	.id = DRIVER_ID(DRV_AMD_V1_NP_CACHE),
	.name = "amd-v1-npcache",
	.summary = "amd-v1 under NpCache: disjoint unmaps sync first, sync "
		   "splits into aligned chunks, sync_map flushes",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = AMD_V1_PGSIZES,
	.facts.gather_use = GATHER_RANGE,
	.facts.sync_needs_nonempty_gather = true,
	/* NpCache: disjoint ranges are synced apart, new mappings flushed. */
	.facts.overinv = OVERINV_EXACT,
	.facts.supports_fq = true,
	.facts.map_over_live_undefined = true,
	.table_pgsizes = AMD_V2_PGSIZES,
	.priv_size = sizeof(struct amd_domain),
	.release = amd_release,
	.iotlb_sync = amd_iotlb_sync,
	.flush_iotlb_all = glue_invalidate_all,
	.map_pages = amd_map_pages,
	.unmap_pages = amd_unmap_pages,
	.iotlb_sync_map = amd_sync_map,
};

/* What amd-v2, its NpCache variant and its mutant share. */
#define AMD_V2_MODEL                                                      \
	.gpt_format = "x86_64",                                           \
	.facts.formats = STAND_IN_FORMATS | FMT(PT_X86_64),               \
	.facts.pgsize_mask = AMD_V2_PGSIZES,                              \
	.facts.gather_use = GATHER_RANGE,                                 \
	.facts.sync_needs_nonempty_gather = true,                         \
	.facts.supports_fq = true,                                        \
	.facts.map_over_live_undefined = true,                            \
	.table_pgsizes = AMD_V2_PGSIZES,                                  \
	.priv_size = sizeof(struct amd_domain),                           \
	.release = amd_release,                                           \
	.flush_iotlb_all = glue_invalidate_all,                           \
	.map_pages = amd_map_pages,                                       \
	.unmap_pages = amd_unmap_pages

const struct glue_model drv_amd_v2 = {
	.id = DRIVER_ID(DRV_AMD_V2),
	.name = "amd-v2",
	.summary = "amd-v1's unmap and sync on the v2 table: 4K|2M|1G",
	AMD_V2_MODEL,
	.facts.overinv = OVERINV_UNION,
	.iotlb_sync = amd_iotlb_sync,
};

const struct glue_model drv_amd_v2_np_cache = {
	.id = DRIVER_ID(DRV_AMD_V2_NP_CACHE),
	.name = "amd-v2-npcache",
	.summary = "amd-v2 under NpCache",
	AMD_V2_MODEL,
	/* NpCache: disjoint ranges are synced apart, new mappings flushed. */
	.facts.overinv = OVERINV_EXACT,
	.iotlb_sync = amd_iotlb_sync,
	.iotlb_sync_map = amd_sync_map,
};

const struct glue_model glue_broken_amd_v2_sync_no_pde = {
	.id = DRIVER_ID(BROKEN_AMD_V2_SYNC_NO_PDE),
	.name = "broken-amd-v2-sync-no-pde",
	.mutant = true,
	.summary = "mutant: amd-v2 whose iotlb_sync never sets the PDE bit, "
		   "so tables an unmap freed stay in the walk cache",
	AMD_V2_MODEL,
	.facts.overinv = OVERINV_UNION,
	.iotlb_sync = amd_iotlb_sync_no_pde,
};
