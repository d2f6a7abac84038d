// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 walker tests. Entry offsets are worked out by hand from the APM's
 * long-mode IOVA split (level L indexes bits 12 + 9L - 1 .. 12 + 9(L - 1))
 * and written down as numbers, so that the tests do not share the walker's
 * arithmetic.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define P (1ull << 0)
#define RWB (1ull << 1)
#define US (1ull << 2)
#define PWT (1ull << 3)
#define PCD (1ull << 4)
#define A (1ull << 5)
#define D (1ull << 6)
#define PS (1ull << 7)
#define G (1ull << 8)
#define PAT_LARGE (1ull << 12)
#define NX (1ull << 63)
#define PDE(table) ((table) | US | RWB | P)
#define PAGE(pa) ((pa) | US | RWB | P)

#define RW (HW_PERM_READ | HW_PERM_WRITE)

/* Tables at 0x100000 + k * 0x1000, k = 5 - level for the main chain. */
#define T5 0x100000ull
#define T4 0x101000ull
#define T3 0x102000ull
#define T2 0x103000ull
#define T1 0x104000ull
#define TX 0x105000ull /* a spare table */

/* canonical for 57 bits; indices 0x1dc / 0x175 / 0x61 / 0x1b2 / 0x143 */
#define HI_IOVA 0xffdcba9876543210ull
#define HI_O5 0xee0
#define HI_O4 0xba8
#define HI_O3 0x308
#define HI_O2 0xd90
#define HI_O1 0xa18

static struct hw_context x86(unsigned int levels, bool sext, uint64_t root)
{
	return (struct hw_context){
		.fmt = PT_X86_64,
		.oas = 52,
		.x86_64 = {.root = root, .levels = levels, .sign_extend = sext},
	};
}

/* The chain T5 -> T1 for HI_IOVA, with @leaf in T1. */
static struct fake_phys *build_chain(uint64_t leaf)
{
	const uint64_t off[] = {HI_O5, HI_O4, HI_O3, HI_O2, HI_O1};
	const uint64_t desc[] = {PDE(T4), PDE(T3), PDE(T2), PDE(T1), leaf};

	return fake_phys_chain(T5, 5, off, desc);
}

static void test_five_levels(void)
{
	uint64_t leaf = PAGE(0x8765432000ull) | A | D | NX;
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = x86(5, true, T5);
	struct walk_result r = fake_phys_walk(&hw, fp, HI_IOVA);

	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x8765432210ull);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.block_pa, 0x8765432000ull);
	CHECK_EQ_U64(r.level, 1);
	/* NX restricts fetches only */
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, leaf);

	/* R/W clear anywhere on the way: read-only */
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~RWB);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T1 + HI_O1, leaf);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3) & ~RWB);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3));
	/* U/S clear anywhere: DMA is a user access, and gets nothing */
	fake_phys_write64(fp, T5 + HI_O5, PDE(T4) & ~US);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);
	fake_phys_write64(fp, T5 + HI_O5, PDE(T4));
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~US);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);

	/* not present at a level: a fault there */
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~P);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.pte, leaf & ~P);
	fake_phys_write64(fp, T3 + HI_O3, PDE(T2) & ~P);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9840000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	/* the neighbouring PML5 entry is empty */
	r = fake_phys_walk(&hw, fp, HI_IOVA - (1ull << 48));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 5);
	CHECK_EQ_U64(r.block_iova, 0xffdb000000000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 48);
	fake_phys_destroy(fp);
}

/* Sign-extended and zero-extended IOVAs, over 4 and 5 levels. */
static void test_canonical(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = x86(4, true, T4);
	unsigned long reads;
	struct walk_result r;

	fake_phys_add(fp, T4, 0x2000);
	/* PML4 entries 0xff and 0x100, each a 1G page at PDPT entry 0 */
	fake_phys_write64(fp, T4 + 0x7f8, PDE(T3));
	fake_phys_write64(fp, T4 + 0x800, PDE(T3));
	fake_phys_write64(fp, T3, PAGE(0x40000000ull) | PS);
	fake_phys_write64(fp, T3 + 0xff8, PAGE(0x80000000ull) | PS);
	/* the top of the lower half */
	r = fake_phys_walk(&hw, fp, 0x00007fffffffffffull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xbfffffffull);
	/* the bottom of the upper half: entry 0x100 */
	r = fake_phys_walk(&hw, fp, 0xffff800000000123ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x40000123ull);
	CHECK_EQ_U64(r.block_iova, 0xffff800000000000ull);
	/* between the halves: faults without a read */
	reads = fake_phys_reads(fp);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x0000800000000000ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xffff7fffffffffffull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x0001000000000000ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_reads(fp), reads);

	/* zero-extended: entry 0x100 is 2^47 up, and the top is out */
	hw.x86_64.sign_extend = false;
	r = fake_phys_walk(&hw, fp, 0x0000800000000123ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x40000123ull);
	CHECK_EQ_U64(r.block_iova, 0x0000800000000000ull);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xffff800000000123ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 48).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	/* five levels: 57 bits, PML5 entry 0x100 is the upper half's start */
	hw = x86(5, true, TX);
	fake_phys_add(fp, TX, 0x1000);
	fake_phys_write64(fp, TX + 0x800, PDE(T4));
	r = fake_phys_walk(&hw, fp, 0xff00000000000123ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	r = fake_phys_walk(&hw, fp, 0xff00800000000123ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x40000123ull);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x0100800000000123ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xfe00800000000123ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	hw.x86_64.sign_extend = false;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x0100800000000123ull).status,
		     XLATE_OK);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xff00800000000123ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	/* 3 or 6 levels: nothing translates */
	hw.x86_64.levels = 3;
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, -1);
	hw.x86_64.levels = 6;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1000).level, -1);
	fake_phys_destroy(fp);
}

