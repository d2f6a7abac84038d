// SPDX-License-Identifier: GPL-2.0-only
/*
 * VT-d second-stage walker tests. Entry offsets are worked out by hand from
 * the specification's IOVA split (level L indexes bits 12 + 9L - 1 ..
 * 12 + 9(L - 1)) and written down as numbers, so that the tests do not
 * share the walker's arithmetic.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define R (1ull << 0)
#define W (1ull << 1)
#define X (1ull << 2)
#define PS (1ull << 7)
#define SNP (1ull << 11)
#define PDE(table) ((table) | R | W)

#define RW (HW_PERM_READ | HW_PERM_WRITE)

/* Tables at 0x100000 + k * 0x1000, k = 5 - level for the main chain. */
#define T5 0x100000ull
#define T4 0x101000ull
#define T3 0x102000ull
#define T2 0x103000ull
#define T1 0x104000ull
#define TX 0x105000ull /* a spare table */

/* indices 0x1dc / 0x175 / 0x61 / 0x1b2 / 0x143 */
#define HI_IOVA 0x01dcba9876543210ull
#define HI_O5 0xee0
#define HI_O4 0xba8
#define HI_O3 0x308
#define HI_O2 0xd90
#define HI_O1 0xa18

static struct hw_context vtd(unsigned int aw, uint64_t root)
{
	return (struct hw_context){
		.fmt = PT_VTD_SS,
		.oas = 52,
		.vtdss = {.root = root, .aw = aw},
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
	uint64_t leaf = 0x8765432000ull | R | W;
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = vtd(3, T5);
	struct walk_result r = fake_phys_walk(&hw, fp, HI_IOVA);

	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x8765432210ull);
	CHECK_EQ_U64(r.block_iova, 0x01dcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.block_pa, 0x8765432000ull);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, leaf);

	/* the leaf's rights, intersected with every table entry's */
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~W);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~R);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_WRITE);
	fake_phys_write64(fp, T1 + HI_O1, leaf);
	/* a write-only table pointer still leads on: to write-only pages */
	fake_phys_write64(fp, T4 + HI_O4, T3 | W);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, HW_PERM_WRITE);
	/* read-only above, write-only below: the translation grants nothing */
	fake_phys_write64(fp, T4 + HI_O4, T3 | R);
	fake_phys_write64(fp, T1 + HI_O1, leaf & ~R);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3));
	fake_phys_write64(fp, T1 + HI_O1, leaf);

	/* R and W both clear: not present, X or no X */
	fake_phys_write64(fp, T1 + HI_O1, 0x8765432000ull | X);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_iova, 0x01dcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	fake_phys_write64(fp, T3 + HI_O3, T2 | X);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_iova, 0x01dcba9840000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);

	/* the neighbouring top-level entry is empty */
	r = fake_phys_walk(&hw, fp, HI_IOVA - (1ull << 48));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 5);
	CHECK_EQ_U64(r.block_iova, 0x01db000000000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 48);
	fake_phys_destroy(fp);
}

/* AW picks the depth and the IOVA width; bits above it fault unread. */
static void test_widths(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = vtd(1, T3);
	unsigned long reads;
	struct walk_result r;

	fake_phys_add(fp, T3, 0x3000);
	/* the last 4K of a 39-bit space: entries 0x1ff, 0x1ff, 0x1ff */
	fake_phys_write64(fp, T3 + 0xff8, PDE(T2));
	fake_phys_write64(fp, T2 + 0xff8, PDE(T1));
	fake_phys_write64(fp, T1 + 0xff8, 0x7000ull | R);
	r = fake_phys_walk(&hw, fp, 0x7fffffffffull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x7fffull);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	reads = fake_phys_reads(fp);
	r = fake_phys_walk(&hw, fp, 1ull << 39);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_reads(fp), reads);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, ~0ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);

	/* AW 2: four levels, 48 bits; the same table is now level 4 */
	hw = vtd(2, T3);
	fake_phys_write64(fp, T3 + 0xff8, 0);
	fake_phys_write64(fp, T3 + 0x8, PDE(T2));
	/* 0x0000_00ff_ffff_f000: entries 1, 0x1ff, 0x1ff, 0x1ff */
	fake_phys_write64(fp, T1 + 0xff8, PDE(TX));
	fake_phys_add(fp, TX, 0x1000);
	fake_phys_write64(fp, TX + 0xff8, 0x9000ull | R | W);
	r = fake_phys_walk(&hw, fp, 0xfffffff123ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x9123ull);
	CHECK_EQ_U64(r.block_iova, 0xfffffff000ull);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 48).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	/* an MGAW narrower than AW, set as ias, cuts the space further */
	hw.ias = 39;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xfffffff123ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	hw.ias = 40;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xfffffff123ull).status, XLATE_OK);

	/* AW 0 (once 2-level) and 4..7 are reserved: nothing translates */
	for (unsigned int aw = 0; aw < 8; aw += aw == 0 ? 4 : 1) {
		hw = vtd(aw, T3);
		r = fake_phys_walk(&hw, fp, 0x1000);
		CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
		CHECK_EQ_U64(r.level, -1);
	}
	fake_phys_destroy(fp);
}

