// SPDX-License-Identifier: GPL-2.0-only
/*
 * LPAE walker tests. The explicit cases place descriptors at offsets worked
 * out by hand from the architecture's IOVA split; the sweep builds tables
 * for every granule at several input sizes, using a start level written
 * down per configuration, and checks the walker agrees with it.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define TYPE_TABLE 3ull
#define TYPE_PAGE 3ull
#define TYPE_BLOCK 1ull
#define AF (1ull << 10)
#define S1_AP_UNPRIV (1ull << 6)
#define S1_AP_RDONLY (1ull << 7)
#define S2_AP_R (1ull << 6)
#define S2_AP_W (1ull << 7)
#define DBM (1ull << 51)

#define TG_4K 0
#define TG_64K 1
#define TG_16K 2
#define PS_32 0
#define PS_40 2
#define PS_48 5
#define PS_52 6

#define RW (HW_PERM_READ | HW_PERM_WRITE)

static struct hw_context s1(enum pt_format fmt, unsigned int ias,
			    unsigned int tg, unsigned int ips, uint64_t ttbr)
{
	return (struct hw_context){
		.fmt = fmt,
		.ias = ias,
		.s1 = { .ttbr = ttbr, .tsz = 64 - ias, .tg = tg, .ips = ips },
	};
}

static struct hw_context s2(enum pt_format fmt, unsigned int ias,
			    unsigned int tg, unsigned int sl, unsigned int ps,
			    uint64_t vttbr)
{
	return (struct hw_context){
		.fmt = fmt,
		.ias = ias,
		.s2 = { .vttbr = vttbr, .tsz = 64 - ias, .sl = sl, .tg = tg,
			.ps = ps },
	};
}

static struct walk_result walk_at(const struct hw_context *hw,
				  struct fake_phys *fp, uint64_t iova)
{
	struct phys_reader mem = fake_phys_reader(fp);

	return hw_walk(hw, &mem, NULL, iova);
}

/* 4K granule, 48-bit input: a full four-level walk. */
#define W4_IOVA 0x80c0a0704567ull /* indices 0x101/0x102/0x103/0x104 */
#define W4_L0 0x100000ull
#define W4_L1 0x101000ull
#define W4_L2 0x102000ull
#define W4_L3 0x103000ull

static struct fake_phys *build_4k_48(void)
{
	struct fake_phys *fp = fake_phys_create();

	fake_phys_add(fp, W4_L0, 0x4000);
	fake_phys_write64(fp, W4_L0 + 0x808, W4_L1 | TYPE_TABLE);
	fake_phys_write64(fp, W4_L1 + 0x810, W4_L2 | TYPE_TABLE);
	fake_phys_write64(fp, W4_L2 + 0x818, W4_L3 | TYPE_TABLE);
	fake_phys_write64(fp, W4_L3 + 0x820, 0x876543000ull | AF | TYPE_PAGE);
	return fp;
}

