// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V Sv39/Sv48/Sv57 walker tests. Entry offsets are worked out by hand
 * from the privileged specification's VPN split (level i indexes bits
 * 12 + 9i + 8 .. 12 + 9i) and written down as numbers, so that the tests
 * do not share the walker's arithmetic.
 */
#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"
#include "walk_cache_rec.h"

#define V (1ull << 0)
#define R (1ull << 1)
#define W (1ull << 2)
#define X (1ull << 3)
#define U (1ull << 4)
#define G (1ull << 5)
#define A (1ull << 6)
#define D (1ull << 7)
#define PBMT(v) ((uint64_t)(v) << 61)
#define N (1ull << 63)
/* a 4K-aligned PA as a PPN in bits 53:10 */
#define PPN(pa) ((pa) >> 2)
#define PTR(table) (PPN(table) | V)
#define LEAF(pa) (PPN(pa) | D | A | U | W | R | V)

#define RW (HW_PERM_READ | HW_PERM_WRITE)

/* Tables at 0x100000 + k * 0x1000, k = 4 - level for the main chain. */
#define T4 0x100000ull
#define T3 0x101000ull
#define T2 0x102000ull
#define T1 0x103000ull
#define T0 0x104000ull
#define TX 0x105000ull /* a spare table */

/* sign-extended from bit 56; indices 0x1dc / 0x175 / 0x61 / 0x1b2 / 0x143 */
#define HI_IOVA 0xffdcba9876543210ull
#define HI_O4 0xee0
#define HI_O3 0xba8
#define HI_O2 0x308
#define HI_O1 0xd90
#define HI_O0 0xa18

static struct hw_context rv(unsigned int levels, uint64_t root)
{
	return (struct hw_context){
		.fmt = PT_RISCV,
		.riscv = {.root = root, .levels = levels},
	};
}

/* The Sv57 chain T4 -> T0 for HI_IOVA, with @leaf in T0. */
static struct fake_phys *build_chain(uint64_t leaf)
{
	const uint64_t off[] = {HI_O4, HI_O3, HI_O2, HI_O1, HI_O0};
	const uint64_t desc[] = {PTR(T3), PTR(T2), PTR(T1), PTR(T0), leaf};

	return fake_phys_chain(T4, 5, off, desc);
}

static void test_sv57(void)
{
	uint64_t leaf = LEAF(0x8765432000ull) | G;
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = rv(5, T4);
	struct walk_result r = fake_phys_walk(&hw, fp, HI_IOVA);

	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x8765432210ull);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9876543000ull);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.block_pa, 0x8765432000ull);
	CHECK_EQ_U64(r.level, 0);
	CHECK_EQ_U64(r.perm, RW);
	CHECK_EQ_U64(r.pte, leaf);

	/* the leaf alone grants; X-only grants no DMA read or write */
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~W);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_write64(fp, T0 + HI_O0, (leaf & ~(W | R)) | X);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);
	fake_phys_write64(fp, T0 + HI_O0, leaf | X);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, RW);
	/* DMA is a U-mode access: a supervisor page grants nothing */
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~U);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, 0);

	/* not valid at a level: a fault there */
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~V);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	CHECK_EQ_U64(r.block_size, 0x1000);
	CHECK_EQ_U64(r.pte, leaf & ~V);
	fake_phys_write64(fp, T2 + HI_O2, 0);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9840000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	/* the neighbouring root entry is empty */
	r = fake_phys_walk(&hw, fp, HI_IOVA - (1ull << 48));
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 4);
	CHECK_EQ_U64(r.block_iova, 0xffdb000000000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 48);
	fake_phys_destroy(fp);
}

/* Without hardware A/D updates, A clear faults and D clear denies writes. */
static void test_accessed_dirty(void)
{
	uint64_t leaf = LEAF(0x5000ull);
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = rv(5, T4);
	struct walk_result r;

	fake_phys_write64(fp, T0 + HI_O0, leaf & ~A);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~D);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	/* the IOMMU sets them itself: both are as good as set */
	hw.riscv.hw_ad = true;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, RW);
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~(A | D));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, RW);
	/* ...but they never make a read-only page writable */
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~(A | D | W));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).perm, HW_PERM_READ);
	fake_phys_destroy(fp);
}

