// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD-Vi v1 on tables of its own, with the page sizes 6.1 advertises
 * (AMD_IOMMU_PGSIZES: every power of two from 4K to 2^63 but 512G; 6.12
 * cut them at 2^51) over the whole 64-bit IOVA space, so that the core's
 * page-size and range arithmetic runs at its limits. Behaviour is 6.12's
 * (drivers/iommu/amd/io_pgtable.c, iommu.c), as for amd-v1: the same
 * unmap, gather, sync and flushes (amd_iommu.h), on every tree.
 *
 * Tables: AMD v1's own format in the page-table arena, so the device
 * walks them with its own walker (impl/iotlb/walk_amdv1.c) and the arena
 * checks their leaks and use after free. Six levels of 9 bits over 4K
 * pages from the start (DTE Mode 6, the top table indexed by IOVA bits
 * 63:57); the kernel starts with three and adds levels as IOVAs or page
 * sizes need them, a change the device cannot see in a translation, so
 * it is not modelled. A page of a level's own size (4K, 2M, 1G, 512G,
 * 2^48) is one entry with NextLevel 0; any other size is 2^((n - 12) % 9)
 * replicated entries with NextLevel 7 at level (n - 12) / 9 + 1 and the
 * size written into the address's low bits (a 16K page is 4 entries at
 * level 1, a 2^51 page 8 at level 5): never more entries than that.
 *
 * That address field is bits 51:12, so no output address at or above
 * 2^52 and no page above 2^52 can be written down: configurations give
 * this model at most 52 output bits (program_formats.c), and a map can
 * then never be cut into a page above 2^52 (its physical range would
 * pass 2^52). The sizes above stay in the bitmap, as 6.1 has them, and
 * reach unmap_pages (the core picks unmap sizes from the IOVA alone) and
 * iommu_pgsize()'s choice of the next size.
 *
 * map_pages (alloc_pte, free_clear_pte): walks down from the top,
 * replacing a larger page in the way by a table (all its replicas
 * cleared) and allocating missing tables; the new page's slots are
 * cleared, tables under them freed after the flush. Either makes the map
 * flush its range. Over a live mapping the outcome is the driver's to
 * choose and the harness stops there (map_over_live_undefined).
 *
 * unmap_pages (fetch_pte, iommu_v1_unmap_pages): for each step the page
 * at the current IOVA is cleared whole (a replicated page from its first
 * replica, also when the request starts inside it: finding F9) and
 * counted whole; an empty entry of a level-1 table counts 4K, an empty
 * entry above ends the walk; tables stay. Then amd-v1's gather rules.
 */
#include <stdlib.h>
#include <string.h>

#include "amd_iommu.h"
#include "arena.h"
#include "glue.h"
#include "iotlb.h"

#define V1_LEVELS 6
#define V1_ENTRIES 512
#define V1_PR (1ULL << 0)
#define V1_FC (1ULL << 60)
#define V1_IR (1ULL << 61)
#define V1_IW (1ULL << 62)
#define V1_ADDR 0x000ffffffffff000ULL
#define V1_NL_PAGE 0
#define V1_NL_SIZED 7
#define V1_OAS 52

/* every power of two 4K..2^63 but 512G (6.1's AMD_IOMMU_PGSIZES) */
#define AMD_V1_64_PGSIZES (~0xfffUL & ~(1UL << 39))

struct v1_domain {
	uint64_t *root; /* the level-6 table */
};

/* Tables taken out of the tree by a map, freed after its flush. */
struct v1_freelist {
	struct v1_freed {
		uint64_t *table;
		int level;
	} * v;
	size_t nr, cap;
};

static struct v1_domain *v1_of(struct glue_domain *gd)
{
	return gd->priv;
}

static unsigned int v1_shift(int level)
{
	return 12 + 9 * (unsigned int)(level - 1);
}

static unsigned int v1_index(int level, unsigned long iova)
{
	return (unsigned int)(iova >> v1_shift(level)) & (V1_ENTRIES - 1);
}

static unsigned int v1_next_level(uint64_t pte)
{
	return (unsigned int)(pte >> 9) & 7;
}