static void test_4k_four_levels(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_48, W4_L0);
	struct walk_result r = walk_at(&hw, fp, W4_IOVA);

	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x876543567ull);
	CHECK_EQ_U64(r.block_iova, 0x80c0a0704000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.block_pa, 0x876543000ull);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, 0x876543000ull | AF | TYPE_PAGE);
	CHECK_EQ_U64(fake_phys_reads(fp), 4);

	/* The neighbouring page has no descriptor. */
	r = walk_at(&hw, fp, W4_IOVA + 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_iova, 0x80c0a0705000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);

	/* Nothing at all in a different level-0 slot. */
	r = walk_at(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);

	/* Beyond the input range. */
	r = walk_at(&hw, fp, 1ull << 48);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	r = walk_at(&hw, fp, ~0ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_4k_leaf_kinds(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_48, W4_L0);
	struct walk_result r;

	/* Read-only page; AP[1] (unprivileged) is not our business. */
	fake_phys_write64(fp, W4_L3 + 0x820, 0x876543000ull | AF |
				     S1_AP_RDONLY | S1_AP_UNPRIV | TYPE_PAGE);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	fake_phys_write64(fp, W4_L3 + 0x820,
			  0x876543000ull | AF | S1_AP_UNPRIV | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).perm, RW);

	/* Access flag clear: no translation. */
	fake_phys_write64(fp, W4_L3 + 0x820, 0x876543000ull | TYPE_PAGE);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);

	/* Type 1 at level 3 is reserved. */
	fake_phys_write64(fp, W4_L3 + 0x820, 0x876543000ull | AF | TYPE_BLOCK);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).status,
		     XLATE_FAULT_TRANSLATION);

	/* 2M block at level 2: the page's table is no longer reached. */
	fake_phys_write64(fp, W4_L2 + 0x818, 0x400200000ull | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.pa, 0x400304567ull);
	CHECK_EQ_U64(r.block_iova, 0x80c0a0600000ull);
	CHECK_EQ_U64(r.block_size, 0x200000);
	CHECK_EQ_U64(r.block_pa, 0x400200000ull);

	/* Bits between the block size and the granule are ignored. */
	fake_phys_write64(fp, W4_L2 + 0x818,
			  0x400200000ull | 0x5000 | AF | TYPE_BLOCK);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).pa, 0x400304567ull);

	/* 1G block at level 1. */
	fake_phys_write64(fp, W4_L1 + 0x810, 0x8040000000ull | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.pa, 0x8060704567ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	CHECK_EQ_U64(r.block_iova, 0x80c080000000ull);

	/* No blocks at level 0 with the 4K granule. */
	fake_phys_write64(fp, W4_L0 + 0x808, 0x8000000000ull | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_destroy(fp);
}

static void test_4k_output_size(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_40, W4_L0);
	struct walk_result r;

	/* A 40-bit output size holds 0x87_6543_3000... */
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).status, XLATE_OK);
	/* ...but not bit 40. */
	fake_phys_write64(fp, W4_L3 + 0x820,
			  0x10000000000ull | AF | TYPE_PAGE);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 3);
	hw.s1.ips = PS_48;
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x10000000567ull);

	/* The SMMU's own output size caps IPS. */
	hw.oas = 36;
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_write64(fp, W4_L3 + 0x820, 0xfff000000ull | AF | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).status, XLATE_OK);

	/* A next-level table beyond the output size. */
	hw.oas = 0;
	hw.s1.ips = PS_32;
	fake_phys_write64(fp, W4_L1 + 0x810, 0x100000000ull | TYPE_TABLE);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

static void test_4k_hd_quirk(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_48, W4_L0);

	/* Writable-clean: read-only unless the hardware manages dirty. */
	fake_phys_write64(fp, W4_L3 + 0x820, 0x876543000ull | AF | DBM |
				     S1_AP_RDONLY | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).perm, HW_PERM_READ);
	hw.quirks = HW_QUIRK_ARM_HD;
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).perm, RW);
	fake_phys_write64(fp, W4_L3 + 0x820,
			  0x876543000ull | AF | S1_AP_RDONLY | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, W4_IOVA).perm, HW_PERM_READ);
	fake_phys_destroy(fp);
}

static void test_4k_freed_unbacked(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_48, W4_L0);
	struct walk_result r;

	hw.s1.ttbr = 0x7000000;
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 0);

	hw.s1.ttbr = W4_L0;
	fake_phys_write64(fp, W4_L2 + 0x818, 0x7000000ull | TYPE_TABLE);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 3);

	fake_phys_destroy(fp);
	fp = build_4k_48();
	fake_phys_free(fp, W4_L0);
	r = walk_at(&hw, fp, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_destroy(fp);
}