/* The modes and their sign-extended IOVA spaces. */
static void test_modes(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = rv(3, T2);
	unsigned long reads;
	struct walk_result r;

	fake_phys_add(fp, T2, 0x1000);
	/* Sv39 root entries 0xff and 0x100 map 1G pages */
	fake_phys_write64(fp, T2 + 0x7f8, LEAF(0x40000000ull));
	fake_phys_write64(fp, T2 + 0x800, LEAF(0x80000000ull));
	r = fake_phys_walk(&hw, fp, 0x3fffffffffull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x7fffffffull);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	r = fake_phys_walk(&hw, fp, 0xffffffc000000123ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80000123ull);
	CHECK_EQ_U64(r.block_iova, 0xffffffc000000000ull);
	/* not sign-extended from bit 38: faults without a read */
	reads = fake_phys_reads(fp);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x4000000000ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0xffffffbfffffffffull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 63).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(fake_phys_reads(fp), reads);

	/* Sv48: the same table as the root maps 512G per entry */
	hw.riscv.levels = 4;
	/* entry 0xff: the same, where a 1G PA is no 512G-aligned one */
	r = fake_phys_walk(&hw, fp, 0x7fffffffffffull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	/* a 512G page: entry 0xff, the PA aligned to 512G */
	fake_phys_write64(fp, T2 + 0x7f8, LEAF(0x8000000000ull));
	r = fake_phys_walk(&hw, fp, 0x7fffffffffffull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0xffffffffffull);
	CHECK_EQ_U64(r.block_iova, 0x7f8000000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x800000000000ull).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	/* entry 0x100 holds a 1G-aligned PA: misaligned as a 512G page */
	r = fake_phys_walk(&hw, fp, 0xffff800000000000ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 3);

	/* other modes translate nothing */
	hw.riscv.levels = 2;
	r = fake_phys_walk(&hw, fp, 0x1000);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, -1);
	hw.riscv.levels = 6;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 0x1000).level, -1);
	fake_phys_destroy(fp);
}

static void test_superpages(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = rv(3, T2);
	struct walk_result r;

	fake_phys_add(fp, T2, 0x3000);
	/* a 1G page at root entry 5 */
	fake_phys_write64(fp, T2 + 5 * 8, LEAF(0x1c0000000ull) & ~W);
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x1c0123456ull);
	CHECK_EQ_U64(r.block_iova, 0x140000000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 30);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.perm, HW_PERM_READ);
	/* a 2M page at level-1 entry 3 of the table behind root entry 6 */
	fake_phys_write64(fp, T2 + 6 * 8, PTR(T1));
	fake_phys_write64(fp, T1 + 3 * 8, LEAF(0x80200000ull));
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x80212345ull);
	CHECK_EQ_U64(r.block_iova, 0x180600000ull);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.perm, RW);

	/* misaligned superpages: PPN bits below the page size set */
	fake_phys_write64(fp, T1 + 3 * 8, LEAF(0x80201000ull));
	r = fake_phys_walk(&hw, fp, 0x180612345ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	CHECK_EQ_U64(r.block_size, 1ull << 21);
	fake_phys_write64(fp, T2 + 5 * 8, LEAF(0x1c0200000ull));
	r = fake_phys_walk(&hw, fp, 0x140123456ull);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	fake_phys_destroy(fp);
}

static void test_reserved(void)
{
	uint64_t leaf = LEAF(0x5000ull);
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = rv(5, T4);
	struct walk_result r;
	static const uint64_t bad_pointer_bits[] = {
		A, D, U, N, PBMT(1), PBMT(2), PBMT(3), 1ull << 54, 1ull << 60,
	};

	/* G and the software bits are fine in a pointer */
	fake_phys_write64(fp, T2 + HI_O2, PTR(T1) | G | (3ull << 8));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	for (unsigned int i = 0; i < 9; i++) {
		fake_phys_write64(fp, T2 + HI_O2,
				  PTR(T1) | bad_pointer_bits[i]);
		r = fake_phys_walk(&hw, fp, HI_IOVA);
		CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
		CHECK_EQ_U64(r.level, 2);
	}
	fake_phys_write64(fp, T2 + HI_O2, PTR(T1));

	/* leaves without Svpbmt: PBMT is a reserved field */
	for (unsigned int pbmt = 1; pbmt < 4; pbmt++) {
		fake_phys_write64(fp, T0 + HI_O0, leaf | PBMT(pbmt));
		r = fake_phys_walk(&hw, fp, HI_IOVA);
		CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
		CHECK_EQ_U64(r.level, 0);
	}
	/* with it, 1 (NC) and 2 (IO) are memory types, 3 is reserved */
	hw.riscv.svpbmt = true;
	fake_phys_write64(fp, T0 + HI_O0, leaf | PBMT(1));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.perm, RW);
	fake_phys_write64(fp, T0 + HI_O0, leaf | PBMT(2));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	fake_phys_write64(fp, T0 + HI_O0, leaf | PBMT(3));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_TRANSLATION);
	/* ...and a pointer's PBMT stays reserved */
	fake_phys_write64(fp, T0 + HI_O0, leaf);
	fake_phys_write64(fp, T2 + HI_O2, PTR(T1) | PBMT(1));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	fake_phys_write64(fp, T2 + HI_O2, PTR(T1));
	hw.riscv.svpbmt = false;
	fake_phys_write64(fp, T0 + HI_O0, leaf | (1ull << 57));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_TRANSLATION);
	/* W without R, with or without X */
	fake_phys_write64(fp, T0 + HI_O0, leaf & ~R);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_write64(fp, T0 + HI_O0, (leaf & ~R) | X);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_TRANSLATION);
	/* a pointer where only leaves can be */
	fake_phys_write64(fp, T0 + HI_O0, PTR(TX));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_destroy(fp);
}

