// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 long-mode paging as an IOMMU's first stage walks it: the AMD
 * IOMMU's guest (GCR3) tables and the VT-d first-stage tables share it.
 * Written from the AMD64 Architecture Programmer's Manual, Volume 2:
 * "Long-Mode Page Translation" (4-level and 5-level paging, canonical
 * addresses), "Page-Translation-Table Entry Fields" and "Page-Protection
 * Checks"; and for what a DMA request is, from the AMD I/O Virtualization
 * Technology (IOMMU) Specification, "Guest Translation" and the Intel VT-d
 * specification, "First-Stage Translation".
 *
 * hw->x86_64.levels is 4 (PML4, 48-bit IOVAs) or 5 (PML5, 57-bit); any
 * other value translates nothing. Levels are numbered from the 4K page
 * table up: level 1 holds PTEs, 2 PDEs, 3 PDPEs, 4 PML4Es, 5 PML5Es.
 * With hw->x86_64.sign_extend the IOVA must be canonical, bits 63 down to
 * the width all equal to the top indexed bit; without it (AMD's
 * zero-extended mode) those bits must be zero. Either way the upper bits
 * are not indexed: a non-canonical IOVA faults before any table is read.
 *
 * Every entry is 64 bits:
 *   bit 0       P, present.
 *   bit 1       R/W: writes need it set at every level.
 *   bit 2       U/S: see below.
 *   bit 7       PS: in a PDE a 2M page, in a PDPE a 1G page; reserved in
 *               PML4Es and PML5Es; in a PTE it is PAT and ignored here.
 *   bits 51:12  the next table's or the page's address. Bits at or above
 *               the physical address width (hw->oas, at most 52) are
 *               reserved; they are reported as address-size faults, the
 *               way the other walkers report an output address too wide.
 *               A 2M page's bits 20:13 and a 1G page's bits 29:13 are
 *               reserved; its bit 12 is PAT.
 *   bit 63      NX. It only restricts instruction fetches, and DMA reads
 *               and writes are none. The APM makes it reserved while
 *               EFER.NXE is clear; an IOMMU has no EFER, and this walker
 *               takes NX as always defined, never reserved.
 * Reserved bits set: a translation fault at that entry. A, D, G, PWT, PCD,
 * the available bits and protection keys do not decide whether an access
 * reaches memory (the walker never writes A or D back).
 *
 * U/S: both IOMMUs take a request as supervisor-mode only when it carries a
 * PASID whose privileged-mode bit is set; plain DMA is a user-mode access,
 * and that is what this walker models for all DMA. Every entry on the walk
 * must have U/S set, or the page grants no access at all (a permission
 * fault, not a translation fault: the translation exists). That is why
 * drivers building these tables for DMA set U/S in every entry.
 *
 * The walk cache keeps a table pointer by the level of the entry that held
 * it, as walk_amdv1.c does, and only while the walk so far grants both
 * rights.
 */
#include "walk_internal.h"

#define X86_DESC_SIZE 8
#define X86_ENTRIES 512
#define X86_MAX_OAS 52

#define X86_P (1ull << 0)
#define X86_RW (1ull << 1)
#define X86_US (1ull << 2)
#define X86_PS (1ull << 7)

#define X86_PERM_RW (HW_PERM_READ | HW_PERM_WRITE)

WALK_INLINE unsigned int x86_shift(int level)
{
	return 12 + 9 * (unsigned int)(level - 1);
}

WALK_INLINE uint64_t x86_index(int level, uint64_t iova)
{
	return walk_bits(iova, x86_shift(level) + 8, x86_shift(level));
}

WALK_INLINE bool x86_canonical(uint64_t iova, unsigned int va, bool sign_extend)
{
	uint64_t upper = iova >> (va - 1);

	if (sign_extend)
		return upper == 0 || upper == ~0ull >> (va - 1);
	return !(iova >> va);
}

/* What the walk still grants after an entry that grants @desc's rights. */
WALK_INLINE unsigned int x86_perm(unsigned int perm, uint64_t desc)
{
	if (!(desc & X86_US))
		return 0;
	if (!(desc & X86_RW))
		perm &= ~HW_PERM_WRITE;
	return perm;
}

/*
 * Reserved bits of a level-@level entry that is a page (@page) or a table
 * pointer, leaving out the address bits above the physical address width.
 */
WALK_INLINE uint64_t x86_reserved(int level, bool page)
{
	if (level >= 4)
		return X86_PS;
	/* a large page's address is aligned to its size; bit 12 is PAT */
	if (page && level > 1)
		return walk_bits(~0ull, x86_shift(level) - 1, 13) << 13;
	return 0;
}

struct walk_result walk_x86_64(const struct hw_context *hw,
			       const struct phys_reader *mem,
			       const struct walk_cache_ops *wc, uint64_t iova)
{
	unsigned int oas =
		hw->oas && hw->oas < X86_MAX_OAS ? hw->oas : X86_MAX_OAS;
	int levels = (int)hw->x86_64.levels, level;
	bool sext = hw->x86_64.sign_extend, page;
	unsigned int shift, perm = X86_PERM_RW;
	uint64_t table = hw->x86_64.root & ~walk_span_mask(12), desc, addr;
	enum xlate_status st;

	if (levels != 4 && levels != 5)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (!x86_canonical(iova, x86_shift(levels + 1), sext))
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels, iova, 0, 0);
	if (table >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels, iova, 0, 0);

	/* Resume below the deepest cached table pointer, if any. */
	level = walk_cache_find_down(wc, levels, 2, iova, &table) - 1;

	for (;;) {
		shift = x86_shift(level);
		st = walk_read_desc(
			mem, table + x86_index(level, iova) * X86_DESC_SIZE,
			X86_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);
		if (!(desc & X86_P)) {
			struct walk_result f =
				walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					   shift, desc);
			uint64_t idx = x86_index(level, iova);
			uint64_t end = X86_ENTRIES;

			/*
			 * The top table's upper half indexes the other end of
			 * a sign-extended space: a run from the lower half
			 * stops at the non-canonical gap.
			 */
			if (sext && level == levels && idx < X86_ENTRIES / 2)
				end = X86_ENTRIES / 2;
			if (hw->scan_holes_until)
				f.hole_size =
					walk_hole_run(mem, table, idx, end,
						      shift, iova,
						      hw->scan_holes_until,
						      X86_P)
					<< shift;
			return f;
		}
		page = level == 1 || (level <= 3 && (desc & X86_PS));
		if (desc & x86_reserved(level, page))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		addr = walk_bits(desc, 51, 12) << 12;
		if (page)
			addr &= ~walk_span_mask(shift);
		if (addr >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		perm = x86_perm(perm, desc);
		if (page)
			break;
		table = addr;
		if (perm == X86_PERM_RW)
			walk_cache_add(wc, level, iova, shift, table);
		level--;
	}

	return walk_leaf(iova, shift, addr, perm, level, desc);
}