static void test_4k_walk_cache(void)
{
	struct fake_phys *fp = build_4k_48();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 48, TG_4K, PS_48, W4_L0);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = { .answer = false };
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	const struct walk_cache_entry *e;
	struct walk_result r;
	unsigned long reads;

	r = hw_walk(&hw, &mem, &wc, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 3);
	e = walk_cache_rec_at(&rec, 0);
	CHECK(e != NULL);
	if (e) {
		CHECK_EQ_U64(e->iova, 0x808000000000ull);
		CHECK_EQ_U64(e->span, 1ull << 39);
		CHECK_EQ_U64(e->next_table_pa, W4_L1);
	}
	e = walk_cache_rec_at(&rec, 1);
	CHECK(e != NULL);
	if (e) {
		CHECK_EQ_U64(e->iova, 0x80c080000000ull);
		CHECK_EQ_U64(e->span, 1ull << 30);
		CHECK_EQ_U64(e->next_table_pa, W4_L2);
	}
	e = walk_cache_rec_at(&rec, 2);
	CHECK(e != NULL);
	if (e) {
		CHECK_EQ_U64(e->iova, 0x80c0a0600000ull);
		CHECK_EQ_U64(e->span, 1ull << 21);
		CHECK_EQ_U64(e->next_table_pa, W4_L3);
	}
	CHECK(walk_cache_rec_at(&rec, 3) == NULL);

	/* Answering from the cache: only the leaf is read. */
	rec.answer = true;
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x876543567ull);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);
	CHECK_EQ_U64(rec.nr, 3);

	/* A cached descriptor wins over what memory now says. */
	fake_phys_write64(fp, W4_L2 + 0x818, 0);
	fake_phys_add(fp, 0x200000, 0x1000);
	fake_phys_write64(fp, 0x200000 + 0x820,
			  0x11111000ull | AF | TYPE_PAGE);
	rec.e[2].next_table_pa = 0x200000;
	r = hw_walk(&hw, &mem, &wc, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x11111567ull);

	/* With only the level-0 descriptor cached, the walk resumes at 1. */
	rec.nr = 1;
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, W4_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 2);
	CHECK_EQ_U64(rec.nr, 2); /* level 1 inserted again */
	fake_phys_destroy(fp);
}

/* 16K granule, 47-bit input: start level 1 with a full 2048-entry table. */
#define W16_IOVA 0x7ff2471583ffull /* indices 0x7ff/0x123/0x456 */

static void test_16k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 47, TG_16K, PS_48,
				  0x400000);
	struct walk_result r;

	fake_phys_add(fp, 0x400000, 0xc000);
	fake_phys_write64(fp, 0x400000 + 0x3ff8, 0x404000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x404000 + 0x918, 0x408000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x408000 + 0x22b0,
			  0xabcd4000ull | AF | TYPE_PAGE);
	r = walk_at(&hw, fp, W16_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xabcd43ffull);
	CHECK_EQ_U64(r.block_size, 0x4000);
	CHECK_EQ_U64(r.block_iova, 0x7ff247158000ull);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(fake_phys_reads(fp), 3);

	/* 32M block at level 2. */
	fake_phys_write64(fp, 0x404000 + 0x918,
			  0x1006000000ull | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W16_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_size, 1ull << 25);
	CHECK_EQ_U64(r.pa, 0x1006000000ull + (W16_IOVA & 0x1ffffff));

	/* No 16K level-1 blocks without LPA2. */
	fake_phys_write64(fp, 0x400000 + 0x3ff8,
			  0x1000000000ull | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W16_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);

	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 47).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

/* 64K granule, 52-bit input and output. */
#define W64_IOVA 0xfff578defbeefull /* indices 0x3ff/0x1abc/0xdef */
#define W64_L3 0xa000000010000ull /* a table above 48 bits */