static void test_superpages(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = vtd(2, T4);
	struct walk_result r;

	fake_phys_add(fp, T4, 0x4000);
	fake_phys_write64(fp, T4, PDE(T3));
	/* a 1G page at level-3 entry 5, with SNP, EMT, IPAT, A, D set */
	fake_phys_write64(fp, T3 + 5 * 8,
			  0x1c0000000ull | SNP | (7ull << 3) | (1ull << 6) |
				  (3ull << 8) | PS | R);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x1c0123456ull);
	CHECK_EQ_U64(r.block_iova, 0x140000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	/* a 2M page at level-2 entry 3 of the table behind level-3 entry 6 */
	fake_phys_write64(fp, T3 + 6 * 8, PDE(T2));
	fake_phys_write64(fp, T2 + 3 * 8, 0x80200000ull | PS | R | W);
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80212345ull);
	CHECK_EQ_U64(r.block_iova, 0x180600000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.perm, RW);
	/* bit 7 means nothing at level 1: still a 4K page */
	fake_phys_write64(fp, T2 + 4 * 8, PDE(T1));
	fake_phys_write64(fp, T1 + 2 * 8, 0x5000ull | PS | R | W);
	r = fake_phys_walk(&hw, fp, 0x180802abcull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5abcull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.level, 1);

	/* a superpage's address bits below its size are reserved */
	fake_phys_write64(fp, T2 + 3 * 8, 0x80201000ull | PS | R | W);
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	fake_phys_write64(fp, T3 + 5 * 8, 0x1c0200000ull | PS | R);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	/* PS at level 4 is reserved, not a 512G page */
	fake_phys_write64(fp, T4 + 8, PS | R | W);
	r = fake_phys_walk(&hw, fp, 1ull << 39);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	fake_phys_destroy(fp);

	/* ...and at level 5 */
	fp = fake_phys_create();
	hw = vtd(3, T5);
	fake_phys_add(fp, T5, 0x1000);
	fake_phys_write64(fp, T5, PS | R | W);
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 5);
	fake_phys_destroy(fp);
}

static void test_reserved(void)
{
	uint64_t leaf = 0x5000ull | R | W;
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = vtd(3, T5);
	struct walk_result r;

	/* ignored: bits 63, 61:52, 10:8, 6:3 of a table pointer */
	fake_phys_write64(fp, T3 + HI_O3,
			  PDE(T2) | (1ull << 63) | (0x3ffull << 52) |
				  (7ull << 8) | (0xfull << 3));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	/* bit 62 is reserved, in table pointers and pages */
	fake_phys_write64(fp, T3 + HI_O3, PDE(T2) | (1ull << 62));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.pte, PDE(T2) | (1ull << 62));
	fake_phys_write64(fp, T3 + HI_O3, PDE(T2));
	fake_phys_write64(fp, T1 + HI_O1, leaf | (1ull << 62));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	/* SNP: fine in a page, reserved in a table pointer */
	fake_phys_write64(fp, T1 + HI_O1, leaf | SNP);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	fake_phys_write64(fp, T2 + HI_O2, PDE(T1) | SNP);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	fake_phys_write64(fp, T2 + HI_O2, PDE(T1));

	/* address bits at or above the host address width */
	hw.oas = 39;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	fake_phys_write64(fp, T1 + HI_O1, (1ull << 39) | leaf);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_write64(fp, T1 + HI_O1, (1ull << 38) | leaf);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).pa, 0x4000005210ull);
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3 | (1ull << 45)));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 4);
	hw.oas = 52;
	fake_phys_write64(fp, T4 + HI_O4, PDE(T3));
	/* the root pointer too, and its low 12 bits are not address */
	hw.vtdss.root = T5 | 0xfff;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	hw.vtdss.root = 1ull << 52;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_freed_and_unbacked(void)
{
	struct fake_phys *fp = build_chain(0x5000ull | R | W);
	struct hw_context hw = vtd(3, T5);
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
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	hw.vtdss.root = 0x900000ull;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_WALK_UNBACKED);
	fake_phys_destroy(fp);
}

