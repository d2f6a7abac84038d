// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARMv7 short-descriptor walker tests: every descriptor kind, the access
 * flag model, NO_PERMS and the MediaTek physical address extensions.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define L1 0x80000ull /* 16KB level-1 table */
#define L2A 0x90400ull /* level-2 tables are 1KB, not page, aligned */
#define L2B 0x90800ull
#define TTBR_ATTRS 0x5bu /* IRGN/S/ORGN/NOS: not address bits */

#define L1_TABLE 0x1u
#define L1_SECTION 0x2u
#define L1_SUPER ((1u << 18) | L1_SECTION)
#define L1_AF (1u << 10)
#define L1_RDONLY (1u << 15)
#define L2_LARGE 0x1u
#define L2_SMALL 0x2u
#define L2_XN 0x1u
#define L2_AF (1u << 4)
#define L2_RDONLY (1u << 9)

#define MTK_PA32 (1u << 9)
#define MTK_PA33 (1u << 4)
#define MTK_PA34 (1u << 5)

#define RW (HW_PERM_READ | HW_PERM_WRITE)

static struct hw_context v7s(uint32_t ttbr, uint32_t quirks)
{
	return (struct hw_context){
		.fmt = PT_ARM_V7S,
		.ias = 32,
		.oas = 32,
		.quirks = quirks,
		.pgsize_bitmap = 0x1000 | 0x10000 | 0x100000 | 0x1000000,
		.v7s = { .ttbr = ttbr },
	};
}

static struct walk_result walk_at(const struct hw_context *hw,
				  struct fake_phys *fp, uint64_t iova)
{
	struct phys_reader mem = fake_phys_reader(fp);

	return hw_walk(hw, &mem, NULL, iova);
}

/*
 * 0x00123abc small page, 0x00210000 large page, 0x00312345 section,
 * 0x04000000-0x04ffffff supersection.
 */
static struct fake_phys *build(void)
{
	struct fake_phys *fp = fake_phys_create();
	unsigned int i;

	fake_phys_add(fp, L1, 0x4000);
	fake_phys_add(fp, 0x90000, 0x1000);
	fake_phys_write32(fp, L1 + 1 * 4, L2A | L1_TABLE);
	fake_phys_write32(fp, L2A + 0x23 * 4, 0x12345000u | L2_AF | L2_SMALL);
	fake_phys_write32(fp, L1 + 2 * 4, L2B | L1_TABLE);
	for (i = 0x10; i < 0x20; i++)
		fake_phys_write32(fp, L2B + i * 4,
				  0x5670000u | L2_AF | L2_LARGE);
	fake_phys_write32(fp, L1 + 3 * 4, 0x9a100000u | L1_AF | L1_SECTION);
	for (i = 0x40; i < 0x50; i++)
		fake_phys_write32(fp, L1 + i * 4,
				  0xab000000u | L1_AF | L1_SUPER);
	return fp;
}

static void test_descriptor_kinds(void)
{
	struct fake_phys *fp = build();
	struct hw_context hw = v7s((uint32_t)L1 | TTBR_ATTRS, 0);
	struct walk_result r;

	r = walk_at(&hw, fp, 0x123abc);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x12345abc);
	CHECK_EQ_U64(r.block_iova, 0x123000);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, 0x12345000u | L2_AF | L2_SMALL);

	r = walk_at(&hw, fp, 0x21abcd);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x567abcd);
	CHECK_EQ_U64(r.block_iova, 0x210000);
	CHECK_EQ_U64(r.block_size, 0x10000);
	CHECK_EQ_U64(r.block_pa, 0x5670000);
	CHECK_EQ_U64(r.level, 2);

	r = walk_at(&hw, fp, 0x312345);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x9a112345);
	CHECK_EQ_U64(r.block_iova, 0x300000);
	CHECK_EQ_U64(r.block_size, 0x100000);
	CHECK_EQ_U64(r.level, 1);

	r = walk_at(&hw, fp, 0x4a12345);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xaba12345);
	CHECK_EQ_U64(r.block_iova, 0x4000000);
	CHECK_EQ_U64(r.block_size, 0x1000000);
	CHECK_EQ_U64(r.block_pa, 0xab000000);
	CHECK_EQ_U64(r.level, 1);

	/* Small page with XN (type 3) is still a small page. */
	fake_phys_write32(fp, L2A + 0x23 * 4,
			  0x12345000u | L2_AF | L2_SMALL | L2_XN);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x123abc).pa, 0x12345abc);

	/* Faults at each level. */
	r = walk_at(&hw, fp, 0x124000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	r = walk_at(&hw, fp, 0x500000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_iova, 0x500000);
	CHECK_EQ_U64(r.block_size, 0x100000);
	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 32).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_permissions(void)
{
	struct fake_phys *fp = build();
	struct hw_context hw = v7s((uint32_t)L1, 0);
	struct walk_result r;

	fake_phys_write32(fp, L2A + 0x23 * 4,
			  0x12345000u | L2_AF | L2_RDONLY | L2_SMALL);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x123abc).perm, HW_PERM_READ);
	fake_phys_write32(fp, L1 + 3 * 4,
			  0x9a100000u | L1_AF | L1_RDONLY | L1_SECTION);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x312345).perm, HW_PERM_READ);

	/* Access flag clear: fault, unless there are no permission bits. */
	fake_phys_write32(fp, L2A + 0x23 * 4, 0x12345000u | L2_SMALL);
	fake_phys_write32(fp, L1 + 3 * 4, 0x9a100000u | L1_SECTION);
	r = walk_at(&hw, fp, 0x123abc);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x312345).status,
		     XLATE_FAULT_TRANSLATION);

	hw.quirks = HW_QUIRK_NO_PERMS;
	r = walk_at(&hw, fp, 0x123abc);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, RW);
	fake_phys_write32(fp, L1 + 3 * 4,
			  0x9a100000u | L1_RDONLY | L1_SECTION);
	r = walk_at(&hw, fp, 0x312345);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, RW);
	fake_phys_destroy(fp);
}