static bool v1_is_table(uint64_t pte)
{
	unsigned int nl = v1_next_level(pte);

	return (pte & V1_PR) && nl != V1_NL_PAGE && nl != V1_NL_SIZED;
}

static uint64_t *v1_table(uint64_t pde)
{
	return arena_phys_to_virt(pde & V1_ADDR);
}

/* The size a NextLevel-7 entry writes down: below its lowest clear bit. */
static unsigned long v1_sized(uint64_t pte)
{
	return 2UL << __builtin_ctzll(~(pte | 0xfffULL));
}

/* The level a page of @size lives at, and its number of entries. */
static int v1_page_level(unsigned long size)
{
	return (__builtin_ctzl(size) - 12) / 9 + 1;
}

static unsigned int v1_replicas(unsigned long size)
{
	return 1U << ((__builtin_ctzl(size) - 12) % 9);
}

static uint64_t *v1_alloc_table(void)
{
	return arena_alloc_pages(0);
}

static void v1_free_tree(uint64_t *table, int level)
{
	for (unsigned int i = 0; level > 1 && i < V1_ENTRIES; i++)
		if (v1_is_table(table[i]))
			v1_free_tree(v1_table(table[i]),
				     (int)v1_next_level(table[i]));
	arena_free_pages(table, 0);
}

static bool v1_defer_free(struct v1_freelist *fl, uint64_t *table, int level)
{
	if (fl->nr == fl->cap) {
		size_t cap = fl->cap ? 2 * fl->cap : 16;
		struct v1_freed *v = realloc(fl->v, cap * sizeof(*v));

		if (!v)
			return false;
		fl->v = v;
		fl->cap = cap;
	}
	fl->v[fl->nr++] = (struct v1_freed){table, level};
	return true;
}

static void v1_free_list(struct v1_freelist *fl)
{
	for (size_t i = 0; i < fl->nr; i++)
		v1_free_tree(fl->v[i].table, fl->v[i].level);
	free(fl->v);
}

static int v1_tables_init(struct glue_domain *gd)
{
	v1_of(gd)->root = v1_alloc_table();
	return v1_of(gd)->root ? 0 : -ENOMEM;
}

static void v1_release(struct glue_domain *gd)
{
	struct v1_domain *d = v1_of(gd);

	if (d->root)
		v1_free_tree(d->root, V1_LEVELS);
	d->root = NULL;
}

/* The device table entry: Mode 6 at the top table; walks snoop caches. */
static void v1_tables_hw(struct glue_domain *gd, struct hw_context *hw)
{
	*hw = (struct hw_context){
		.fmt = PT_AMD_V1,
		.ias = gd->cfg.ias,
		.oas = gd->cfg.oas,
		.pgsize_bitmap = gd->cfg.pgsize_bitmap,
		.coherent = true,
	};
	hw->amdv1.root = arena_virt_to_phys(v1_of(gd)->root);
	hw->amdv1.mode = V1_LEVELS;
}

/* How many entries a page of @size at @level has (1 if none fits). */
static unsigned long v1_count(unsigned long size, int level)
{
	unsigned long count = size >> v1_shift(level);

	return count && count <= V1_ENTRIES ? count : 1;
}

/*
 * fetch_pte: the entry that maps @iova (the first replica of a
 * replicated page), with *size the page's size; a level-1 entry also when
 * it is empty (4K). NULL at an empty entry above level 1.
 */
static uint64_t *v1_fetch(struct v1_domain *d, unsigned long iova,
			  unsigned long *size, int *level_out)
{
	uint64_t *table = d->root, *pte;
	int level = V1_LEVELS;

	for (;;) {
		pte = &table[v1_index(level, iova)];
		*size = 1UL << v1_shift(level);
		hw_work_add(1);
		if (level == 1)
			break;
		if (!(*pte & V1_PR))
			return NULL;
		if (!v1_is_table(*pte))
			break;
		/* 6.12 writes no level skip, and fetch_pte reads none */
		if ((int)v1_next_level(*pte) != level - 1)
			return NULL;
		table = v1_table(*pte);
		level--;
	}
	*level_out = level;
	if ((*pte & V1_PR) && v1_next_level(*pte) == V1_NL_SIZED) {
		*size = v1_sized(*pte);
		pte = &table[v1_index(level, iova) &
			     ~(v1_count(*size, level) - 1)];
	}
	return pte;
}

