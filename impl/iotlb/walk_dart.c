// SPDX-License-Identifier: GPL-2.0-only
/*
 * Apple DART translation: a TTBR chosen by the IOVA's top bits, then
 * tables of table descriptors and a last table of page descriptors, each
 * one granule (4K or 16K, the only size in hw->pgsize_bitmap) of 64-bit
 * entries. There are L = hw->dart.n_levels table levels below the TTBRs
 * (0 means 2, all a 6.x io-pgtable-dart builds; 7.x builds 3 when the
 * IOVA space needs it, for DARTs that the driver programs for it).
 *
 * IOVA layout, with b = log2(granule) - 3 index bits per level:
 *   [pg_shift + L*b and up]        TTBR index (must be below n_ttbrs)
 *   [pg_shift + (L-k+1)*b - 1 : pg_shift + (L-k)*b]   level-k index
 *   (the level-L index is [pg_shift + b - 1 : pg_shift])
 *
 * Entries are valid when bit 0 is set. Addresses (of the next table or of
 * the page) are PA[35:12] in bits [35:12] for DART1 and PA[41:14] in bits
 * [37:10] for DART2. Permissions are deny bits: DART1 NO_READ bit 8 and
 * NO_WRITE bit 7, DART2 NO_READ bit 3 and NO_WRITE bit 2.
 *
 * hw->dart.ttbr[] holds the level-1 tables' physical addresses as
 * io-pgtable reports them, not the shifted value the driver writes into
 * the TTBR registers.
 *
 * Not modelled: subpage protection. The descriptor's start/end fields (and
 * DART1's SP_DIS) could restrict access to part of a page; Linux always
 * programs the full window, so the walker grants the whole page and a
 * fuzzer that saw a narrower window would find it in the raw pte.
 */
#include "walk_internal.h"

#define DART_DESC_SIZE 8
#define DART_MAX_TTBRS 4
/* table levels below the TTBRs: two, or three on 7.x's larger IOVA spaces */
#define DART_DEFAULT_LEVELS 2
#define DART_MAX_LEVELS 3
#define DART1_OAS 36
#define DART2_OAS 42

#define DART_VALID (1ull << 0)
#define DART1_NO_READ (1ull << 8)
#define DART1_NO_WRITE (1ull << 7)
#define DART2_NO_READ (1ull << 3)
#define DART2_NO_WRITE (1ull << 2)

WALK_INLINE uint64_t dart_desc_pa(bool dart2, uint64_t desc)
{
	if (dart2)
		return walk_bits(desc, 37, 10) << 14;
	return walk_bits(desc, 35, 12) << 12;
}

WALK_INLINE unsigned int dart_perm(bool dart2, uint64_t desc)
{
	unsigned int perm = 0;

	if (!(desc & (dart2 ? DART2_NO_READ : DART1_NO_READ)))
		perm |= HW_PERM_READ;
	if (!(desc & (dart2 ? DART2_NO_WRITE : DART1_NO_WRITE)))
		perm |= HW_PERM_WRITE;
	return perm;
}

struct walk_result walk_dart(const struct hw_context *hw,
			     const struct phys_reader *mem,
			     const struct walk_cache_ops *wc, uint64_t iova)
{
	bool dart2 = hw->fmt == PT_APPLE_DART2;
	unsigned int native_oas = dart2 ? DART2_OAS : DART1_OAS;
	unsigned int oas = hw->oas && hw->oas < native_oas ? hw->oas
							   : native_oas;
	unsigned int levels = hw->dart.n_levels ? hw->dart.n_levels
						: DART_DEFAULT_LEVELS;
	unsigned int pg_shift, bits, shift, ttbr_shift, n_ttbrs;
	uint64_t table, desc, idx, oa;
	enum xlate_status st;
	int level;

	if (hw->pgsize_bitmap & 0x1000ul)
		pg_shift = 12;
	else if (hw->pgsize_bitmap & 0x4000ul)
		pg_shift = 14;
	else
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (levels < DART_DEFAULT_LEVELS || levels > DART_MAX_LEVELS)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	bits = pg_shift - 3;
	ttbr_shift = pg_shift + levels * bits;

	if (hw->ias <= pg_shift || hw->ias >= 64)
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (iova >> hw->ias)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, 1, iova, 0, 0);

	/* Resume below the deepest cached table descriptor, if any. */
	level = walk_cache_find(wc, 1, (int)levels - 1, iova, &table) + 1;
	if (level == 1) {
		n_ttbrs = hw->dart.n_ttbrs < DART_MAX_TTBRS ? hw->dart.n_ttbrs
							     : DART_MAX_TTBRS;
		idx = ttbr_shift < 64 ? iova >> ttbr_shift : 0;
		if (idx >= n_ttbrs)
			return walk_fault(XLATE_FAULT_TRANSLATION, 1, iova,
					  ttbr_shift, 0);
		table = hw->dart.ttbr[idx];
		if (table >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, 1, iova,
					  ttbr_shift, 0);
	}

	/* table levels: descriptors of the next table */
	for (; level < (int)levels; level++) {
		shift = pg_shift + (levels - level) * bits;
		st = walk_read_desc(mem,
				    table + walk_bits(iova, shift + bits - 1,
						      shift) *
						    DART_DESC_SIZE,
				    DART_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);
		if (!(desc & DART_VALID))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		table = dart_desc_pa(dart2, desc);
		if (table >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		walk_cache_add(wc, level, iova, shift, table);
	}

	/* the last level: page descriptors */
	st = walk_read_desc(mem,
			    table + walk_bits(iova, pg_shift + bits - 1,
					      pg_shift) *
					    DART_DESC_SIZE,
			    DART_DESC_SIZE, &desc);
	if (st != XLATE_OK)
		return walk_fault(st, level, iova, pg_shift, 0);
	if (!(desc & DART_VALID))
		return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
				  pg_shift, desc);
	oa = dart_desc_pa(dart2, desc) & ~walk_span_mask(pg_shift);
	if (oa >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
				  pg_shift, desc);
	return walk_leaf(iova, pg_shift, oa, dart_perm(dart2, desc), level,
			 desc);
}
