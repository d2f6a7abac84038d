// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD v1 walker tests. Entry offsets are worked out by hand from the
 * specification's IOVA split (level L indexes bits 12 + 9L - 1 .. 12 +
 * 9(L - 1), level 6 bits 63:57) and written down as numbers, so that the
 * tests do not share the walker's arithmetic.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define PR 1ull
#define IR (1ull << 61)
#define IW (1ull << 62)
#define FC (1ull << 60)
#define NL(n) ((uint64_t)(n) << 9)
#define PDE(table, level) ((table) | NL(level) | IR | IW | PR)

#define RW (HW_PERM_READ | HW_PERM_WRITE)

/* Tables at 0x100000 + k * 0x1000, k = 6 - level for the main chain. */
#define T6 0x100000ull
#define T5 0x101000ull
#define T4 0x102000ull
#define T3 0x103000ull
#define T2 0x104000ull
#define T1 0x105000ull
#define TX 0x106000ull /* a spare table */

/* indices 0x7f / 0xdc / 0x175 / 0x61 / 0x1b2 / 0x143 */
#define HI_IOVA 0xfedcba9876543210ull
#define HI_O6 0x3f8
#define HI_O5 0x6e0
#define HI_O4 0xba8
#define HI_O3 0x308
#define HI_O2 0xd90
#define HI_O1 0xa18

static struct hw_context amd(unsigned int mode, uint64_t root)
{
	return (struct hw_context){
		.fmt = PT_AMD_V1,
		.ias = 64,
		.oas = 52,
		.amdv1 = {.root = root, .mode = mode},
	};
}

/* The chain T6 -> T1 for HI_IOVA, with @leaf in T1. */
static struct fake_phys *build_chain(uint64_t leaf)
{
	const uint64_t off[] = {HI_O6, HI_O5, HI_O4, HI_O3, HI_O2, HI_O1};
	const uint64_t desc[] = {PDE(T5, 5), PDE(T4, 4), PDE(T3, 3),
				 PDE(T2, 2), PDE(T1, 1), leaf};

	return fake_phys_chain(T6, 6, off, desc);
}

static void test_six_levels(void)
{
	uint64_t leaf = 0x8765432000ull | IR | IW | FC | PR;
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = amd(6, T6);
	struct walk_result r = fake_phys_walk(&hw, fp, HI_IOVA);

	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x8765432210ull);
	CHECK_EQ_U64(r.block_iova, 0xfedcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, leaf);

	/* permissions: the leaf's, and every table entry's on the way */
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~IW);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~IR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_WRITE);
	fake_phys_write64(fp, T1 + HI_O1, leaf);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3, 3) & ~IW);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3, 3));

	/* not present at each level: a fault there */
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~PR);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_size, 0x1000);
	fake_phys_write64(fp, T5 + HI_O5, 0);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 5);
	CHECK_EQ_U64(r.block_iova, 0xfedc000000000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 48);

	/* the neighbouring root entry is empty */
	r = fake_phys_walk(&hw, fp, HI_IOVA - (1ull << 57));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 6);
	CHECK_EQ_U64(r.block_size, 1ull << 57);
	fake_phys_destroy(fp);
}