static void test_64k_52bit(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = s1(PT_ARM_64_LPAE_S1, 52, TG_64K, PS_52,
				  0x200000);
	struct walk_result r;

	fake_phys_add(fp, 0x200000, 0x2000);
	fake_phys_add(fp, 0x210000, 0x10000);
	fake_phys_add(fp, W64_L3, 0x10000);
	fake_phys_write64(fp, 0x200000 + 0x1ff8, 0x210000ull | TYPE_TABLE);
	/* Table at PA 0xa_0000_0001_0000: PA[51:48] sits in bits [15:12]. */
	fake_phys_write64(fp, 0x210000 + 0xd5e0, 0x1a000ull | TYPE_TABLE);
	fake_phys_write64(fp, W64_L3 + 0x6f78,
			  0x123456780000ull | 0xf000 | AF | TYPE_PAGE);
	r = walk_at(&hw, fp, W64_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xf12345678beefull);
	CHECK_EQ_U64(r.block_pa, 0xf123456780000ull);
	CHECK_EQ_U64(r.block_size, 0x10000);
	CHECK_EQ_U64(r.level, 3);

	/* 48-bit output: the high table is out of range. */
	hw.s1.ips = PS_48;
	r = walk_at(&hw, fp, W64_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 2);

	/* 512M block at level 2 with a 52-bit OA. */
	hw.s1.ips = PS_52;
	fake_phys_write64(fp, 0x210000 + 0xd5e0,
			  0x000060000000ull | 0x3000 | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W64_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_size, 1ull << 29);
	CHECK_EQ_U64(r.block_pa, 0x3000060000000ull);
	CHECK_EQ_U64(r.pa, 0x3000060000000ull + (W64_IOVA & 0x1fffffff));

	/* 4TB block at level 1: only with a 52-bit output size. */
	fake_phys_write64(fp, 0x200000 + 0x1ff8,
			  0x040000000000ull | 0x5000 | AF | TYPE_BLOCK);
	r = walk_at(&hw, fp, W64_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_size, 1ull << 42);
	CHECK_EQ_U64(r.block_iova, 0xffc0000000000ull);
	CHECK_EQ_U64(r.pa, 0x5040000000000ull + (W64_IOVA & 0x3ffffffffffull));
	hw.s1.ips = PS_48;
	r = walk_at(&hw, fp, W64_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

/* Stage 2, 4K granule, 40-bit IPA: level 1 with two concatenated tables. */
#define S2_IOVA 0x8000a07089ull /* level-1 index 0x200, then 5 and 7 */

static void test_s2_concat_4k(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = s2(PT_ARM_64_LPAE_S2, 40, TG_4K, 1, PS_48,
				  0x300000);
	struct walk_result r;

	fake_phys_add(fp, 0x300000, 0x4000);
	/* Index 0x200 is the first entry of the second table. */
	fake_phys_write64(fp, 0x300000 + 0x1000, 0x302000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x302000 + 0x28, 0x303000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x303000 + 0x38,
			  0x55555000ull | AF | S2_AP_R | S2_AP_W | TYPE_PAGE);
	r = walk_at(&hw, fp, S2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x55555089ull);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(fake_phys_reads(fp), 3);

	/* S2AP: bit 6 grants read, bit 7 write. */
	fake_phys_write64(fp, 0x303000 + 0x38,
			  0x55555000ull | AF | S2_AP_R | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, S2_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, 0x303000 + 0x38,
			  0x55555000ull | AF | S2_AP_W | TYPE_PAGE);
	CHECK_EQ_U64(walk_at(&hw, fp, S2_IOVA).perm, HW_PERM_WRITE);
	fake_phys_write64(fp, 0x303000 + 0x38, 0x55555000ull | AF | TYPE_PAGE);
	r = walk_at(&hw, fp, S2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);

	/* The last entry of the first table: index 0x1ff. */
	fake_phys_write64(fp, 0x300000 + 0xff8,
			  0x40000000ull | AF | S2_AP_R | TYPE_BLOCK);
	r = walk_at(&hw, fp, 0x7fc0001234ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.pa, 0x40001234ull);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);

	CHECK_EQ_U64(walk_at(&hw, fp, 1ull << 40).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	/* SL0=2 starts at level 0 with a two-entry table instead. */
	hw.s2.sl = 2;
	fake_phys_write64(fp, 0x300000 + 0x8, 0x301000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x301000 + 0x0, 0x302000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x303000 + 0x38,
			  0x66666000ull | AF | S2_AP_R | TYPE_PAGE);
	r = walk_at(&hw, fp, S2_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x66666089ull);

	/* 14 index bits at level 1 would need 32 tables: not a valid VTCR. */
	hw = s2(PT_ARM_64_LPAE_S2, 44, TG_4K, 1, PS_48, 0x300000);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x1000).status,
		     XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(walk_at(&hw, fp, 0x1000).level, -1);
	fake_phys_destroy(fp);
}

/* Stage 2, 64K granule, 44-bit IPA, SL0=1: level 2 with 4 tables. */
static void test_s2_concat_64k_level2(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = s2(PT_ARM_64_LPAE_S2, 44, TG_64K, 1, PS_48,
				  0x1000000);
	uint64_t iova = (0x6abcull << 29) | (0x123ull << 16) | 0x42;
	struct walk_result r;

	fake_phys_add(fp, 0x1000000, 0x50000);
	/* Index 0x6abc lands in the fourth table at offset 0x55e0. */
	fake_phys_write64(fp, 0x1030000 + 0x55e0, 0x1040000ull | TYPE_TABLE);
	fake_phys_write64(fp, 0x1040000 + 0x918,
			  0x9990000ull | AF | S2_AP_R | S2_AP_W | TYPE_PAGE);
	r = walk_at(&hw, fp, iova);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x9990042ull);
	CHECK_EQ_U64(fake_phys_reads(fp), 2);
	fake_phys_destroy(fp);
}