/* Clear the replicas of the NextLevel-7 page @pte is one of. */
static void v1_clear_sized(uint64_t *table, int level, unsigned long iova,
			   uint64_t pte)
{
	unsigned long count = v1_count(v1_sized(pte), level);
	unsigned int first = v1_index(level, iova) & ~(unsigned int)(count - 1);

	for (unsigned int i = 0; i < count; i++)
		if (table[first + i] == pte)
			table[first + i] = 0;
}

/*
 * alloc_pte: the first slot of the page of level @end at @iova, building
 * the way there. NULL when a table cannot be had.
 */
static uint64_t *v1_alloc_pte(struct v1_domain *d, unsigned long iova, int end,
			      bool *updated)
{
	uint64_t *table = d->root, *pte, *next;
	int level;

	for (level = V1_LEVELS; level > end; level--) {
		pte = &table[v1_index(level, iova)];
		hw_work_add(1);
		if ((*pte & V1_PR) && v1_next_level(*pte) == V1_NL_SIZED) {
			/* a larger replicated page in the way goes whole */
			v1_clear_sized(table, level, iova, *pte);
			*updated = true;
		}
		if (!(*pte & V1_PR) || !v1_is_table(*pte)) {
			next = v1_alloc_table();
			if (!next)
				return NULL;
			if (*pte & V1_PR)
				*updated = true; /* a page of this level went */
			*pte = arena_virt_to_phys(next) |
			       ((uint64_t)(level - 1) << 9) | V1_IR | V1_IW |
			       V1_PR;
		} else if ((int)v1_next_level(*pte) != level - 1) {
			return NULL;
		}
		table = v1_table(*pte);
	}
	return &table[v1_index(end, iova)];
}

static int v1_map_pages(struct glue_domain *gd, unsigned long iova,
			phys_addr_t paddr, size_t pgsize, size_t pgcount,
			int prot, gfp_t gfp, size_t *mapped)
{
	struct v1_domain *d = v1_of(gd);
	struct v1_freelist fl = {0};
	unsigned long o_iova = iova, size = pgsize * pgcount;
	int level = v1_page_level(pgsize);
	unsigned int count = v1_replicas(pgsize);
	bool updated = false;
	int ret = 0;

	(void)gfp;
	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	/* what the address field cannot hold (the program limits keep out) */
	if (__builtin_ctzl(pgsize) > V1_OAS || paddr >> V1_OAS ||
	    size > (1UL << V1_OAS) - paddr)
		return -EINVAL;
	for (; pgcount; pgcount--) {
		uint64_t *pte = v1_alloc_pte(d, iova, level, &updated), val;

		if (!pte) {
			ret = -ENOMEM;
			break;
		}
		/* free_clear_pte: tables under the new page go */
		for (unsigned int i = 0; i < count; i++) {
			if (v1_is_table(pte[i]) &&
			    !v1_defer_free(&fl, v1_table(pte[i]),
					   (int)v1_next_level(pte[i]))) {
				ret = -ENOMEM;
				break;
			}
			pte[i] = 0;
		}
		if (ret)
			break;
		if (fl.nr)
			updated = true;
		if (count > 1)
			/* the size: every bit below it set but the top one */
			val = ((paddr | (pgsize - 1)) & ~(pgsize >> 1) &
			       V1_ADDR) |
			      ((uint64_t)V1_NL_SIZED << 9);
		else
			val = paddr;
		val |= V1_PR | V1_FC;
		if (prot & IOMMU_READ)
			val |= V1_IR;
		if (prot & IOMMU_WRITE)
			val |= V1_IW;
		for (unsigned int i = 0; i < count; i++)
			pte[i] = val;
		*mapped += pgsize;
		iova += pgsize;
		paddr += pgsize;
	}
	if (updated)
		amd_flush_pages(gd, o_iova, size);
	/* everything flushed: now the tables may go */
	v1_free_list(&fl);
	return ret;
}

/*
 * Empty entries of the level-1 table @pte lies in, from @pte on and not
 * past @last: each counts 4K, all at once.
 */