/* The last page of the address space, through entry 0x7f then 0x1ff. */
static void test_top_of_space(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(6, T6);
	struct walk_result r;

	fake_phys_add(fp, T6, 0x7000);
	fake_phys_write64(fp, T6 + 0x3f8, PDE(T5, 5));
	fake_phys_write64(fp, T5 + 0xff8, PDE(T4, 4));
	fake_phys_write64(fp, T4 + 0xff8, PDE(T3, 3));
	fake_phys_write64(fp, T3 + 0xff8, PDE(T2, 2));
	fake_phys_write64(fp, T2 + 0xff8, PDE(T1, 1));
	fake_phys_write64(fp, T1 + 0xff8, 0x40000000ull | IR | IW | PR);
	r = fake_phys_walk(&hw, fp, ~0ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x40000fffull);
	CHECK_EQ_U64(r.block_iova, 0xfffffffffffff000ull);
	r = fake_phys_walk(&hw, fp, 0xffffffffffffe000ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);

	/* a 2^52 page ending at 2^64: 16 replicas at level 5, index 0x1f0 on */
	for (unsigned int i = 0x1f0; i < 0x200; i++)
		fake_phys_write64(fp, T5 + 8 * i,
				  0x0007fffffffff000ull | NL(7) | IR | IW | PR);
	r = fake_phys_walk(&hw, fp, 0xfff0000000000000ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0);
	CHECK_EQ_U64(r.block_size, 1ull << 52);
	CHECK_EQ_U64(r.level, 5);
	r = fake_phys_walk(&hw, fp, ~0ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xfffffffffffffull);
	CHECK_EQ_U64(r.block_iova, 0xfff0000000000000ull);
	/* ...but not with a 48-bit output size */
	hw.oas = 48;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, ~0ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

/* NextLevel 0 above level 1: a page of the level's own size. */
static void test_default_size_pages(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(3, T3);
	struct walk_result r;

	fake_phys_add(fp, T3, 0x2000);
	/* a 1G page at entry 5; address bits below 1G are not output */
	fake_phys_write64(fp, T3 + 5 * 8, 0x1c0000000ull | 0x1000 | IR | PR);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x1c0123456ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	/* a 2M page at level 2 entry 3 of the table behind entry 6 */
	fake_phys_write64(fp, T3 + 6 * 8, PDE(T2, 2));
	fake_phys_write64(fp, T2 + 3 * 8, 0x80200000ull | IW | PR);
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80212345ull);
	CHECK_EQ_U64(r.block_iova, 0x180600000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	CHECK_EQ_U64(r.perm, HW_PERM_WRITE);

	/* mode 3 reaches 2^39: beyond it, no walk at all */
	r = fake_phys_walk(&hw, fp, 1ull << 39);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	hw.amdv1.mode = 0;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x140123456ull).status,
		     XLATE_FAULT_TRANSLATION);
	hw.amdv1.mode = 7;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x140123456ull).level, -1);
	fake_phys_destroy(fp);

	/* level 6's own size, 2^57, cannot be output in 52 bits */
	fp = fake_phys_create();
	hw = amd(6, T6);
	fake_phys_add(fp, T6, 0x1000);
	fake_phys_write64(fp, T6 + 8, IR | IW | PR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 57).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

/* NextLevel 7: the size is in the address's low bits. */
static void test_sized_pages(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(2, T2);
	struct walk_result r;

	fake_phys_add(fp, T2, 0x2000);
	fake_phys_write64(fp, T2, PDE(T1, 1));
	/* a 16K page at 0x8000 (entries 8..11) for PA 0x7654c000: bit 12 set */
	for (unsigned int i = 8; i < 12; i++)
		fake_phys_write64(fp, T1 + 8 * i,
				  0x7654d000ull | NL(7) | IR | IW | PR);
	for (uint64_t iova = 0x8000; iova < 0xc000; iova += 0x1000) {
		r = fake_phys_walk(&hw, fp, iova + 0x10);
		CHECK_EQ_U64(r.status, XLATE_OK);
		CHECK_EQ_U64(r.pa, 0x7654c010ull + (iova - 0x8000));
		CHECK_EQ_U64(r.block_iova, 0x8000);
		CHECK_EQ_U64(r.block_size, 0x4000);
		CHECK_EQ_U64(r.block_pa, 0x7654c000ull);
		CHECK_EQ_U64(r.level, 1);
	}
	/* an 8K page: bit 12 clear */
	fake_phys_write64(fp, T1 + 8 * 20, 0x12344000ull | NL(7) | IR | PR);
	r = fake_phys_walk(&hw, fp, 0x14abcull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x12344abcull);
	CHECK_EQ_U64(r.block_size, 0x2000);
	/* 1M, the largest a level-1 entry holds: bits 12..18 set */
	fake_phys_write64(fp, T1 + 8 * 256, 0x3007f000ull | NL(7) | IR | PR);
	r = fake_phys_walk(&hw, fp, 0x100abcull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x30000abcull);
	CHECK_EQ_U64(r.block_size, 0x100000);
	/* the entry for 0x1ff000 is the software's to replicate */
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1fffffull).status,
		     XLATE_FAULT_TRANSLATION);
	/* 2M written in a level-1 entry is no size that level has */
	fake_phys_write64(fp, T1 + 8 * 40, 0x300ff000ull | NL(7) | IR | PR);
	r = fake_phys_walk(&hw, fp, 0x28000ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);

	/* a 4M page at level 2: two replicas, bits 12..20 set */
	fake_phys_write64(fp, T2 + 8 * 4, 0x801ff000ull | NL(7) | IR | IW | PR);
	fake_phys_write64(fp, T2 + 8 * 5, 0x801ff000ull | NL(7) | IR | IW | PR);
	r = fake_phys_walk(&hw, fp, 0xa12345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80212345ull);
	CHECK_EQ_U64(r.block_iova, 0x800000);
	CHECK_EQ_U64(r.block_size, 0x400000);
	CHECK_EQ_U64(r.level, 2);
	/* 2M with NextLevel 7 at level 2: the level's own size, not allowed */
	fake_phys_write64(fp, T2 + 8 * 6, 0x800ff000ull | NL(7) | IR | PR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xc00000ull).status,
		     XLATE_FAULT_TRANSLATION);
	/* every address bit set: no size at all */
	fake_phys_write64(fp, T2 + 8 * 7, 0xffffffffff000ull | NL(7) | IR | PR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xe00000ull).status,
		     XLATE_FAULT_TRANSLATION);
	fake_phys_destroy(fp);
}

