// SPDX-License-Identifier: GPL-2.0-only
/*
 * Apple DART walker tests: DART1 and DART2 encodings, 4K and 16K pages,
 * TTBR selection by the IOVA's top bits.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define VALID 1ull
#define DART1_SP_DIS (1ull << 1)
#define DART1_NO_WRITE (1ull << 7)
#define DART1_NO_READ (1ull << 8)
#define DART2_NO_CACHE (1ull << 1)
#define DART2_NO_WRITE (1ull << 2)
#define DART2_NO_READ (1ull << 3)
#define SUBPAGE_FULL (0xfffull << 40) /* start 0, end 0xfff */

#define RW (HW_PERM_READ | HW_PERM_WRITE)

static struct walk_result walk_at(const struct hw_context *hw,
				  struct fake_phys *fp, uint64_t iova)
{
	struct phys_reader mem = fake_phys_reader(fp);

	return hw_walk(hw, &mem, NULL, iova);
}

/* DART1, 4K pages, 32-bit IOVA: four TTBRs of 1GB each. */
static struct hw_context dart1_4k(void)
{
	return (struct hw_context){
		.fmt = PT_APPLE_DART,
		.ias = 32,
		.oas = 36,
		.pgsize_bitmap = 0x1000,
		.dart = { .ttbr = { 0x100000, 0x101000, 0x102000, 0x103000 },
			  .n_ttbrs = 4 },
	};
}

#define D1_IOVA 0x6aabbccdull /* TTBR 1, indices 0x155 / 0xbb */
#define D1_LEAF (0xf12345000ull | SUBPAGE_FULL | DART1_SP_DIS | VALID)

static void test_dart1_4k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = dart1_4k();
	struct walk_result r;

	fake_phys_add(fp, 0x100000, 0x6000);
	fake_phys_write64(fp, 0x101000 + 0xaa8, 0x104000ull | VALID);
	fake_phys_write64(fp, 0x104000 + 0x5d8, D1_LEAF);
	r = walk_at(&hw, fp, D1_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xf12345ccdull);
	CHECK_EQ_U64(r.block_iova, 0x6aabb000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, D1_LEAF);

	fake_phys_write64(fp, 0x104000 + 0x5d8, D1_LEAF | DART1_NO_WRITE);
	CHECK_EQ_U64(walk_at(&hw, fp, D1_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, 0x104000 + 0x5d8, D1_LEAF | DART1_NO_READ);
	CHECK_EQ_U64(walk_at(&hw, fp, D1_IOVA).perm, HW_PERM_WRITE);
	fake_phys_write64(fp, 0x104000 + 0x5d8, D1_LEAF & ~VALID);
	r = walk_at(&hw, fp, D1_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);

	/* The same L1/L2 indices under TTBR 3 use TTBR 3's tables. */
	fake_phys_write64(fp, 0x103000 + 0xaa8, 0x105000ull | VALID);
	fake_phys_write64(fp, 0x105000 + 0x5d8, 0x777000ull | VALID);
	r = walk_at(&hw, fp, D1_IOVA | 0xc0000000ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x777ccdull);
	/* ...and TTBR 0 has nothing there. */
	r = walk_at(&hw, fp, D1_IOVA & 0x3fffffffull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);

	/* A level-1 entry without the valid bit is no table. */
	fake_phys_write64(fp, 0x101000 + 0xaa8, 0x104000ull);
	r = walk_at(&hw, fp, D1_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);

	/* Only two TTBRs: the upper half of the IOVA space is nowhere. */
	hw.dart.n_ttbrs = 2;
	CHECK_EQ_U64(walk_at(&hw, fp, D1_IOVA | 0xc0000000ull).status,
		     XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 32).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_dart1_16k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = {
		.fmt = PT_APPLE_DART,
		.ias = 36,
		.oas = 36,
		.pgsize_bitmap = 0x4000,
		.dart = { .ttbr = { 0x200000 }, .n_ttbrs = 1 },
	};
	uint64_t iova = 0xb4af0d234ull; /* indices 0x5a5 / 0x3c3 */
	struct walk_result r;

	fake_phys_add(fp, 0x200000, 0x8000);
	fake_phys_write64(fp, 0x200000 + 0x2d28, 0x204000ull | VALID);
	/* Bit 12 is below a 16K page: not part of the output address. */
	fake_phys_write64(fp, 0x204000 + 0x1e18, 0xabcded000ull | VALID);
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xabcded234ull);
	CHECK_EQ_U64(r.block_pa, 0xabcdec000ull);
	CHECK_EQ_U64(r.block_size, 0x4000);
	CHECK_EQ_U64(r.block_iova, 0xb4af0c000ull);
	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 36).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