static unsigned long v1_hole_run(uint64_t *pte, unsigned long x,
				 unsigned long last)
{
	unsigned int idx = v1_index(1, x), n = 1;

	while (idx + n < V1_ENTRIES && n <= (last - x) >> 12 &&
	       !(pte[n] & V1_PR)) {
		hw_work_add(1);
		n++;
	}
	return (unsigned long)n << 12;
}

static size_t v1_unmap_pages(struct glue_domain *gd, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	struct v1_domain *d = v1_of(gd);
	unsigned long size = pgsize * pgcount, unmapped = 0, x = iova;

	while (unmapped < size && !hw_work_exceeded()) {
		unsigned long len, first;
		int level;
		uint64_t *pte = v1_fetch(d, x, &len, &level);

		if (!pte)
			break; /* an empty entry above level 1 */
		first = x & ~(len - 1);
		if (*pte & V1_PR) {
			if (first < iova)
				sim_note_finding(gd->dev, "F9");
			memset(pte, 0, v1_count(len, level) * sizeof(*pte));
		} else {
			len = v1_hole_run(pte, x, iova + (size - 1));
		}
		unmapped += len;
		x = first + len;
		/* the walk ends at 2^64, where any request ends */
		if (!x)
			break;
	}
	amd_gather_unmapped(gd, gather, iova, unmapped);
	return unmapped;
}

static phys_addr_t v1_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	unsigned long size;
	int level;
	uint64_t *pte = v1_fetch(v1_of(gd), iova, &size, &level);

	if (!pte || !(*pte & V1_PR))
		return 0;
	return ((*pte & V1_ADDR) & ~(size - 1)) | (iova & (size - 1));
}

/* What amd-v1-64, its NpCache variant and its mutant share. */
#define AMD_V1_64_MODEL                                                   \
	.gpt_format = "amdv1",                                            \
	.facts.formats = FMT(PT_ARM_64_LPAE_S1) | FMT(PT_AMD_V1),         \
	.facts.pgsize_mask = AMD_V1_64_PGSIZES,                           \
	.facts.gather_use = GATHER_RANGE,                                 \
	.facts.sync_needs_nonempty_gather = true,                         \
	.facts.supports_fq = true,                                        \
	.facts.map_over_live_undefined = true,                            \
	.priv_size = sizeof(struct v1_domain),                            \
	.tables_init = v1_tables_init,                                    \
	.tables_hw = v1_tables_hw,                                        \
	.release = v1_release,                                            \
	.map_pages = v1_map_pages,                                        \
	.unmap_pages = v1_unmap_pages,                                    \
	.iova_to_phys = v1_iova_to_phys,                                  \
	.flush_iotlb_all = glue_invalidate_all

const struct glue_model drv_amd_v1_64 = {
	.id = DRIVER_ID(DRV_AMD_V1_64),
	.name = "amd-v1-64",
	.summary = "AMD v1 tables of its own (6 levels, 64-bit IOVA, 52-bit "
		   "PA): pages 4K..2^63 but 512G as 6.1 offers; amd-v1's "
		   "unmap, gather and sync",
	AMD_V1_64_MODEL,
	.facts.overinv = OVERINV_UNION,
	.iotlb_sync = amd_iotlb_sync,
};

const struct glue_model drv_amd_v1_64_np_cache = {
	.id = DRIVER_ID(DRV_AMD_V1_64_NP_CACHE),
	.name = "amd-v1-64-npcache",
	.summary = "amd-v1-64 under NpCache: disjoint unmaps sync first, sync "
		   "splits into aligned chunks, sync_map flushes",
	AMD_V1_64_MODEL,
	.facts.overinv = OVERINV_EXACT,
	.iotlb_sync = amd_iotlb_sync,
	.iotlb_sync_map = amd_sync_map,
};

const struct glue_model glue_broken_amd_sync_no_pde = {
	.id = DRIVER_ID(BROKEN_AMD_SYNC_NO_PDE),
	.name = "broken-amd-sync-no-pde",
	.mutant = true,
	.summary = "mutant: amd-v1-64 whose iotlb_sync never sets the PDE bit, "
		   "so tables an unmap freed stay in the walk cache",
	AMD_V1_64_MODEL,
	.facts.overinv = OVERINV_UNION,
	.iotlb_sync = amd_iotlb_sync_no_pde,
};
