// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD IOMMU host translation (the "v1" I/O page tables of the AMD I/O
 * Virtualization Technology specification), as the device walks them.
 *
 * The device table entry gives the top table and the number of levels
 * (Mode 1..6). Levels are numbered as the specification numbers them: a
 * level-L entry covers 2^(12 + 9(L - 1)) bytes of IOVA, so level 1 holds
 * 4K pages and the level-6 index is IOVA bits 63:57 (128 entries: the
 * whole 64-bit space, which no other format here has). IOVA bits above
 * what the top level indexes must be zero.
 *
 * Every entry is 64 bits:
 *   bit 0       PR, present
 *   bits 11:9   NextLevel
 *   bits 51:12  the next table's, or the page's, physical address
 *   bits 58:52  reserved: a walk that meets one set faults
 *   bit 61, 62  IR, IW: read and write permission; the walk grants only
 *               what every entry on its way grants
 * Other bits (U, FC, the accessed and dirty bits) do not decide whether an
 * access reaches memory.
 *
 * NextLevel says what the entry is:
 *   1..L-1  a pointer to a table of that level. Below L - 1 the levels in
 *           between are skipped, and the IOVA bits those levels would have
 *           indexed must be zero.
 *   0       a page of the level's own size (4K, 2M, 1G, 512G, 256T, 128P).
 *   7       a page of another size, written in the address: it is
 *           2^(n + 1) where n is the lowest clear bit of bits 51:12 (bit
 *           12 clear: 8K; bits 12..19 set and 20 clear: 2M), and the
 *           address bits below the size are not part of the output
 *           address. The size must lie strictly between the level's own
 *           size and the next level's, and software replicates the entry
 *           in every slot the page covers; the device reads only the one
 *           the IOVA selects. All of 51:12 set encodes no size at all.
 * Anything else is a malformed entry: a translation fault at that level.
 *
 * Output addresses are at most 52 bits (the address field), so no page of
 * 2^53 bytes or more can be written down even though NextLevel 7 at level
 * 6 could name one, and hw->oas may narrow them further.
 *
 * The walk cache keeps a table pointer by the level of the entry that
 * held it, as the other walkers do, for entries that skip no level and
 * whose walk so far grants both permissions: a walk resumed from the
 * cache then needs nothing the entries above said. Others are read again
 * on every walk, which a cache may always do.
 */
#include "walk_internal.h"

#define AMDV1_DESC_SIZE 8
#define AMDV1_MAX_LEVELS 6
#define AMDV1_OAS 52

#define AMDV1_PR (1ull << 0)
#define AMDV1_IR (1ull << 61)
#define AMDV1_IW (1ull << 62)
#define AMDV1_NL_PAGE 0
#define AMDV1_NL_SIZED 7

WALK_INLINE unsigned int amdv1_shift(int level)
{
	return 12 + 9 * (unsigned int)(level - 1);
}

/* Index bits the level-@level table takes from the IOVA. */
WALK_INLINE unsigned int amdv1_index_bits(int level)
{
	return level == AMDV1_MAX_LEVELS ? 64 - amdv1_shift(level) : 9;
}

WALK_INLINE uint64_t amdv1_index(int level, uint64_t iova)
{
	unsigned int shift = amdv1_shift(level);

	return walk_bits(iova, shift + amdv1_index_bits(level) - 1, shift);
}

WALK_INLINE unsigned int amdv1_next_level(uint64_t desc)
{
	return (unsigned int)walk_bits(desc, 11, 9);
}

WALK_INLINE uint64_t amdv1_addr(uint64_t desc)
{
	return walk_bits(desc, 51, 12) << 12;
}

WALK_INLINE unsigned int amdv1_perm(uint64_t desc)
{
	return ((desc & AMDV1_IR) ? HW_PERM_READ : 0) |
	       ((desc & AMDV1_IW) ? HW_PERM_WRITE : 0);
}

/*
 * log2 of the size a NextLevel-7 entry at @level writes down, or 0 if it
 * writes none this level can hold.
 */