static void test_napot(void)
{
	/* a 64K page at PA 0x7650000: PPN[3:0] written as 0b1000 */
	uint64_t napot = LEAF(0x7658000ull) | N;
	struct fake_phys *fp = build_chain(napot);
	struct hw_context hw = rv(5, T4);
	struct walk_result r;

	/* without Svnapot, N is a reserved bit */
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 0);
	hw.riscv.svnapot = true;
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9876540000ull);
	CHECK_EQ_U64(r.block_size, 0x10000);
	CHECK_EQ_U64(r.block_pa, 0x7650000ull);
	CHECK_EQ_U64(r.pa, 0x7653210ull);
	CHECK_EQ_U64(r.level, 0);
	CHECK_EQ_U64(r.perm, RW);
	/* the replica the next 4K selects is the one read */
	fake_phys_write64(fp, T0 + HI_O0 + 8, napot);
	r = fake_phys_walk(&hw, fp, HI_IOVA + 0x1000);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x7654210ull);
	CHECK_EQ_U64(r.block_iova, 0xffdcba9876540000ull);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA + 0x2000).status,
		     XLATE_FAULT_TRANSLATION);
	/* other N encodings are reserved: 0b0100 would be 32K */
	fake_phys_write64(fp, T0 + HI_O0, LEAF(0x7654000ull) | N);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_TRANSLATION);
	fake_phys_write64(fp, T0 + HI_O0, LEAF(0x7650000ull) | N);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_TRANSLATION);
	/* N on a superpage is reserved, even with PPN[3:0] == 0b1000 */
	fake_phys_write64(fp, T1 + HI_O1, LEAF(0x80008000ull) | N);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 1);
	fake_phys_write64(fp, T1 + HI_O1, LEAF(0x80000000ull));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	fake_phys_destroy(fp);
}

static void test_output_size(void)
{
	uint64_t leaf = LEAF(0x5000ull);
	struct fake_phys *fp = build_chain(leaf);
	struct hw_context hw = rv(5, T4);
	struct walk_result r;

	/* 56 bits by default: the PPN field's top bit still fits */
	fake_phys_write64(fp, T0 + HI_O0, leaf | PPN(1ull << 55));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, (1ull << 55) | 0x5210);
	hw.oas = 40;
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 0);
	fake_phys_write64(fp, T0 + HI_O0, leaf | PPN(1ull << 39));
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).pa, 0x8000005210ull);
	fake_phys_write64(fp, T3 + HI_O3, PTR(T2 | (1ull << 40)));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(r.level, 3);
	fake_phys_write64(fp, T3 + HI_O3, PTR(T2));
	/* the root too; its low 12 bits are not address */
	hw.riscv.root = T4 | 0xfff;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status, XLATE_OK);
	hw.riscv.root = 1ull << 40;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_FAULT_ADDRESS_SIZE);
	fake_phys_destroy(fp);
}

static void test_freed_and_unbacked(void)
{
	struct fake_phys *fp = build_chain(LEAF(0x5000ull));
	struct hw_context hw = rv(5, T4);
	struct walk_result r;

	fake_phys_write64(fp, T1 + HI_O1, PTR(0x900000ull));
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(r.level, 0);
	CHECK_EQ_U64(r.pte, 0);
	fake_phys_destroy(fp);

	fp = fake_phys_create();
	fake_phys_add(fp, T4, 0x1000);
	fake_phys_add(fp, T3, 0x1000);
	fake_phys_write64(fp, T4 + HI_O4, PTR(T3));
	fake_phys_free(fp, T3);
	r = fake_phys_walk(&hw, fp, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_WALK_FREED);
	CHECK_EQ_U64(r.level, 3);
	CHECK_EQ_U64(r.block_size, 1ull << 39);
	hw.riscv.root = 0x900000ull;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, HI_IOVA).status,
		     XLATE_WALK_UNBACKED);
	fake_phys_destroy(fp);
}