/*
 * The sweep: per configuration, the start level the architecture selects
 * (written down, not computed) and pages and blocks at every level that can
 * hold them.
 */
struct lpae_cfg {
	enum pt_format fmt;
	unsigned int tg, ias, ps;
	int sl; /* stage 2 only */
	int start;
};

static const struct lpae_cfg sweep[] = {
	{ PT_ARM_64_LPAE_S1, TG_4K, 32, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_4K, 36, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_4K, 39, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_4K, 40, PS_48, 0, 0 },
	{ PT_ARM_64_LPAE_S1, TG_4K, 48, PS_48, 0, 0 },
	{ PT_ARM_32_LPAE_S1, TG_4K, 32, PS_40, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_16K, 36, PS_48, 0, 2 },
	{ PT_ARM_64_LPAE_S1, TG_16K, 40, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_16K, 47, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_16K, 48, PS_48, 0, 0 },
	{ PT_ARM_64_LPAE_S1, TG_64K, 32, PS_48, 0, 2 },
	{ PT_ARM_64_LPAE_S1, TG_64K, 42, PS_48, 0, 2 },
	{ PT_ARM_64_LPAE_S1, TG_64K, 43, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_64K, 48, PS_48, 0, 1 },
	{ PT_ARM_64_LPAE_S1, TG_64K, 52, PS_52, 0, 1 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 30, PS_48, 0, 2 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 32, PS_48, 1, 1 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 40, PS_48, 1, 1 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 42, PS_48, 1, 1 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 43, PS_48, 1, 1 },
	{ PT_ARM_64_LPAE_S2, TG_4K, 48, PS_48, 2, 0 },
	{ PT_ARM_32_LPAE_S2, TG_4K, 40, PS_40, 1, 1 },
	{ PT_ARM_64_LPAE_S2, TG_16K, 36, PS_48, 1, 2 },
	{ PT_ARM_64_LPAE_S2, TG_16K, 40, PS_48, 2, 1 },
	{ PT_ARM_64_LPAE_S2, TG_16K, 48, PS_48, 2, 1 },
	{ PT_ARM_64_LPAE_S2, TG_64K, 44, PS_48, 1, 2 },
	{ PT_ARM_64_LPAE_S2, TG_64K, 48, PS_48, 2, 1 },
	{ PT_ARM_64_LPAE_S2, TG_64K, 52, PS_52, 2, 1 },
};

struct builder {
	struct fake_phys *fp;
	unsigned int pg_shift, bpl, ias;
	int start;
	uint64_t root, next;
};

static unsigned int b_shift(const struct builder *b, int level)
{
	return b->pg_shift + (3 - level) * b->bpl;
}

static uint64_t b_table(struct builder *b, uint64_t size)
{
	uint64_t pa = b->next;

	fake_phys_add(b->fp, pa, size);
	b->next += size < 0x10000 ? 0x10000 : size;
	return pa;
}

static void b_init(struct builder *b, const struct lpae_cfg *c)
{
	b->fp = fake_phys_create();
	b->pg_shift = c->tg == TG_4K ? 12 : c->tg == TG_16K ? 14 : 16;
	b->bpl = b->pg_shift - 3;
	b->ias = c->ias;
	b->start = c->start;
	b->next = 0x10000000;
	b->root = b_table(b, 8ull << (c->ias - b_shift(b, c->start)));
}

static void b_map(struct builder *b, uint64_t iova, int leaf_level,
		  uint64_t leaf)
{
	uint64_t table = b->root, slot, desc;
	int level;

	for (level = b->start;; level++) {
		unsigned int shift = b_shift(b, level);
		unsigned int bits = level == b->start ? b->ias - shift
						      : b->bpl;

		slot = table + ((iova >> shift) & ((1ull << bits) - 1)) * 8;
		if (level == leaf_level) {
			fake_phys_write64(b->fp, slot, leaf);
			return;
		}
		desc = fake_phys_read64(b->fp, slot);
		if (!desc) {
			desc = b_table(b, 1ull << b->pg_shift) | TYPE_TABLE;
			fake_phys_write64(b->fp, slot, desc);
		}
		table = desc & ((1ull << 48) - 1) &
			~((1ull << b->pg_shift) - 1);
	}
}