static void test_large_pages(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = x86(4, false, T4);
	struct walk_result r;

	fake_phys_add(fp, T4, 0x4000);
	fake_phys_write64(fp, T4, PDE(T3));
	/* a 1G page at PDPT entry 5, PAT set: bit 12 is no address bit */
	fake_phys_write64(fp, T3 + 5 * 8,
			  PAGE(0x1c0000000ull) | PAT_LARGE | G | PS);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x1c0123456ull);
	CHECK_EQ_U64(r.block_iova, 0x140000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.perm, RW);
	/* a 2M page at PD entry 3 of the directory behind PDPT entry 6 */
	fake_phys_write64(fp, T3 + 6 * 8, PDE(T2));
	fake_phys_write64(fp, T2 + 3 * 8,
			  (PAGE(0x80200000ull) | PAT_LARGE | PS) & ~RWB);
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80212345ull);
	CHECK_EQ_U64(r.block_iova, 0x180600000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	CHECK_EQ_U64(r.block_pa, 0x80200000ull);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	/* bit 7 of a PTE is PAT: still a 4K page */
	fake_phys_write64(fp, T2 + 4 * 8, PDE(T1));
	fake_phys_write64(fp, T1 + 2 * 8, PAGE(0x5000ull) | PS);
	r = fake_phys_walk(&hw, fp, 0x180802abcull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5abcull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.level, 1);

	/* a large page's address bits below its size but PAT are reserved */
	fake_phys_write64(fp, T2 + 3 * 8, PAGE(0x80202000ull) | PS);
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	fake_phys_write64(fp, T2 + 3 * 8, PAGE(0x80300000ull) | PS);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x180612345ull).status,
		     XLATE_FAULT_TRANSLATION);
	fake_phys_write64(fp, T3 + 5 * 8, PAGE(0x1e0000000ull) | PS);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	/* PS in a PML4E is reserved, not a 512G page */
	fake_phys_write64(fp, T4 + 8, PAGE(0) | PS);
	r = fake_phys_walk(&hw, fp, 1ull << 39);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	fake_phys_destroy(fp);

	/* ...and in a PML5E */
	fp = fake_phys_create();
	hw = x86(5, true, T5);
	fake_phys_add(fp, T5, 0x1000);
	fake_phys_write64(fp, T5, PAGE(0) | PS);
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 5);
	fake_phys_destroy(fp);
}

static void test_reserved_and_ignored(void)
{
	uint64_t leaf = PAGE(0x5000ull);
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = x86(5, true, T5);
	struct walk_result r;

	/* ignored: available bits, protection keys, G and D in tables, ... */
	fake_phys_write64(fp, T3 + HI_O3,
			  PDE(T2) | NX | (0x7ffull << 52) | (7ull << 9) | G |
				  D | A | PCD | PWT);
	fake_phys_write64(fp, T1 + HI_O1,
			  leaf | (0x7ffull << 52) | (7ull << 9) | G | D | A);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5210ull);
	CHECK_EQ_U64(r.perm, RW);

	/* address bits at or above the physical address width */
	hw.oas = 39;
	fake_phys_write64(fp, T1 + HI_O1, leaf | (1ull << 39));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_write64(fp, T1 + HI_O1, leaf | (1ull << 38));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).pa, 0x4000005210ull);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3 | (1ull << 51)));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 4);
	hw.oas = 52;
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3));
	/* the root pointer too; its low 12 bits are not address */
	hw.x86_64.root = T5 | PCD | PWT;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	hw.x86_64.root = 1ull << 52;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_freed_and_unbacked(void)
{
	struct fake_phys *fp = build_chain(PAGE(0x5000ull));
	struct hw_context hw = x86(5, true, T5);
	struct walk_result r;

	fake_phys_write64(fp, T2 + HI_O2, PDE(0x900000ull));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.pte, 0);
	fake_phys_destroy(fp);

	fp = fake_phys_create();
	fake_phys_add(fp, T5, 0x1000);
	fake_phys_add(fp, T4, 0x1000);
	fake_phys_write64(fp, T5 + HI_O5, PDE(T4));
	fake_phys_free(fp, T4);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(r.block_iova, 0xffdcba8000000000ull);
	hw.x86_64.root = 0x900000ull;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_WALK_UNBACKED);
	fake_phys_destroy(fp);
}

