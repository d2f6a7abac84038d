// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARMv7 short-descriptor translation as an SMMU or MediaTek M4U performs it
 * with the access-flag model (SCTLR.AFE=1: AP[0] is the access flag, AP[2]
 * makes the mapping read-only) and TTBCR.N chosen so that TTBR0 covers
 * exactly hw->ias bits (32 unless MediaTek extends it to 34).
 *
 * Level 1: fault, page table (1KB level-2 table at bits [31:10]), section
 * (1MB) and supersection (16MB, bit 18, read from whichever of its 16
 * replicated entries the IOVA indexes). Level 2: fault, large page (64KB),
 * small page (4KB).
 *
 * Output addresses: supersections carry PA[35:32] in bits [23:20] and
 * PA[39:36] in bits [8:5] as the architecture defines; with
 * HW_QUIRK_ARM_MTK_EXT every descriptor instead carries PA[32], PA[33] and
 * PA[34] in bits 9, 4 and 5 (MediaTek reuses XN/AP/domain bits for them,
 * which is why io-pgtable pairs that quirk with NO_PERMS), and oas comes
 * from hw->oas rather than the architectural 32. HW_QUIRK_ARM_MTK_TTBR_EXT
 * (only meaningful with MTK_EXT) puts PA[34:32] of the level-1 table in
 * TTBR bits [2:0]. The 4GB mode of older MediaTek parts never shows in
 * descriptors, so it is not modelled.
 *
 * With HW_QUIRK_NO_PERMS the AP bits are not there: everything is
 * accessible for read and write and there is no access flag. Domains,
 * XN/PXN, TEX/C/B, S, nG and NS do not decide whether a device access
 * reaches memory and are ignored.
 */
#include "walk_internal.h"

#define V7S_DESC_SIZE 4
#define V7S_MIN_IAS 21
#define V7S_ARCH_BITS 32
#define V7S_MTK_MAX_IAS 34
#define V7S_MAX_OAS 40 /* supersections reach PA[39:36] */
#define V7S_L1_SHIFT 20
#define V7S_L2_SHIFT 12
#define V7S_L2_BITS 8
#define V7S_SUPERSECTION_SHIFT 24
#define V7S_LARGE_PAGE_SHIFT 16
#define V7S_TTBR_ATTR_BITS 7 /* TTBR0 attribute bits below the base */

#define V7S_TYPE_MASK 0x3u
#define V7S_L1_TYPE_TABLE 0x1u
#define V7S_L1_SUPERSECTION (1u << 18)
#define V7S_L2_TYPE_LARGE 0x1u

/* AP[0] (AF) and AP[2] (read-only): bits 10/15 at level 1, 4/9 at level 2 */
#define V7S_AF(level) (1u << ((level) == 1 ? 10 : 4))
#define V7S_AP_RDONLY(level) (1u << ((level) == 1 ? 15 : 9))

#define V7S_MTK_PA32 (1u << 9)
#define V7S_MTK_PA33 (1u << 4)
#define V7S_MTK_PA34 (1u << 5)

WALK_INLINE uint64_t v7s_mtk_high_pa(uint64_t desc)
{
	return (desc & V7S_MTK_PA32 ? 1ull << 32 : 0) |
	       (desc & V7S_MTK_PA33 ? 1ull << 33 : 0) |
	       (desc & V7S_MTK_PA34 ? 1ull << 34 : 0);
}

/* Output base of a level-1 leaf; also sets the size it maps. */
WALK_INLINE uint64_t v7s_section_oa(const struct hw_context *hw,
				    uint64_t desc, unsigned int *shift)
{
	bool mtk = hw->quirks & HW_QUIRK_ARM_MTK_EXT;
	uint64_t oa;

	if (desc & V7S_L1_SUPERSECTION) {
		*shift = V7S_SUPERSECTION_SHIFT;
		oa = walk_bits(desc, 31, 24) << 24;
		if (!mtk)
			oa |= walk_bits(desc, 23, 20) << 32 |
			      walk_bits(desc, 8, 5) << 36;
	} else {
		*shift = V7S_L1_SHIFT;
		oa = walk_bits(desc, 31, 20) << 20;
	}
	return mtk ? oa | v7s_mtk_high_pa(desc) : oa;
}

