// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d second-stage (formerly "second-level") translation, as the
 * remapping hardware walks it. Written from the Intel Virtualization
 * Technology for Directed I/O Architecture Specification: "Second-Stage
 * Translation" (the walk and its access rights), "Context Entry" and
 * "Scalable-Mode PASID Table Entry" (AW, the second-stage table pointer)
 * and "Second-Stage Paging Entries" (the entry formats).
 *
 * The context's AW field picks the walk: 1 is 3 levels over 39 IOVA bits,
 * 2 is 4 levels over 48, 3 is 5 levels over 57. Other encodings are
 * reserved: such a context translates nothing. IOVA bits at or above the
 * walk's width fault before any table is read, and so do bits at or above
 * hw->ias when it is set (standing for the capability register's MGAW).
 * Levels are numbered as the specification numbers them: a level-L entry
 * covers 2^(12 + 9(L - 1)) bytes, so level 1 holds 4K pages.
 *
 * Every entry is 64 bits:
 *   bit 0, 1    R, W. An entry with both clear is not present. X (bit 2)
 *               only matters to execute requests, which no DMA read or
 *               write is, so an X-only entry is not present either.
 *   bit 7       PS: at levels 2 and 3, a 2M or 1G page instead of a table
 *               pointer; reserved at levels 4 and 5; ignored at level 1,
 *               where every entry is a 4K page.
 *   bit 11      SNP on a page (the walker models hardware with snoop
 *               control, as scalable mode has); reserved in a table
 *               pointer.
 *   bits 51:12  the next table's or the page's address. Bits at or above
 *               the host address width (hw->oas, at most 52) are reserved;
 *               they are reported as address-size faults, the way the
 *               other walkers report an output address too wide. In a 2M
 *               page bits 20:12, in a 1G page bits 29:12, are reserved.
 *   bit 62      reserved (older revisions' TM bit).
 * Reserved bits set: a translation fault at that entry. Bits 63, 61:52,
 * 10:8 (A, D, ignored) and 6:3 (EMT and IPAT on pages) do not decide
 * whether an access reaches memory.
 *
 * Access rights: a read is allowed only if R is set in every entry the
 * walk reads, table pointers included, and a write only if W is; so the
 * walk grants the intersection of what every entry on its way grants, and
 * a table pointer with only W set still leads on to write-only pages.
 *
 * The walk cache keeps a table pointer by the level of the entry that held
 * it, as walk_amdv1.c does, and only while the walk so far grants both
 * rights: a walk resumed from the cache then needs nothing the entries
 * above it said.
 */
#include "walk_internal.h"

#define VTD_DESC_SIZE 8
#define VTD_ENTRIES 512
#define VTD_MAX_OAS 52

#define VTD_R (1ull << 0)
#define VTD_W (1ull << 1)
#define VTD_PS (1ull << 7)
#define VTD_SNP (1ull << 11)
#define VTD_RSVD62 (1ull << 62)

#define VTD_RW (HW_PERM_READ | HW_PERM_WRITE)

WALK_INLINE unsigned int vtd_shift(int level)
{
	return 12 + 9 * (unsigned int)(level - 1);
}

WALK_INLINE uint64_t vtd_index(int level, uint64_t iova)
{
	return walk_bits(iova, vtd_shift(level) + 8, vtd_shift(level));
}

WALK_INLINE unsigned int vtd_perm(uint64_t desc)
{
	return ((desc & VTD_R) ? HW_PERM_READ : 0) |
	       ((desc & VTD_W) ? HW_PERM_WRITE : 0);
}

/*
 * Reserved bits of a level-@level entry that is a page (@page) or a table
 * pointer, leaving out the address bits above the host address width.
 */
WALK_INLINE uint64_t vtd_reserved(int level, bool page)
{
	uint64_t rsvd = VTD_RSVD62;

	if (!page)
		rsvd |= VTD_SNP;
	if (level >= 4)
		rsvd |= VTD_PS;
	/* a superpage's address is aligned to its size */
	if (page && level > 1)
		rsvd |= walk_bits(~0ull, vtd_shift(level) - 1, 12) << 12;
	return rsvd;
}

struct walk_result walk_vtdss(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova)
{
	unsigned int oas =
		hw->oas && hw->oas < VTD_MAX_OAS ? hw->oas : VTD_MAX_OAS;
	unsigned int aw = hw->vtdss.aw, shift, perm = VTD_RW;
	int levels = (int)aw + 2, level;
	uint64_t table = hw->vtdss.root & ~walk_span_mask(12), desc, addr;
	enum xlate_status st;
	bool page;

	if (aw < 1 || aw > 3)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (iova >> vtd_shift(levels + 1) ||
	    (hw->ias && hw->ias < 64 && iova >> hw->ias))
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels, iova, 0, 0);
	if (table >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels, iova, 0, 0);

	/* Resume below the deepest cached table pointer, if any. */
	level = walk_cache_find_down(wc, levels, 2, iova, &table) - 1;

	for (;;) {
		shift = vtd_shift(level);
		st = walk_read_desc(
			mem, table + vtd_index(level, iova) * VTD_DESC_SIZE,
			VTD_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);
		if (!(desc & (VTD_R | VTD_W))) {
			struct walk_result f =
				walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					   shift, desc);

			if (hw->scan_holes_until)
				f.hole_size =
					walk_hole_run(mem, table,
						      vtd_index(level, iova),
						      VTD_ENTRIES, shift, iova,
						      hw->scan_holes_until,
						      VTD_R | VTD_W)
					<< shift;
			return f;
		}
		page = level == 1 || (level <= 3 && (desc & VTD_PS));
		if (desc & vtd_reserved(level, page))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		addr = walk_bits(desc, 51, 12) << 12;
		if (addr >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		perm &= vtd_perm(desc);
		if (page)
			break;
		table = addr;
		if (perm == VTD_RW)
			walk_cache_add(wc, level, iova, shift, table);
		level--;
	}

	return walk_leaf(iova, shift, addr, perm, level, desc);
}
