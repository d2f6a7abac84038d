// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V Sv39, Sv48 and Sv57 page tables as the RISC-V IOMMU walks them
 * for first-stage translation. Written from the RISC-V Privileged
 * Architecture: "Sv39: Page-Based 39-bit Virtual-Memory System" (with its
 * "Virtual Address Translation Process"), "Sv48", "Sv57", "Svnapot"
 * (NAPOT translation contiguity) and "Svpbmt" (page-based memory types);
 * and from the RISC-V IOMMU Architecture Specification: "Device-context
 * fields" (iosatp, DC.tc.SADE) and "Process to translate an IOVA".
 *
 * hw->riscv.levels is 3 (Sv39), 4 (Sv48) or 5 (Sv57), as iosatp.MODE 8, 9
 * or 10 select; any other value translates nothing. Levels are numbered
 * as the privileged specification numbers them: the walk starts at
 * LEVELS - 1 and level 0 holds 4K pages. The IOVA must be sign-extended
 * from its top indexed bit; if not, it faults before any table is read.
 *
 * Every entry is 64 bits:
 *   bit 0       V. Not valid: a translation fault.
 *   bits 3:1    X, W, R. All clear: a pointer to the next table; any set:
 *               a leaf. W without R is reserved.
 *   bit 4       U. See below.
 *   bit 5       G; only a hint for address-space tagging.
 *   bit 6, 7    A, D. See below.
 *   bits 53:10  PPN, the next table's or the page's page number. Output
 *               addresses have 56 bits, or hw->oas if fewer; past that,
 *               an address-size fault, the way the other walkers report an
 *               output address too wide.
 *   bits 60:54  reserved.
 *   bits 62:61  PBMT. With hw->riscv.svpbmt (the IOMMU implements
 *               Svpbmt) a leaf's 1 (NC) and 2 (IO) are memory types,
 *               which do not decide whether an access reaches memory,
 *               and 3 is reserved; without Svpbmt the field is reserved
 *               and any nonzero value is. In a table pointer any nonzero
 *               value is reserved either way.
 *   bit 63      N (Svnapot). Reserved in a table pointer, and everywhere
 *               unless hw->riscv.svnapot.
 * In a table pointer, A, D and U are reserved too. A table pointer at
 * level 0 is a translation fault, and so is a superpage whose PPN bits
 * below its size are not zero (misaligned).
 *
 * Svnapot: a level-0 leaf with N set and PPN[3:0] == 0b1000 maps a 64K
 * page whose address is PPN with bits 3:0 cleared; every other N encoding,
 * and N on a leaf above level 0, is reserved. Software repeats the entry
 * in all 16 slots the page covers; the device reads only the one the IOVA
 * selects.
 *
 * Reserved bits or encodings set: a translation fault at that entry (the
 * specification's page fault).
 *
 * U: the IOMMU treats a request without a process_id, and one that does
 * not ask for supervisor privilege, as a U-mode access. That is what this
 * walker models for all DMA: a leaf without U grants no access at all (a
 * permission fault: the translation exists).
 *
 * A and D: with hw->riscv.hw_ad (DC.tc.SADE) the IOMMU sets them itself on
 * the access and the walk treats them as set (the walker never writes
 * memory). Without it a leaf with A clear faults on every access: a
 * translation fault; and with D clear, on every write: the leaf does not
 * grant write, so a write takes a permission fault.
 *
 * Table pointers carry no rights, so the walk cache keeps every valid one
 * by the level of the entry that held it.
 */
#include "walk_internal.h"

#define RV_DESC_SIZE 8
#define RV_ENTRIES 512
#define RV_MAX_OAS 56

#define RV_V (1ull << 0)
#define RV_R (1ull << 1)
#define RV_W (1ull << 2)
#define RV_X (1ull << 3)
#define RV_U (1ull << 4)
#define RV_A (1ull << 6)
#define RV_D (1ull << 7)
#define RV_N (1ull << 63)

#define RV_NAPOT_64K 0x8ull /* PPN[3:0] of a 64K NAPOT leaf */
#define RV_NAPOT_SHIFT 16
#define RV_PBMT_RESERVED 3

WALK_INLINE unsigned int rv_shift(int level)
{
	return 12 + 9 * (unsigned int)level;
}

WALK_INLINE uint64_t rv_index(int level, uint64_t iova)
{
	return walk_bits(iova, rv_shift(level) + 8, rv_shift(level));
}

WALK_INLINE uint64_t rv_ppn(uint64_t desc)
{
	return walk_bits(desc, 53, 10);
}

WALK_INLINE unsigned int rv_pbmt(uint64_t desc)
{
	return (unsigned int)walk_bits(desc, 62, 61);
}

WALK_INLINE bool rv_canonical(uint64_t iova, unsigned int va)
{
	uint64_t upper = iova >> (va - 1);

	return upper == 0 || upper == ~0ull >> (va - 1);
}

/* The reserved bits and encodings of a table pointer. */
WALK_INLINE bool rv_bad_pointer(uint64_t desc)
{
	return (desc & (RV_A | RV_D | RV_U | RV_N)) || rv_pbmt(desc);
}

/*
 * The reserved encodings of a level-@level leaf, with the extensions the
 * context says the IOMMU has; a misaligned superpage counts here too.
 */
WALK_INLINE bool rv_bad_leaf(uint64_t desc, int level,
			     const struct hw_riscv *rv)
{
	if ((desc & RV_W) && !(desc & RV_R))
		return true;
	/* without Svpbmt the field is reserved, as bits 60:54 are */
	if (rv->svpbmt ? rv_pbmt(desc) == RV_PBMT_RESERVED : rv_pbmt(desc) != 0)
		return true;
	if (desc & RV_N)
		return !rv->svnapot || level ||
		       (rv_ppn(desc) & 0xf) != RV_NAPOT_64K;
	return level &&
	       (rv_ppn(desc) & walk_span_mask(9 * (unsigned int)level));
}

struct walk_result walk_riscv(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova)
{
	unsigned int oas =
		hw->oas && hw->oas < RV_MAX_OAS ? hw->oas : RV_MAX_OAS;
	int levels = (int)hw->riscv.levels, level;
	unsigned int shift, perm;
	uint64_t table = hw->riscv.root & ~walk_span_mask(12), desc, oa;
	enum xlate_status st;

	if (levels < 3 || levels > 5)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (!rv_canonical(iova, rv_shift(levels)))
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels - 1, iova, 0,
				  0);
	if (table >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, levels - 1, iova, 0,
				  0);

	/* Resume below the deepest cached table pointer, if any. */
	level = walk_cache_find_down(wc, levels - 1, 1, iova, &table) - 1;

	for (;;) {
		shift = rv_shift(level);
		st = walk_read_desc(
			mem, table + rv_index(level, iova) * RV_DESC_SIZE,
			RV_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);
		if (!(desc & RV_V)) {
			struct walk_result f =
				walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					   shift, desc);
			uint64_t idx = rv_index(level, iova);
			uint64_t end = RV_ENTRIES;

			/*
			 * The root's upper half indexes the other end of the
			 * sign-extended space: a run from the lower half stops
			 * at the non-canonical gap.
			 */
			if (level == levels - 1 && idx < RV_ENTRIES / 2)
				end = RV_ENTRIES / 2;
			if (hw->scan_holes_until)
				f.hole_size =
					walk_hole_run(mem, table, idx, end,
						      shift, iova,
						      hw->scan_holes_until,
						      RV_V)
					<< shift;
			return f;
		}
		if (walk_bits(desc, 60, 54))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		if (desc & (RV_R | RV_W | RV_X))
			break;
		if (!level || rv_bad_pointer(desc))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		table = rv_ppn(desc) << 12;
		if (table >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		walk_cache_add(wc, level, iova, shift, table);
		level--;
	}

	if (rv_bad_leaf(desc, level, &hw->riscv))
		return walk_fault(XLATE_FAULT_TRANSLATION, level, iova, shift,
				  desc);
	if (!hw->riscv.hw_ad && !(desc & RV_A))
		return walk_fault(XLATE_FAULT_TRANSLATION, level, iova, shift,
				  desc);
	if (desc & RV_N)
		shift = RV_NAPOT_SHIFT;
	oa = (rv_ppn(desc) << 12) & ~walk_span_mask(shift);
	/* the page's last byte, not only its first, must be addressable */
	if ((oa | walk_span_mask(shift)) >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova, shift,
				  desc);

	perm = ((desc & RV_R) ? HW_PERM_READ : 0) |
	       ((desc & RV_W) ? HW_PERM_WRITE : 0);
	if (!(desc & RV_U))
		perm = 0;
	if (!hw->riscv.hw_ad && !(desc & RV_D))
		perm &= ~HW_PERM_WRITE;
	return walk_leaf(iova, shift, oa, perm, level, desc);
}