static void test_malformed(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(3, T3);
	struct walk_result r;

	fake_phys_add(fp, T3, 0x2000);
	fake_phys_add(fp, T1, 0x1000);
	/* a level-3 entry pointing at a level-3 table */
	fake_phys_write64(fp, T3, PDE(T2, 3));
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	/* a level-1 entry with a next level */
	fake_phys_write64(fp, T3, PDE(T2, 2));
	fake_phys_write64(fp, T2, PDE(T1, 1));
	fake_phys_write64(fp, T1 + 8, PDE(0x5000, 1));
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	/* a reserved bit */
	fake_phys_write64(fp, T1 + 8, 0x5000ull | (1ull << 52) | IR | PR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1000).status,
		     XLATE_FAULT_TRANSLATION);
	fake_phys_write64(fp, T1 + 8, 0x5000ull | IR | PR);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1000).status, XLATE_OK);
	/* a table beyond the output size */
	hw.oas = 40;
	fake_phys_write64(fp, T2, PDE(1ull << 40, 1));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1000).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	/* freed table memory */
	hw.oas = 52;
	fake_phys_write64(fp, T2, PDE(T1, 1));
	fake_phys_free(fp, T1);
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_destroy(fp);
}

/* A level-6 entry straight to a level-3 table. */
static void test_level_skipping(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(6, T6);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = {.answer = true};
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	struct walk_result r;

	fake_phys_add(fp, T6, 0x7000);
	/* root entry 2 covers [2^58, 3 * 2^57) */
	fake_phys_write64(fp, T6 + 16, PDE(T3, 3));
	fake_phys_write64(fp, T3 + 8 * 7, 0x7c0000000ull | IR | IW | PR);
	r = hw_walk(&hw, &mem, &wc, (2ull << 57) + (7ull << 30) + 0x1234);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x7c0001234ull);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	/* the skipping entry is not cached: it decides more than a table */
	CHECK(walk_cache_rec_at(&rec, 6) == NULL);
	/* IOVA bits 56:39, which levels 5 and 4 would index, must be zero */
	r = fake_phys_walk(&hw, fp, (2ull << 57) + (1ull << 39) + (7ull << 30));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 6);
	r = fake_phys_walk(&hw, fp, (2ull << 57) + (1ull << 56) + (7ull << 30));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	/* bits below the level-3 index are the table's business */
	r = fake_phys_walk(&hw, fp, (2ull << 57) + (8ull << 30));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	fake_phys_destroy(fp);
}