static bool block_level_ok(unsigned int tg, unsigned int ps, int level)
{
	if (tg == TG_4K)
		return level == 1 || level == 2;
	if (tg == TG_16K)
		return level == 2;
	return level == 2 || (level == 1 && ps == PS_52);
}

static void check_leaf(const struct lpae_cfg *c, struct builder *b,
		       const struct hw_context *hw, uint64_t iova, uint64_t pa,
		       int level)
{
	unsigned long reads = fake_phys_reads(b->fp);
	struct walk_result r = walk_at(hw, b->fp, iova);
	unsigned int shift = b_shift(b, level);
	bool ok = r.status == XLATE_OK && r.pa == pa && r.level == level &&
		  r.block_size == 1ull << shift &&
		  r.block_iova == (iova & ~((1ull << shift) - 1)) &&
		  r.perm == RW &&
		  fake_phys_reads(b->fp) - reads ==
			  (unsigned long)(level - c->start + 1);

	CHECK(ok);
	if (!ok)
		fprintf(stderr,
			"  %s tg %u ias %u: iova 0x%llx level %d: status %s "
			"pa 0x%llx level %d\n",
			pt_format_name(c->fmt), c->tg, c->ias,
			(unsigned long long)iova, level,
			xlate_status_name(r.status), (unsigned long long)r.pa,
			r.level);
}

static void test_sweep(void)
{
	size_t i;

	for (i = 0; i < sizeof(sweep) / sizeof(sweep[0]); i++) {
		const struct lpae_cfg *c = &sweep[i];
		bool stage2 = c->fmt == PT_ARM_32_LPAE_S2 ||
			      c->fmt == PT_ARM_64_LPAE_S2;
		uint64_t perm = stage2 ? S2_AP_R | S2_AP_W : 0;
		uint64_t top = 1ull << c->ias, iova, pa;
		struct hw_context hw;
		struct builder b;
		int level;

		b_init(&b, c);
		hw = stage2 ? s2(c->fmt, c->ias, c->tg, c->sl, c->ps, b.root) :
			      s1(c->fmt, c->ias, c->tg, c->ps, b.root);

		/* Pages at the bottom and the very top of the input range. */
		iova = 3ull << b.pg_shift;
		pa = 0x300000000ull + (5ull << b.pg_shift);
		b_map(&b, iova, 3, pa | AF | perm | TYPE_PAGE);
		check_leaf(c, &b, &hw, iova + 0x123, pa + 0x123, 3);
		iova = top - (1ull << b.pg_shift);
		pa += 1ull << b.pg_shift;
		b_map(&b, iova, 3, pa | AF | perm | TYPE_PAGE);
		check_leaf(c, &b, &hw, iova + 0xfff, pa + 0xfff, 3);

		/* Blocks wherever the granule allows them. */
		for (level = c->start; level < 3; level++) {
			unsigned int shift = b_shift(&b, level);

			if (!block_level_ok(c->tg, c->ps, level))
				continue;
			iova = (top >> 1) + ((uint64_t)level << shift);
			pa = (uint64_t)(level + 1) << (shift + 1);
			CHECK(iova < top);
			b_map(&b, iova, level, pa | AF | perm | TYPE_BLOCK);
			check_leaf(c, &b, &hw, iova + (1ull << shift) - 1,
				   pa + (1ull << shift) - 1, level);
		}

		CHECK_EQ_U64(walk_at(&hw, b.fp, top).status,
			     XLATE_FAULT_ADDRESS_SIZE);
		CHECK_EQ_U64(walk_at(&hw, b.fp, top >> 2).status,
			     XLATE_FAULT_TRANSLATION);
		fake_phys_destroy(b.fp);
	}
}

int main(void)
{
	RUN_TEST(test_4k_four_levels);
	RUN_TEST(test_4k_leaf_kinds);
	RUN_TEST(test_4k_output_size);
	RUN_TEST(test_4k_hd_quirk);
	RUN_TEST(test_4k_freed_unbacked);
	RUN_TEST(test_4k_walk_cache);
	RUN_TEST(test_16k);
	RUN_TEST(test_64k_52bit);
	RUN_TEST(test_s2_concat_4k);
	RUN_TEST(test_s2_concat_64k_level2);
	RUN_TEST(test_sweep);
	return check_summary();
}
