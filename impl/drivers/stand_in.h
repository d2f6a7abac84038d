/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For the models of drivers that keep their own page tables (sprd, sun50i,
 * virtio-iommu, s390, AMD): they run on a stand-in io-pgtable format,
 * ARM_64_LPAE_S1, because the simulated device walks only io-pgtable
 * formats. The driver's own unmap/map rules are applied around io-pgtable,
 * which is always called with a NULL gather: the real drivers' tables are
 * not io-pgtable, so neither its tlb_add_page calls nor the range that
 * Jason's v1 fixture adds inside io-pgtable-arm may reach their gathers.
 *
 * The model looks at its tables the way the device does (hw_walk), to skip
 * holes without touching them (io-pgtable WARNs on a hole) and to learn the
 * size of the leaf at an IOVA.
 */
#ifndef IOTLBFUZZ_DRIVERS_STAND_IN_H
#define IOTLBFUZZ_DRIVERS_STAND_IN_H

#include "arena.h"
#include "glue.h"
#include "iotlb.h"

#define STAND_IN_FORMATS FMT(PT_ARM_64_LPAE_S1)
#define STAND_IN_PAGE 0x1000UL

/*
 * The registers a driver would program for the stand-in tables. Field by
 * field, for the walker of ARM_64_LPAE_S1 (which reads no other member of
 * the union): every lookup builds them, and an initializer that leaves
 * fields zero is a memset() a sanitizer intercepts.
 */
static inline void stand_in_hw(const struct glue_domain *gd,
			       struct hw_context *hw)
{
	const struct io_pgtable_cfg *cfg = &gd->cfg;

	hw->fmt = PT_ARM_64_LPAE_S1;
	hw->ias = cfg->ias;
	hw->oas = cfg->oas;
	hw->quirks = (uint32_t)cfg->quirks;
	hw->pgsize_bitmap = cfg->pgsize_bitmap;
	hw->coherent = cfg->coherent_walk;
	hw->scan_holes_until = 0;
	hw->s1.ttbr = cfg->arm_lpae_s1_cfg.ttbr;
	hw->s1.tsz = cfg->arm_lpae_s1_cfg.tcr.tsz;
	hw->s1.tg = cfg->arm_lpae_s1_cfg.tcr.tg;
	hw->s1.ips = cfg->arm_lpae_s1_cfg.tcr.ips;
}

/*
 * The leaf (or hole) covering @iova: returns true if mapped. *first and
 * *size give the range of that leaf, or of the empty entry the walk
 * stopped at. With @run, a hole's *run is how far from *first the entries
 * stay empty in that table, looking no further than @until (a leaf's is
 * its size), so a caller can step over a run of holes at once.
 */
static inline bool stand_in_lookup_run(const struct glue_domain *gd,
				       unsigned long iova, unsigned long until,
				       unsigned long *first,
				       unsigned long *size, unsigned long *run)
{
	struct hw_context hw;
	struct phys_reader mem = {.read = arena_device_read};
	struct walk_result w;

	stand_in_hw(gd, &hw);
	hw.scan_holes_until = run ? until : 0;
	w = hw_walk(&hw, &mem, NULL, iova);
	if (w.block_size >= STAND_IN_PAGE && iova >= w.block_iova &&
	    iova - w.block_iova < w.block_size) {
		*first = w.block_iova;
		*size = w.block_size;
	} else {
		*first = iova & ~(STAND_IN_PAGE - 1);
		*size = STAND_IN_PAGE;
	}
	if (run)
		*run = w.status == XLATE_OK || w.hole_size < *size
			       ? *size
			       : w.hole_size;
	return w.status == XLATE_OK;
}

static inline bool stand_in_lookup(const struct glue_domain *gd,
				   unsigned long iova, unsigned long *first,
				   unsigned long *size)
{
	return stand_in_lookup_run(gd, iova, 0, first, size, NULL);
}

static inline bool stand_in_mapped(const struct glue_domain *gd,
				   unsigned long iova)
{
	unsigned long first, size;

	return stand_in_lookup(gd, iova, &first, &size);
}

/* Clear [iova, iova + size), entirely mapped by @pgsize leaves. */
static inline size_t stand_in_clear(struct glue_domain *gd, unsigned long iova,
				    size_t pgsize, size_t size)
{
	size_t done = 0, n;

	while (done < size && !hw_work_exceeded()) {
		n = gd->pgtbl->unmap_pages(gd->pgtbl, iova + done, pgsize,
					   (size - done) / pgsize, NULL);
		if (!n)
			break;
		done += n;
	}
	return done;
}

/*
 * Clear whatever is mapped in [iova, iova + size) and step over the holes
 * (drivers whose unmap "succeeds" on holes). Leaves must not cross the
 * range's ends: the callers use page-sized leaves only.
 */
static inline void stand_in_clear_mapped(struct glue_domain *gd,
					 unsigned long iova, size_t size)
{
	unsigned long last = iova + size - 1, x = iova, first, len, end;

	while (x - iova < size) {
		unsigned long run;
		bool mapped =
			stand_in_lookup_run(gd, x, last, &first, &len, &run);

		end = first + run - 1 < last ? first + run - 1 : last;
		if (mapped)
			stand_in_clear(gd, x, len, end - x + 1);
		if (end == last)
			break;
		x = end + 1;
	}
}

/* Map [iova, iova + pgsize * pgcount) through io-pgtable, all of it. */
static inline int stand_in_map(struct glue_domain *gd, unsigned long iova,
			       phys_addr_t paddr, size_t pgsize, size_t pgcount,
			       int prot, gfp_t gfp, size_t *mapped)
{
	size_t size = pgsize * pgcount, done = 0, n;
	int ret = 0;

	while (!ret && done < size) {
		if (hw_work_exceeded()) {
			ret = -ENOMEM; /* over the work budget: rejected */
			break;
		}
		n = 0;
		ret = gd->pgtbl->map_pages(gd->pgtbl, iova + done, paddr + done,
					   pgsize, (size - done) / pgsize, prot,
					   gfp, &n);
		done += n;
		if (!ret && !n)
			ret = -EINVAL;
	}
	*mapped += done;
	return ret;
}

/* Is any page of [iova, iova + size) mapped? */
static inline bool stand_in_any_mapped(const struct glue_domain *gd,
				       unsigned long iova, size_t size)
{
	unsigned long last = iova + size - 1, x = iova, first, len, run;

	for (;;) {
		if (stand_in_lookup_run(gd, x, last, &first, &len, &run))
			return true;
		len = run;
		if (first + len - 1 >= last)
			return false;
		x = first + len;
	}
}

#endif