static void test_walk_cache(void)
{
	struct fake_phys *fp = build_chain(0x1000ull | IR | IW | PR);
	struct hw_context hw = amd(6, T6);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = {.answer = true};
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	const struct walk_cache_entry *e;
	unsigned long reads;
	struct walk_result r;

	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 5);
	e = walk_cache_rec_at(&rec, 6);
	CHECK(e && e->next_table_pa == T5 && e->span == 1ull << 57 &&
	      e->iova == 0xfe00000000000000ull);
	e = walk_cache_rec_at(&rec, 2);
	CHECK(e && e->next_table_pa == T1 && e->span == 1ull << 21 &&
	      e->iova == 0xfedcba9876400000ull);
	/* resumed from the level-2 entry: one read */
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);

	/* a read-only table entry is not cached, nor anything below it */
	fake_phys_destroy(fp);
	fp = build_chain(0x1000ull | IR | IW | PR);
	mem = fake_phys_reader(fp);
	rec = (struct walk_cache_rec){.answer = true};
	wc = walk_cache_rec_ops(&rec);
	fake_phys_write64(fp, T5 + HI_O5, PDE(T4, 4) & ~IW);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	CHECK_EQ_U64(rec.nr, 1);
	CHECK(walk_cache_rec_at(&rec, 6) != NULL);
	fake_phys_destroy(fp);
}

/* The harness's hole scan, up to the whole 64-bit space. */
static void test_hole_scan(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(6, T6);
	struct walk_result r;

	fake_phys_add(fp, T6, 0x1000);
	hw.scan_holes_until = ~0ull;
	/* an empty root from entry 0: the run stops short of 2^64 */
	r = fake_phys_walk(&hw, fp, 0);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.hole_size, 127ull << 57);
	/* from entry 1 on it reaches 2^64 exactly */
	r = fake_phys_walk(&hw, fp, 1ull << 57);
	CHECK_EQ_U64(r.hole_size, 127ull << 57);
	/* a present entry ends the run */
	fake_phys_write64(fp, T6 + 8 * 5, PDE(T5, 5));
	r = fake_phys_walk(&hw, fp, 1ull << 57);
	CHECK_EQ_U64(r.hole_size, 4ull << 57);
	/* and @until bounds it */
	hw.scan_holes_until = (2ull << 57) + 5;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 57).hole_size, 2ull << 57);
	/* without the scan, one entry */
	hw.scan_holes_until = 0;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 57).hole_size, 1ull << 57);
	fake_phys_destroy(fp);
}

/* The IOTLB caches a replicated page as one entry of its whole size. */
static void test_iotlb_fill(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = amd(2, T2);
	struct phys_reader mem = fake_phys_reader(fp);
	struct iotlb_config cfg = {.walk_cache = true};
	struct iotlb *tlb;
	struct xlate_result x;

	fake_phys_add(fp, T2, 0x2000);
	fake_phys_write64(fp, T2 + 8 * 4, 0x801ff000ull | NL(7) | IR | IW | PR);
	fake_phys_write64(fp, T2 + 8 * 5, 0x801ff000ull | NL(7) | IR | IW | PR);
	hw.pgsize_bitmap = 0x1000;
	tlb = iotlb_create(&cfg, &hw, &mem);
	x = iotlb_access(tlb, 0x900000, HW_PERM_WRITE);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.entry.size, 0x400000);
	/* the other replica's half hits the same entry */
	x = iotlb_access(tlb, 0xa00000, HW_PERM_READ);
	CHECK(x.hit);
	CHECK_EQ_U64(x.pa, 0x80200000ull);
	iotlb_destroy(tlb);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_six_levels);
	RUN_TEST(test_top_of_space);
	RUN_TEST(test_default_size_pages);
	RUN_TEST(test_sized_pages);
	RUN_TEST(test_malformed);
	RUN_TEST(test_level_skipping);
	RUN_TEST(test_walk_cache);
	RUN_TEST(test_hole_scan);
	RUN_TEST(test_iotlb_fill);
	return check_summary();
}
