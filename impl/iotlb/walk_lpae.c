// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARMv8 VMSA long-descriptor (LPAE) translation as an SMMU performs it, for
 * stage 1 (TCR.T0SZ/TG0/IPS) and stage 2 (VTCR.T0SZ/SL0/TG0/PS).
 *
 * Supported: 4K/16K/64K granules; every start level the registers can
 * select, including up to 16 concatenated stage-2 initial tables; blocks at
 * the levels the granule allows (64K level-1 blocks only with a 52-bit
 * output size, i.e. FEAT_LPA); 52-bit output addresses with the 64K granule
 * (OA[51:48] held in descriptor bits [15:12]); the access flag; stage-1
 * AP[2] and, with HW_QUIRK_ARM_HD, DBM (a writable-clean descriptor is
 * writable: the hardware would set it dirty on the write).
 *
 * Not modelled: TTBR1 (HW_QUIRK_ARM_TTBR1) — IOVAs at or above 1 << ias are
 * address-size faults, never upper-range translations; FEAT_LPA2 (52-bit
 * with 4K/16K granules, 16K level-1 and 4K level-0 blocks); AP[1]/privilege,
 * XN and every memory attribute, which do not decide whether a device
 * access reaches memory; hardware AF/dirty updates (the walker never
 * writes). An access-flag fault is reported as a translation fault.
 *
 * The TTBR holds the start table's physical address as an SMMUv3 context
 * descriptor's TTB field does: bits [51:4]; the low bits are ignored.
 */
#include "walk_internal.h"

#define LPAE_LEVELS 4
#define LPAE_DESC_SIZE 8
#define LPAE_MAX_CONCAT_BITS 4 /* up to 16 concatenated stage-2 tables */

#define LPAE_VALID 0x1ull
#define LPAE_TYPE_MASK 0x3ull
#define LPAE_TYPE_BLOCK 0x1ull
#define LPAE_TYPE_TABLE 0x3ull
#define LPAE_TYPE_PAGE 0x3ull /* the same encoding, at level 3 */

#define LPAE_S1_AP_RDONLY (1ull << 7)
#define LPAE_S2_AP_READ (1ull << 6)
#define LPAE_S2_AP_WRITE (1ull << 7)
#define LPAE_AF (1ull << 10)
#define LPAE_DBM (1ull << 51)

struct lpae_regime {
	bool stage2;
	unsigned int pg_shift; /* log2 of the granule */
	unsigned int bits_per_level;
	unsigned int ias, oas;
	int start_level;
	unsigned int start_bits; /* index bits resolved at the start level */
	uint64_t base; /* start table */
};

WALK_INLINE unsigned int lpae_level_shift(const struct lpae_regime *r,
					  int level)
{
	return r->pg_shift +
	       (unsigned int)(LPAE_LEVELS - 1 - level) * r->bits_per_level;
}

static unsigned int lpae_granule_shift(unsigned int tg)
{
	switch (tg) {
	case 0:
		return 12;
	case 1:
		return 16;
	case 2:
		return 14;
	default:
		return 0;
	}
}

/* (I)PS field to bits; the reserved encoding means "the largest there is". */
static unsigned int lpae_ps_bits(unsigned int ps)
{
	static const unsigned int bits[] = {32, 36, 40, 42, 44, 48, 52};

	return ps < sizeof(bits) / sizeof(bits[0]) ? bits[ps] : 52;
}

/* Stage-2 SL0 counts back from level 2 with 4K granules, else level 3. */
static int lpae_s2_start_level(unsigned int pg_shift, unsigned int sl0)
{
	if (pg_shift == 12)
		return sl0 == 3 ? 3 : 2 - (int)sl0;
	if (pg_shift == 16 && sl0 == 3)
		return -1;
	return 3 - (int)sl0;
}

/* Decode the registers; false if no hardware would accept them. */
static bool lpae_regime_init(const struct hw_context *hw, struct lpae_regime *r)
{
	unsigned int tsz, tg, ps, levels, va_bits, max_bits;
	uint64_t ttbr;

	r->stage2 =
		hw->fmt == PT_ARM_32_LPAE_S2 || hw->fmt == PT_ARM_64_LPAE_S2;
	if (r->stage2) {
		tsz = hw->s2.tsz;
		tg = hw->s2.tg;
		ps = hw->s2.ps;
		ttbr = hw->s2.vttbr;
	} else {
		tsz = hw->s1.tsz;
		tg = hw->s1.tg;
		ps = hw->s1.ips;
		ttbr = hw->s1.ttbr;
	}

	r->pg_shift = lpae_granule_shift(tg);
	if (!r->pg_shift)
		return false;
	r->bits_per_level = r->pg_shift - 3;
	max_bits = r->pg_shift == 16 ? 52 : 48;

	if (tsz >= 64)
		return false;
	r->ias = 64 - tsz;
	if (r->ias > max_bits || r->ias <= r->pg_shift)
		return false;

	r->oas = lpae_ps_bits(ps);
	if (hw->oas && hw->oas < r->oas)
		r->oas = hw->oas;
	if (r->oas > max_bits)
		r->oas = max_bits;

	if (r->stage2) {
		r->start_level = lpae_s2_start_level(r->pg_shift, hw->s2.sl);
		if (r->start_level < 0 ||
		    r->ias <= lpae_level_shift(r, r->start_level))
			return false;
		r->start_bits = r->ias - lpae_level_shift(r, r->start_level);
		if (r->start_bits > r->bits_per_level + LPAE_MAX_CONCAT_BITS)
			return false;
	} else {
		va_bits = r->ias - r->pg_shift;
		levels = (va_bits + r->bits_per_level - 1) / r->bits_per_level;
		if (levels > LPAE_LEVELS)
			return false;
		r->start_level = LPAE_LEVELS - (int)levels;
		r->start_bits = r->ias - lpae_level_shift(r, r->start_level);
	}

	r->base = ttbr & (walk_bits(~0ull, 51, 4) << 4);
	return true;
}