/* DART2, 16K pages, 38-bit IOVA: four TTBRs; tables above 4GB. */
#define D2_IOVA 0x2ffe007fffull /* TTBR 2, indices 0x7ff / 0x001 */
#define D2_L2 0x300008000ull
#define D2_LEAF (0x3ff1234400ull | SUBPAGE_FULL | VALID) /* 0x3ff_1234_4000 */

static void test_dart2_16k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = {
		.fmt = PT_APPLE_DART2,
		.ias = 38,
		.oas = 42,
		.pgsize_bitmap = 0x4000,
		.dart = { .ttbr = { 0x100000, 0x104000, 0x300000, 0x304000 },
			  .n_ttbrs = 4 },
	};
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = { .answer = true };
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	struct walk_result r;

	fake_phys_add(fp, 0x300000, 0x4000);
	fake_phys_add(fp, D2_L2, 0x4000);
	/* PA >> 4 in bits [37:10]. */
	fake_phys_write64(fp, 0x300000 + 0x3ff8, 0x30000800ull | VALID);
	fake_phys_write64(fp, D2_L2 + 0x8, D2_LEAF | DART2_NO_CACHE);
	r = hw_walk(&hw, &mem, &wc, D2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x3ff12347fffull);
	CHECK_EQ_U64(r.block_iova, 0x2ffe004000ull);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(rec.nr, 1);
	CHECK_EQ_U64(rec.e[0].level, 1);
	CHECK_EQ_U64(rec.e[0].iova, 0x2ffe000000ull);
	CHECK_EQ_U64(rec.e[0].span, 1ull << 25);
	CHECK_EQ_U64(rec.e[0].next_table_pa, D2_L2);

	fake_phys_write64(fp, D2_L2 + 0x8, D2_LEAF | DART2_NO_WRITE);
	CHECK_EQ_U64(walk_at(&hw, fp, D2_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, D2_L2 + 0x8, D2_LEAF | DART2_NO_READ);
	CHECK_EQ_U64(walk_at(&hw, fp, D2_IOVA).perm, HW_PERM_WRITE);
	/* DART1's deny bits mean nothing here. */
	fake_phys_write64(fp, D2_L2 + 0x8,
			  D2_LEAF | DART1_NO_READ | DART1_NO_WRITE);
	CHECK_EQ_U64(walk_at(&hw, fp, D2_IOVA).perm, RW);

	hw.oas = 40;
	r = walk_at(&hw, fp, D2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 2);

	/* Freed second-level table, seen through the walk cache too. */
	hw.oas = 42;
	fake_phys_free(fp, D2_L2);
	r = hw_walk(&hw, &mem, &wc, D2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(rec.hits, 1);

	/* TTBR 0's table was never backed. */
	r = walk_at(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

static void test_dart2_4k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = dart1_4k();
	struct walk_result r;

	hw.fmt = PT_APPLE_DART2;
	hw.oas = 42;
	fake_phys_add(fp, 0x100000, 0x8000);
	fake_phys_write64(fp, 0x101000 + 0xaa8, (0x104000ull >> 4) | VALID);
	fake_phys_write64(fp, 0x104000 + 0x5d8, (0x2345678000ull >> 4) | VALID);
	r = walk_at(&hw, fp, D1_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x2345678ccdull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	fake_phys_destroy(fp);
}

/*
 * DART2, 16K pages, 38-bit IOVA as 7.x's io-pgtable-dart builds it: one
 * TTBR and three table levels (indices 0x3 / 0x7ff / 0x7ff).
 */
static void test_dart2_16k_three_levels(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = {
		.fmt = PT_APPLE_DART2,
		.ias = 38,
		.oas = 42,
		.pgsize_bitmap = 0x4000,
		.dart = { .ttbr = { 0x100000 }, .n_ttbrs = 1, .n_levels = 3 },
	};
	uint64_t iova = 0x3fffffc123ull;
	struct walk_result r;

	fake_phys_add(fp, 0x100000, 0xc000);
	fake_phys_write64(fp, 0x100000 + 0x18, (0x104000ull >> 4) | VALID);
	fake_phys_write64(fp, 0x104000 + 0x3ff8, (0x108000ull >> 4) | VALID);
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	fake_phys_write64(fp, 0x108000 + 0x3ff8,
			  (0x4000ull >> 4) | SUBPAGE_FULL | VALID);
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x4123);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_iova, 0x3fffffc000ull);

	/* a missing level-2 table faults at level 2 */
	fake_phys_write64(fp, 0x104000 + 0x3ff8, 0);
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);

	/* one TTBR: with two levels, the same IOVA needs TTBR 3 */
	hw.dart.n_levels = 0;
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

/*
 * Tables at the top of each output size (config.table_base): DART1 holds
 * table addresses PA[35:12], DART2 PA[41:14] in bits [37:10]; one more
 * bit is an address-size fault, not a truncated address.
 */
#define TOP1_L1 0xffffff000ull
#define TOP1_L2 0xffffe0000ull
#define TOP2_L1 0x3ffffff8000ull
#define TOP2_L2 0x3ffffffc000ull

static void test_tables_at_the_top(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = dart1_4k();
	struct walk_result r;

	hw.dart.ttbr[1] = TOP1_L1;
	fake_phys_add(fp, TOP1_L1, 0x1000);
	fake_phys_add(fp, TOP1_L2, 0x1000);
	fake_phys_write64(fp, TOP1_L1 + 0xaa8, TOP1_L2 | VALID);
	fake_phys_write64(fp, TOP1_L2 + 0x5d8, D1_LEAF);
	r = walk_at(&hw, fp, D1_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xf12345ccdull);
	/* a TTBR at 2^36 is beyond DART1's reach */
	hw.dart.ttbr[1] = 1ull << 36;
	CHECK_EQ_U64(walk_at(&hw, fp, D1_IOVA).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	hw = (struct hw_context){
		.fmt = PT_APPLE_DART2,
		.ias = 32,
		.oas = 42,
		.pgsize_bitmap = 0x4000,
		.dart = { .ttbr = { TOP2_L1 }, .n_ttbrs = 1 },
	};
	fake_phys_add(fp, TOP2_L1, 0x4000);
	fake_phys_add(fp, TOP2_L2, 0x4000);
	/* IOVA 0x8000: indices 0 / 2 */
	fake_phys_write64(fp, TOP2_L1, (TOP2_L2 >> 4) | VALID);
	fake_phys_write64(fp, TOP2_L2 + 0x10,
			  (0x3ff12344000ull >> 4) | SUBPAGE_FULL | VALID);
	r = walk_at(&hw, fp, 0x8123);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x3ff12344123ull);
	/* a 40-bit DART2 cannot reach those tables */
	hw.oas = 40;
	r = walk_at(&hw, fp, 0x8123);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_dart1_4k);
	RUN_TEST(test_dart1_16k);
	RUN_TEST(test_dart2_16k);
	RUN_TEST(test_dart2_4k);
	RUN_TEST(test_dart2_16k_three_levels);
	RUN_TEST(test_tables_at_the_top);
	return check_summary();
}