static struct walk_result v7s_leaf(const struct hw_context *hw,
				   unsigned int oas, uint64_t iova,
				   unsigned int shift, uint64_t oa, int level,
				   uint64_t desc)
{
	unsigned int perm = HW_PERM_READ | HW_PERM_WRITE;

	if (oa >> oas)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, level, iova, shift,
				  desc);
	if (!(hw->quirks & HW_QUIRK_NO_PERMS)) {
		if (!(desc & V7S_AF(level)))
			return walk_fault(XLATE_FAULT_TRANSLATION, level, iova,
					  shift, desc);
		if (desc & V7S_AP_RDONLY(level))
			perm = HW_PERM_READ;
	}
	return walk_leaf(iova, shift, oa, perm, level, desc);
}

struct walk_result walk_v7s(const struct hw_context *hw,
			    const struct phys_reader *mem,
			    const struct walk_cache_ops *wc, uint64_t iova)
{
	bool mtk = hw->quirks & HW_QUIRK_ARM_MTK_EXT;
	unsigned int ias = hw->ias ? hw->ias : V7S_ARCH_BITS;
	unsigned int oas = mtk && hw->oas ? hw->oas : V7S_ARCH_BITS;
	unsigned int l1_bits, align_bits, shift;
	uint64_t l1, l2, desc, oa;
	enum xlate_status st;

	if (ias < V7S_MIN_IAS ||
	    ias > (mtk ? V7S_MTK_MAX_IAS : V7S_ARCH_BITS))
		return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE,
				  iova, 0, 0);
	if (iova >> ias)
		return walk_fault(XLATE_FAULT_ADDRESS_SIZE, 1, iova, 0, 0);
	if (oas > V7S_MAX_OAS)
		oas = V7S_MAX_OAS;

	if (walk_cache_find(wc, 1, 1, iova, &l2) == 1)
		goto level2;

	/* The level-1 table is aligned to its size, 2^(ias - 20) words. */
	l1_bits = ias - V7S_L1_SHIFT;
	align_bits = l1_bits + 2;
	if (align_bits < V7S_TTBR_ATTR_BITS)
		align_bits = V7S_TTBR_ATTR_BITS;
	l1 = hw->v7s.ttbr & ~walk_span_mask(align_bits);
	if ((hw->quirks & HW_QUIRK_ARM_MTK_TTBR_EXT) && mtk)
		l1 |= walk_bits(hw->v7s.ttbr, 2, 0) << 32;

	st = walk_read_desc(mem,
			    l1 + walk_bits(iova, ias - 1, V7S_L1_SHIFT) *
					 V7S_DESC_SIZE,
			    V7S_DESC_SIZE, &desc);
	if (st != XLATE_OK)
		return walk_fault(st, 1, iova, V7S_L1_SHIFT, 0);

	switch (desc & V7S_TYPE_MASK) {
	case 0:
		return walk_fault(XLATE_FAULT_TRANSLATION, 1, iova,
				  V7S_L1_SHIFT, desc);
	case V7S_L1_TYPE_TABLE:
		l2 = walk_bits(desc, 31, 10) << 10;
		if (mtk)
			l2 |= v7s_mtk_high_pa(desc);
		if (l2 >> oas)
			return walk_fault(XLATE_FAULT_ADDRESS_SIZE, 1, iova,
					  V7S_L1_SHIFT, desc);
		walk_cache_add(wc, 1, iova, V7S_L1_SHIFT, l2);
		break;
	default:
		oa = v7s_section_oa(hw, desc, &shift);
		return v7s_leaf(hw, oas, iova, shift, oa, 1, desc);
	}

level2:
	st = walk_read_desc(mem,
			    l2 + walk_bits(iova, V7S_L2_SHIFT + V7S_L2_BITS - 1,
					   V7S_L2_SHIFT) *
					 V7S_DESC_SIZE,
			    V7S_DESC_SIZE, &desc);
	if (st != XLATE_OK)
		return walk_fault(st, 2, iova, V7S_L2_SHIFT, 0);

	switch (desc & V7S_TYPE_MASK) {
	case 0:
		return walk_fault(XLATE_FAULT_TRANSLATION, 2, iova,
				  V7S_L2_SHIFT, desc);
	case V7S_L2_TYPE_LARGE:
		shift = V7S_LARGE_PAGE_SHIFT;
		break;
	default:
		shift = V7S_L2_SHIFT;
		break;
	}
	oa = walk_bits(desc, 31, shift) << shift;
	if (mtk)
		oa |= v7s_mtk_high_pa(desc);
	return v7s_leaf(hw, oas, iova, shift, oa, 2, desc);
}