static void test_walk_cache(void)
{
	struct fake_phys *fp = build_chain(LEAF(0x5000ull));
	struct hw_context hw = rv(5, T4);
	struct phys_reader mem = fake_phys_reader(fp);
	struct walk_cache_rec rec = {.answer = true};
	struct walk_cache_ops wc = walk_cache_rec_ops(&rec);
	const struct walk_cache_entry *e;
	unsigned long reads;
	struct walk_result r;

	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(rec.nr, 4);
	e = walk_cache_rec_at(&rec, 4);
	CHECK(e && e->next_table_pa == T3 && e->span == 1ull << 48 &&
	      e->iova == 0xffdc000000000000ull);
	e = walk_cache_rec_at(&rec, 1);
	CHECK(e && e->next_table_pa == T0 && e->span == 1ull << 21 &&
	      e->iova == 0xffdcba9876400000ull);
	CHECK(walk_cache_rec_at(&rec, 0) == NULL);
	/* resumed from the level-1 pointer: one read */
	reads = fake_phys_reads(fp);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_OK);
	CHECK_EQ_U64(r.pa, 0x5210ull);
	CHECK_EQ_U64(fake_phys_reads(fp) - reads, 1);
	/* a rejected pointer is not cached */
	fake_phys_destroy(fp);
	fp = build_chain(LEAF(0x5000ull));
	mem = fake_phys_reader(fp);
	rec = (struct walk_cache_rec){.answer = true};
	wc = walk_cache_rec_ops(&rec);
	fake_phys_write64(fp, T2 + HI_O2, PTR(T1) | A);
	r = hw_walk(&hw, &mem, &wc, HI_IOVA);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(rec.nr, 2);
	CHECK(walk_cache_rec_at(&rec, 2) == NULL);
	fake_phys_destroy(fp);
}

static void test_hole_scan(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = rv(3, T2);
	struct walk_result r;

	fake_phys_add(fp, T2, 0x1000);
	hw.scan_holes_until = ~0ull;
	/* an empty lower half: the run stops where the upper half starts */
	r = fake_phys_walk(&hw, fp, 0);
	CHECK_EQ_U64(r.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(r.level, 2);
	CHECK_EQ_U64(r.hole_size, 1ull << 38);
	/* the upper half runs to the top of the space */
	r = fake_phys_walk(&hw, fp, 0xffffffc000000000ull);
	CHECK_EQ_U64(r.hole_size, 1ull << 38);
	/* a valid entry ends the run, whatever it holds */
	fake_phys_write64(fp, T2 + 8 * 5, V);
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 30).hole_size, 4ull << 30);
	hw.scan_holes_until = (2ull << 30) + 5;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 30).hole_size, 2ull << 30);
	hw.scan_holes_until = 0;
	CHECK_EQ_U64(fake_phys_walk(&hw, fp, 1ull << 30).hole_size, 1ull << 30);
	fake_phys_destroy(fp);
}

/* A clean page without hardware D updates: reads pass, writes do not. */
static void test_iotlb_clean_page(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct hw_context hw = rv(3, T2);
	struct phys_reader mem = fake_phys_reader(fp);
	struct iotlb_config cfg = {.walk_cache = true};
	struct iotlb *tlb;
	struct xlate_result x;

	fake_phys_add(fp, T2, 0x1000);
	fake_phys_write64(fp, T2, LEAF(0x40000000ull) & ~D);
	hw.pgsize_bitmap = 0x40201000ul;
	tlb = iotlb_create(&cfg, &hw, &mem);
	x = iotlb_access(tlb, 0x123456, HW_PERM_READ);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, 0x40123456ull);
	CHECK_EQ_U64(x.entry.size, 1ull << 30);
	x = iotlb_access(tlb, 0x123456, HW_PERM_WRITE);
	CHECK(x.hit);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	iotlb_destroy(tlb);
	fake_phys_destroy(fp);
}

int main(void)
{
	RUN_TEST(test_sv57);
	RUN_TEST(test_accessed_dirty);
	RUN_TEST(test_modes);
	RUN_TEST(test_superpages);
	RUN_TEST(test_reserved);
	RUN_TEST(test_napot);
	RUN_TEST(test_output_size);
	RUN_TEST(test_freed_and_unbacked);
	RUN_TEST(test_walk_cache);
	RUN_TEST(test_hole_scan);
	RUN_TEST(test_iotlb_clean_page);
	return check_summary();
}