static void test_walk_cache(void)
{
	struct fake_phys *fp = build_chain(0x5000ull | R | W);
	struct hw_context hw = vtd(3, T5);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = {.answer = true};
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	const struct walk_cache_entry *e;
	unsigned long reads;
	struct walk_result r;

	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 4);
	e = walk_cache_rec_at(&rec, 5);
	CHECK(e && e->next_table_pa == T4 && e->span == 1ull << 48 &&
	      e->iova == 0x01dc000000000000ull);
	e = walk_cache_rec_at(&rec, 2);
	CHECK(e && e->next_table_pa == T1 && e->span == 1ull << 21 &&
	      e->iova == 0x01dcba9876400000ull);
	CHECK(walk_cache_rec_at(&rec, 1) == NULL);
	/* resumed from the level-2 entry: one read */
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5210ull);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);
	/* what the cache says wins over the tables: a stale pointer is used */
	rec.e[0].next_table_pa = TX; /* level 5 was recorded first */
	for (unsigned int i = 1; i < rec.nr; i++)
		rec.e[i].level = 99;
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);
	fake_phys_destroy(fp);

	/* below a read-only table pointer nothing is cached */
	fp = build_chain(0x5000ull | R | W);
	mem = fake_phys_reader(fp);
	rec = (struct walk_cache_rec){.answer = true};
	wc = walk_cache_rec_ops(&rec);
	fake_phys_write64(fp, T4 + HI_O4, T3 | R);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	CHECK_EQ_U64(rec.nr, 1);
	CHECK(walk_cache_rec_at(&rec, 5) != NULL);
	fake_phys_destroy(fp);
}

static void test_hole_scan(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = vtd(1, T3);
	struct walk_result r;

	fake_phys_add(fp, T3, 0x1000);
	hw.scan_holes_until = ~0ull;
	/* an empty 39-bit space: one run to its end */
	r = fake_phys_walk(&hw, fp, 0);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.hole_size, 1ull << 39);
	/* a present entry ends the run; an X-only one does not */
	fake_phys_write64(fp, T3 + 8 * 2, T2 | X);
	fake_phys_write64(fp, T3 + 8 * 5, T2 | W);
	r = fake_phys_walk(&hw, fp, 1ull << 30);
	CHECK_EQ_U64(r.block_iova, 1ull << 30);
	CHECK_EQ_U64(r.hole_size, 4ull << 30);
	/* @until bounds it */
	hw.scan_holes_until = (2ull << 30) + 5;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 30).hole_size, 2ull << 30);
	/* without the scan, one entry */
	hw.scan_holes_until = 0;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 30).hole_size, 1ull << 30);
	fake_phys_destroy(fp);
}

/* The IOTLB caches the superpage whole and checks the access against it. */
static void test_iotlb_fill(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = vtd(1, T3);
	struct phys_reader mem = fake_phys_reader(fp);
	struct iotlb_config cfg = {.walk_cache = true};
	struct iotlb *tlb;
	struct xlate_result x;

	fake_phys_add(fp, T3, 0x2000);
	fake_phys_write64(fp, T3, PDE(T2));
	fake_phys_write64(fp, T2 + 8 * 4, 0x80800000ull | PS | R);
	hw.pgsize_bitmap = 0x40201000ul;
	tlb = iotlb_create(&cfg, &hw, &mem);
	x = iotlb_access(tlb, 0x912345, HW_PERM_READ);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, 0x80912345ull);
	CHECK_EQ_U64(x.entry.size, 0x200000);
	x = iotlb_access(tlb, 0x800000, HW_PERM_WRITE);
	CHECK(x.hit);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	iotlb_destroy(tlb);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_five_levels);
	RUN_TEST(test_widths);
	RUN_TEST(test_superpages);
	RUN_TEST(test_reserved);
	RUN_TEST(test_freed_and_unbacked);
	RUN_TEST(test_walk_cache);
	RUN_TEST(test_hole_scan);
	RUN_TEST(test_iotlb_fill);
	return check_summary();
}