static void test_walk_cache(void)
{
	struct fake_phys *fp = build_chain(PAGE(0x5000ull));
	struct hw_context hw = x86(5, true, T5);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = {.answer = true};
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	const struct walk_cache_entry *e;
	unsigned long reads;
	struct walk_result r;

	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 4);
	/* the regions keep the IOVA's sign bits */
	e = walk_cache_rec_at(&rec, 5);
	CHECK(e && e->next_table_pa == T4 && e->span == 1ull << 48 &&
	      e->iova == 0xffdc000000000000ull);
	e = walk_cache_rec_at(&rec, 2);
	CHECK(e && e->next_table_pa == T1 && e->span == 1ull << 21 &&
	      e->iova == 0xffdcba9876400000ull);
	/* resumed from the PDE: one read */
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5210ull);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);
	fake_phys_destroy(fp);

	/* nothing is cached below an entry that takes a right away */
	for (unsigned int i = 0; i < 2; i++) {
		fp = build_chain(PAGE(0x5000ull));
		mem = fake_phys_reader(fp);
		rec = (struct walk_cache_rec){.answer = true};
		wc = walk_cache_rec_ops(&rec);
		fake_phys_write64(fp, T4 + HI_O4, PDE(T3) & ~(i ? US : RWB));
		r = hw_walk(&hw, &mem, &wc, HI_IOVA);
		CHECK_EQ_U64(r.status, XLATE_OK);
		CHECK_EQ_U64(r.perm, i ? 0 : HW_PERM_READ);
		CHECK_EQ_U64(rec.nr, 1);
		CHECK(walk_cache_rec_at(&rec, 5) != NULL);
		fake_phys_destroy(fp);
	}
}

static void test_hole_scan(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = x86(4, true, T4);
	struct walk_result r;

	fake_phys_add(fp, T4, 0x1000);
	hw.scan_holes_until = ~0ull;
	/* an empty lower half: the run stops at the non-canonical gap */
	r = fake_phys_walk(&hw, fp, 0);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(r.hole_size, 1ull << 47);
	/* an empty upper half runs to the top of the space */
	r = fake_phys_walk(&hw, fp, 0xffff800000000000ull);
	CHECK_EQ_U64(r.block_iova, 0xffff800000000000ull);
	CHECK_EQ_U64(r.hole_size, 1ull << 47);
	/* zero-extended, the whole table is one run */
	hw.x86_64.sign_extend = false;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0).hole_size, 1ull << 48);
	/* a present entry ends the run, and @until bounds it */
	fake_phys_write64(fp, T4 + 8 * 5, PDE(TX) & ~US & ~RWB);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 39).hole_size, 4ull << 39);
	hw.scan_holes_until = (2ull << 39) + 5;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 39).hole_size, 2ull << 39);
	hw.scan_holes_until = 0;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 39).hole_size, 1ull << 39);
	fake_phys_destroy(fp);
}

/* A supervisor-only page: the IOTLB reports a permission fault. */
static void test_iotlb_user_access(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = x86(4, true, T4);
	struct phys_reader mem = fake_phys_reader(fp);
	struct iotlb_config cfg = {.walk_cache = true};
	struct iotlb *tlb;
	struct xlate_result x;

	fake_phys_add(fp, T4, 0x3000);
	fake_phys_write64(fp, T4, PDE(T3));
	fake_phys_write64(fp, T3, PDE(T2));
	fake_phys_write64(fp, T2, PAGE(0x600000ull) | PS);
	fake_phys_write64(fp, T2 + 8, (PAGE(0x800000ull) | PS) & ~US);
	hw.pgsize_bitmap = 0x40201000ul;
	tlb = iotlb_create(&cfg, &hw, &mem);
	x = iotlb_access(tlb, 0x123456, HW_PERM_WRITE);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, 0x723456ull);
	CHECK_EQ_U64(x.entry.size, 0x200000);
	x = iotlb_access(tlb, 0x323456, HW_PERM_READ);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	iotlb_destroy(tlb);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_five_levels);
	RUN_TEST(test_canonical);
	RUN_TEST(test_large_pages);
	RUN_TEST(test_reserved_and_ignored);
	RUN_TEST(test_freed_and_unbacked);
	RUN_TEST(test_walk_cache);
	RUN_TEST(test_hole_scan);
	RUN_TEST(test_iotlb_user_access);
	return check_summary();
}