static void test_supersection_extended_pa(void)
{
	struct fake_phys *fp = build();
	struct hw_context hw = v7s((uint32_t)L1, 0);

	/* PA[35:32] in bits [23:20]: beyond a 32-bit output size. */
	fake_phys_write32(fp, L1 + 0x4a * 4,
			  0xab000000u | (0x3u << 20) | L1_AF | L1_SUPER);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x4a12345).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	/* Only the indexed copy of the 16 is read. */
	CHECK_EQ_U64(walk_at(&hw, fp, 0x4b12345).status, XLATE_OK);
	fake_phys_destroy(fp);
}

static void test_walk_cache_and_memory(void)
{
	struct fake_phys *fp = build();
	struct hw_context hw = v7s((uint32_t)L1, 0);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = { .answer = true };
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	struct walk_result r;
	unsigned long reads;

	r = hw_walk(&hw, &mem, &wc, 0x123abc);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 1);
	CHECK_EQ_U64(rec.e[0].level, 1);
	CHECK_EQ_U64(rec.e[0].iova, 0x100000);
	CHECK_EQ_U64(rec.e[0].span, 0x100000);
	CHECK_EQ_U64(rec.e[0].next_table_pa, L2A);

	reads = fake_phys_reads(fp);
	fake_phys_write32(fp, L1 + 1 * 4, 0);
	r = hw_walk(&hw, &mem, &wc, 0x1ff000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2); /* the cached table was used */
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);

	/* Sections are leaves: nothing to cache. */
	hw_walk(&hw, &mem, &wc, 0x312345);
	CHECK_EQ_U64(rec.nr, 1);

	fake_phys_free(fp, L2A);
	r = hw_walk(&hw, &mem, &wc, 0x123abc);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 2);
	r = walk_at(&hw, fp, 0x21abcd);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED); /* same page as L2A */

	fake_phys_write32(fp, L1 + 5 * 4, 0x7000000u | L1_TABLE);
	r = walk_at(&hw, fp, 0x512345);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 2);
	fake_phys_destroy(fp);
}

/* MediaTek: 34-bit IOVA, 35-bit PA, level-1 table above 4GB. */
#define MTK_L1 0x200010000ull /* 64KB table: 16384 entries */
#define MTK_L2 0x500000400ull
#define MTK_QUIRKS \
	(HW_QUIRK_ARM_MTK_EXT | HW_QUIRK_ARM_MTK_TTBR_EXT | HW_QUIRK_NO_PERMS)

static void test_mtk_ext(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = v7s(0x10000u | 0x2u, MTK_QUIRKS);
	struct walk_result r;

	hw.ias = 34;
	hw.oas = 35;
	fake_phys_add(fp, MTK_L1, 0x10000);
	fake_phys_add(fp, 0x500000000ull, 0x1000);
	/* Index 0x3001; the table's PA[34] and PA[32] in bits 5 and 9. */
	fake_phys_write32(fp, MTK_L1 + 0xc004,
			  0x400u | MTK_PA34 | MTK_PA32 | L1_TABLE);
	fake_phys_write32(fp, MTK_L2 + 0x23 * 4,
			  0x12345000u | MTK_PA33 | MTK_PA34 | L2_SMALL);
	r = walk_at(&hw, fp, 0x300123abcull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x612345abcull);
	CHECK_EQ_U64(r.perm, RW);

	fake_phys_write32(fp, MTK_L1 + 0xc008,
			  0x9a100000u | MTK_PA32 | L1_SECTION);
	r = walk_at(&hw, fp, 0x300212345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x19a112345ull);

	fake_phys_write32(fp, MTK_L1 + 0x304a * 4,
			  0xab000000u | MTK_PA33 | L1_SUPER);
	r = walk_at(&hw, fp, 0x304a12345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x2aba12345ull);
	CHECK_EQ_U64(r.block_size, 0x1000000);

	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 34).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	/* A 34-bit output size cannot hold PA[34]. */
	hw.oas = 34;
	CHECK_EQ_U64(walk_at(&hw, fp, 0x300123abcull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x300212345ull).status, XLATE_OK);

	/* Without the quirk the same bits are no address bits. */
	hw = v7s(0x80000u, HW_QUIRK_NO_PERMS);
	fake_phys_add(fp, L1, 0x4000);
	fake_phys_write32(fp, L1 + 3 * 4, 0x9a100000u | MTK_PA32 | L1_SECTION);
	r = walk_at(&hw, fp, 0x312345);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x9a112345);
	/* ...and a 34-bit input range is not a valid context. */
	hw.ias = 34;
	r = walk_at(&hw, fp, 0x312345);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, -1);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_descriptor_kinds);
	RUN_TEST(test_permissions);
	RUN_TEST(test_supersection_extended_pa);
	RUN_TEST(test_walk_cache_and_memory);
	RUN_TEST(test_mtk_ext);
	return check_summary();
}