WALK_INLINE unsigned int amdv1_sized_shift(int level, uint64_t desc)
{
	uint64_t field = walk_bits(desc, 51, 12);
	unsigned int shift;

	if (field == walk_bits(~0ull, 51, 12))
		return 0;
	shift = 12 + (unsigned int)__builtin_ctzll(~field) + 1;
	if (shift <= amdv1_shift(level))
		return 0;
	if (level < AMDV1_MAX_LEVELS && shift >= amdv1_shift(level + 1))
		return 0;
	return shift;
}

/*
 * How many entries of the table at @table, from the one @iova selects at
 * @level on and not past @until, are not present: the harness steps over
 * them with one walk. Capped so that the run stays below 2^64 bytes.
 */
static uint64_t amdv1_hole_run(const struct phys_reader *mem, uint64_t table,
			       int level, uint64_t iova, uint64_t until)
{
	unsigned int shift = amdv1_shift(level);
	uint64_t idx = amdv1_index(level, iova), n = 1, desc;
	uint64_t entries = 1ull << amdv1_index_bits(level);
	uint64_t last = until < iova ? 0 : (until - iova) >> shift;

	if (shift + amdv1_index_bits(level) >= 64 && idx == 0)
		entries--; /* 128 entries of 2^57 are 2^64 bytes */
	while (n <= last && idx + n < entries &&
	       walk_read_desc(mem, table + (idx + n) * AMDV1_DESC_SIZE,
			      AMDV1_DESC_SIZE, &desc) == XLATE_OK &&
	       !(desc & AMDV1_PR))
		n++;
	return n;
}

struct walk_result walk_amdv1(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova)
{
	unsigned int oas = hw->oas && hw->oas < AMDV1_OAS ? hw->oas : AMDV1_OAS;
	int mode = (int)hw->amdv1.mode, level, next;
	unsigned int shift, perm = HW_PERM_READ | HW_PERM_WRITE;
	uint64_t table = hw->amdv1.root, desc, oa;
	enum xlate_status st;

	if (mode < 1 || mode > AMDV1_MAX_LEVELS)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if ((hw->ias && hw->ias < 64 && iova >> hw->ias) ||
	    (mode < AMDV1_MAX_LEVELS && iova >> amdv1_shift(mode + 1)))
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, mode, iova, 0, 0);
	if (table >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, mode, iova, 0, 0);

	/* Resume below the deepest cached table pointer, if any. */
	level = walk_cache_find_down(wc, mode, 2, iova, &table) - 1;

	for (;;) {
		shift = amdv1_shift(level);
		st = walk_read_desc(
			mem, table + amdv1_index(level, iova) * AMDV1_DESC_SIZE,
			AMDV1_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);
		if (!(desc & AMDV1_PR)) {
			struct walk_result f =
				walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					   shift, desc);

			if (hw->scan_holes_until)
				f.hole_size =
					amdv1_hole_run(mem, table, level, iova,
						       hw->scan_holes_until)
					<< shift;
			return f;
		}
		if (walk_bits(desc, 58, 52))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		perm &= amdv1_perm(desc);
		next = (int)amdv1_next_level(desc);
		if (next == AMDV1_NL_PAGE || next == AMDV1_NL_SIZED)
			break;
		/* a table of this level or above, or below level 1 */
		if (next >= level)
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		/* skipped levels: their IOVA bits must be zero */
		if (next < level - 1 &&
		    walk_bits(iova, shift - 1, amdv1_shift(next + 1)))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		table = amdv1_addr(desc);
		if (table >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		if (next == level - 1 && perm == (HW_PERM_READ | HW_PERM_WRITE))
			walk_cache_add(wc, level, iova, shift, table);
		level = next;
	}

	if (next == AMDV1_NL_SIZED) {
		shift = amdv1_sized_shift(level, desc);
		if (!shift)
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  amdv1_shift(level), desc);
	}
	oa = amdv1_addr(desc) & ~walk_span_mask(shift);
	/* the page's last byte, not only its first, must be addressable */
	if (oas < 64 && (oa | walk_span_mask(shift)) >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova, shift,
				  desc);
	return walk_leaf(iova, shift, oa, perm, level, desc);
}