/* Output address of a table, block or page descriptor (granule-aligned). */
WALK_INLINE uint64_t lpae_desc_oa(const struct lpae_regime *r, uint64_t desc)
{
	uint64_t oa = walk_bits(desc, 47, r->pg_shift) << r->pg_shift;

	if (r->pg_shift == 16)
		oa |= walk_bits(desc, 15, 12) << 48;
	return oa;
}

WALK_INLINE bool lpae_block_allowed(const struct lpae_regime *r, int level)
{
	switch (r->pg_shift) {
	case 12:
		return level == 1 || level == 2;
	case 14:
		return level == 2;
	default:
		return level == 2 || (level == 1 && r->oas > 48);
	}
}

WALK_INLINE bool lpae_is_leaf(const struct lpae_regime *r, int level,
			      uint64_t desc)
{
	uint64_t type = desc & LPAE_TYPE_MASK;

	if (level == LPAE_LEVELS - 1)
		return type == LPAE_TYPE_PAGE;
	return type == LPAE_TYPE_BLOCK && lpae_block_allowed(r, level);
}

WALK_INLINE unsigned int lpae_perm(const struct hw_context *hw,
				   const struct lpae_regime *r, uint64_t desc)
{
	unsigned int perm = 0;

	if (r->stage2) {
		if (desc & LPAE_S2_AP_READ)
			perm |= HW_PERM_READ;
		if (desc & LPAE_S2_AP_WRITE)
			perm |= HW_PERM_WRITE;
		return perm;
	}
	perm = HW_PERM_READ;
	if (!(desc & LPAE_S1_AP_RDONLY) ||
	    ((hw->quirks & HW_QUIRK_ARM_HD) && (desc & LPAE_DBM)))
		perm |= HW_PERM_WRITE;
	return perm;
}

/*
 * How many entries of the table at @table, from the one @iova selects at
 * @level on and not past @until, are invalid: the harness steps over them
 * with one walk.
 */
static uint64_t lpae_hole_run(const struct lpae_regime *r,
			      const struct phys_reader *mem, uint64_t table,
			      int level, uint64_t iova, uint64_t until)
{
	unsigned int shift = lpae_level_shift(r, level);
	unsigned int bits =
		level == r->start_level ? r->start_bits : r->bits_per_level;
	uint64_t idx = walk_bits(iova, shift + bits - 1, shift), n = 1, desc;
	uint64_t last = until < iova ? 0 : (until - iova) >> shift;

	while (n <= last && idx + n < (1ull << bits) &&
	       walk_read_desc(mem, table + (idx + n) * LPAE_DESC_SIZE,
			      LPAE_DESC_SIZE, &desc) == XLATE_OK &&
	       !(desc & LPAE_VALID))
		n++;
	return n;
}

struct walk_result walk_lpae(const struct hw_context *hw,
			     const struct phys_reader *mem,
			     const struct walk_cache_ops *wc, uint64_t iova)
{
	struct lpae_regime r;
	uint64_t table, desc, oa;
	enum xlate_status st;
	unsigned int shift, bits;
	int level;

	if (!lpae_regime_init(hw, &r))
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (iova >> r.ias)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, r.start_level, iova,
				  0, 0);
	if (r.base >> r.oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, r.start_level, iova,
				  0, 0);

	/* Resume below the deepest cached table descriptor, if any. */
	table = r.base;
	level = walk_cache_find(wc, r.start_level, LPAE_LEVELS - 2, iova,
				&table) +
		1;

	for (;; level++) {
		shift = lpae_level_shift(&r, level);
		bits = level == r.start_level ? r.start_bits : r.bits_per_level;
		st = walk_read_desc(
			mem,
			table + walk_bits(iova, shift + bits - 1, shift) *
					LPAE_DESC_SIZE,
			LPAE_DESC_SIZE, &desc);
		if (st != XLATE_OK)
			return walk_fault(st, level, iova, shift, 0);

		if (level == LPAE_LEVELS - 1 ||
		    (desc & LPAE_TYPE_MASK) != LPAE_TYPE_TABLE)
			break;
		table = lpae_desc_oa(&r, desc);
		if (table >> r.oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova,
					  shift, desc);
		walk_cache_add(wc, level, iova, shift, table);
	}

	if (!lpae_is_leaf(&r, level, desc)) {
		struct walk_result f = walk_fault(XLATE_FAULT_TRANSLATION,
						  level, iova, shift, desc);

		if (hw->scan_holes_until && !(desc & LPAE_VALID))
			f.hole_size = lpae_hole_run(&r, mem, table, level, iova,
						    hw->scan_holes_until)
				      << shift;
		return f;
	}

	oa = lpae_desc_oa(&r, desc) & ~walk_span_mask(shift);
	if (oa >> r.oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova, shift,
				  desc);
	if (!(desc & LPAE_AF))
		return walk_fault(XLATE_FAULT_TRANSLATION, level, iova, shift,
				  desc);
	return walk_leaf(iova, shift, oa, lpae_perm(hw, &r, desc), level, desc);
}
